"""Python values <-> engine frames, for both directions of the bridge.

Go calls Python with ``(op, kind, ival, fval, data, aux, addr, nbytes,
token)``; :func:`decode` turns the value fields into a Python object.
:func:`emit` hands a Python object to Go through the ``Emit*`` functions.
The kind numbers mirror ``bindings/convert.go``.

Tensors and audio from Go are zero-copy, read-only numpy views of Go memory
that Go keeps pinned until the view is garbage collected. Arrays going to Go
are shared without copying when they view Go memory that nothing can write
(such views, and rm.empty arrays that are the only view of theirs, frozen as
they are sent), and copied otherwise, because Python code may change or
free its own arrays later.
"""

from __future__ import annotations

import ctypes
import json
import math
import sys
from typing import Any, Callable, Final, cast

from ._audio import _NO_META, Audio
from ._exports import ever_exported
from ._native import call, raw
from .exceptions import InputError

KIND_NULL = 0
KIND_BOOL = 1
KIND_INT = 2
KIND_FLOAT = 3
KIND_JSON = 4
KIND_TEXT = 5
KIND_BYTES = 6
KIND_TENSOR = 7
KIND_AUDIO = 8

DTYPES = frozenset(
    ["float32", "float64", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64", "bool"]
)

_INT64_MIN, _INT64_MAX = -(2**63), 2**63 - 1


class _Loan:
    """Owns a Go buffer lent to Python; ending the loan when collected."""

    __slots__ = ("addr", "handle", "nbytes")

    def __init__(self, handle: int, addr: int, nbytes: int) -> None:
        self.handle, self.addr, self.nbytes = handle, addr, nbytes

    def __del__(self) -> None:
        try:
            raw.bindings_ReleaseBuffer(self.handle)
        except Exception:  # interpreter shutdown: Go no longer matters
            pass


class _GoMemory:
    """Go memory as numpy sees it: the base of the one array (the owner)
    that every array over a Go buffer views, since numpy collapses view
    bases to it. It offers numpy ``__array_interface__`` and no buffer
    protocol, so numpy lets an array over it become writable only while the
    interface says the memory is: once frozen, no view, however made
    (``setflags``, ``base``, ``np.asarray``), can write to it again.
    ``sealed`` means that no writable array over it is left.
    """

    __slots__ = ("__array_interface__", "loan", "sealed")

    def __init__(self, loan: _Loan, dtype: Any, readonly: bool) -> None:
        self.loan, self.sealed = loan, readonly
        self.__array_interface__ = {
            "version": 3, "shape": (loan.nbytes // dtype.itemsize,), "typestr": dtype.str,
            "data": (loan.addr, readonly),
        }

    def freeze(self) -> None:
        self.__array_interface__ = {**self.__array_interface__, "data": (self.loan.addr, True)}


def _go_array(handle: int, addr: int, nbytes: int, dtype: Any, readonly: bool) -> Any:
    """The owner array over a lent Go buffer."""
    import numpy as np

    return np.asarray(_GoMemory(_Loan(handle, addr, nbytes), dtype, readonly))


def _view(addr: int, nbytes: int, handle: int, dtype: str) -> Any:
    import numpy as np

    if nbytes == 0:
        arr = np.empty(0, dtype=dtype)
        arr.flags.writeable = False
        return arr
    # Read-only memory: numpy refuses setflags(write=True) on every array
    # over it, so no code can change a frame other nodes share. A view, not
    # the owner: a node that keeps or returns it shares it (_lendable).
    return _go_array(handle, addr, nbytes, np.dtype(dtype), readonly=True)[:]


def empty(shape: int | tuple[int, ...], dtype: str = "float32") -> Any:
    """A writable numpy array in Go memory: it reaches the engine without a
    copy, whatever its size, while it is the only array over its memory.
    Sending it freezes it and every view made afterwards (read-only, for
    good), because frames are immutable; if other views of it made before
    sending are alive, the engine gets a copy instead, so that no view can
    change a frame.

    >>> import remotemedia as rm
    >>> a = rm.empty((2, 3), dtype="float64")
    >>> a[:] = 1.5
    >>> rm.Pipeline.from_manifest(
    ...     {"version": "v1", "nodes": [{"id": "m", "node_type": "MultiplyNode", "params": {"multiplier": 2}}]}
    ... ).run([a])[0].tolist()
    [[3.0, 3.0, 3.0], [3.0, 3.0, 3.0]]
    """
    import numpy as np

    dt = np.dtype(dtype)
    if dt.name not in DTYPES:
        raise InputError(f"numpy dtype {dt} cannot become a tensor; supported: {', '.join(sorted(DTYPES))}")
    dims = (shape,) if isinstance(shape, int) else tuple(shape)
    nbytes = math.prod(int(d) for d in dims) * dt.itemsize  # Python ints: no int64 overflow
    if nbytes == 0:
        return np.empty(dims, dtype=dt)
    if any(int(d) < 0 for d in dims) or nbytes >= 1 << 63:
        raise InputError(f"rm.empty{dims}: shape out of range")
    handle = call(raw.bindings_AllocBuffer, nbytes)  # the engine range-checks the size
    addr = raw.bindings_BufferAddress(handle)
    # Not the owner itself: the user's array is then one view of it, and
    # the owner's reference count tells whether it is the only one.
    return _go_array(handle, addr, nbytes, dt.newbyteorder("<"), readonly=False).reshape(dims)


def decode(kind: int, ival: int, fval: float, data: Any, aux: str, addr: int, nbytes: int) -> Any:
    """Build the Python value of a frame passed by Go."""
    if kind == KIND_INT:
        return ival
    if kind == KIND_TEXT:
        return data
    if kind == KIND_FLOAT:
        return fval
    if kind == KIND_JSON:
        return json.loads(data)
    if kind == KIND_NULL:
        return None
    if kind == KIND_BOOL:
        return bool(ival)
    if kind == KIND_BYTES:
        return data
    if kind == KIND_TENSOR:
        dtype, _, shape = aux.partition(";")
        dims = tuple(int(d) for d in shape.split(",")) if shape else ()
        return _view(addr, nbytes, ival, dtype).reshape(dims)
    if kind == KIND_AUDIO:
        rate, channels, ts, *meta = aux.split(";", 3)  # then the metadata's JSON, if any
        samples = _view(addr, nbytes, ival, "float32")
        return Audio(
            samples, sample_rate=int(rate), channels=int(channels), timestamp=int(ts) / 1e9,
            meta=json.loads(meta[0]) if meta else _NO_META,
        )
    raise InputError(f"unknown frame kind {kind} from the engine")


def _go_memory(arr: Any) -> _GoMemory | None:
    """The Go memory an array views, if any (walking numpy's bases, and the
    object a memoryview exports)."""
    base = arr.base
    while base is not None:
        if type(base) is _GoMemory:
            return base
        base = base.obj if isinstance(base, memoryview) else getattr(base, "base", None)
    return None


def _lend(arr: Any) -> tuple[_Loan, int] | None:
    """The loan and offset to send arr without copying, or None to copy it.

    Sealed Go memory (read-only from Go, or an rm.empty buffer already
    checked) is shared as it is. Sending an rm.empty array freezes it and
    its owner first, so every view made from then on is read-only; it is
    lent only when no view made before is left (numpy makes every view's
    base the owner, so each holds a reference to it) and arr never exported
    its buffer. Such a view or export could still change the frame, so arr
    is copied instead.
    """
    if not arr.flags.c_contiguous:
        return None
    mem = _go_memory(arr)
    if mem is None:
        return None
    if not mem.sealed:
        owner = arr.base
        # Not a view of the owner: the owner itself (rm.empty(...).base),
        # or an export of an array (a memoryview).
        if type(getattr(owner, "base", None)) is not _GoMemory:
            return None
        if owner.flags.writeable:
            owner.flags.writeable = False
            mem.freeze()
        arr.flags.writeable = False  # it is a frame now, and frames are immutable
        # Referenced by arr.base, this frame's `owner` and getrefcount's
        # argument; anything more is another view. A buffer arr exported
        # before (memoryview, ctypes) references arr, not the owner, and may
        # still be writable.
        if sys.getrefcount(owner) > 3 or ever_exported(arr):
            return None
        mem.sealed = True
    return mem.loan, arr.__array_interface__["data"][0] - mem.loan.addr


def _emit_array(token: int, arr: Any) -> bool:
    import numpy as np

    dtype = arr.dtype
    if dtype.name not in DTYPES:
        raise InputError(
            f"numpy dtype {dtype} cannot become a tensor; supported: {', '.join(sorted(DTYPES))}"
        )
    if dtype.byteorder == ">":
        arr = arr.astype(dtype.newbyteorder("<"))
    shape = ",".join(str(d) for d in arr.shape)
    lent = _lend(arr)
    if lent is not None:
        loan, offset = lent
        return raw.bindings_EmitTensor(token, dtype.name, shape, 0, arr.nbytes, loan.handle, offset)
    arr = np.ascontiguousarray(arr)
    return raw.bindings_EmitTensor(token, dtype.name, shape, arr.__array_interface__["data"][0], arr.nbytes, 0, 0)


def _emit_audio(token: int, audio: Audio) -> bool:
    samples = audio.samples
    lent = _lend(samples)
    ts = int(round(audio.timestamp * 1e9))
    meta = _meta_json(audio.meta) if audio.meta else ""
    if lent is not None:
        loan, offset = lent
        return raw.bindings_EmitAudio(
            token, 0, samples.nbytes, loan.handle, offset, audio.sample_rate, audio.channels, ts, meta
        )
    import numpy as np

    samples = np.ascontiguousarray(samples)
    return raw.bindings_EmitAudio(
        token, samples.__array_interface__["data"][0], samples.nbytes, 0, 0, audio.sample_rate, audio.channels, ts,
        meta,
    )


def _meta_json(meta: Any) -> str:
    try:
        return json.dumps(dict(meta), allow_nan=False, ensure_ascii=False)
    except (TypeError, ValueError) as e:
        raise InputError(f"cannot send the audio's meta as JSON: {e}") from e


def _emit_int(token: int, v: int, _emit: Callable[[int, int], bool] = raw.bindings_EmitInt) -> bool:
    if _INT64_MIN <= v <= _INT64_MAX:
        return _emit(token, v)
    return raw.bindings_EmitJSON(token, str(v))


def address(b: bytes) -> int:
    """The address of b's bytes, valid while b lives (0 for b"")."""
    return ctypes.cast(ctypes.c_char_p(b), ctypes.c_void_p).value or 0


def _emit_bytes(token: int, v: Any) -> bool:
    b = bytes(v)
    return raw.bindings_EmitBytes(token, address(b), len(b))


def _emit_json(token: int, v: Any) -> bool:
    try:
        # Not ASCII-escaped: a lone surrogate then fails to encode as UTF-8
        # (see emit) instead of reaching Go as an escape it turns into U+FFFD.
        text = json.dumps(v, allow_nan=False, ensure_ascii=False)
    except (TypeError, ValueError) as e:
        raise InputError(f"cannot send {type(v).__name__} as JSON: {e}") from e
    return raw.bindings_EmitJSON(token, text)


class _JsonNull:
    """The type of :data:`NULL`."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "remotemedia.NULL"


NULL: Final = _JsonNull()
"""A JSON null output: a node's ``None`` means "no output", so a node that
means null returns (or yields) ``rm.NULL``. It arrives as ``None``."""


_EMITTERS: dict[type, Callable[[int, Any], bool]] = {
    int: _emit_int,
    float: raw.bindings_EmitFloat,
    str: raw.bindings_EmitText,
    bool: raw.bindings_EmitBool,
    type(None): lambda t, v: raw.bindings_EmitNull(t),
    _JsonNull: lambda t, v: raw.bindings_EmitNull(t),
    dict: _emit_json,
    list: _emit_json,
    tuple: _emit_json,
    bytes: _emit_bytes,
    bytearray: _emit_bytes,
    memoryview: _emit_bytes,
    Audio: _emit_audio,
}


def emit(token: int, value: Any) -> bool:
    """Hand one Python value to the Go target named by token. False means
    the target is busy: deliver its outputs, then emit the value again."""
    try:
        fn = _EMITTERS.get(type(value))
        if fn is not None:
            return fn(token, value)
        return _emit_other(token, value)
    except UnicodeEncodeError as e:
        raise unencodable(value) from e
    except ValueError:
        if isinstance(value, str) and "\0" in value:  # a C string cannot carry NUL
            return _emit_text_utf8(token, value)
        raise


def _emit_text_utf8(token: int, text: str) -> bool:
    b = text.encode("utf-8")
    return raw.bindings_EmitTextUTF8(token, address(b), len(b))


def _emit_other(token: int, value: Any) -> bool:
    np = sys.modules.get("numpy")
    if np is not None:
        if isinstance(value, np.ndarray):
            return _emit_array(token, value)
        if isinstance(value, np.generic):
            return emit(token, value.item())
    if isinstance(value, Audio):
        return _emit_audio(token, value)
    if isinstance(value, bool):
        return raw.bindings_EmitBool(token, value)
    if isinstance(value, int):
        return _emit_int(token, int(value))
    if isinstance(value, float):
        return raw.bindings_EmitFloat(token, float(value))
    if isinstance(value, str):
        return raw.bindings_EmitText(token, str(value))
    if isinstance(value, (dict, list, tuple)):
        return _emit_json(token, value)
    raise InputError(
        f"cannot turn a {type(value).__name__} into a frame; use None, bool, int, float, str, bytes, "
        "dict, list, numpy.ndarray or remotemedia.Audio"
    )


def unencodable(value: Any) -> InputError:
    """The error for a value holding text UTF-8 cannot encode (a lone
    surrogate), naming where in the value it is."""
    where = _bad_text(value, "$")
    if where is None:
        return InputError("the value holds text that UTF-8 cannot encode")
    path, text = where
    pos = next(i for i, ch in enumerate(text) if 0xD800 <= ord(ch) <= 0xDFFF)
    return InputError(
        f"text at {path} holds a lone surrogate {text[pos]!r} at position {pos}, which UTF-8 cannot encode"
    )


def _bad_text(value: Any, path: str) -> tuple[str, str] | None:
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return path, value
        return None
    if isinstance(value, Audio):
        return _bad_text(dict(value.meta), f"{path}.meta")
    if isinstance(value, dict):
        for k, v in value.items():
            sub = f"{path}[{k!r}]"
            found = _bad_text(k, f"{sub} (the key)") or _bad_text(v, sub)
            if found is not None:
                return found
    elif isinstance(value, (list, tuple)):
        for i, v in enumerate(value):
            found = _bad_text(v, f"{path}[{i}]")
            if found is not None:
                return found
    return None
