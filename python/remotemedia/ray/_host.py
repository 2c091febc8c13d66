"""Where a placed segment runs: a Ray actor holding its compiled
sub-pipeline, one engine session per local stream (remote/segment/host.go).
"""

from __future__ import annotations

import ctypes
import os
from typing import Any

from .. import _registry
from .._native import bindings, call
from ..node import Node
from ..pipeline import Pipeline


class SegmentHost:
    """The actor class (made a Ray actor by the pool). Its calls for one
    stream come from one submitter, so Ray runs them in order."""

    def __init__(self, sub_manifest: dict[str, Any], node_types: dict[str, type[Node]]) -> None:
        for name, cls in node_types.items():
            if _registry.lookup(name) is not cls:
                _registry.register_node(cls, name=name)
        self._manifest = sub_manifest
        self._compiled: dict[tuple[int, bool], Any] = {}  # by the local run's (queue_size, skip_errors)
        self._sessions: dict[str, Any] = {}
        self._compile(0, False)  # fail here, at start, when the segment cannot be built

    def _compile(self, queue_size: int, skip_errors: bool) -> Any:
        key = (queue_size, skip_errors)
        if key not in self._compiled:
            pipe = Pipeline._load(self._manifest)
            pipe.queue_size, pipe.skip_errors = queue_size, skip_errors
            pipe._segment_host = True  # compiled with marks (bindings.CompileSegment)
            self._compiled[key] = pipe._compile()
        return self._compiled[key]

    def pid(self) -> int:
        return os.getpid()

    def open(self, sid: str, queue_size: int, skip_errors: bool) -> None:
        compiled = self._compile(queue_size, skip_errors)
        self._sessions[sid] = call(bindings.OpenSegmentSession, compiled.pipeline)

    def push(self, sid: str, request: bytes) -> bytes:
        s = self._session(sid)
        addr = ctypes.cast(ctypes.c_char_p(request), ctypes.c_void_p).value or 0
        call(s.Push, addr, len(request))
        return _result(s)

    def close(self, sid: str) -> bytes:
        s = self._sessions.pop(sid, None)
        if s is None:
            raise KeyError(f"no open stream {sid!r} on this actor")
        call(s.Close)
        return _result(s)

    def abort(self, sid: str) -> None:
        s = self._sessions.pop(sid, None)
        if s is not None:
            call(s.Abort)

    def _session(self, sid: str) -> Any:
        try:
            return self._sessions[sid]
        except KeyError:
            raise KeyError(f"no open stream {sid!r} on this actor") from None


def _result(s: Any) -> bytes:
    n = s.ResultLen()
    return ctypes.string_at(s.ResultAddr(), n) if n else b""
