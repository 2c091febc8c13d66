"""Audio frames: interleaved float32 samples with their format."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Audio:
    """Interleaved float32 PCM audio.

    ``samples`` is a 1-D ``numpy.float32`` array (anything
    ``numpy.asarray`` accepts is converted); ``timestamp`` is the
    presentation time of the first sample, in seconds.

    >>> import numpy as np
    >>> import remotemedia as rm
    >>> a = rm.Audio(np.zeros(480, dtype=np.float32), sample_rate=48000, channels=2)
    >>> a.frames, a.duration
    (240, 0.005)
    """

    samples: Any
    sample_rate: int
    channels: int = 1
    timestamp: float = 0.0

    def __post_init__(self) -> None:
        import numpy as np

        samples = np.asarray(self.samples, dtype=np.float32).reshape(-1)
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
            and bool(np.array_equal(self.samples, other.samples))
        )

    __hash__ = None  # type: ignore[assignment]
