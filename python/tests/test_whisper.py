"""WhisperSTTNode on espeak-ng speech, offline (speech_helpers sets
HF_HUB_OFFLINE=1; test_offline_in_a_network_namespace runs with no network
at all)."""

from __future__ import annotations

import importlib
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from speech_helpers import SENTENCES, require_stt, speak, wer, words

import remotemedia as rm
from remotemedia.stdnodes import whisper_stt
from remotemedia.testing import run_node

MAX_WER = 0.2
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def stt() -> rm.nodes.WhisperSTTNode:
    """One node for the module: its model loads once, on its first run."""
    require_stt()
    return rm.nodes.WhisperSTTNode()


def test_wer_counts_word_edits_ignoring_case_and_punctuation() -> None:
    assert words("Hello, World! It's me.") == ["hello", "world", "it's", "me"]
    assert wer(["the cat sat"], ["The cat, sat."]) == 0
    assert wer(["the cat sat", "a dog"], ["the bat sat down", "dog"]) == 3 / 5  # sub + ins, del


def test_transcribes_sentences_with_low_word_error_rate(stt: rm.nodes.WhisperSTTNode) -> None:
    # Six utterances of one stream, 10 s apart, as a VAD would cut them.
    utterances = [speak(s, timestamp=10.0 * i) for i, s in enumerate(SENTENCES)]
    out = run_node(stt, utterances)
    assert len(out) == len(SENTENCES), out
    rate = wer(SENTENCES, [o["text"] for o in out])
    print(f"WER {rate:.3f} over {len(SENTENCES)} sentences: {[o['text'] for o in out]}")
    assert rate <= MAX_WER, out
    for o, u in zip(out, utterances, strict=True):
        assert o["start_ms"] == round(u.timestamp * 1000)
        assert o["end_ms"] == round((u.timestamp + u.duration) * 1000)


@pytest.mark.parametrize("mode", ["batch", "live"])
def test_a_batch_run_transcribes_utterances_together_a_live_run_one_by_one(
    stt: rm.nodes.WhisperSTTNode, monkeypatch: pytest.MonkeyPatch, mode: str
) -> None:
    # Six short utterances fit one 30 s window: one encoder pass in a batch,
    # at least one per utterance live.
    utterances = [speak(s, timestamp=10.0 * i) for i, s in enumerate(SENTENCES)]
    stt.initialize()  # loads the model, whose encoder passes are counted
    passes: list[int] = []
    real = stt._model.encode

    def counting(features: Any, **kwargs: Any) -> Any:
        passes.append(1)
        return real(features, **kwargs)

    monkeypatch.setattr(stt._model, "encode", counting)
    pipe = rm.Pipeline()
    pipe.add(stt)
    out = pipe.run(utterances) if mode == "batch" else list(pipe.stream(utterances))
    if mode == "batch":
        assert len(passes) == 1
    else:
        assert len(passes) >= len(SENTENCES)
    assert [(o["start_ms"], o["end_ms"]) for o in out] == [
        (round(u.timestamp * 1000), round((u.timestamp + u.duration) * 1000)) for u in utterances
    ]
    assert wer(SENTENCES, [o["text"] for o in out]) <= MAX_WER, out


def test_times_come_from_the_frames_meta_when_it_has_them(stt: rm.nodes.WhisperSTTNode) -> None:
    # A turn joined from two utterances 4 s apart: its samples leave out the
    # pause, so only the metadata knows where it ends.
    hello = speak("Hello there.", timestamp=2.0)
    turn = rm.Audio(hello.samples, 16000, timestamp=2.0, meta={"start_ms": 2010, "end_ms": 7500})
    (out,) = run_node(stt, [turn])
    assert (out["start_ms"], out["end_ms"]) == (2010, 7500)
    half = rm.Audio(hello.samples, 16000, timestamp=2.0, meta={"start_ms": 2010.4})
    (out,) = run_node(stt, [half])
    assert (out["start_ms"], out["end_ms"]) == (2010, round((2.0 + hello.duration) * 1000))
    bad = rm.Audio(hello.samples, 16000, meta={"start_ms": "soon"})
    with pytest.raises(rm.NodeError, match="meta 'start_ms' must be a number of milliseconds, got 'soon'"):
        run_node(stt, [bad])


