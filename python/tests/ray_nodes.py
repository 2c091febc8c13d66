"""Python node types for the Ray tests. Ray actors import this file by path
(map_pipeline's ``imports``), as the CLI's ``--import`` would."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import remotemedia as rm


@rm.register_node(name="RayTestPolynomial")
class Polynomial(rm.Node):
    """x -> x*x - offset; fails on ``fail_on`` (a deterministic bad row)."""

    def __init__(self, offset: int = 0, fail_on: int | None = None) -> None:
        self.offset, self.fail_on = offset, fail_on

    def process(self, x: Any) -> Any:
        if x == self.fail_on:
            raise ValueError(f"refusing {x}")
        return {"x": x, "y": x * x - self.offset}


@rm.register_node(name="RayTestPidReporter")
class PidReporter(rm.Node):
    """Passes items through after ``delay_s``, and leaves a file named by
    its process id in ``directory``, so a test can find (and kill) the Ray
    worker that runs it."""

    def __init__(self, directory: str, delay_s: float = 0.0) -> None:
        self.directory, self.delay_s = Path(directory), delay_s

    def process(self, x: Any) -> Any:
        (self.directory / str(os.getpid())).touch()
        time.sleep(self.delay_s)
        return x
