"""What Go calls for a Python node: one adapter object per node instance.

Go calls ``adapter(op, kind, ival, fval, data, aux, addr, nbytes, token)``
from the node's worker thread (see bindings/bridge.go). Outputs go back to
Go through :func:`remotemedia._convert.emit` with the same token. A user
exception is kept in :data:`remotemedia.exceptions.python_errors` and
re-raised as a marker that Go turns into a NodeError; the Python side then
restores the original exception as ``__cause__``.
"""

from __future__ import annotations

import inspect
import os
import traceback
from types import TracebackType
from typing import TYPE_CHECKING, Any, Callable

from ._convert import _EMITTERS, _INT64_MAX, _INT64_MIN, decode, emit
from .exceptions import _PYERROR_PREFIX, from_native, python_errors
from .node import Node

if TYPE_CHECKING:
    import asyncio

OP_PROCESS = 0
OP_INIT = 1
OP_FLUSH = 2
OP_CLOSE = 3
OP_NEW = 4
OP_FORGET = 5
# node.RunMode's values, in order (core/node/runmode.go).
RUN_MODES = ("live", "batch")


class _BridgeError(Exception):
    """Carries a kept user exception across Go."""


_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))


def _user_frames(tb: TracebackType | None) -> TracebackType | None:
    """``tb`` without the leading frames of this package's own modules (the
    bridge that called the node), which only hide the user's code. All of
    it is kept when no frame is the user's."""
    first = tb
    while first is not None and os.path.dirname(first.tb_frame.f_code.co_filename) == _PACKAGE_DIR:
        first = first.tb_next
    return first if first is not None else tb


def bridge_error(exc: BaseException, node_type: str = "") -> _BridgeError:
    if isinstance(exc, RuntimeError):
        exc = from_native(exc)  # an Emit refused the value: keep its class (InputError)
    exc.__traceback__ = _user_frames(exc.__traceback__)
    ident = python_errors.keep(exc, node_type)
    text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    return _BridgeError(f"{_PYERROR_PREFIX}{ident}\n{text}")


class NodeAdapter:
    """Runs one :class:`Node` for the Go executor."""

    __slots__ = ("_loop", "node", "node_type")

    def __init__(self, node: Node, node_type: str = "") -> None:
        self.node = node
        self.node_type = node_type  # the public name, for NodeError.node_type
        self._loop: asyncio.AbstractEventLoop | None = None

    def __call__(
        self, op: int, kind: int, ival: int, fval: float, data: Any, aux: str, addr: int, nbytes: int, token: int
    ) -> Any:
        try:
            if op == OP_PROCESS:
                result = self.node.process(decode(kind, ival, fval, data, aux, addr, nbytes))
                # A single plain value goes back as the return value, which
                # the bridge reads directly: no Emit crossing for it.
                t = type(result)
                if t is bytes or t is str or t is float or t is bool or (t is int and _INT64_MIN <= result <= _INT64_MAX):
                    return result
                self._emit_all(result, token)
            elif op == OP_INIT:
                self.node._rm_run_mode = RUN_MODES[ival] if 0 <= ival < len(RUN_MODES) else "live"
                self._settle(getattr(self.node, "initialize")())  # may be async
            elif op == OP_FLUSH:
                self._emit_all(self.node.flush(), token)
            elif op == OP_FORGET:
                python_errors.take(ival)
                return
            elif op == OP_CLOSE:
                try:
                    self._settle(getattr(self.node, "cleanup")())
                finally:
                    if self._loop is not None:
                        self._loop.close()
                        self._loop = None
        except BaseException as exc:  # noqa: BLE001 - everything must reach Go
            raise bridge_error(exc, self.node_type) from None
        return None

    def _run(self, awaitable: Any) -> Any:
        if self._loop is None:
            import asyncio  # only async nodes need it

            self._loop = asyncio.new_event_loop()
        return self._loop.run_until_complete(awaitable)

    def _settle(self, result: Any) -> None:
        if inspect.isawaitable(result):
            self._run(result)

    def _emit_all(self, result: Any, token: int) -> None:
        if result is None:
            return
        if type(result) in _EMITTERS:  # the common case: one plain value
            emit(token, result)
        elif inspect.isgenerator(result):
            for item in result:
                if item is not None:
                    emit(token, item)
        elif inspect.isasyncgen(result):
            self._run(_drain(result, token))
        elif inspect.iscoroutine(result):
            self._emit_all(self._run(result), token)
        else:
            emit(token, result)


async def _drain(agen: Any, token: int) -> None:
    async for item in agen:
        if item is not None:
            emit(token, item)


class Factory:
    """What Go calls to build a node instance of a Python node type.

    ``make(type_name, params)`` returns the :class:`Node`; Go passes the
    params as JSON validated against the type's spec. ``public_names`` maps
    an internal type name (``python.instance0``) to the one users know.
    """

    __slots__ = ("make", "public_names")

    def __init__(
        self, make: Callable[[str, dict[str, Any]], Node], public_names: dict[str, str] | None = None
    ) -> None:
        self.make = make
        self.public_names = public_names if public_names is not None else {}

    def __call__(
        self, op: int, kind: int, ival: int, fval: float, data: Any, aux: str, addr: int, nbytes: int, token: int
    ) -> NodeAdapter:
        import json

        try:
            params = json.loads(data) if data else {}
            node = self.make(aux, params)
            if not isinstance(node, Node):
                raise TypeError(f"node type {aux!r} built a {type(node).__name__}, not a remotemedia.Node")
            return NodeAdapter(node, self.public_names.get(aux, aux))
        except BaseException as exc:  # noqa: BLE001
            raise bridge_error(exc, self.public_names.get(aux, aux)) from None
