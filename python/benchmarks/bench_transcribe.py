"""The transcription example against the script a user would write instead
(make bench-transcribe), offline.

A synthesised meeting of about 60 s (examples/audio/make_speech_wav.sh: the
meeting's four sentences three times, 1 s apart, 48 kHz stereo) is
transcribed, taking turns, by

1. ``remotemedia run examples/speech/transcribe.json --input-wav`` (the pip CLI), and
2. ``WhisperModel(...).transcribe(path, vad_filter=True)`` in a fresh Python,
   with the same model, compute type (int8) and beam size (5),

each a whole process: start, model load and transcription. Prints the
median wall time of each, their ratio and each one's word error rate; figures go in
docs/PERFORMANCE.md. The CLI run is a batch (no --realtime), so WhisperSTTNode
shares 30 s windows between utterances (docs/SPEECH.md, "Batch and live runs").
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ["HF_HUB_OFFLINE"] = "1"

from remotemedia.stdnodes.whisper_stt import default_model_dir  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "python" / "tests"))
from speech_helpers import synthesise, wer  # noqa: E402

MEETING = [
    "Good morning everyone, thank you for joining the weekly planning meeting.",
    "The new website will be ready for testing next Monday.",
    "Please send me your questions about the budget before Friday.",
    "We will meet again at the same time next week.",
]
REPEATS = 5
PLAIN = """
import json, sys
from faster_whisper import WhisperModel
model = WhisperModel(sys.argv[1], device="cpu", compute_type="int8", local_files_only=True)
segments, _ = model.transcribe(sys.argv[2], beam_size=5, vad_filter=True)
print(json.dumps([s.text for s in segments]))
"""


def ours(wav: Path) -> list[str]:
    cli = Path(sys.executable).with_name("remotemedia")
    out = subprocess.run([str(cli), "run", str(REPO / "examples" / "speech" / "transcribe.json"), "--input-wav",
                          str(wav)], capture_output=True, text=True, check=True)
    return [t["text"] for t in json.loads(out.stdout)]


def plain(wav: Path) -> list[str]:
    out = subprocess.run([sys.executable, "-c", PLAIN, str(default_model_dir()), str(wav)], capture_output=True,
                         text=True, check=True)
    texts: list[str] = json.loads(out.stdout)
    return texts


def main() -> None:
    with tempfile.TemporaryDirectory() as d:
        wav = Path(d) / "meeting60.wav"
        truth = synthesise("examples/audio/make_speech_wav.sh", wav, "1.0", *MEETING * 3, word_gap=5)
        seconds = truth[-1].end_ms / 1000 + 0.5
        print(f"{len(truth)} sentences, {seconds:.1f} s")
        reference = " ".join(t.text for t in truth)
        times: dict[str, list[float]] = {"remotemedia run transcribe.json": [], "plain faster-whisper script": []}
        for _ in range(REPEATS):
            for runs, fn in zip(times.values(), (ours, plain), strict=True):
                t0 = time.perf_counter()
                fn(wav)
                runs.append(time.perf_counter() - t0)
        for name, runs in times.items():
            p50 = statistics.median(runs)
            print(f"{name}: p50 {p50:.2f} s wall ({min(runs):.2f}-{max(runs):.2f}), {seconds / p50:.0f}x real time")
        ours_p50, plain_p50 = (statistics.median(runs) for runs in times.values())
        print(f"ours / plain: {ours_p50 / plain_p50:.2f}")
        for name, fn in (("remotemedia", ours), ("plain", plain)):
            texts = fn(wav)
            print(f"{name}: {len(texts)} transcripts, WER {wer([reference], [' '.join(texts)]):.3f}")


if __name__ == "__main__":
    main()
