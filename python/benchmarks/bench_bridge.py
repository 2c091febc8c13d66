"""Benchmarks of the Python bridge (make bench-python).

1. Per-item cost of a Python node inside the Go executor, next to a plain
   Python loop calling the same ``process``; and of chains of 1 and 10
   Python nodes, sharing one worker (the default) and with a worker each.
2. A float32 array of 1 to 64 MiB through Python -> Go -> Python node ->
   Go -> Python: time must stay flat in size (no copy), for arrays in Go
   memory (``rm.empty``); a plain numpy input (``np.ones``) pays one copy on
   the way in, shown next to a numpy copy of the same array.

Prints medians of several repetitions; figures go in docs/PERFORMANCE.md.
"""

from __future__ import annotations

import statistics
import time
from typing import Any, Callable

import numpy as np

import remotemedia as rm
from chains import chain

N = 200_000
REPEATS = 5


@rm.register_node
class Inc(rm.Node):
    def process(self, x: int) -> int:
        return x + 1


class Identity(rm.Node):
    def process(self, x: Any) -> Any:
        return x


def median_time(fn: Callable[[], Any], repeats: int = REPEATS) -> float:
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def python_chains() -> None:
    """1 and 10 Python nodes in a row, sharing a worker (the default) and
    each on its own (fusion off), runs interleaved so load hits all alike."""
    inputs = list(range(N // 4))
    n = len(inputs)
    cases = {
        (k, mode): chain(k, Inc, fusion=mode == "shared") for k in (1, 10) for mode in ("shared", "own")
    }
    times: dict[tuple[int, str], list[float]] = {c: [] for c in cases}
    for _ in range(REPEATS):
        for c, pipe in cases.items():
            t0 = time.perf_counter()
            pipe.run(inputs)
            times[c].append(time.perf_counter() - t0)
    med = {c: statistics.median(t) / n for c, t in times.items()}
    print(f"Python nodes in a row, {n} small items (median of {REPEATS}, interleaved):")
    for mode, label in (("shared", "one worker (default)"), ("own", "a worker each (fusion off)")):
        per_node = (med[(10, mode)] - med[(1, mode)]) / 9
        print(f"  {label:27} 1 node {med[(1, mode)] * 1e6:6.2f} us, 10 nodes {med[(10, mode)] * 1e6:6.2f} us"
              f" per item: {per_node * 1e6:5.2f} us per added node")


def per_item() -> None:
    inputs = list(range(N))
    node = Inc()
    probe = rm.Pipeline()
    probe.add(rm.nodes.PassThrough(), id="src")
    probe.add(Inc(), id="py", after="src")
    probe.run(inputs)
    (m,) = [r for r in probe.metrics() if r["id"] == "py"]

    def loop() -> None:
        out = []
        for x in inputs:
            out.append(node.process(x))

    py_loop = median_time(loop) / N
    go_only = median_time(lambda: chain(0, Inc).run(inputs)) / N
    one = median_time(lambda: chain(1, Inc).run(inputs)) / N
    two = median_time(lambda: chain(2, Inc).run(inputs)) / N
    print(f"per item, {N} small items (median of {REPEATS}):")
    print(f"  plain Python loop calling process       {py_loop * 1e6:7.2f} us")
    print(f"  Go-only pipeline (batch in/out)         {go_only * 1e6:7.2f} us")
    print(f"  + 1 Python node                         {one * 1e6:7.2f} us")
    print(f"  + 2 Python nodes                        {two * 1e6:7.2f} us")
    print(f"  cost of one Python node in the executor {(two - one) * 1e6:7.2f} us  (2 nodes - 1 node)")
    print(f"  overhead over the plain loop            {(two - one - py_loop) * 1e6:7.2f} us")
    print(f"  inside the executor: Process p50 {m['p50_ns'] / 1e3:.2f} us, mean {m['busy_ns'] / N / 1e3:.2f} us"
          " (bridge call + process + emit)")


def go_only_by_type() -> None:
    """The Go-only batch run over 200,000 items of each plain type: the
    cost of crossing the bridge in and out (issue 15's ≤ 0.5 µs)."""
    cases: dict[str, list[Any]] = {
        "int": list(range(N)),
        "float": [i + 0.5 for i in range(N)],
        "str": [f"item {i}" for i in range(N)],
        "dict": [{"i": i, "name": "x"} for i in range(N)],
    }
    print(f"Go-only pipeline (batch in/out) by input type, {N} items (median of {REPEATS}):")
    for name, inputs in cases.items():
        per = median_time(lambda: chain(0, Inc).run(inputs)) / N
        print(f"  {name:5} {per * 1e6:7.2f} us")


def big_arrays() -> None:
    pipe = rm.Pipeline()
    pipe.add(Identity(), id="identity")
    print(f"float32 array, Python -> Go -> Python node -> Go -> Python (median of {REPEATS} after the first run):")
    for mib in (1, 8, 64):
        n = mib * 2**20 // 4

        in_go = rm.empty(n, dtype="float32")
        in_go[:] = 1.0
        in_numpy = np.ones(n, dtype=np.float32)

        def go_memory() -> None:
            out = pipe.run([in_go])
            assert out[0].shape == (n,)

        def numpy_memory() -> None:
            out = pipe.run([in_numpy])
            assert out[0].shape == (n,)

        # The first run of a size grows Go's heap: the copy then writes
        # pages the kernel has to fault in, later runs reuse them.
        first = median_time(numpy_memory, repeats=1)
        go_memory()
        copy_only = median_time(lambda: in_numpy.copy())
        print(
            f"  {mib:3d} MiB  rm.empty input {median_time(go_memory) * 1e3:8.3f} ms"
            f"   np.ones input (one copy in) {median_time(numpy_memory) * 1e3:8.3f} ms, first run {first * 1e3:7.1f} ms"
            f"   (a numpy copy alone {copy_only * 1e3:7.3f} ms)"
        )


def import_and_first_run() -> None:
    import subprocess
    import sys

    code = (
        "import time; t = time.perf_counter()\n"
        "import remotemedia as rm\n"
        "m = {'version': 'v1', 'nodes': [{'id': 'm', 'node_type': 'MultiplyNode', 'params': {'multiplier': 2}}]}\n"
        "assert rm.Pipeline.from_manifest(m).run([1, 2]) == [2, 4]\n"
        "print(time.perf_counter() - t)\n"
    )
    times = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
             for _ in range(5)]
    print(f"import remotemedia + first run of a small pipeline: {statistics.median(times) * 1e3:.1f} ms (median of 5)")


if __name__ == "__main__":
    per_item()
    go_only_by_type()
    python_chains()
    big_arrays()
    import_and_first_run()
