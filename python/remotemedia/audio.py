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

import os
from typing import cast

from ._audio import Audio, frames
from ._convert import KIND_AUDIO, decode
from ._native import bindings, call
from .exceptions import InputError

__all__ = ["Audio", "frames", "read_wav", "write_wav"]


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
    name = os.fspath(path)
    with open(name, "rb") as f:
        wav = call(bindings.ReadWAV, f.fileno(), name)
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

    if not isinstance(audio, Audio):
        raise TypeError(f"write_wav needs a remotemedia.Audio, got {type(audio).__name__}")
    engine_format = _WAV_FORMATS.get(format)
    if engine_format is None:
        raise InputError(f"unknown WAV sample format {format!r}; want one of {', '.join(_WAV_FORMATS)}")
    samples = np.ascontiguousarray(audio.samples)
    call(
        bindings.WriteWAV, os.fspath(path), samples.__array_interface__["data"][0], samples.nbytes,
        audio.sample_rate, audio.channels, engine_format,
    )
