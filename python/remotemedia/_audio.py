"""The :class:`Audio` value type and :func:`frames`, which cuts it into
timestamped frames: values only, nothing of the engine. The bridge
(``_convert``) builds Audio from engine frames, so this module must not
import what runs pipelines; ``remotemedia.audio`` is the public face and
adds the WAV functions, which do.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

__all__ = ["Audio", "frames"]

# The meta of audio without metadata: one shared empty, read-only mapping.
_NO_META: Mapping[str, Any] = MappingProxyType({})


@dataclass(frozen=True)
class Audio:
    """Interleaved float32 PCM audio.

    ``samples`` is stored as a 1-D ``numpy.float32`` array (anything
    ``numpy.asarray`` accepts is converted). Where numpy is missing (Pyodide
    in the browser) it is a read-only ``memoryview`` of format ``'f'``
    instead, made from a list, an ``array('f')`` or a memoryview; node code
    that uses only ``len``, indexing, slicing and ``samples.tolist()``
    runs the same on both (docs/PYTHON.md). A 2-D array is read as
    ``(frames, channels)`` and sets ``channels``; ``samples`` is then its
    interleaved (row-major) view. ``timestamp`` is the presentation time of
    the first sample, in seconds.

    ``meta`` is the frame's metadata: a read-only mapping of str keys to
    JSON values (a copy of what was given). Audio from the engine carries
    the frame's metadata there, e.g. SileroVADNode's ``start_ms``; audio a
    Python node returns takes it to the engine, over the metadata the
    node's input had.

    >>> import numpy as np
    >>> import remotemedia as rm
    >>> a = rm.Audio(np.zeros(480, dtype=np.float32), sample_rate=48000, channels=2, meta={"take": 3})
    >>> a.frames, a.duration, a.meta["take"]
    (240, 0.005, 3)
    """

    # Its public name: reprs, help() and pickles (Ray's too) use this one.
    __module__ = "remotemedia.audio"

    samples: Any
    sample_rate: int
    channels: int = 1
    timestamp: float = 0.0
    meta: Mapping[str, Any] = field(default_factory=lambda: _NO_META)

    def __post_init__(self) -> None:
        if self.meta is not _NO_META:
            if not isinstance(self.meta, Mapping):
                raise TypeError(f"meta must be a mapping, got {type(self.meta).__name__}")
            bad = next((k for k in self.meta if not isinstance(k, str)), None)
            if bad is not None:
                raise TypeError(f"meta keys must be str, got {bad!r}")
            object.__setattr__(self, "meta", MappingProxyType(dict(self.meta)) if self.meta else _NO_META)

        np = _numpy()
        if np is None:
            self._set_samples(_float32_view(self.samples))
            return
        self._set_samples(np.asarray(self.samples, dtype=np.float32))

    def _set_samples(self, samples: Any) -> None:
        if samples.ndim == 2:
            # channels=1 is the default, so only a different count conflicts.
            if self.channels not in (1, samples.shape[1]):
                raise ValueError(
                    f"samples of shape {samples.shape} are (frames, channels) = "
                    f"{samples.shape[1]} channels, not {self.channels}"
                )
            object.__setattr__(self, "channels", int(samples.shape[1]))
        elif samples.ndim > 2:
            raise ValueError(f"samples must be 1-D (interleaved) or 2-D (frames, channels), got shape {samples.shape}")
        if samples.ndim != 1:  # a 1-D array stays itself: rm.empty's stays the only view of its memory
            samples = samples.reshape(-1) if hasattr(samples, "reshape") else samples.cast("B").cast("f")
        object.__setattr__(self, "samples", samples)
        if self.sample_rate <= 0:
            raise ValueError(f"sample_rate must be positive, got {self.sample_rate}")
        if self.channels <= 0:
            raise ValueError(f"channels must be positive, got {self.channels}")
        if len(samples) % self.channels:
            raise ValueError(f"{len(samples)} samples do not divide into {self.channels} channels")

    @property
    def frames(self) -> int:
        """Samples per channel."""
        return len(self.samples) // self.channels

    @property
    def duration(self) -> float:
        """Length in seconds."""
        return self.frames / self.sample_rate

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Audio):
            return NotImplemented
        np = _numpy()
        return (
            self.sample_rate == other.sample_rate
            and self.channels == other.channels
            and self.timestamp == other.timestamp
            and self.meta == other.meta
            and (
                bool(np.array_equal(self.samples, other.samples))
                if np is not None
                else self.samples.tolist() == other.samples.tolist()
            )
        )

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> tuple[type[Audio], tuple[Any, ...]]:
        # A mappingproxy cannot be pickled; its dict can.
        return (Audio, (self.samples, self.sample_rate, self.channels, self.timestamp, dict(self.meta)))


_np: Any = None  # numpy once imported; False where it is missing


def _numpy() -> Any:
    """numpy, or None where it cannot be imported (Pyodide from npm)."""
    global _np
    if _np is None:
        try:
            import numpy

            _np = numpy
        except ImportError:
            _np = False
    return _np or None


def _float32_view(samples: Any) -> Any:
    """Samples as a read-only 1-D or 2-D float32 memoryview, without numpy:
    a read-only C-contiguous memoryview of format 'f' is kept, anything
    else with the buffer protocol, and (nested) sequences of numbers, are
    copied into one."""
    if isinstance(samples, (bytes, bytearray, str)):
        raise TypeError(f"samples must be numbers, not {type(samples).__name__}")
    try:
        view: Any = memoryview(samples)
    except TypeError:
        rows = list(samples)
        if not (rows and isinstance(rows[0], (list, tuple))):
            return _frozen(rows, None)
        width = len(rows[0])  # (frames, channels)
        if any(len(r) != width for r in rows):
            raise ValueError("samples rows have different lengths") from None
        return _frozen([x for r in rows for x in r], [len(rows), width])
    if view.ndim > 2:
        raise ValueError(f"samples must be 1-D (interleaved) or 2-D (frames, channels), got shape {view.shape}")
    if view.format == "f" and view.c_contiguous and view.readonly:
        return view
    values = view.tolist()
    if view.ndim == 2:
        values = [x for r in values for x in r]
    return _frozen(values, list(view.shape) if view.ndim == 2 else None)


def _frozen(values: list[Any], shape: list[int] | None) -> Any:
    """A read-only float32 memoryview of values, shaped when shape is given."""
    from array import array

    flat = memoryview(array("f", values).tobytes())
    return flat.cast("f", shape) if shape and all(shape) else flat.cast("f")


def frames(audio: Audio, frame_ms: float = 20) -> Iterator[Audio]:
    """Cut ``audio`` into frames of ``frame_ms`` (rounded to the nearest
    sample, as ``AudioChunkerNode`` does; the last frame may be shorter).

    Each frame's samples are a view of ``audio.samples`` (no copy), and its
    timestamp is the exact time of its first sample: ``audio.timestamp +
    n / sample_rate`` for the n-th sample frame, computed from the count,
    never summed, so it does not drift. The frames carry no ``meta``: what
    describes the whole need not hold for a part.

    >>> import numpy as np
    >>> import remotemedia as rm
    >>> a = rm.Audio(np.arange(10, dtype=np.float32), sample_rate=1000, timestamp=1.0)
    >>> [(f.timestamp, f.samples.tolist()) for f in rm.audio.frames(a, frame_ms=4)]
    [(1.0, [0.0, 1.0, 2.0, 3.0]), (1.004, [4.0, 5.0, 6.0, 7.0]), (1.008, [8.0, 9.0])]
    """
    size = math.floor(frame_ms * audio.sample_rate / 1000 + 0.5)  # Go's math.Round for positives
    if not frame_ms > 0 or size < 1:
        raise ValueError(f"frame_ms {frame_ms} is less than one sample at {audio.sample_rate} Hz")
    ch = audio.channels
    for start in range(0, audio.frames, size):
        yield Audio(
            audio.samples[start * ch : (start + size) * ch],
            sample_rate=audio.sample_rate,
            channels=ch,
            timestamp=audio.timestamp + start / audio.sample_rate,
        )
