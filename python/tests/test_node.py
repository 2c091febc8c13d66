"""Python nodes run inside the Go executor."""

from __future__ import annotations

import asyncio
import math
import threading
import traceback
from typing import Any, Iterator

import pytest

import remotemedia as rm
from remotemedia.testing import run_node


class Double(rm.Node):
    def process(self, x: int) -> int:
        return 2 * x


def test_value_in_value_out() -> None:
    assert run_node(Double(), [1, 2, 3]) == [2, 4, 6]


def test_none_drops_the_item() -> None:
    class Evens(rm.Node):
        def process(self, x: int) -> int | None:
            return x if x % 2 == 0 else None

    assert run_node(Evens(), range(6)) == [0, 2, 4]


def test_generator_emits_many() -> None:
    class Repeat(rm.Node):
        def process(self, x: int) -> Iterator[int]:
            for _ in range(x):
                yield x

    assert run_node(Repeat(), [1, 2, 0, 3]) == [1, 2, 2, 3, 3, 3]


def test_async_def_and_async_generator() -> None:
    class Slow(rm.Node):
        async def process(self, x: int) -> int:
            await asyncio.sleep(0)
            return x + 1

    class Twice(rm.Node):
        async def process(self, x: int) -> Any:
            for i in range(2):
                await asyncio.sleep(0)
                yield x * 10 + i

    assert run_node(Slow(), [1, 2]) == [2, 3]
    assert run_node(Twice(), [1, 2]) == [10, 11, 20, 21]


def test_lifecycle_initialize_flush_cleanup() -> None:
    calls: list[str] = []

    class Summer(rm.Node):
        def initialize(self) -> None:
            calls.append("init")
            self.total = 0

        def process(self, x: int) -> None:
            self.total += x

        def flush(self) -> int:
            calls.append("flush")
            return self.total

        def cleanup(self) -> None:
            calls.append("cleanup")

    assert run_node(Summer(), [1, 2, 3]) == [6]
    assert calls == ["init", "flush", "cleanup"]


def test_python_and_go_nodes_mix() -> None:
    pipe = rm.Pipeline()
    a = pipe.add(rm.nodes.MultiplyNode(multiplier=3), id="triple")
    b = pipe.add(Double(), id="double", after=a)
    pipe.add(rm.nodes.AddNode(addend=1), id="inc", after=b)
    assert pipe.run([1, 2]) == [7, 13]


def test_runs_on_a_worker_thread_not_the_caller() -> None:
    seen: list[int] = []

    class Where(rm.Node):
        def process(self, x: int) -> int:
            seen.append(threading.get_ident())
            return x

    run_node(Where(), [1, 2])
    assert seen and threading.get_ident() not in seen


def test_exception_becomes_node_error_with_cause_and_traceback() -> None:
    class Boom(rm.Node):
        def process(self, x: int) -> int:
            if x == 2:
                raise ValueError(f"bad value {x}")
            return x

    pipe = rm.Pipeline()
    pipe.add(Boom(), id="boom")
    with pytest.raises(rm.NodeError, match=r"node\[boom\] input\[1\]: ValueError: bad value 2") as info:
        pipe.run([1, 2, 3])
    err = info.value
    assert err.node_id == "boom" and err.input_index == 1
    assert isinstance(err.__cause__, ValueError)
    tb = "".join(traceback.format_exception(err.__cause__))
    assert "raise ValueError" in tb and "in process" in tb


def test_node_error_names_the_python_class_and_hides_internal_frames() -> None:
    class Boom(rm.Node):
        def process(self, x: int) -> int:
            raise ValueError("no")

    pipe = rm.Pipeline()
    pipe.add(Boom(), id="boom")
    with pytest.raises(rm.NodeError) as info:
        pipe.run([1])
    assert info.value.node_type == "Boom"
    cause = info.value.__cause__
    assert isinstance(cause, ValueError)
    frames = traceback.extract_tb(cause.__traceback__)
    assert [f.name for f in frames] == ["process"] and frames[0].filename == __file__


def test_exception_in_flush_and_initialize() -> None:
    class BadFlush(rm.Node):
        def process(self, x: int) -> int:
            return x

        def flush(self) -> None:
            raise RuntimeError("flush failed")

    with pytest.raises(rm.NodeError, match="flush failed") as info:
        run_node(BadFlush(), [1])
    assert info.value.input_index is None

    class BadInit(rm.Node):
        def initialize(self) -> None:
            raise KeyError("missing model")

        def process(self, x: int) -> int:
            return x

    with pytest.raises(rm.NodeError, match="missing model") as info2:
        run_node(BadInit(), [1])
    assert info2.value.phase == "init"
    assert isinstance(info2.value.__cause__, KeyError)


def test_unconvertible_output_is_a_node_error() -> None:
    class Bad(rm.Node):
        def process(self, x: int) -> object:
            return object()

    with pytest.raises(rm.NodeError, match="cannot turn a object into a frame") as info:
        run_node(Bad(), [1])
    assert isinstance(info.value.__cause__, rm.InputError)


class _Unprintable(Exception):
    def __str__(self) -> str:
        raise RuntimeError("__str__ itself fails")


def test_exception_whose_str_raises_is_still_a_node_error() -> None:
    class Raises(rm.Node):
        def process(self, x: int) -> int:
            raise _Unprintable()

    for run in (lambda p: p.run([1]), lambda p: list(p.stream([1]))):
        pipe = rm.Pipeline()
        pipe.add(Raises(), id="r")
        with pytest.raises(rm.NodeError, match=r"^node\[r\] input\[0\]: _Unprintable: <exception str\(\) failed>$") as info:
            run(pipe)
        assert isinstance(info.value.__cause__, _Unprintable)


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_non_finite_output_is_a_node_error_as_in_go_nodes(value: float) -> None:
    # Go nodes refuse them ("result is not a finite number"); JSON has no NaN.
    class Returns(rm.Node):
        def process(self, x: int) -> float:
            return value

    class Yields(rm.Node):
        def process(self, x: int) -> Any:
            yield value

    for node in (Returns(), Yields()):
        pipe = rm.Pipeline()
        pipe.add(node, id="nan")
        with pytest.raises(rm.NodeError, match=r"node\[nan\] input\[0\]: .*not a finite number") as info:
            pipe.run([1])
        assert info.value.node_id == "nan"
    with pytest.raises(rm.InputError, match=r"^input\[1\]: .*not a finite number"):
        pipe.run([1.5, value])


def test_go_panic_becomes_an_exception() -> None:
    from remotemedia._native import bindings

    with pytest.raises(RuntimeError, match="go panic: boom"):
        bindings.PanicForTesting("boom")
    from remotemedia._native import call

    with pytest.raises(rm.PanicError, match="go panic: again") as info:
        call(bindings.PanicForTesting, "again")
    assert info.value.code == "panic" and isinstance(info.value, rm.InternalError)


def test_node_params_recorded_for_manifests() -> None:
    class Scale(rm.Node):
        def __init__(self, factor: float = 1.0) -> None:
            self.factor = factor

        def process(self, x: float) -> float:
            return x * self.factor

    pipe = rm.Pipeline()
    pipe.add(Scale(factor=0.5), id="s")
    assert pipe.run([4]) == [2]
    assert pipe.to_manifest()["nodes"] == [{"id": "s", "node_type": "Scale", "params": {"factor": 0.5}}]
    assert Scale(3).params == {"factor": 3}
    assert pipe.metrics()[0]["type"] == "Scale"


def test_process_not_implemented() -> None:
    with pytest.raises(rm.NodeError, match="must implement process"):
        run_node(rm.Node(), [1])
