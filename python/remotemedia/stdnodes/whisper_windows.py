"""Packing utterances into Whisper windows, for WhisperSTTNode in batch runs.

Whisper's encoder always runs on a 30 s window, and faster-whisper pads
every ``transcribe`` call to one, so a call per 4 s utterance pays for 30 s.
In a batch run the node instead joins consecutive utterances, with a short
silence between them, into windows of at most 30 s, transcribes each window
in one decoding pass with word timestamps, and gives each word back to the utterance it was
spoken in. That is as many encoder passes as the plain
``transcribe(path, vad_filter=True)`` script makes, and one transcript per
utterance still.
"""

from __future__ import annotations

from typing import Any, Iterator, NamedTuple

RATE = 16000
WINDOW_SAMPLES = 30 * RATE
# Silence between two utterances in a window: enough for Whisper to hear a
# boundary and for word times (accurate to about 0.1 s) to fall on the right
# side of it.
GAP_SAMPLES = RATE // 2
# faster-whisper's defaults for its no-speech rule.
NO_SPEECH_THRESHOLD = 0.6
LOG_PROB_THRESHOLD = -1.0


class Utterance(NamedTuple):
    samples: Any  # a float32 numpy array the node owns (copied from the frame)
    times: dict[str, int]  # its {"start_ms", "end_ms"} in the stream


class Window:
    """Utterances waiting to be transcribed together, in input order."""

    def __init__(self) -> None:
        self.utterances: list[Utterance] = []
        self.samples = 0

    def fits(self, n: int) -> bool:
        return self.samples + (GAP_SAMPLES if self.utterances else 0) + n <= WINDOW_SAMPLES

    def add(self, u: Utterance) -> None:
        self.samples += (GAP_SAMPLES if self.utterances else 0) + len(u.samples)
        self.utterances.append(u)

    def take(self) -> list[Utterance]:
        taken, self.utterances, self.samples = self.utterances, [], 0
        return taken


def transcribe_window(utterances: list[Utterance], transcribe: Any) -> Iterator[dict[str, Any]]:
    """One ``{"text", "start_ms", "end_ms"}`` per utterance that has words,
    in order. ``transcribe(samples)`` is the model's, returning its segments
    with word timestamps.

    A segment is dropped as no speech by Whisper's own rule, which
    faster-whisper's sequential ``transcribe`` applies but its batched
    pipeline does not: no-speech probability above ``NO_SPEECH_THRESHOLD``
    *and* mean log-probability below ``LOG_PROB_THRESHOLD`` (noise gave
    0.96 and -1.51, as " . ."). The no-speech probability alone is not
    enough: a window holds several utterances, and on one full of speech it
    was 0.64."""
    import numpy as np

    parts: list[Any] = []
    spans: list[tuple[float, float]] = []
    at = 0
    gap = np.zeros(GAP_SAMPLES, np.float32)
    for u in utterances:
        if parts:
            parts.append(gap)
            at += GAP_SAMPLES
        spans.append((at / RATE, (at + len(u.samples)) / RATE))
        parts.append(u.samples)
        at += len(u.samples)
    words: list[list[str]] = [[] for _ in utterances]
    for segment in transcribe(np.concatenate(parts)):
        if segment.no_speech_prob > NO_SPEECH_THRESHOLD and segment.avg_logprob < LOG_PROB_THRESHOLD:
            continue
        for w in segment.words or ():
            words[_nearest(spans, (w.start + w.end) / 2)].append(w.word)
    for u, said in zip(utterances, words, strict=True):
        text = "".join(said).strip()
        if text:
            yield {"text": text, **u.times}


def _nearest(spans: list[tuple[float, float]], t: float) -> int:
    """The index of the span holding ``t``, else of the closest one."""
    return min(range(len(spans)), key=lambda k: max(spans[k][0] - t, t - spans[k][1], 0.0))
