"""A run's inputs in and outputs out, for batch and streaming runs alike."""

from __future__ import annotations

from typing import Any, Callable

from ._convert import decode, emit
from ._native import call
from .exceptions import InputError


def send(token: int, index: int, value: Any) -> bool:
    """Emit one pipeline input; an input that cannot become a frame is an
    InputError naming its index."""
    try:
        return bool(call(emit, token, value))
    except InputError as e:
        e.args = (f"input[{index}]: {e}",)
        raise


def receiver(sinks: list[str], put: Callable[[str, int, Any], None]) -> Callable[..., None]:
    """What the engine calls with each output: ``put(sink_id, input_index, value)``."""
    def receive(op: int, kind: int, ival: int, fval: float, data: Any, aux: str, addr: int, nbytes: int, index: int) -> None:
        put(sinks[op], index, decode(kind, ival, fval, data, aux, addr, nbytes))

    return receive


def discard(op: int, kind: int, ival: int, fval: float, data: Any, aux: str, addr: int, nbytes: int, index: int) -> None:
    decode(kind, ival, fval, data, aux, addr, nbytes)  # builds and drops views, ending their loans
