"""Ctrl-C, cancellation of async runs, and interpreter exit."""

from __future__ import annotations

import _thread
import asyncio
import signal
import subprocess
import sys
import threading
import time
from typing import Any, Callable

import pytest

import remotemedia as rm
from remotemedia import _runs


class Sleepy(rm.Node):
    def __init__(self) -> None:
        self.calls = 0

    def process(self, x: int) -> int:
        self.calls += 1
        time.sleep(0.05)
        return x


def _consume_run(pipe: rm.Pipeline, seen: list[object]) -> None:
    pipe.run(range(1000))  # would take 50 s


def _consume_stream(pipe: rm.Pipeline, seen: list[object]) -> None:
    for out in pipe.stream(range(1000)):
        seen.append(out)


@pytest.mark.parametrize("consume", [_consume_run, _consume_stream], ids=["run", "stream"])
def test_ctrl_c_raises_promptly_and_cancels(consume: Callable[[rm.Pipeline, list[object]], None]) -> None:
    pipe = rm.Pipeline()
    node = Sleepy()
    pipe.add(node, id="sleepy")
    fired: list[float] = []

    def interrupt() -> None:
        time.sleep(0.3)
        fired.append(time.monotonic())
        _thread.interrupt_main()

    threading.Thread(target=interrupt, daemon=True).start()
    seen: list[object] = []
    with pytest.raises(KeyboardInterrupt):
        consume(pipe, seen)
    latency = time.monotonic() - fired[0]
    assert latency < 0.1, f"KeyboardInterrupt took {latency * 1000:.0f} ms"
    deadline = time.monotonic() + 5
    while _runs.active() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert _runs.active() == 0, "the run was not cancelled"
    assert seen == list(range(len(seen)))
    calls = node.calls
    time.sleep(0.2)
    assert node.calls == calls < 100
    assert pipe.run([1]) == [1]  # the pipeline is usable afterwards


