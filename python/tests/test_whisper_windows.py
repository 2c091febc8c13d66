"""Packing utterances into Whisper windows (stdnodes/whisper_windows), with
a stand-in for the model: which utterance each word goes back to."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import numpy as np

from remotemedia.stdnodes.whisper_windows import GAP_SAMPLES, RATE, WINDOW_SAMPLES, Utterance, Window, transcribe_window


def utterance(seconds: float, start_ms: int) -> Utterance:
    n = int(seconds * RATE)
    return Utterance(np.ones(n, np.float32), {"start_ms": start_ms, "end_ms": start_ms + n * 1000 // RATE})


def word(text: str, start: float, end: float) -> Any:
    return SimpleNamespace(word=text, start=start, end=end)


def segment(*words: Any, no_speech_prob: float = 0.1, avg_logprob: float = -0.2) -> Any:
    return SimpleNamespace(no_speech_prob=no_speech_prob, avg_logprob=avg_logprob, words=list(words))


def test_a_window_holds_utterances_and_gaps_up_to_30_s() -> None:
    w = Window()
    assert w.fits(WINDOW_SAMPLES) and not w.fits(WINDOW_SAMPLES + 1)
    w.add(utterance(10, 0))
    assert w.fits(WINDOW_SAMPLES - 10 * RATE - GAP_SAMPLES)
    assert not w.fits(WINDOW_SAMPLES - 10 * RATE - GAP_SAMPLES + 1)
    assert [u.times["start_ms"] for u in w.take()] == [0] and w.samples == 0 and not w.fits(WINDOW_SAMPLES + 1)


def test_each_word_goes_back_to_the_utterance_it_was_spoken_in() -> None:
    # Two 2 s utterances: the second starts at 2.5 s in the window.
    utterances = [utterance(2, 1000), utterance(2, 9000)]
    heard: list[int] = []

    def transcribe(samples: Any) -> Any:
        heard.append(len(samples))
        return [
            segment(word(" Hello", 0.1, 0.6), word(" there.", 0.7, 2.1)),
            # A segment spanning the gap: its words still split at it.
            segment(word(" Good", 2.3, 2.6), word(" day.", 3.0, 4.4)),
            # Whisper's no-speech rule: both likely no speech and unlikely text.
            segment(word(" .", 4.45, 4.5), no_speech_prob=0.96, avg_logprob=-1.5),
            # Not dropped on the no-speech probability alone.
            segment(word(" Bye.", 4.2, 4.4), no_speech_prob=0.64),
        ]

    out = list(transcribe_window(utterances, transcribe))
    assert heard == [4 * RATE + GAP_SAMPLES]
    assert out == [
        {"text": "Hello there.", "start_ms": 1000, "end_ms": 3000},
        {"text": "Good day. Bye.", "start_ms": 9000, "end_ms": 11000},
    ]


def test_an_utterance_without_words_gives_no_output() -> None:
    utterances = [utterance(1, 0), utterance(1, 5000)]
    out = list(transcribe_window(utterances, lambda s: [segment(word(" Yes.", 1.6, 2.0))]))
    assert out == [{"text": "Yes.", "start_ms": 5000, "end_ms": 6000}]