def test_model_loads_once_per_node_instance(monkeypatch: pytest.MonkeyPatch) -> None:
    require_stt()
    faster_whisper = importlib.import_module("faster_whisper")  # untyped

    loads: list[str] = []
    real = faster_whisper.WhisperModel

    def counting(path: str, **kwargs: Any) -> Any:
        loads.append(path)
        return real(path, **kwargs)

    monkeypatch.setattr(faster_whisper, "WhisperModel", counting)
    node = rm.nodes.WhisperSTTNode(beam_size=1)
    hello = speak("Hello there.")
    for _ in range(2):  # two runs of two utterances each
        assert [words(o["text"]) for o in run_node(node, [hello, hello])] == [["hello", "there"]] * 2
    assert len(loads) == 1
    run_node(rm.nodes.WhisperSTTNode(beam_size=1), [hello])
    assert len(loads) == 2  # another instance has its own model


@pytest.mark.parametrize("model", ["tiny.en", "openai/whisper-tiny.en", "/nonexistent/whisper"])
def test_a_model_that_is_not_a_local_directory_is_a_clear_error(model: str) -> None:
    require_stt()
    with pytest.raises(ValueError, match="is not a local CTranslate2 Whisper directory.*never downloads"):
        rm.nodes.WhisperSTTNode(model=model)
    # From a manifest, Python nodes are built when the run starts, before any input.
    manifest = {"version": "v1", "nodes": [{"id": "stt", "node_type": "WhisperSTTNode", "params": {"model": model}}]}
    with pytest.raises(rm.ManifestError, match=r"node\[stt\] new: ValueError: .*never downloads"):
        rm.Pipeline.from_manifest(manifest).run([])


@pytest.mark.parametrize(
    ("params", "match"),
    [({"compute_type": "int4"}, "compute_type must be one of .*int8"), ({"beam_size": 0}, "beam_size must be a positive")],
)
def test_bad_params_are_errors_when_the_node_is_built(params: dict[str, Any], match: str) -> None:
    require_stt()
    with pytest.raises(ValueError, match=match):
        rm.nodes.WhisperSTTNode(**params)


def test_any_local_ctranslate2_directory_is_a_model(stt: rm.nodes.WhisperSTTNode, tmp_path: Path) -> None:
    copy = tmp_path / "tiny"
    copy.mkdir()
    for f in whisper_stt.default_model_dir().iterdir():
        (copy / f.name).symlink_to(f)
    (out,) = run_node(rm.nodes.WhisperSTTNode(model=str(copy), beam_size=1), [speak("Good morning.")])
    assert words(out["text"]) == ["good", "morning"]


def test_a_truncated_model_is_an_error_not_a_crash(tmp_path: Path) -> None:
    require_stt()
    for f in whisper_stt.default_model_dir().iterdir():
        if f.name == "model.bin":
            (tmp_path / f.name).write_bytes(f.read_bytes()[:1_000_000])
        else:
            (tmp_path / f.name).symlink_to(f)
    with pytest.raises(rm.NodeError, match=r"node\[node\] init: RuntimeError"):
        run_node(rm.nodes.WhisperSTTNode(model=str(tmp_path)), [])


def test_the_default_model_is_checked_against_its_pinned_hash(monkeypatch: pytest.MonkeyPatch) -> None:
    require_stt()
    monkeypatch.setattr(whisper_stt, "DEFAULT_MODEL_SHA256", "0" * 64)
    with pytest.raises(rm.NodeError, match="does not match the pinned sha256: reinstall it"):
        run_node(rm.nodes.WhisperSTTNode(), [])


