"""Python node types for test_ray_placement.py; the tests ship this module
to Ray by value (ray.cloudpickle.register_pickle_by_value), as a user's
module would go through runtime_env (docs/SCALE.md)."""

from __future__ import annotations

import os
import time
from typing import Any

import numpy as np

import remotemedia as rm


@rm.register_node(name="RayPlacedSquare")
class Square(rm.Node):
    def process(self, x: Any) -> Any:
        return x * x


@rm.register_node(name="RayPlacedRMS")
class RMS(rm.Node):
    """The RMS of each audio frame, with the frame's timestamp."""

    def process(self, a: Any) -> Any:
        s = np.asarray(a.samples, dtype=np.float64)
        return {"t_ms": round(a.timestamp * 1000, 3), "rms": float(np.sqrt(np.mean(s * s))) if s.size else 0.0}


@rm.register_node(name="RayPlacedSlowPid")
class SlowPid(rm.Node):
    """Passes x on after ``delay_s``, tagged with the process that ran it."""

    def __init__(self, delay_s: float = 0.0) -> None:
        self.delay_s = delay_s

    def process(self, x: Any) -> Any:
        time.sleep(self.delay_s)
        return {"x": x, "pid": os.getpid()}


@rm.register_node(name="RayPlacedFailsOn")
class FailsOn(rm.Node):
    def __init__(self, bad: int = -1) -> None:
        self.bad = bad

    def process(self, x: Any) -> Any:
        if x == self.bad:
            raise ValueError(f"refusing {x}")
        return x
