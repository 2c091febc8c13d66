"""Benchmarks of the speech nodes (make bench-stt), offline.

1. EspeakTTSNode: synthesis time per sentence and real-time factor.
2. WhisperSTTNode on those sentences (16 kHz, one utterance each): model
   load, then latency per utterance, next to the plain faster-whisper loop a
   user would write (same model, compute type and beam size).

Prints medians; figures go in docs/SPEECH.md.
"""

from __future__ import annotations

import importlib
import os
import statistics
import time
from typing import Any

os.environ["HF_HUB_OFFLINE"] = "1"

import remotemedia as rm  # noqa: E402
from remotemedia.stdnodes.whisper_stt import default_model_dir  # noqa: E402

SENTENCES = [
    "The quick brown fox jumps over the lazy dog.",
    "Please call me back when you get home tonight.",
    "The weather today is sunny with a light breeze.",
    "We are going to the market to buy fresh bread.",
    "She reads a book in the garden every morning.",
    "Turn left at the next corner and walk straight ahead.",
]
REPEATS = 3


def synthesize() -> list[rm.Audio]:
    pipe = rm.Pipeline()
    tts = pipe.add(rm.nodes.EspeakTTSNode(rate_wpm=150, word_gap=5))
    pipe.add(rm.nodes.AudioResampleNode(target_rate=16000), after=tts)
    t0 = time.perf_counter()
    out: list[rm.Audio] = pipe.run(SENTENCES)
    elapsed = time.perf_counter() - t0
    out = [a for a in out if a.duration > 0.1]  # not the resampler's last few samples, emitted at flush
    seconds = sum(a.duration for a in out)
    print(f"EspeakTTSNode + resample: {elapsed / len(SENTENCES) * 1000:.0f} ms per sentence, "
          f"{seconds / elapsed:.0f}x real time ({seconds:.1f} s of speech)")
    return out


def bench_stt(utterances: list[rm.Audio], beam_size: int) -> None:
    """The node and the plain loop take turns, utterance by utterance, so
    load from other processes hits both alike."""
    node = rm.nodes.WhisperSTTNode(beam_size=beam_size)
    t0 = time.perf_counter()
    node.initialize()
    print(f"WhisperSTTNode model load: {time.perf_counter() - t0:.2f} s")
    fw: Any = importlib.import_module("faster_whisper")
    model = fw.WhisperModel(str(default_model_dir()), device="cpu", compute_type="int8", local_files_only=True)

    def plain(u: rm.Audio) -> str:
        segments, _ = model.transcribe(u.samples, beam_size=beam_size)
        return " ".join(s.text for s in segments)

    ours: list[float] = []
    theirs: list[float] = []
    for _ in range(REPEATS):
        for u in utterances:
            for fn, times in ((node.process, ours), (plain, theirs)):
                t0 = time.perf_counter()
                fn(u)
                times.append(time.perf_counter() - t0)
    report(f"WhisperSTTNode.process, beam {beam_size}", ours, utterances)
    report(f"plain faster-whisper,  beam {beam_size}", theirs, utterances)


def report(name: str, latencies: list[float], utterances: list[rm.Audio]) -> None:
    mean_audio = statistics.mean(u.duration for u in utterances)
    p50 = statistics.median(latencies)
    print(f"{name}: p50 {p50 * 1000:.0f} ms per {mean_audio:.1f} s utterance, "
          f"max {max(latencies) * 1000:.0f} ms, {mean_audio / p50:.1f}x real time")


def main() -> None:
    utterances = synthesize()
    for beam in (5, 1):
        bench_stt(utterances, beam)


if __name__ == "__main__":
    main()
