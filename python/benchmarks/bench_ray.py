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
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from typing import Any
from unittest import mock

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ.setdefault("RAY_AUTH_MODE", "token")
os.environ.setdefault("RAY_AUTH_TOKEN", os.urandom(16).hex())  # no ~/.ray/auth_token written

import numpy as np  # noqa: E402
import psutil  # type: ignore[import-untyped]  # noqa: E402
import ray  # noqa: E402

import remotemedia as rm  # noqa: E402
import remotemedia.ray as rmray  # noqa: E402
from remotemedia.ray._dataset import _Source, run_row  # noqa: E402  (the actors' own pipeline and row runner)
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


class Processes:
    """While a job runs: peak RSS per Ray actor process (its title starts
    ray::MapWorker), and the CPU time of the actors, the driver (this
    process) and the rest of Ray (GCS, raylet, agents, idle workers), to
    show how much of the 2 cores the actors get."""

    def __init__(self) -> None:
        self.peak: dict[int, int] = {}
        self._first: dict[int, float] = {}  # CPU seconds when first seen (0 for processes started during the job)
        self._last: dict[int, tuple[str, float]] = {}
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)
        self._sample(first=True)

    def _sample(self, first: bool = False) -> None:
        for p in [psutil.Process(), *psutil.Process().children(recursive=True)]:
            try:
                with p.oneshot():
                    t = p.cpu_times()
                    busy = t.user + t.system
                    kind = ("driver" if p.pid == os.getpid()
                            else "actors" if "MapWorker" in " ".join(p.cmdline()) else "ray")
                    if kind == "actors":
                        self.peak[p.pid] = max(self.peak.get(p.pid, 0), p.memory_info().rss)
            except psutil.Error:
                continue
            self._first.setdefault(p.pid, busy if first else 0.0)
            self._last[p.pid] = (kind, busy)

    def _run(self) -> None:
        while not self._stop.wait(0.05):
            self._sample()

    def cpu_seconds(self) -> dict[str, float]:
        out = {"actors": 0.0, "driver": 0.0, "ray": 0.0}
        for pid, (kind, busy) in self._last.items():
            out[kind] += busy - self._first[pid]
        return out

    def __enter__(self) -> Processes:
        self._t.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._stop.set()
        self._t.join()
        self._sample()


class Job:
    """One map_pipeline job: wall time, the steady rate once every actor is
    up (the files after each actor's first batch, over the time after
    them: actor start and model loads excluded), each actor's peak RSS,
    and the cores each group of processes used on average over the job."""

    def __init__(self, manifest: Any, paths: list[str], concurrency: int, batch_size: int) -> None:
        ds = ray.data.from_items([{"path": p} for p in paths])
        arrived, rows = [], []
        with Processes() as procs:
            t0 = time.perf_counter()
            for row in rmray.map_pipeline(ds, manifest, concurrency=concurrency, batch_size=batch_size).iter_rows():
                arrived.append(time.perf_counter() - t0)
                rows.append(row)
        bad = [r for r in rows if r["error"] is not None or not r["output"]]
        assert len(rows) == len(paths) and not bad, bad
        self.wall = arrived[-1]
        first = concurrency * batch_size  # each actor's first batch: it may have started late
        self.rate = (len(arrived) - first) / (arrived[-1] - arrived[first - 1])
        self.rss = sorted(procs.peak.values())
        self.cores = {k: v / self.wall for k, v in procs.cpu_seconds().items()}


_plain_pipe: Any = None


def _plain_init(manifest: Any) -> None:
    global _plain_pipe
    _plain_pipe = _Source.read(manifest, ()).pipeline()


def _plain_run(path: str) -> int:
    return len(run_row(_plain_pipe, path, "path"))


def plain_rate(manifest: Any, paths: list[str], workers: int) -> float:
    """The same steady rate without Ray: ``workers`` plain processes, each
    with the pipeline compiled once and pinned to one CPU as the actors are
    (GOMAXPROCS, OMP_NUM_THREADS). Its 1 -> 2 ratio is what the machine
    itself gives, the ceiling the Ray figure is measured against."""
    # Spawned children start with this environment; patch.dict restores it.
    with mock.patch.dict(os.environ, {"GOMAXPROCS": "1", "OMP_NUM_THREADS": "1"}), \
            ProcessPoolExecutor(workers, get_context("spawn"), _plain_init, (manifest,)) as pool:
        list(pool.map(_plain_run, paths[:workers]))  # warm: every worker has compiled and loaded its models
        t0 = time.perf_counter()
        for n in pool.map(_plain_run, paths):
            assert n > 0
        return len(paths) / (time.perf_counter() - t0)


def bench(name: str, manifest: Any, paths: list[str], batch_sizes: tuple[int, ...]) -> None:
    for batch_size in batch_sizes:
        rate: dict[int, float] = {}
        wall: dict[int, float] = {}
        for concurrency in (1, 2):
            runs = [Job(manifest, paths, concurrency, batch_size) for _ in range(REPEATS)]
            rate[concurrency] = statistics.median(j.rate for j in runs)
            wall[concurrency] = statistics.median(j.wall for j in runs)
            rss = [m for j in runs for m in j.rss]
            print(f"{name}: batch_size {batch_size}, concurrency {concurrency}: steady {rate[concurrency]:.2f} "
                  f"files/s (runs: {', '.join(f'{j.rate:.2f}' for j in runs)}); whole job {wall[concurrency]:.2f} s "
                  f"for {len(paths)} files (runs: {', '.join(f'{j.wall:.2f}' for j in runs)}); actor RSS peak "
                  f"{min(rss) / 2**20:.0f}-{max(rss) / 2**20:.0f} MiB; cores used (median): "
                  + ", ".join(f"{k} {statistics.median(j.cores[k] for j in runs):.2f}" for k in runs[0].cores),
                  flush=True)
        print(f"{name}: batch_size {batch_size}, 1 -> 2 actors: steady {rate[2] / rate[1]:.2f}x, "
              f"whole job {wall[1] / wall[2]:.2f}x", flush=True)
    plain = {w: statistics.median(plain_rate(manifest, paths, w) for _ in range(REPEATS)) for w in (1, 2)}
    print(f"{name}: without Ray, 1 and 2 plain processes: {plain[1]:.2f} and {plain[2]:.2f} files/s, "
          f"{plain[2] / plain[1]:.2f}x", flush=True)


def main() -> None:
    if shutil.which("espeak-ng") is None:
        sys.exit("bench_ray needs espeak-ng (make speech-deps)")
    tmp = Path(tempfile.mkdtemp(prefix="rmbench"))
    rmray.connect(num_cpus=2, _temp_dir=tempfile.mkdtemp(prefix="rmrayb", dir="/tmp"), log_to_driver=False)
    ray.data.DataContext.get_current().enable_progress_bars = False
    try:
        cpus = ray.cluster_resources().get("CPU")  # type: ignore[no-untyped-call]
        print(f"Ray {ray.__version__}, {os.cpu_count()} cores, cluster CPUs {cpus}")
        # batch_size 1 is one Ray task per file; 8 is map_pipeline's default.
        bench("dsp (Go resample+mix+level, 30 s 44.1 kHz stereo)", DSP, tone_wavs(tmp, 144), (1, 8))
        bench("transcribe.json (espeak, about 9 s each)", str(REPO / "examples/speech/transcribe.json"),
              speech_wavs(tmp, 24), (1, 4))
    finally:
        rmray.shutdown()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
