"""Whether a numpy array has ever exported its buffer (``memoryview(a)``,
``a.data``, ``bytes(a)``, ``np.frombuffer(a)``, ``ctypes`` ``from_buffer``).

An export made while the array was writable stays writable after numpy
marks the array read-only, so the bridge must not lend such an array's
memory to a frame (``_convert._lend``). numpy has no public flag for it,
but it records each export in the array itself: ``PyArrayObject`` keeps a
cache of the buffer descriptions it handed out (``_buffer_info``), set by
the first export and freed only with the array. The field's offset is found
once, by exporting probe arrays, not assumed from a numpy version; if the
probe cannot find it, every array counts as exported, so the bridge copies
instead of lending: slower, never unsafe.
"""

from __future__ import annotations

import ctypes
from functools import cache
from typing import Any

_WORD = ctypes.sizeof(ctypes.c_void_p)


def _words(arr: Any, size: int) -> list[int]:
    base = id(arr)
    return [ctypes.c_void_p.from_address(base + off).value or 0 for off in range(0, size, _WORD)]


@cache
def _export_field() -> int | None:
    """The byte offset of the array field that turns non-zero on the first
    buffer export and is the only one that does, or None."""
    import numpy as np

    size = np.ndarray.__basicsize__  # reads stay inside the array object
    changed: set[int] | None = None
    for shape in (4, (2, 3)):
        probe = np.zeros(shape)
        before = _words(probe, size)
        with probe.data:  # a memoryview: an export
            after = _words(probe, size)
        offsets = {i * _WORD for i, (b, a) in enumerate(zip(before, after)) if b == 0 and a != 0}
        changed = offsets if changed is None else changed & offsets
    return changed.pop() if changed is not None and len(changed) == 1 else None


def ever_exported(arr: Any) -> bool:
    """Whether arr has exported its buffer at least once (conservatively
    True when the field is unknown)."""
    field = _export_field()
    if field is None:
        return True
    return bool(ctypes.c_void_p.from_address(id(arr) + field).value)
