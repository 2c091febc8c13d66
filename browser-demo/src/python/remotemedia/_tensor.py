"""Tensor frames for Python nodes in Pyodide, where numpy is missing.

A node gets a :class:`Tensor` where CPython gives a numpy array. What the
two share is the common surface: ``.shape`` (a tuple of ints), ``.dtype``
(compare it with a numpy name: ``t.dtype == "float32"`` holds for both),
``.data`` (a read-only memoryview, N-D in C order) and ``.tolist()``.
"""

from __future__ import annotations

import struct
from typing import Any

# numpy dtype names -> struct formats of the same little-endian layout
# (Pyodide's wasm32 is little-endian, so native formats are the wire's).
FORMATS = {
    "float32": "f", "float64": "d", "int8": "b", "int16": "h", "int32": "i", "int64": "q",
    "uint8": "B", "uint16": "H", "uint32": "I", "uint64": "Q", "bool": "?",
}


class Tensor:
    """A read-only tensor: ``data`` views the frame's bytes as ``dtype``
    with ``shape`` (flat when a dimension is zero: memoryview cannot shape
    an empty view)."""

    __slots__ = ("data", "dtype", "shape")

    def __init__(self, data: Any, shape: tuple[int, ...], dtype: str) -> None:
        fmt = FORMATS.get(dtype)
        if fmt is None:
            raise TypeError(f"tensor dtype {dtype!r} is not one of {', '.join(sorted(FORMATS))}")
        raw: Any = memoryview(data).cast("B")  # Any: typeshed types cast() by literal formats only
        if not raw.readonly:
            raw = memoryview(raw.tobytes())
        self.shape = tuple(int(d) for d in shape)
        self.dtype = dtype
        count = 1
        for d in self.shape:
            count *= d
        if len(raw) != count * struct.calcsize(fmt):
            raise ValueError(f"{len(raw)} bytes do not hold a {dtype} tensor of shape {list(self.shape)}")
        self.data: Any = raw.cast(fmt, list(self.shape)) if count else raw.cast(fmt)

    @property
    def ndim(self) -> int:
        return len(self.shape)

    @property
    def nbytes(self) -> int:
        return int(self.data.nbytes)

    def tolist(self) -> Any:
        """Nested lists of Python numbers, as numpy's ``tolist``."""
        if self.data.ndim == len(self.shape):
            return self.data.tolist()
        return _empty(self.shape)

    def __repr__(self) -> str:
        return f"Tensor(shape={self.shape}, dtype={self.dtype!r})"


def _empty(shape: tuple[int, ...]) -> list[Any]:
    if not shape or shape[0] == 0:
        return []
    return [_empty(shape[1:]) for _ in range(shape[0])]
