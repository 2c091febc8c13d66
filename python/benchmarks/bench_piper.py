"""PiperTTSNode's synthesis speed (make bench-piper), offline: seconds of
speech per second of synthesis for six sentences of 3-5 s, median of
several runs, after the voice has loaded once. Figures go in
docs/PERFORMANCE.md."""

from __future__ import annotations

import os
import statistics
import time

os.environ["HF_HUB_OFFLINE"] = "1"

import remotemedia as rm  # noqa: E402
from bench_stt import SENTENCES  # noqa: E402  (the same sentences as the STT benchmark)

REPEATS = 5


def main() -> None:
    tts = rm.nodes.PiperTTSNode()
    t0 = time.perf_counter()
    tts.initialize()
    print(f"voice load: {time.perf_counter() - t0:.2f} s")
    factors, per_sentence = [], []
    for _ in range(REPEATS):
        for text in SENTENCES:
            t0 = time.perf_counter()
            (audio,) = list(tts.process(text))
            took = time.perf_counter() - t0
            factors.append(audio.duration / took)
            per_sentence.append(took)
    print(f"{len(SENTENCES)} sentences x {REPEATS}: synthesis p50 {statistics.median(per_sentence):.3f} s per sentence, "
          f"{statistics.median(factors):.1f}x real time (min {min(factors):.1f}x, max {max(factors):.1f}x)")


if __name__ == "__main__":
    main()
