"""No growth over a million Python-node calls."""

from __future__ import annotations

import gc
import sys

import psutil  # type: ignore[import-untyped]

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
