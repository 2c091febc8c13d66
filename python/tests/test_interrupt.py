"""Ctrl-C and interpreter exit."""

from __future__ import annotations

import _thread
import subprocess
import sys
import threading
import time
from typing import Callable

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
