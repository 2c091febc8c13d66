"""The issue's snippet: a Go node and a Python node in one pipeline, and a
manifest run from Python. Run with `make run-python`."""

from pathlib import Path

import numpy as np

import remotemedia as rm

EXAMPLES = Path(__file__).resolve().parents[1]


class Normalize(rm.Node):
    def process(self, x: np.ndarray) -> np.ndarray:
        out: np.ndarray = x / np.abs(x).max()
        return out


pipe = rm.Pipeline()
src = pipe.add(rm.nodes.MultiplyNode(multiplier=2), id="mul")
pipe.add(Normalize(), id="norm", after=src)
print(pipe.run([np.arange(4, dtype=np.float32)]))

calc = rm.Pipeline.from_manifest(EXAMPLES / "calculator.json")
assert calc.run([5, 7, 3]) == [20, 24, 16]
print("calculator:", calc.run([5, 7, 3]))
