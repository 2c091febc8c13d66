"""Exceptions raised by remotemedia: one hierarchy, one mapping function.

Every error from the Go engine carries a stable code (``invalid_manifest``,
``node_failed``, ``cancelled``, ``invalid_input``, ...). :func:`from_native`
is the only place that turns those codes into the classes below.

>>> import remotemedia as rm
>>> try:
...     rm.Pipeline.from_manifest({"version": "v1", "nodes": [{"id": "a", "node_type": "Nope"}]})
... except rm.ManifestError as e:
...     print(e.problems[0].path)
$.nodes[0].node_type
"""

from __future__ import annotations

import json
import os
import threading
from dataclasses import dataclass
from typing import Any

__all__ = [
    "ClusterError",
    "InputError",
    "InternalError",
    "ManifestError",
    "NodeError",
    "PackageError",
    "PanicError",
    "PipelineCancelled",
    "PipelineCancelledError",
    "Problem",
    "RemoteMediaError",
    "UnsupportedError",
    "from_native",
]

_NATIVE_PREFIX = "remotemedia-error:"
_PYERROR_PREFIX = "remotemedia-pyerror:"


class RemoteMediaError(Exception):
    """Base class of every remotemedia error. ``code`` is the engine's code."""

    code: str = "internal"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code


@dataclass(frozen=True)
class Problem:
    """One problem, located by ``path``: a JSON path such as ``$.nodes[0].params``
    in a manifest, or the entry (file) of a package."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class ManifestError(RemoteMediaError, ValueError):
    """The manifest is invalid. ``problems`` lists every problem found at once."""

    code = "invalid_manifest"

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.problems: list[Problem] = list(problems or [])


class NodeError(RemoteMediaError):
    """A node failed. ``node_id`` names it and ``input_index`` is the index of
    the pipeline input the failing item derives from (``None`` when the node
    failed outside an item: while starting, flushing or closing). When a
    Python node raised, the original exception is ``__cause__``."""

    code = "node_failed"

    def __init__(
        self,
        message: str,
        *,
        node_id: str = "",
        node_type: str = "",
        input_index: int | None = None,
        phase: str = "process",
    ) -> None:
        super().__init__(message)
        self.node_id = node_id
        self.node_type = node_type
        self.input_index = input_index
        self.phase = phase


class InputError(RemoteMediaError, ValueError):
    """An input value cannot become a frame, or input data is malformed."""

    code = "invalid_input"


class PackageError(RemoteMediaError):
    """A ``.rmpkg`` package is malformed or cannot be loaded. ``problems``
    lists every problem the engine found, each ``Problem(entry, message)``
    (``entry`` is the file in the package, ``""`` for the whole package)."""

    code = "package"

    def __init__(self, message: str, problems: list[Problem] | None = None, *, code: str | None = None) -> None:
        super().__init__(message, code=code)
        self.problems = problems or []


class PipelineCancelledError(RemoteMediaError):
    """The run was cancelled (``KeyboardInterrupt`` is raised instead when
    the cancellation came from Ctrl-C)."""

    code = "cancelled"


PipelineCancelled = PipelineCancelledError  # its first name, kept for code that catches it


class UnsupportedError(RemoteMediaError):
    """A node this runtime knows but cannot run, such as a Python node type
    in the pure-Go engine; the message names the node and what it needs."""

    code = "unsupported"


class InternalError(RemoteMediaError):
    """An engine error with no more specific class; the message says what
    failed."""

    code = "internal"


class PanicError(InternalError):
    """A Go panic inside the engine (a bug in remotemedia: please report it),
    recovered where Python called Go, so it never aborts the interpreter.
    A panic inside a node is a :class:`NodeError` instead."""

    code = "panic"


class ClusterError(RemoteMediaError):
    """The Ray cluster cannot be reached, refuses us, or cannot host what a
    pipeline places on it (``remotemedia.ray``); the message says why and
    what to do. Raised as itself even when the engine met it starting a
    placed segment's actors."""

    code = "cluster"


_CLASSES: dict[str, type[RemoteMediaError]] = {
    "invalid_manifest": ManifestError,
    "node_failed": NodeError,
    "cancelled": PipelineCancelledError,
    "invalid_input": InputError,
    "package": PackageError,
    "unsupported": UnsupportedError,
    "internal": InternalError,
    "panic": PanicError,
}


class _PythonErrors:
    """Exceptions raised by Python nodes, kept until the error that reports
    them reaches Python and adopts them as ``__cause__``. Bounded, so runs
    that skip failing items cannot grow it without limit."""

    LIMIT = 1024

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._next = 0
        self._items: dict[int, tuple[BaseException, str]] = {}

    def keep(self, exc: BaseException, node_type: str = "") -> int:
        """Keep ``exc``; ``node_type`` is the public name of the node that
        raised it (the engine knows a Python instance by an internal name)."""
        with self._lock:
            self._next += 1
            self._items[self._next] = (exc, node_type)
            while len(self._items) > self.LIMIT:
                del self._items[next(iter(self._items))]
            return self._next

    def take(self, ident: int) -> tuple[BaseException | None, str]:
        with self._lock:
            return self._items.pop(ident, (None, ""))

    def __len__(self) -> int:
        return len(self._items)


python_errors = _PythonErrors()


def _str(exc: BaseException) -> str:
    """str(exc), or traceback's placeholder when the exception's own
    __str__ raises: reporting an error must not fail with another."""
    try:
        return str(exc)
    except Exception:  # noqa: BLE001 - any failure of user code
        return "<exception str() failed>"


def from_native(exc: BaseException) -> BaseException:
    """Map an exception raised by the native module to a remotemedia error.

    Exceptions that do not come from the engine are returned unchanged.
    """
    text = str(exc)
    if not text.startswith(_NATIVE_PREFIX):
        return exc
    try:
        info: dict[str, Any] = json.loads(text[len(_NATIVE_PREFIX):])
    except ValueError:
        return RemoteMediaError(text)
    if isinstance(info.get("errno"), int):
        # An OS error: Python's own subclass (FileNotFoundError, ...).
        return OSError(info["errno"], os.strerror(info["errno"]), info.get("filename") or None)
    code = str(info.get("code", "internal"))
    message = str(info.get("message", ""))
    cls = _CLASSES.get(code, RemoteMediaError)
    cause, cause_node_type = python_errors.take(int(info["py_error"])) if info.get("py_error") else (None, "")
    if isinstance(cause, ClusterError):
        return cause  # the cluster's problem, not the node's or the manifest's
    index = info.get("input")
    input_index = index if isinstance(index, int) and index >= 0 else None
    if cause is not None and info.get("node"):
        # The engine's message holds the whole traceback; __cause__ has it.
        where = f"input[{input_index}]" if input_index is not None else str(info.get("phase", ""))
        message = f"node[{info.get('node', '')}] {where}: {type(cause).__name__}: {_str(cause)}"
    err: RemoteMediaError
    problems = [Problem(p["path"], p["message"]) for p in info.get("problems") or []]
    if cls is ManifestError:
        err = ManifestError(message, problems)
    elif cls is PackageError:
        err = PackageError(message, problems)
    elif cls is NodeError or info.get("node"):
        err = NodeError(
            message,
            node_id=str(info.get("node", "")),
            node_type=cause_node_type or str(info.get("node_type", "")),
            input_index=input_index,
            phase=str(info.get("phase", "process")),
        )
        if code != NodeError.code:
            err.code = code
    else:
        err = cls(message, code=code)
    if cause is not None:
        err.__cause__ = cause
    return err
