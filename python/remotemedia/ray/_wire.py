"""Frames in the binary wire encoding v1 (docs/FRAMES.md), for dataset
columns: a pyarrow binary value is one frame, a list of them several.

The codec is the engine's (core/frame, through bindings/wire.go), so the
bytes are exactly what Go writes (the shared vectors in
shared/conformance/frames.json). Values are what the Python bridge gives
and takes (docs/PYTHON.md): ``str`` is text, bytes-like is bytes,
:class:`~remotemedia.Audio` is audio (its ``meta`` is the frame's
metadata), a numpy array is a tensor, anything else JSON.
"""

from __future__ import annotations

import ctypes
from typing import Any

from .._convert import decode, emit
from .._native import bindings, call

__all__ = ["decode_frame", "encode_frame"]


def encode_frame(value: Any) -> bytes:
    """One value as wire bytes; a value that cannot be a frame is an InputError."""
    enc = bindings.NewFrameEncoder()
    try:
        call(emit, enc.Token(), value)
        n = enc.Len()
        return ctypes.string_at(enc.Addr(), n) if n else b""
    finally:
        enc.Close()


def decode_frame(buf: bytes | bytearray | memoryview) -> Any:
    """The value of one frame's wire bytes; malformed bytes are an InputError."""
    data = bytes(buf)
    out: list[Any] = []

    def receive(op: int, kind: int, ival: int, fval: float, d: Any, aux: str, addr: int, nbytes: int,
                index: int) -> None:
        out.append(decode(kind, ival, fval, d, aux, addr, nbytes))

    addr = ctypes.cast(ctypes.c_char_p(data), ctypes.c_void_p).value or 0
    call(bindings.DecodeFrame, id(receive), addr, len(data))
    return out[0]
