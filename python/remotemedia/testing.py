"""Test helpers for node authors.

>>> import remotemedia as rm
>>> class Words(rm.Node):
...     def process(self, text):
...         yield from text.split()
>>> rm.testing.run_node(Words(), ["a b", "c"])
['a', 'b', 'c']
"""

from __future__ import annotations

from typing import Any, Iterable

from .node import Node

__all__ = ["run_node"]


def run_node(node: Node, inputs: Iterable[Any]) -> list[Any]:
    """Run one node inside the Go executor over ``inputs`` and return its
    outputs (including those of ``flush``), exactly as a pipeline would."""
    from .pipeline import Pipeline

    pipe = Pipeline(f"test {type(node).__name__}")
    pipe.add(node, id="node")
    out = pipe.run(inputs)
    if not isinstance(out, list):  # one node is one sink, so never a dict
        raise TypeError("run_node expects a single-sink pipeline")
    return out
