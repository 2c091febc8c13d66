"""Runs in flight, so interpreter exit can stop them cleanly.

Go threads call into Python while a pipeline with Python nodes runs; they
must be finished before the interpreter finalizes, so an atexit hook
cancels and waits for every run still going. Runs are held strongly: one
interrupted by Ctrl-C winds down after ``run`` has already raised, and must
still be waited for at exit.
"""

from __future__ import annotations

import atexit
import threading
from typing import Protocol

POLL_MS = 50  # how often a blocked run returns to Python, so Ctrl-C is prompt


class _Run(Protocol):
    def cancel(self) -> None: ...
    def join(self, timeout: float) -> None: ...
    def finished(self) -> bool: ...


_live: set[_Run] = set()
_lock = threading.Lock()


def track(run: _Run) -> None:
    with _lock:
        for r in [r for r in _live if r.finished()]:
            _live.discard(r)
        _live.add(run)


def untrack(run: _Run) -> None:
    with _lock:
        _live.discard(run)


def active() -> int:
    """How many runs are in flight."""
    with _lock:
        for r in [r for r in _live if r.finished()]:
            _live.discard(r)
        return len(_live)


@atexit.register
def _stop_all() -> None:
    with _lock:
        runs = list(_live)
    for r in runs:
        r.cancel()
    for r in runs:
        r.join(5.0)