def test_interpreter_exit_with_a_run_in_flight_is_clean() -> None:
    code = (
        "import threading, time, remotemedia as rm\n"
        "class Sleepy(rm.Node):\n"
        "    def process(self, x):\n"
        "        time.sleep(0.01)\n"
        "        return x\n"
        "pipe = rm.Pipeline()\n"
        "pipe.add(Sleepy(), id='s')\n"
        "threading.Thread(target=pipe.run, args=(range(100000),), daemon=True).start()\n"
        "time.sleep(0.3)\n"
        "print('exiting')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "exiting"


async def _consume_arun(pipe: rm.Pipeline, seen: list[object]) -> None:
    seen.extend(await pipe.arun(range(1000)))


async def _consume_astream(pipe: rm.Pipeline, seen: list[object]) -> None:
    async for out in pipe.astream(range(1000)):
        seen.append(out)


@pytest.mark.parametrize("consume", [_consume_arun, _consume_astream], ids=["arun", "astream"])
def test_cancelling_the_task_cancels_the_run(consume: Callable[[rm.Pipeline, list[object]], Any]) -> None:
    pipe = rm.Pipeline()
    node = Sleepy()
    pipe.add(node, id="sleepy")
    seen: list[object] = []

    async def main() -> float:
        task = asyncio.ensure_future(consume(pipe, seen))
        await asyncio.sleep(0.3)
        start = time.monotonic()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        return time.monotonic() - start

    latency = asyncio.run(main())
    assert latency < 0.1, f"cancelling took {latency * 1000:.0f} ms"
    _assert_run_stopped(node)
    assert seen == list(range(len(seen)))
    assert pipe.run([1]) == [1]


def test_cancelling_astream_waiting_on_an_async_source() -> None:
    pipe = rm.Pipeline()
    pipe.add(rm.nodes.PassThrough(), id="p")

    async def source() -> Any:
        yield 1
        await asyncio.Event().wait()  # no more inputs, ever
        yield 2

    async def main() -> float:
        async def consume() -> None:
            async for _ in pipe.astream(source()):
                pass

        task = asyncio.ensure_future(consume())
        await asyncio.sleep(0.3)
        start = time.monotonic()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        return time.monotonic() - start

    latency = asyncio.run(main())
    assert latency < 0.1, f"cancelling took {latency * 1000:.0f} ms"


def test_wait_for_timeout_cancels_arun() -> None:
    pipe = rm.Pipeline()
    node = Sleepy()
    pipe.add(node, id="sleepy")
    with pytest.raises(TimeoutError):
        asyncio.run(asyncio.wait_for(pipe.arun(range(1000)), 0.3))
    _assert_run_stopped(node)


def test_cancelling_arun_while_it_converts_inputs_cancels_the_run() -> None:
    pipe = rm.Pipeline()
    node = Sleepy()
    pipe.add(node, id="sleepy")

    async def main() -> None:
        task = asyncio.ensure_future(pipe.arun(range(300_000)))
        await asyncio.sleep(0.01)  # the inputs are still being converted
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(main())  # returns once the conversion is done, and the run exists
    _assert_run_stopped(node)


def _assert_run_stopped(node: Sleepy) -> None:
    deadline = time.monotonic() + 5
    while _runs.active() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert _runs.active() == 0, "the run was not cancelled"
    calls = node.calls
    time.sleep(0.2)
    assert node.calls == calls < 100


_ASYNC_CTRL_C = """
import asyncio, sys, time, remotemedia as rm
class Sleepy(rm.Node):
    def process(self, x):
        time.sleep(0.05)
        return x
pipe = rm.Pipeline()
pipe.add(Sleepy(), id="s")
async def main():
    if sys.argv[1] == "arun":
        await pipe.arun(range(1000))
    else:
        async for _ in pipe.astream(range(1000)):
            pass
print("started", flush=True)
asyncio.run(main())
"""


@pytest.mark.parametrize("api", ["arun", "astream"])
def test_ctrl_c_under_asyncio_run_exits_promptly(api: str) -> None:
    _, err, elapsed = _interrupt_child([_ASYNC_CTRL_C, api], ready="started\n", settle=0.5)
    assert "KeyboardInterrupt" in err, err
    assert elapsed < 1.0, f"exit took {elapsed:.1f} s after Ctrl-C"


def _interrupt_child(args: list[str], *, ready: str, settle: float) -> tuple[str, str, float]:
    """Runs ``python -c *args``, waits for its ``ready`` line and ``settle``
    seconds more, sends Ctrl-C, and returns the rest of its stdout, its
    stderr and how long it took to exit after the signal."""
    child = subprocess.Popen([sys.executable, "-c", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None and child.stdout.readline() == ready
        time.sleep(settle)
        child.send_signal(signal.SIGINT)
        start = time.monotonic()
        out, err = child.communicate(timeout=30)
        return out, err, time.monotonic() - start
    finally:
        child.kill()


_STUCK_NODE = """
import sys, time, remotemedia as rm
class Stuck(rm.Node):
    def process(self, x):
        print("stuck", flush=True)
        while True:
            STUCK
    def cleanup(self):
        print("cleaned up", flush=True)
pipe = rm.Pipeline()
pipe.add(Stuck(), id="stuck")
pipe.run([1])
"""


@pytest.mark.parametrize("stuck", ["pass", "time.sleep(0.01)"], ids=["busy", "sleeping"])
def test_ctrl_c_with_a_stuck_node_exits_promptly_and_cleans_up(stuck: str) -> None:
    # Exit used to wait 5 s for the node and never call cleanup().
    out, err, elapsed = _interrupt_child([_STUCK_NODE.replace("STUCK", stuck)], ready="stuck\n", settle=0.2)
    assert "KeyboardInterrupt" in err, err
    assert out == "cleaned up\n", out + err
    assert elapsed < 1.0, f"exit took {elapsed:.1f} s after Ctrl-C"
