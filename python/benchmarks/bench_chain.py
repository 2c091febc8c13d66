"""Chains of Python nodes side by side with a plain Python loop and with
Pipecat (make bench-python).

N 640-byte frames through 1 and 10 passthrough Python nodes, our engine
(fusion on, the default, and off) and Pipecat interleaved run by run,
medians. Pipecat runs in its own venv
(build/pipecat-venv, make pipecat-venv); without it its column is skipped.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from pathlib import Path
from typing import Any

import remotemedia as rm
from chains import chain

N = int(os.environ.get("BENCH_CHAIN_N", "100000"))
REPEATS = 5
HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
PIPECAT_PY = ROOT / "build" / "pipecat-venv" / "bin" / "python"
PIPECAT_SCRIPT = ROOT / "benchmarks" / "pipecat" / "chain.py"


@rm.register_node  # by name, so the fusion-off copy built from the manifest finds it
class Pass(rm.Node):
    def process(self, x: Any) -> Any:
        return x


def ours(k: int, frames: list[bytes], fusion: bool = True) -> float:
    pipe = chain(k, Pass, fusion)
    t0 = time.perf_counter()
    out = pipe.run(frames)
    dt = time.perf_counter() - t0
    assert len(out) == len(frames)
    return dt


def plain_loop(k: int, frames: list[bytes]) -> float:
    nodes = [Pass() for _ in range(k)]
    t0 = time.perf_counter()
    out = []
    for x in frames:
        for n in nodes:
            x = n.process(x)
        out.append(x)
    return time.perf_counter() - t0


def pipecat(k: int) -> float | None:
    if not PIPECAT_PY.exists():
        return None
    r = subprocess.run([str(PIPECAT_PY), str(PIPECAT_SCRIPT), str(N), str(k)],
                       capture_output=True, text=True, check=True)
    return float(r.stdout.strip().splitlines()[-1])


def main() -> None:
    frames = [bytes(640) for _ in range(N)]
    times: dict[tuple[str, int], list[float]] = {}
    for _ in range(REPEATS):
        for k in (0, 1, 10):
            times.setdefault(("ours", k), []).append(ours(k, frames))
            if k:
                times.setdefault(("unfused", k), []).append(ours(k, frames, fusion=False))
                times.setdefault(("loop", k), []).append(plain_loop(k, frames))
                pc = pipecat(k)
                if pc is not None:
                    times.setdefault(("pipecat", k), []).append(pc)
    us = {key: statistics.median(v) / N * 1e6 for key, v in times.items()}
    print(f"{N} 640-byte frames, per item (median of {REPEATS}, interleaved), load {os.getloadavg()[0]:.2f}:")
    print(f"  Go-only pipeline (batch in/out)          {us['ours', 0]:7.2f} us")
    for k in (1, 10):
        line = (f"  {k:2d} Python node(s): ours {us['ours', k]:7.2f} us   fusion off {us['unfused', k]:7.2f} us"
                f"   plain loop {us['loop', k]:6.2f} us")
        if ("pipecat", k) in us:
            line += f"   Pipecat {us['pipecat', k]:7.2f} us"
        print(line)
    extra = (us["ours", 10] - us["ours", 1]) / 9
    extra_unfused = (us["unfused", 10] - us["unfused", 1]) / 9
    print(f"  each extra Python node: ours {extra:.2f} us, fusion off {extra_unfused:.2f} us", end="")
    if ("pipecat", 10) in us:
        print(f", Pipecat {(us['pipecat', 10] - us['pipecat', 1]) / 9:.2f} us")
    else:
        print("  (Pipecat not installed: make pipecat-venv)")


if __name__ == "__main__":
    main()
