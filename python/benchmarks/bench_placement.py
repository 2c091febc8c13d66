"""Per-frame overhead of a placed segment (make bench-ray): the same
segment of 20 ms audio frames run in process and placed on a Ray actor,
side by side in one run, on a local cluster of 2 CPUs, offline.

The segment is AudioGainNode -> AudioLevelNode on 16 kHz mono frames; the
local part is a PassThrough before it. Overhead per frame is (placed time -
local time) / frames, for batch_frames 32, 128 and 512, median of REPEATS
interleaved rounds (the actor is started before timing). Also the actor's
RSS. Figures go in docs/PERFORMANCE.md.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from typing import Any

os.environ.setdefault("RAY_AUTH_MODE", "token")
os.environ.setdefault("RAY_AUTH_TOKEN", os.urandom(16).hex())  # no ~/.ray/auth_token written

import numpy as np  # noqa: E402
import psutil  # type: ignore[import-untyped]  # noqa: E402

import remotemedia as rm  # noqa: E402
import remotemedia.ray as rmray  # noqa: E402

FRAMES = 20_000  # 400 s of audio
REPEATS = 5


def manifest(placement: dict[str, Any] | None) -> dict[str, Any]:
    pl = {"placement": placement} if placement else {}
    return {"version": "v1", "nodes": [
        {"id": "src", "node_type": "PassThrough"},
        {"id": "gain", "node_type": "AudioGainNode", "params": {"gain_db": -3}, **pl},
        {"id": "level", "node_type": "AudioLevelNode", **pl},
    ], "connections": [{"from": "src", "to": "gain"}, {"from": "gain", "to": "level"}]}


def timed(pipe: rm.Pipeline, frames: list[rm.Audio], streaming: bool) -> float:
    t = time.perf_counter()
    if streaming:
        n = sum(1 for _ in pipe.stream(frames))
    else:
        n = len(pipe.run(frames))
    assert n == len(frames), n
    return time.perf_counter() - t


def main() -> None:
    rng = np.random.default_rng(1)
    audio = rm.Audio(rng.standard_normal(16000 * FRAMES // 50).astype(np.float32) * 0.1, sample_rate=16000)
    frames = list(rm.audio.frames(audio, frame_ms=20))
    rmray.connect(num_cpus=2, _temp_dir=tempfile.mkdtemp(prefix="rmbp", dir="/tmp"), log_to_driver=False)
    try:
        local = rm.Pipeline.from_manifest(manifest(None))
        placed = {bf: rm.Pipeline.from_manifest(manifest({"backend": "ray", "batch_frames": bf}))
                  for bf in (32, 128, 512)}
        for p in (local, *placed.values()):
            timed(p, frames[:500], False)  # warm: actors up, code paths hot
        print(f"{len(frames)} frames of 20 ms, median of {REPEATS} interleaved rounds", flush=True)
        for mode in ("run", "stream"):
            over: dict[int, list[float]] = {bf: [] for bf in placed}
            base: list[float] = []
            for _ in range(REPEATS):
                t_local = timed(local, frames, mode == "stream")
                base.append(t_local)
                for bf, p in placed.items():
                    over[bf].append((timed(p, frames, mode == "stream") - t_local) / len(frames) * 1e6)
            print(f"{mode}: in process {statistics.median(base) / len(frames) * 1e6:.1f} us/frame", flush=True)
            for bf, o in over.items():
                print(f"{mode}: placed, batch_frames {bf}: +{statistics.median(o):.1f} us/frame "
                      f"(range {min(o):.1f} to {max(o):.1f})", flush=True)
        workers = [p for p in psutil.Process().children(recursive=True)
                   if "SegmentHost" in " ".join(p.cmdline())]
        for w in workers:
            print(f"actor {w.pid}: RSS {w.memory_info().rss / 2**20:.0f} MiB")
    finally:
        rmray.shutdown()


if __name__ == "__main__":
    main()
