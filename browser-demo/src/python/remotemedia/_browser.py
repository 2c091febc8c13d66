"""The bridge between the browser worker and Python nodes in Pyodide.

Frames cross as wire v1 bytes (docs/FRAMES.md): the worker hands each input
frame to :meth:`Adapter.call` as a buffer, and gets back one ``bytes``
holding every output as (u32 little-endian length, wire v1 frame). Audio
arrives as :class:`Audio` over a float32 memoryview of the frame's bytes,
and tensors as :class:`Tensor` (no numpy in Pyodide: docs/BROWSER.md). A
failing node returns a dict ``{"error", "type", "traceback"}`` instead of
raising, so the traceback reaches the page unchanged.
"""

from __future__ import annotations

import inspect
import json
import linecache
import struct
import sys
import traceback
import types
from typing import Any

from . import _registry
from ._audio import Audio
from ._tensor import Tensor
from .node import Node

KIND_JSON, KIND_TEXT, KIND_BYTES, KIND_AUDIO, KIND_TENSOR = 1, 2, 3, 4, 5
_HEADER = struct.Struct("<BBHI")  # version, kind, reserved, meta_len


def decode(buf: Any) -> Any:
    """The Python value of one wire v1 frame, as the CPython bridge gives it."""
    return decode_with_meta(buf)[0]


def decode_with_meta(buf: Any) -> tuple[Any, dict[str, Any]]:
    """The value of one wire v1 frame and its metadata (without the keys
    its kind owns), which the node's outputs inherit."""
    if hasattr(buf, "to_bytes"):
        buf = buf.to_bytes()  # a JS Uint8Array (a Pyodide JsProxy): one copy into Python
    data = memoryview(buf).cast("B")
    if len(data) < _HEADER.size:
        raise ValueError(f"frame of {len(data)} bytes is shorter than its header")
    version, kind, _, meta_len = _HEADER.unpack_from(data)
    if version != 1:
        raise ValueError(f"frame version {version}, want 1")
    payload = data[_HEADER.size + meta_len :]
    meta = json.loads(bytes(data[_HEADER.size : _HEADER.size + meta_len])) if meta_len else {}
    if kind == KIND_JSON:
        return json.loads(bytes(payload)), meta
    if kind == KIND_TEXT:
        return str(payload, "utf-8"), meta
    if kind == KIND_BYTES:
        return bytes(payload), meta
    if kind == KIND_AUDIO:
        rate, channels, ts = meta.pop("sample_rate"), meta.pop("channels"), meta.pop("timestamp_ns", 0)
        # The memoryview of the bytes is read-only, so Audio keeps it: no copy.
        audio = Audio(payload.cast("f"), sample_rate=rate, channels=channels, timestamp=ts / 1e9, meta=meta)
        return audio, meta
    if kind == KIND_TENSOR:
        shape, dtype = meta.pop("shape"), meta.pop("dtype")
        return Tensor(payload, tuple(shape), dtype), meta
    raise TypeError(f"frame kind {kind} is unknown")


def encode(value: Any, inherited: dict[str, Any] | None = None) -> bytes:
    """One wire v1 frame for a value a node returned, with the kinds the
    CPython bridge uses: str is text, bytes-like is bytes, Audio is audio,
    a Tensor is a tensor, the rest is JSON. Its metadata is ``inherited``
    (the input's) under the value's own, as bindings/pynode.go's
    inheritMeta gives it under CPython."""
    meta: dict[str, Any] = dict(inherited or {})
    if isinstance(value, Audio):
        # The kind's keys win over the audio's own meta, as in frame.Encode.
        meta.update(value.meta)
        meta.update(channels=value.channels, sample_rate=value.sample_rate)
        ts = int(round(value.timestamp * 1e9))
        if ts:
            meta["timestamp_ns"] = ts
        kind, payload = KIND_AUDIO, memoryview(value.samples).cast("B").tobytes()
    elif isinstance(value, Tensor):
        meta.update(dtype=value.dtype, shape=list(value.shape))
        kind, payload = KIND_TENSOR, value.data.tobytes()
    elif isinstance(value, str):
        kind, payload = KIND_TEXT, value.encode("utf-8")
    elif isinstance(value, (bytes, bytearray, memoryview)):
        kind, payload = KIND_BYTES, bytes(value)
    else:
        try:
            text = json.dumps(value, allow_nan=False, separators=(",", ":"), sort_keys=True)
        except (TypeError, ValueError) as e:
            raise TypeError(
                f"cannot turn a {type(value).__name__} into a frame in the browser; "
                "use None, bool, int, float, str, bytes, dict, list or remotemedia.Audio"
            ) from e
        kind, payload = KIND_JSON, text.encode("utf-8")
    head = _meta_json(meta) if meta else b""
    return _HEADER.pack(1, kind, 0, len(head)) + head + payload


