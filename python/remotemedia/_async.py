"""Runs from asyncio: batch and streaming runs on worker threads, so the
event loop never blocks, and cancelled with the task that awaits them."""

from __future__ import annotations

from collections.abc import AsyncIterable, AsyncIterator, Iterable
from typing import TYPE_CHECKING, Any, Callable

from . import _batch, _runs, _stream
from ._native import call

if TYPE_CHECKING:
    import asyncio
    import concurrent.futures

    from ._compile import Compiled

Metrics = Callable[[list[dict[str, Any]]], None]


async def arun(compile: Callable[[], Compiled], inputs: Iterable[Any], on_metrics: Metrics) -> Any:
    """A batch run; ``compile`` gives the compiled pipeline, ``on_metrics``
    takes the run's metrics."""
    import asyncio  # imported here: it costs ~20 ms at import time

    loop = asyncio.get_running_loop()
    # Inputs are converted on a worker thread too, so a big batch does
    # not stall the loop; a run started after its task was cancelled is
    # cancelled as soon as it exists.
    starting = loop.run_in_executor(None, _compile_and_start, compile, list(inputs))
    try:
        c, batch, run = await asyncio.shield(starting)
    except asyncio.CancelledError:
        starting.add_done_callback(_cancel_started)
        raise
    try:
        # Wait in short slices on a worker thread: a cancelled task then
        # leaves no thread blocked behind it for longer than one slice.
        while not await loop.run_in_executor(None, call, batch.Wait, _runs.POLL_MS):
            pass
    except (asyncio.CancelledError, KeyboardInterrupt):
        run.cancel()  # the task was cancelled (or Ctrl-C): stop the run
        raise
    except BaseException:
        _runs.untrack(run)
        raise
    out, metrics = _batch.finish(c, batch, run)
    on_metrics(metrics)
    return out


def _compile_and_start(compile: Callable[[], Compiled], inputs: list[Any]) -> tuple[Compiled, Any, _batch.BatchRun]:
    c = compile()
    batch, run = _batch.start(c, inputs)
    return c, batch, run


def _cancel_started(started: asyncio.Future[tuple[Compiled, Any, _batch.BatchRun]]) -> None:
    if not started.cancelled() and started.exception() is None:
        started.result()[2].cancel()


async def astream(compile: Callable[[], Compiled], inputs: Iterable[Any] | AsyncIterable[Any],
                  on_metrics: Metrics) -> AsyncIterator[Any]:
    """A streaming run, as an async generator: values with one sink, else
    ``(sink_id, value)`` pairs; ``inputs`` may be async."""
    import asyncio

    loop = asyncio.get_running_loop()
    source: Iterable[Any]
    if isinstance(inputs, AsyncIterable):
        source = _SyncFromAsync(inputs, loop)
    else:
        source = inputs
    c = compile()
    single = len(c.sinks) == 1
    started: list[_stream.StreamRun] = []
    gen = _stream.outputs(c, source, on_metrics, on_start=started.append)
    done = object()
    pending: asyncio.Future[Any] | None = None
    try:
        while True:
            pending = loop.run_in_executor(None, next, gen, done)
            item = await asyncio.shield(pending)
            pending = None
            if item is done:
                return
            sink, _index, value = item
            yield value if single else (sink, value)
    finally:
        for run in started:
            run.cancel()
        if isinstance(source, _SyncFromAsync):
            source.cancel()  # a worker thread may be waiting for the next input
        if pending is not None:
            # The generator is running on a worker thread; a cancelled
            # run returns it promptly, and only then may it be closed.
            await asyncio.wait([pending])
            if not pending.cancelled():
                pending.exception()  # retrieved: its error is the cancellation's echo
        gen.close()


class _SyncFromAsync:
    """Iterate an async iterable from a worker thread, on the given loop."""

    def __init__(self, source: AsyncIterable[Any], loop: asyncio.AbstractEventLoop) -> None:
        self._it = source.__aiter__()
        self._loop = loop
        self._waiting: concurrent.futures.Future[tuple[bool, Any]] | None = None
        self._cancelled = False

    def cancel(self) -> None:
        """Stop waiting for the source (from the loop's thread)."""
        self._cancelled = True
        if self._waiting is not None:
            self._waiting.cancel()

    def __iter__(self) -> _SyncFromAsync:
        return self

    def __next__(self) -> Any:
        import asyncio
        import concurrent.futures

        fut = asyncio.run_coroutine_threadsafe(self._next(), self._loop)
        self._waiting = fut
        if self._cancelled:  # checked after publishing fut: cancel() sees one or the other
            fut.cancel()
        try:
            ok, value = fut.result()
        except concurrent.futures.CancelledError:
            raise StopIteration from None
        finally:
            self._waiting = None
        if not ok:
            raise StopIteration
        return value

    async def _next(self) -> tuple[bool, Any]:
        try:
            return True, await self._it.__anext__()
        except StopAsyncIteration:
            return False, None
