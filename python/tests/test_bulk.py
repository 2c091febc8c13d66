"""Batch runs' bulk crossing (remotemedia._bulk, bindings/emit_runs.go and
deliver_runs.go): runs of same-typed inputs go to Go in one call and runs of
plain outputs come back as one JSON array, with exactly the values, types,
order and errors of one crossing per value."""

from __future__ import annotations

import math
from typing import Any

import pytest

import remotemedia as rm


def passthrough() -> rm.Pipeline:
    pipe = rm.Pipeline()
    pipe.add(rm.nodes.PassThrough(), id="src")
    return pipe


def typed(values: list[Any]) -> list[tuple[str, Any]]:
    """Values with their types, so True != 1 and 2.0 != 2 in a comparison."""
    def one(v: Any) -> Any:
        if isinstance(v, dict):
            return {k: one(x) for k, x in v.items()}
        if isinstance(v, list):
            return [one(x) for x in v]
        return (type(v).__name__, v)

    return [one(v) for v in values]


# (input, what comes out): JSON has one number type, so an integral float
# below 2**53 comes back an int, as it always has (bindings/convert.go).
CASES = [
    (True, True), (False, False), (1, 1), (0, 0),
    (2.0, 2), (-0.0, 0), (2.5, 2.5), (1e16, 1e16), (float(2**53), float(2**53)), (1e21, 1e21), (5e-324, 5e-324),
    (2**63 - 1, 2**63 - 1), (-(2**63), -(2**63)), (2**64, 2**64), (-(2**70), -(2**70)),
    ("a\x00b", "a\x00b"), ("é ✓", "é ✓"), ("", ""),
    ({"a": [1, 2.5, None, True]}, {"a": [1, 2.5, None, True]}), ((1, "x"), [1, "x"]), ([], []), ({}, {}),
    (None, None), (b"\x00\xff", b"\x00\xff"),
]


@pytest.mark.parametrize("repeat", [1, 3], ids=["alone", "in-runs"])
def test_values_types_and_order_are_kept(repeat: int) -> None:
    # repeat 3: every value in a run of three of its type (bulk); 1: each
    # value beside values of other types (one by one).
    inputs = [x for x, _ in CASES for _ in range(repeat)]
    want = [y for _, y in CASES for _ in range(repeat)]
    assert typed(passthrough().run(inputs)) == typed(want)


def test_long_runs_of_each_type() -> None:
    n = 5000
    runs: list[list[Any]] = [list(range(n)), [i + 0.5 for i in range(n)], [f"t{i}" for i in range(n)],
            [{"i": i, "s": [i, "x"]} for i in range(n)], [[i, None] for i in range(n)]]
    inputs = [x for run in runs for x in run]
    assert typed(passthrough().run(inputs)) == typed(inputs)


def test_a_run_past_int64_still_arrives() -> None:
    inputs = [1, 2, 2**70, 3, -(2**64)]
    assert typed(passthrough().run(inputs)) == typed(inputs)


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_a_non_finite_float_in_a_run_names_its_input(bad: float) -> None:
    with pytest.raises(rm.InputError, match=r"^input\[4\]: .*not a finite number"):
        passthrough().run([1, 0.5, 1.5, 2.5, bad, 3.5])


def test_a_lone_surrogate_in_a_run_names_its_input() -> None:
    with pytest.raises(rm.InputError, match=r"^input\[3\]: text at \$ holds a lone surrogate"):
        passthrough().run([0, "a", "b", "c\ud800", "d"])


def test_a_nan_inside_a_run_of_dicts_names_its_input() -> None:
    with pytest.raises(rm.InputError, match=r"^input\[2\]: "):
        passthrough().run([{"a": 1}, {"a": 2}, {"a": math.nan}, {"a": 3}])


def test_several_sinks_each_get_every_output_in_order() -> None:
    pipe = rm.Pipeline()
    src = pipe.add(rm.nodes.PassThrough(), id="src")
    pipe.add(rm.nodes.PassThrough(), id="a", after=src)
    pipe.add(rm.nodes.PassThrough(), id="b", after=src)
    inputs = [1, 2, 3, "x", "y", 1.5, 2.5, b"raw", {"k": 1}, {"k": 2}, True]
    out = pipe.run(inputs)
    assert typed(out["a"]) == typed(inputs) and typed(out["b"]) == typed(inputs)


def test_outputs_past_the_run_size_limit_arrive_whole() -> None:
    # Three texts of 600 KB: more than one run's 1 MiB of JSON.
    inputs = [c * 600_000 for c in "abc"] + ["end"]
    assert passthrough().run(inputs) == inputs
