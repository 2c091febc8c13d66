"""Batch runs: every input sent, then the run started, waited for and its
outputs delivered, each sink's in input order."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from . import _runs
from ._bulk import run_receiver, send_all
from ._inout import receiver
from ._native import call

if TYPE_CHECKING:
    from ._compile import Compiled


class BatchRun:
    """A started batch, as :mod:`remotemedia._runs` tracks it."""

    def __init__(self, batch: Any) -> None:
        self.batch = batch

    def cancel(self) -> None:
        self.batch.Cancel()

    def join(self, timeout: float) -> None:
        try:
            self.batch.Wait(int(timeout * 1000))
        except RuntimeError:
            pass

    def finished(self) -> bool:
        try:
            return bool(self.batch.Wait(0))
        except RuntimeError:
            return True


def start(c: Compiled, inputs: Iterable[Any]) -> tuple[Any, BatchRun]:
    """Send ``inputs`` and start the run (tracked until :func:`finish`)."""
    return _start(c, lambda batch: send_all(batch.Token(), inputs))  # a batch is never busy


def run_printed(c: Compiled, inputs: Iterable[Any] = (), *, path: str | None = None, frame_ms: int = 20) -> str:
    """Run ``inputs``, or the inputs of the file at ``path`` (read by Go as
    `remotemedia run` reads ``--input-wav``, cut into ``frame_ms`` frames,
    or ``--input-file``), and return the outputs as the JSON text
    `remotemedia run` prints, without its newline: no Python object is made
    per output (nor, from a file, per input). A map_pipeline row runs so."""

    def add_inputs(batch: Any) -> None:
        if path is None:
            send_all(batch.Token(), inputs)
        else:
            call(batch.AddInputFile, path, frame_ms)

    batch, run = _start(c, add_inputs)
    wait(batch, run)
    _runs.untrack(run)
    return str(call(batch.PrintedJSON))


def _start(c: Compiled, add_inputs: Callable[[Any], None]) -> tuple[Any, BatchRun]:
    batch = c.pipeline.NewBatch()
    try:
        add_inputs(batch)
    except BaseException:
        batch.Discard()
        raise
    run = BatchRun(batch)
    call(batch.Start)
    _runs.track(run)
    return batch, run


def wait(batch: Any, run: BatchRun) -> None:
    """Wait for the run to end, in slices so that Ctrl-C is prompt."""
    try:
        while not call(batch.Wait, _runs.POLL_MS):
            pass
    except KeyboardInterrupt:
        # Cancel and raise at once: Ctrl-C must answer within 100 ms even
        # when a Python node is busy; the run winds down behind us (and
        # interpreter exit waits for it, see _runs).
        run.cancel()
        raise
    except BaseException:
        _runs.untrack(run)
        raise


def finish(c: Compiled, batch: Any, run: BatchRun) -> tuple[Any, list[dict[str, Any]]]:
    """The ended run's outputs (a list with one sink, else a dict by sink)
    and its metrics."""
    _runs.untrack(run)
    outputs: dict[str, list[Any]] = {s: [] for s in c.sinks}
    receive = receiver(c.sinks, lambda sink, _i, v: outputs[sink].append(v))
    receive_run = run_receiver(c.sinks, outputs)
    call(batch.DeliverRuns, id(receive), id(receive_run))
    metrics = c.metrics(batch.MetricsJSON())
    return (outputs[c.sinks[0]] if len(c.sinks) == 1 else outputs), metrics
