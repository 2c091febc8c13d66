"""Streaming runs: inputs fed one by one, outputs handed over as the engine
makes them, with backpressure toward a slow consumer."""

from __future__ import annotations

from collections import deque
from collections.abc import Generator, Iterable
from typing import TYPE_CHECKING, Any, Callable

from . import _runs
from ._inout import discard, receiver, send
from ._native import call
from .exceptions import PipelineCancelledError, RemoteMediaError

if TYPE_CHECKING:
    from ._compile import Compiled


class StreamRun:
    """A started stream, as :mod:`remotemedia._runs` tracks it."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream
        self.ended = False
        self.cancelled = False

    def cancel(self) -> None:
        self.cancelled = True
        self.stream.Cancel()

    def check(self) -> None:
        """Stop the stream's own loop once another thread cancelled it
        (astream's task was cancelled): it must not wait for the run."""
        if self.cancelled:
            raise PipelineCancelledError("the stream was cancelled")

    def finished(self) -> bool:
        return self.ended or bool(self.stream.Ended())

    def join(self, timeout: float) -> None:
        sink = discard
        deadline = timeout * 1000
        while deadline > 0 and not self.ended:
            try:
                self.ended = bool(self.stream.Deliver(id(sink), _runs.POLL_MS))
            except RuntimeError:
                self.ended = True
            deadline -= _runs.POLL_MS


def outputs(
    c: Compiled, inputs: Iterable[Any], on_metrics: Callable[[list[dict[str, Any]]], None],
    on_sent: Callable[[], None] | None = None, on_start: Callable[[StreamRun], None] | None = None,
) -> Generator[tuple[str, int, Any], None, None]:
    """Run ``c`` on ``inputs`` and yield ``(sink_id, input_index, value)``
    as outputs come; ``on_metrics`` gets the run's metrics at the end, however
    it ends. The run starts at the first ``next``."""
    s = call(c.pipeline.Start)
    run = StreamRun(s)
    _runs.track(run)
    if on_start is not None:
        on_start(run)
    ready: deque[tuple[str, int, Any]] = deque()
    receive = receiver(c.sinks, lambda sink, i, v: ready.append((sink, i, v)))
    finished = False
    try:
        token = s.Token()
        send_error: BaseException | None = None
        for i, x in enumerate(inputs):
            try:
                # Busy means the outputs wait for our consumer: hand them
                # over (yield) before the engine takes more input, so a
                # slow consumer slows the run instead of filling memory.
                while not send(token, i, x):
                    run.check()
                    call(s.Deliver, id(receive), 0)
                    while ready:
                        yield ready.popleft()
            except RemoteMediaError as e:
                send_error = e  # the run stopped; its own error follows
                break
            if on_sent is not None:
                on_sent()
            call(s.Deliver, id(receive), 0)
            while ready:
                yield ready.popleft()
        s.CloseInput()
        while not finished:
            run.check()
            finished = call(s.Deliver, id(receive), _runs.POLL_MS)
            while ready:
                yield ready.popleft()
        if send_error is not None:
            raise send_error
    finally:
        on_metrics(c.metrics(s.MetricsJSON()))
        if not finished:
            run.cancel()  # it winds down behind us; exit waits for it
        else:
            _runs.untrack(run)
