"""Frames in the binary wire encoding v1 (docs/FRAMES.md), for dataset
columns: a pyarrow binary value is one frame, a list of them several.

The engine's codec is Go's (core/frame); Python has no binding to it, so
this is the format written out once more, checked byte for byte against
the shared vectors (shared/conformance/frames.json) by the tests. Values
are what the Python bridge gives and takes (docs/PYTHON.md): ``str`` is
text, bytes-like is bytes, :class:`~remotemedia.Audio` is audio (its
``meta`` is the frame's metadata), a numpy array is a tensor, anything
else JSON.
"""

from __future__ import annotations

import json
import struct
from typing import Any

from ..audio import Audio
from ..exceptions import InputError

__all__ = ["decode_frame", "encode_frame"]

KIND_JSON, KIND_TEXT, KIND_BYTES, KIND_AUDIO, KIND_TENSOR = 1, 2, 3, 4, 5
_HEADER = struct.Struct("<BBHI")  # version, kind, reserved, meta_len
_AUDIO_KEYS = ("channels", "sample_rate", "timestamp_ns")
_TENSOR_KEYS = ("dtype", "shape")
_DTYPES = ("float32", "float64", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64", "bool")


def _compact(value: Any) -> bytes:
    return json.dumps(value, separators=(",", ":"), sort_keys=True, ensure_ascii=False, allow_nan=False).encode()


def _frame(kind: int, meta: dict[str, Any], payload: bytes) -> bytes:
    m = _compact(meta) if meta else b""
    return _HEADER.pack(1, kind, 0, len(m)) + m + payload


def encode_frame(value: Any) -> bytes:
    """One wire v1 frame holding ``value``: compact meta with sorted keys,
    none when empty, as the canonical form has it. JSON text is Python's
    (``1.0`` stays ``1.0`` where Go writes ``1``), which every decoder
    accepts, so a JSON frame's bytes may differ from Go's encoding."""
    import numpy as np

    if isinstance(value, str):
        return _frame(KIND_TEXT, {}, value.encode("utf-8"))
    if isinstance(value, (bytes, bytearray, memoryview)):
        return _frame(KIND_BYTES, {}, bytes(value))
    if isinstance(value, Audio):
        meta = {k: v for k, v in value.meta.items() if k not in _AUDIO_KEYS}
        meta.update(channels=value.channels, sample_rate=value.sample_rate)
        ts = int(round(value.timestamp * 1e9))
        if ts:
            meta["timestamp_ns"] = ts
        return _frame(KIND_AUDIO, meta, value.samples.astype("<f4", copy=False).tobytes())
    if isinstance(value, np.ndarray):
        if value.dtype.name not in _DTYPES:
            raise InputError(f"numpy dtype {value.dtype} cannot become a tensor; supported: {', '.join(_DTYPES)}")
        data = np.ascontiguousarray(value, dtype=value.dtype.newbyteorder("<")).tobytes()
        return _frame(KIND_TENSOR, {"dtype": value.dtype.name, "shape": list(value.shape)}, data)
    try:
        return _frame(KIND_JSON, {}, _compact(value))
    except (TypeError, ValueError) as e:
        raise InputError(f"a {type(value).__name__} cannot become a JSON frame: {e}") from e


def decode_frame(buf: bytes | bytearray | memoryview) -> Any:
    """The Python value of one wire v1 frame; a malformed frame raises
    :class:`~remotemedia.InputError` saying what is wrong."""
    data = bytes(buf)
    if len(data) < _HEADER.size:
        raise InputError(f"wire frame: {len(data)} bytes is shorter than the 8-byte header")
    version, kind, reserved, meta_len = _HEADER.unpack_from(data)
    if version != 1:
        raise InputError(f"wire frame: version {version}, want 1")
    if reserved:
        raise InputError(f"wire frame: reserved field is {reserved}, want 0")
    if _HEADER.size + meta_len > len(data):
        raise InputError(f"wire frame: meta_len {meta_len} runs past the end ({len(data)} bytes)")
    meta: dict[str, Any] = {}
    if meta_len:
        try:
            meta = json.loads(data[_HEADER.size : _HEADER.size + meta_len].decode("utf-8"))
        except ValueError as e:
            raise InputError(f"wire frame: meta is not UTF-8 JSON: {e}") from e
        if not isinstance(meta, dict):
            raise InputError("wire frame: meta is not a JSON object")
    payload = data[_HEADER.size + meta_len :]
    try:
        if kind == KIND_JSON:
            return json.loads(payload.decode("utf-8"))
        if kind == KIND_TEXT:
            return payload.decode("utf-8")
    except ValueError as e:
        raise InputError(f"wire frame: {'json' if kind == KIND_JSON else 'text'} payload: {e}") from e
    if kind == KIND_BYTES:
        return payload
    if kind == KIND_AUDIO:
        return _audio(meta, payload)
    if kind == KIND_TENSOR:
        return _tensor(meta, payload)
    raise InputError(f"wire frame: unknown kind {kind}")


def _positive_int(meta: dict[str, Any], key: str) -> int:
    v = meta.get(key)
    if type(v) is not int or v <= 0:
        raise InputError(f"wire frame: audio meta {key!r} must be a positive integer, got {v!r}")
    return v


def _audio(meta: dict[str, Any], payload: bytes) -> Audio:
    import numpy as np

    channels, rate = _positive_int(meta, "channels"), _positive_int(meta, "sample_rate")
    ts = meta.get("timestamp_ns", 0)
    if type(ts) is not int:
        raise InputError(f"wire frame: audio meta 'timestamp_ns' must be an integer, got {ts!r}")
    if len(payload) % (4 * channels):
        raise InputError(f"wire frame: audio payload of {len(payload)} bytes is not whole {channels}-channel f32 frames")
    user = {k: v for k, v in meta.items() if k not in _AUDIO_KEYS}
    return Audio(np.frombuffer(payload, dtype="<f4"), rate, channels, ts / 1e9, meta=user)


def _tensor(meta: dict[str, Any], payload: bytes) -> Any:
    import numpy as np

    dtype, shape = meta.get("dtype"), meta.get("shape")
    if dtype not in _DTYPES:
        raise InputError(f"wire frame: unknown tensor dtype {dtype!r}")
    if not isinstance(shape, list) or any(type(d) is not int or d < 0 for d in shape):
        raise InputError(f"wire frame: tensor shape must be non-negative integers, got {shape!r}")
    dt = np.dtype(dtype).newbyteorder("<")
    want = dt.itemsize
    for d in shape:
        want *= d
    if len(payload) != want:
        raise InputError(f"wire frame: tensor data is {len(payload)} bytes, {dtype}{shape} needs {want}")
    return np.frombuffer(payload, dtype=dt).reshape(shape)
