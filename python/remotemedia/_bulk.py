"""A batch's inputs and outputs in bulk: one bridge crossing per run of
plain values instead of one per value (docs/RATIONALE.md, "Why one crossing
per run?").

In: consecutive inputs of one exact type (int, float, str, dict, list,
tuple) are packed and emitted in one call; anything else, and any run the
packing or Go refuses, goes through :func:`remotemedia._inout.send` one by
one, which raises the same error per-item sending always raised, naming
the same index. Out: Go hands over runs of plain outputs as one JSON array
each (``Batch.DeliverRuns``).
"""

from __future__ import annotations

import json
from array import array
from collections.abc import Iterable
from itertools import groupby
from typing import Any, Callable

from ._convert import address
from ._inout import send
from ._native import raw


# Each packer holds its arrays and bytes in locals until Go returns: Go
# reads them in place.

def _ints(token: int, run: list[Any]) -> int:
    values = array("q", run)  # OverflowError past int64
    return raw.bindings_EmitInts(token, *values.buffer_info())


def _floats(token: int, run: list[Any]) -> int:
    values = array("d", run)
    return raw.bindings_EmitFloats(token, *values.buffer_info())


def _texts(token: int, run: list[Any]) -> int:
    joined = "".join(run)
    if joined.isascii():  # then a text's bytes are as many as its characters
        data, lens = joined.encode("ascii"), array("q", map(len, run))
    else:
        parts = [s.encode("utf-8") for s in run]  # UnicodeEncodeError for a lone surrogate
        data, lens = b"".join(parts), array("q", map(len, parts))
    return raw.bindings_EmitTexts(token, address(data), len(data), *lens.buffer_info())


def _json(token: int, run: list[Any]) -> int:
    # As _convert._emit_json, for the whole run at once.
    return raw.bindings_EmitJSONArray(token, json.dumps(run, allow_nan=False, ensure_ascii=False))


_PACKERS: dict[type, Callable[[int, list[Any]], int]] = {
    int: _ints, float: _floats, str: _texts, dict: _json, list: _json, tuple: _json,
}


def send_all(token: int, inputs: Iterable[Any]) -> None:
    """Emit a batch's inputs, run by run (bool is not int here: its frames differ)."""
    start = 0
    for kind, group in groupby(inputs, type):
        run = list(group)
        taken = _send_run(_PACKERS.get(kind), token, run) if len(run) > 1 else 0
        for i in range(taken, len(run)):
            send(token, start + i, run[i])
        start += len(run)


def _send_run(pack: Callable[[int, list[Any]], int] | None, token: int, run: list[Any]) -> int:
    """How many of run's values pack sent (0 when it refused them all)."""
    if pack is None:
        return 0
    try:
        return pack(token, run)
    except (OverflowError, UnicodeEncodeError, TypeError, ValueError, RuntimeError):
        return 0  # sent one by one, which raises the error that belongs to them


def run_receiver(sinks: list[str], outputs: dict[str, list[Any]]) -> Callable[..., None]:
    """What ``Batch.DeliverRuns`` calls with each run: its JSON array as data."""
    def receive(op: int, kind: int, ival: int, fval: float, data: Any, aux: str, addr: int, nbytes: int,
                index: int) -> None:
        outputs[sinks[op]].extend(json.loads(data))

    return receive
