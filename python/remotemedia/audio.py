"""Audio frames (interleaved float32 samples with their format), WAV files,
and cutting audio into timestamped frames for streaming.

>>> import numpy as np
>>> import remotemedia as rm
>>> stereo = np.zeros((4800, 2), dtype=np.float32)      # (frames, channels)
>>> a = rm.Audio(stereo, sample_rate=48000)
>>> a.channels, a.frames
(2, 4800)
>>> [f.timestamp for f in rm.audio.frames(a, frame_ms=40)]
[0.0, 0.04, 0.08]
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, cast

__all__ = ["Audio", "frames", "read_wav", "write_wav"]

# The meta of audio without metadata: one shared empty, read-only mapping.
_NO_META: Mapping[str, Any] = MappingProxyType({})


@dataclass(frozen=True)
class Audio:
    """Interleaved float32 PCM audio.

    ``samples`` is stored as a 1-D ``numpy.float32`` array (anything
    ``numpy.asarray`` accepts is converted). A 2-D array is read as
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

    samples: Any
    sample_rate: int
    channels: int = 1
    timestamp: float = 0.0
    meta: Mapping[str, Any] = field(default_factory=lambda: _NO_META)

    def __post_init__(self) -> None:
        import numpy as np

        if self.meta is not _NO_META:
            if not isinstance(self.meta, Mapping):
                raise TypeError(f"meta must be a mapping, got {type(self.meta).__name__}")
            bad = next((k for k in self.meta if not isinstance(k, str)), None)
            if bad is not None:
                raise TypeError(f"meta keys must be str, got {bad!r}")
            object.__setattr__(self, "meta", MappingProxyType(dict(self.meta)) if self.meta else _NO_META)

        samples = np.asarray(self.samples, dtype=np.float32)
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
            samples = samples.reshape(-1)
        object.__setattr__(self, "samples", samples)
        if self.sample_rate <= 0:
            raise ValueError(f"sample_rate must be positive, got {self.sample_rate}")
        if self.channels <= 0:
            raise ValueError(f"channels must be positive, got {self.channels}")
        if samples.size % self.channels:
            raise ValueError(f"{samples.size} samples do not divide into {self.channels} channels")

    @property
    def frames(self) -> int:
        """Samples per channel."""
        return int(self.samples.size // self.channels)

    @property
    def duration(self) -> float:
        """Length in seconds."""
        return self.frames / self.sample_rate

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Audio):
            return NotImplemented
        import numpy as np

        return (
            self.sample_rate == other.sample_rate
            and self.channels == other.channels
            and self.timestamp == other.timestamp
            and self.meta == other.meta
            and bool(np.array_equal(self.samples, other.samples))
        )

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> tuple[type[Audio], tuple[Any, ...]]:
        # A mappingproxy cannot be pickled; its dict can.
        return (Audio, (self.samples, self.sample_rate, self.channels, self.timestamp, dict(self.meta)))


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


# Sample formats write_wav stores: Python names -> the engine's names.
# 8-bit WAV is unsigned (128 is silence); the engine calls it "s8".
_WAV_FORMATS = {
    "u8": "s8", "s16": "s16", "s24": "s24", "s32": "s32", "f32": "f32", "f64": "f64", "ulaw": "ulaw", "alaw": "alaw",
}


def read_wav(path: str | os.PathLike[str]) -> Audio:
    """Read a whole WAV file (8/16/24/32-bit PCM, 32/64-bit float, G.711
    mu-law or A-law, any rate and channel count; see docs/AUDIO.md) into
    :class:`Audio`.

    The samples are a read-only view of the memory the engine decoded them
    into: nothing is copied on the way to Python. A file that is not a WAV,
    or is truncated or unsupported, raises :class:`~remotemedia.InputError`
    saying what is wrong; a missing file raises ``FileNotFoundError``.
    """
    from ._convert import KIND_AUDIO, decode
    from ._native import bindings
    from .pipeline import native

    name = os.fspath(path)
    with open(name, "rb") as f:
        wav = native(bindings.ReadWAV, f.fileno(), name)
    return cast(Audio, decode(KIND_AUDIO, wav.Handle(), 0.0, None, wav.Aux(), wav.Address(), wav.NBytes()))


def write_wav(path: str | os.PathLike[str], audio: Audio, format: str = "s16") -> None:
    """Write ``audio`` as a WAV file in ``format``: ``"u8"``, ``"s16"``,
    ``"s24"``, ``"s32"`` (integer PCM: rounded, clipped to full scale),
    ``"f32"`` or ``"f64"`` (stored as they are), ``"ulaw"`` or ``"alaw"``
    (G.711 telephony, 8 bits a sample). The timestamp is not
    stored. The file is written beside ``path`` and renamed over it, so a
    failure leaves what was at ``path`` untouched; ``path`` must be absent or
    a regular file (a symlink or a device there raises
    :class:`~remotemedia.InputError`).

    >>> import os, tempfile
    >>> import numpy as np
    >>> import remotemedia as rm
    >>> path = os.path.join(tempfile.mkdtemp(), "tone.wav")
    >>> rm.audio.write_wav(path, rm.Audio(np.full((3, 2), 0.5, dtype=np.float32), 8000), format="s16")
    >>> back = rm.audio.read_wav(path)
    >>> back.sample_rate, back.channels, back.samples.tolist()
    (8000, 2, [0.5, 0.5, 0.5, 0.5, 0.5, 0.5])
    """
    import numpy as np

    from ._native import bindings
    from .exceptions import InputError
    from .pipeline import native

    if not isinstance(audio, Audio):
        raise TypeError(f"write_wav needs a remotemedia.Audio, got {type(audio).__name__}")
    engine_format = _WAV_FORMATS.get(format)
    if engine_format is None:
        raise InputError(f"unknown WAV sample format {format!r}; want one of {', '.join(_WAV_FORMATS)}")
    samples = np.ascontiguousarray(audio.samples)
    native(
        bindings.WriteWAV, os.fspath(path), samples.__array_interface__["data"][0], samples.nbytes,
        audio.sample_rate, audio.channels, engine_format,
    )