@pytest.mark.parametrize(
    ("rate", "channels", "fix"),
    [(48000, 1, r"AudioResampleNode \{\"target_rate\": 16000\}"), (16000, 2, r"AudioMixNode \{\"to_channels\": 1\}")],
)
def test_wrong_format_names_the_node_and_the_fix(
    stt: rm.nodes.WhisperSTTNode, rate: int, channels: int, fix: str
) -> None:
    audio = rm.Audio(np.full(rate * channels, 0.1, np.float32), sample_rate=rate, channels=channels)
    with pytest.raises(rm.NodeError, match=f"WhisperSTTNode needs mono audio at 16000 Hz.*{fix}"):
        run_node(stt, [audio])


def test_text_input_is_a_clear_error(stt: rm.nodes.WhisperSTTNode) -> None:
    with pytest.raises(rm.NodeError, match=r"WhisperSTTNode needs audio frames \(rm.Audio\), got str"):
        run_node(stt, ["hello"])


def test_silence_noise_and_empty_audio_give_no_output(stt: rm.nodes.WhisperSTTNode) -> None:
    noise = np.random.default_rng(1).standard_normal(32000).astype(np.float32) * 0.01  # -40 dBFS
    inputs = [rm.Audio(np.zeros(32000, np.float32), 16000), rm.Audio(noise, 16000), rm.Audio(np.zeros(0), 16000)]
    assert run_node(stt, inputs) == []


def test_missing_faster_whisper_fails_when_the_node_is_built(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "faster_whisper" else real(name, *a))
    with pytest.raises(ModuleNotFoundError, match=r'needs the faster_whisper package: pip install "remotemedia\[speech\]"'):
        rm.nodes.WhisperSTTNode()
    manifest = {"version": "v1", "nodes": [{"id": "stt", "node_type": "WhisperSTTNode"}]}
    with pytest.raises(rm.ManifestError) as err:
        rm.Pipeline.from_manifest(manifest).run([])  # fails before any input
    assert isinstance(err.value.__cause__, ModuleNotFoundError)
    assert 'pip install "remotemedia[speech]"' in str(err.value)


def test_the_transcribe_example_resamples_and_mixes_down_first() -> None:
    require_stt()
    spec = importlib.util.spec_from_file_location("transcribe_wav", REPO / "examples" / "python" / "transcribe_wav.py")
    assert spec is not None and spec.loader is not None
    example = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(example)
    mono = speak(" ".join(SENTENCES[:2]), rate=48000)
    stereo = rm.Audio(np.stack([mono.samples, 0.5 * mono.samples], axis=1), sample_rate=48000)
    out = example.transcribe(stereo)
    assert wer([" ".join(SENTENCES[:2])], [" ".join(o["text"] for o in out)]) <= MAX_WER, out


# Runs in a child process: transcribes one sentence and prints the output.
OFFLINE_SCRIPT = """
import json, sys
import remotemedia as rm
audio = rm.audio.read_wav(sys.argv[1])
print(json.dumps(rm.testing.run_node(rm.nodes.WhisperSTTNode(), [audio])))
"""


def test_offline_in_a_network_namespace(tmp_path: Path) -> None:
    require_stt()
    sentence = SENTENCES[0]
    wav = tmp_path / "s.wav"
    rm.audio.write_wav(wav, speak(sentence), format="f32")
    # As root a plain new network namespace; otherwise one inside a user namespace.
    unshare = ["unshare", "-n"] if os.geteuid() == 0 else ["unshare", "-rn"]
    probe = subprocess.run([*unshare, sys.executable, "-c",
                            "import socket; socket.create_connection(('pypi.org', 443), timeout=3)"],
                           capture_output=True, text=True)
    assert probe.returncode != 0, "the namespace has a network"
    done = subprocess.run([*unshare, sys.executable, "-c", OFFLINE_SCRIPT, str(wav)], capture_output=True, text=True,
                          env={**os.environ, "HF_HUB_OFFLINE": "1"}, cwd="/")
    assert done.returncode == 0, done.stderr
    (out,) = json.loads(done.stdout)
    assert wer([sentence], [out["text"]]) <= MAX_WER, out
