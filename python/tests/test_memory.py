"""No growth over a million Python-node calls, nor per value sent to Go,
nor while a stream's consumer is slow. The hostile cases run in child
processes under memory and CPU limits (conftest.run_limited)."""

from __future__ import annotations

import gc
import sys

import psutil  # type: ignore[import-untyped]
from conftest import run_limited

import remotemedia as rm
from remotemedia._native import bindings
from remotemedia.exceptions import python_errors


class Drop(rm.Node):
    def process(self, x: int) -> None:
        return None


def test_million_calls_keep_memory_flat() -> None:
    pipe = rm.Pipeline()
    node = Drop()
    pipe.add(node, id="drop")
    proc = psutil.Process()

    def run(n: int) -> None:
        for _ in pipe.stream(range(n)):
            pass

    run(100_000)  # warm up: thread states, caches, allocator arenas
    gc.collect()
    rss0, objs0, refs0 = proc.memory_info().rss, len(gc.get_objects()), sys.getrefcount(node)
    run(1_000_000)
    gc.collect()
    rss1, objs1, refs1 = proc.memory_info().rss, len(gc.get_objects()), sys.getrefcount(node)
    assert pipe.metrics()[0]["items_in"] == 1_000_000
    assert rss1 - rss0 < 32 * 2**20, f"RSS grew {(rss1 - rss0) / 2**20:.1f} MiB"
    assert abs(objs1 - objs0) < 1000, (objs0, objs1)
    assert refs1 == refs0
    assert bindings.LentBuffers() == 0
    assert len(python_errors) == 0


# Every kind of value a Python node emits (each goes through its own Emit
# function), and numpy outputs that come back to Python as views (each
# view's end is a ReleaseBuffer call).
_LEAK_CHECK = """
import gc, psutil, numpy as np, remotemedia as rm
VALUES = [7, 2**70, 1.5, "text", True, None, {"a": [1, "b"]}, [1, 2], b"xy", np.arange(3)]
class Fan(rm.Node):
    def process(self, n):
        for i in range(n):
            yield VALUES[i % len(VALUES)]
pipe = rm.Pipeline()
pipe.add(Fan(), id="fan")
def run(n):
    for _ in pipe.stream([100_000] * (n // 100_000)):
        pass
run(300_000)  # warm up: thread states, caches, allocator arenas
gc.collect()
rss0 = psutil.Process().memory_info().rss
run(N)
gc.collect()
print(psutil.Process().memory_info().rss - rss0)
"""


def test_values_sent_to_go_leak_no_native_memory() -> None:
    # gopy leaked a C string (32 bytes) per call of an error-only function:
    # 1M values grew RSS by 32 MiB.
    n = 1_000_000
    out = run_limited(f"N = {n}\n" + _LEAK_CHECK, timeout=120)
    assert out.returncode == 0, out.stderr
    growth = int(out.stdout)
    assert growth < 8 * 2**20, f"RSS grew {growth / 2**20:.1f} MiB over {n} values ({growth / n:.1f} B each)"


_SLOW_CONSUMER = """
import time, psutil, remotemedia as rm
class Endless(rm.Node):
    def process(self, x):
        for _ in range(10**9):
            yield b"x" * 4096
pipe = rm.Pipeline()
pipe.add(Endless(), id="endless")
outputs = pipe.stream([0])
next(outputs)
rss0 = psutil.Process().memory_info().rss
time.sleep(1.5)  # a consumer that does not take outputs
for _ in range(1000):  # nor takes them faster than they come
    next(outputs)
time.sleep(0.5)
print(psutil.Process().memory_info().rss - rss0)
outputs.close()
"""


def test_slow_stream_consumer_keeps_memory_flat() -> None:
    # Outputs used to queue without bound: 250 MB/s.
    out = run_limited(_SLOW_CONSUMER, timeout=60)
    assert out.returncode == 0, out.stderr
    growth = int(out.stdout)
    assert growth < 32 * 2**20, f"RSS grew {growth / 2**20:.1f} MiB while the consumer was slow"
