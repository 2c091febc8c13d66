"""remotemedia.audio in Pyodide: the :class:`Audio` value and
:func:`frames`, from python/remotemedia/_audio.py unchanged. Without numpy,
``Audio.samples`` is a read-only float32 ``memoryview`` (docs/BROWSER.md).
The CPython module's WAV functions run the engine, so they are not here.
"""

from __future__ import annotations

# Audio's __module__ is this module, which dataclass looks up while _audio
# loads: so _audio is imported from here, never first.
from ._audio import Audio, frames

__all__ = ["Audio", "frames"]
