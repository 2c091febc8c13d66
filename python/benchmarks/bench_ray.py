"""map_pipeline throughput with 1 and 2 actors, and memory per actor
(make bench-ray), on a local Ray cluster of 2 CPUs, offline.

Two CPU-bound workloads over WAV files made here:
1. examples/speech/transcribe.json (resample, mix, Silero VAD, Whisper
   tiny.en) over espeak-ng sentences;
2. a Go-only DSP chain (44.1 kHz stereo -> resample to 16 kHz -> mono ->
   level), single-threaded per frame, over 30 s tones.

Each figure is the median of REPEATS jobs: the steady rate once every
actor is up (actor start and model loads excluded), and the wall time of
the whole job (included). Memory: the largest RSS each actor process
reached, sampled every 50 ms. Figures go in docs/PERFORMANCE.md.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ.setdefault("RAY_AUTH_MODE", "token")
os.environ.setdefault("RAY_AUTH_TOKEN", os.urandom(16).hex())  # no ~/.ray/auth_token written

import numpy as np  # noqa: E402
import psutil  # type: ignore[import-untyped]  # noqa: E402
import ray  # noqa: E402

import remotemedia as rm  # noqa: E402
import remotemedia.ray as rmray  # noqa: E402
from bench_stt import SENTENCES  # noqa: E402  (the same sentences as the STT benchmark)

REPO = Path(__file__).resolve().parents[2]
REPEATS = 3
DSP = {
    "version": "v1",
    "nodes": [
        {"id": "to16k", "node_type": "AudioResampleNode", "params": {"target_rate": 16000}},
        {"id": "mono", "node_type": "AudioMixNode", "params": {"to_channels": 1}},
        {"id": "level", "node_type": "AudioLevelNode", "params": {}},
    ],
    "connections": [{"from": "to16k", "to": "mono"}, {"from": "mono", "to": "level"}],
}


def speech_wavs(d: Path, n: int) -> list[str]:
    paths = []
    for k in range(n):
        p = d / f"s{k}.wav"
        text = " ".join(SENTENCES[(k + j) % len(SENTENCES)] for j in range(3))  # about 9 s of speech
        subprocess.run(["espeak-ng", "-v", "en-us", "-s", "150", "-g", "5", "-w", str(p), text],
                       check=True, capture_output=True)
        paths.append(str(p))
    return paths


def tone_wavs(d: Path, n: int, seconds: float = 30) -> list[str]:
    t = np.arange(int(44100 * seconds)) / 44100
    paths = []
    for k in range(n):
        tone = (0.2 * np.sin(2 * np.pi * (220 + 10 * k) * t)).astype(np.float32)
        p = d / f"t{k}.wav"
        rm.audio.write_wav(p, rm.Audio(np.stack([tone, -tone], axis=1), 44100), format="s16")
        paths.append(str(p))
    return paths


class ActorMemory:
    """Peak RSS per Ray actor process (its title starts ray::MapWorker)."""

    def __init__(self) -> None:
        self.peak: dict[int, int] = {}
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(0.05):
            for p in psutil.Process().children(recursive=True):
                try:
                    if "MapWorker" in " ".join(p.cmdline()):
                        self.peak[p.pid] = max(self.peak.get(p.pid, 0), p.memory_info().rss)
                except psutil.Error:
                    pass

    def __enter__(self) -> ActorMemory:
        self._t.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._stop.set()
        self._t.join()


class Job:
    """One map_pipeline job: wall time, the steady rate once every actor is
    up (files after the first ``concurrency`` over the time after them:
    actor start and model loads excluded), and each actor's peak RSS."""

    def __init__(self, manifest: Any, paths: list[str], concurrency: int) -> None:
        ds = ray.data.from_items([{"path": p} for p in paths])
        arrived, rows = [], []
        with ActorMemory() as mem:
            t0 = time.perf_counter()
            for row in rmray.map_pipeline(ds, manifest, concurrency=concurrency, batch_size=1).iter_rows():
                arrived.append(time.perf_counter() - t0)
                rows.append(row)
        bad = [r for r in rows if r["error"] is not None or not r["output"]]
        assert len(rows) == len(paths) and not bad, bad
        self.wall = arrived[-1]
        self.rate = (len(arrived) - concurrency) / (arrived[-1] - arrived[concurrency - 1])
        self.rss = sorted(mem.peak.values())


def bench(name: str, manifest: Any, paths: list[str]) -> None:
    rate: dict[int, float] = {}
    wall: dict[int, float] = {}
    for concurrency in (1, 2):
        runs = [Job(manifest, paths, concurrency) for _ in range(REPEATS)]
        rate[concurrency] = statistics.median(j.rate for j in runs)
        wall[concurrency] = statistics.median(j.wall for j in runs)
        rss = [m for j in runs for m in j.rss]
        print(f"{name}: concurrency {concurrency}: steady {rate[concurrency]:.2f} files/s "
              f"(runs: {', '.join(f'{j.rate:.2f}' for j in runs)}); whole job {wall[concurrency]:.2f} s for "
              f"{len(paths)} files (runs: {', '.join(f'{j.wall:.2f}' for j in runs)}); actor RSS peak "
              f"{min(rss) / 2**20:.0f}-{max(rss) / 2**20:.0f} MiB", flush=True)
    print(f"{name}: 1 -> 2 actors: steady {rate[2] / rate[1]:.2f}x, whole job {wall[1] / wall[2]:.2f}x", flush=True)


def main() -> None:
    if shutil.which("espeak-ng") is None:
        sys.exit("bench_ray needs espeak-ng (make speech-deps)")
    tmp = Path(tempfile.mkdtemp(prefix="rmbench"))
    rmray.connect(num_cpus=2, _temp_dir=tempfile.mkdtemp(prefix="rmrayb", dir="/tmp"), log_to_driver=False)
    ray.data.DataContext.get_current().enable_progress_bars = False
    try:
        cpus = ray.cluster_resources().get("CPU")  # type: ignore[no-untyped-call]
        print(f"Ray {ray.__version__}, {os.cpu_count()} cores, cluster CPUs {cpus}")
        bench("dsp (Go resample+mix+level, 30 s 44.1 kHz stereo)", DSP, tone_wavs(tmp, 72))
        bench("transcribe.json (espeak, about 9 s each)", str(REPO / "examples/speech/transcribe.json"),
              speech_wavs(tmp, 12))
    finally:
        rmray.shutdown()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