def _meta_json(meta: dict[str, Any]) -> bytes:
    try:
        return json.dumps(meta, allow_nan=False, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    except (TypeError, ValueError) as e:
        raise TypeError(f"cannot send the audio's meta as JSON: {e}") from e


def _batch(values: list[Any], inherited: dict[str, Any] | None) -> bytes:
    parts = []
    for v in values:
        frame = encode(v, inherited)
        parts.append(struct.pack("<I", len(frame)))
        parts.append(frame)
    return b"".join(parts)


def _failure(exc: BaseException) -> dict[str, str]:
    tb = exc.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename == __file__:
        tb = tb.tb_next  # start the traceback at the user's code, not this bridge
    return {
        "error": f"{type(exc).__name__}: {exc}",
        "type": type(exc).__name__,
        "traceback": "".join(traceback.format_exception(type(exc), exc, tb)),
    }


class Adapter:
    """Runs one :class:`Node` for the Go engine, like _adapter.NodeAdapter
    does under CPython: process/flush results may be a value, None, a
    generator, a coroutine or an async generator."""

    def __init__(self, node: Node) -> None:
        self.node = node

    def call(self, op: str, buf: Any = None) -> Any:
        inherited = None  # outputs of process inherit its input's metadata
        try:
            if op == "process":
                value, inherited = decode_with_meta(buf)
                result = self.node.process(value)
            elif op == "flush":
                result = self.node.flush()
            elif op == "init":
                result = self.node.initialize()
            elif op == "close":
                result = self.node.cleanup()
            else:
                raise ValueError(f"unknown op {op!r}")
            if inspect.isawaitable(result) or inspect.isasyncgen(result):
                return self._finish(op, result, inherited)  # a coroutine: the worker awaits it
            return _batch(_collect(result), inherited) if op in ("process", "flush") else b""
        except BaseException as exc:  # noqa: BLE001 - everything must reach the page
            return _failure(exc)

    async def _finish(self, op: str, result: Any, inherited: dict[str, Any] | None) -> Any:
        try:
            if inspect.isasyncgen(result):
                values = [v async for v in result if v is not None]
            else:
                values = _collect(await result)
            return _batch(values, inherited) if op in ("process", "flush") else b""
        except BaseException as exc:  # noqa: BLE001
            return _failure(exc)


def _collect(result: Any) -> list[Any]:
    if result is None:
        return []
    if inspect.isgenerator(result):
        return [v for v in result if v is not None]
    return [result]


class Scope:
    """The node types one run may build: the built-in Python nodes plus,
    for a package, the nodes its python/*.py modules define."""

    def __init__(self, node_types: dict[str, type[Node]]) -> None:
        self.types = node_types

    def specs(self, names: list[str]) -> str:
        """JSON {type: spec} for the requested names this scope has."""
        return json.dumps({n: json.loads(_registry.spec_json(self.types[n])) for n in names if n in self.types})

    def create(self, name: str, params_json: str) -> Any:
        try:
            cls = self.types[name]
            node = cls(**json.loads(params_json or "{}"))
            if not isinstance(node, Node):
                raise TypeError(f"node type {name!r} built a {type(node).__name__}, not a remotemedia.Node")
            return Adapter(node)
        except BaseException as exc:  # noqa: BLE001
            return _failure(exc)


def builtin_scope() -> Scope:
    return Scope(_registry.registered())


_loaded = 0


def package_scope(sources: dict[str, str]) -> Any:
    """Import a package's python/*.py sources (name -> text) as fresh modules
    and return the Scope of their node types: classes registered with
    ``@rm.register_node`` while they load, and every other ``rm.Node``
    subclass they define, under its class name. The global registry is left
    as it was, so packages never see each other's nodes. A module that fails
    to import returns a failure dict with its traceback."""
    global _loaded
    _loaded += 1
    before = _registry.registered()
    found: dict[str, type[Node]] = {}
    try:
        for filename in sorted(sources):
            stem = filename.rsplit("/", 1)[-1].removesuffix(".py")
            name = f"rmpkg{_loaded}_{stem}"
            module = types.ModuleType(name)
            path = module.__file__ = f"python/{filename}"
            sys.modules[name] = module
            source = sources[filename]
            linecache.cache[path] = (len(source), None, source.splitlines(True), path)  # source lines in tracebacks
            exec(compile(source, path, "exec"), module.__dict__)
            for value in vars(module).values():
                if isinstance(value, type) and issubclass(value, Node) and value.__module__ == name:
                    found.setdefault(value.__name__, value)
        after = _registry.registered()
        found.update({k: v for k, v in after.items() if before.get(k) is not v})
    except BaseException as exc:  # noqa: BLE001
        return _failure(exc)
    finally:
        with _registry._lock:
            _registry._types.clear()
            _registry._types.update(before)
    return Scope({**before, **found})
