"""The speech pipeline (examples/audio/speech.json: mix to mono, resample to
16 kHz, cut 20 ms frames, detect voice activity) on a numpy array.

It reads build/speech.wav when `make speech-wav` has written it; otherwise
it synthesises two speech-like utterances at 48 kHz stereo with numpy.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

import remotemedia as rm

REPO = Path(__file__).resolve().parents[2]
MANIFEST = REPO / "examples" / "audio" / "speech.json"
SPEECH_WAV = REPO / "build" / "speech.wav"


def voiced(f0_from: float, f0_to: float, seconds: float, rate: int) -> np.ndarray:
    """A vowel-like sound: harmonics of a pitch gliding from f0_from to f0_to
    Hz with a 5 Hz vibrato, shaped by formants at 700, 1220 and 2600 Hz,
    pulsing at 4 syllables a second, with 10 ms fades; RMS 0.1."""
    t = np.arange(int(seconds * rate)) / rate
    f0 = f0_from + (f0_to - f0_from) * t / seconds + 3 * np.sin(2 * np.pi * 5 * t)
    phase = 2 * np.pi * np.cumsum(f0) / rate
    out = np.zeros_like(t)
    for h in range(1, 64):
        f = h * f0
        gain = sum(1 / np.hypot(1 - (f / fm) ** 2, f * bw / fm**2) for fm, bw in [(700, 110), (1220, 120), (2600, 160)])
        out += np.where(f < 0.45 * rate, gain / np.maximum(1, f / 500), 0) * np.sin(h * phase)
    out *= 0.2 + 0.8 * np.cos(4 * np.pi * t) ** 2
    out *= np.minimum(1, np.minimum(t, t[-1] - t) * 100)
    result: np.ndarray = (out * 0.1 / np.sqrt(np.mean(out**2))).astype(np.float32)
    return result


def two_utterances(rate: int = 48000, seed: int = 1) -> tuple[rm.Audio, list[tuple[float, float]]]:
    """Stereo audio: 0.6 s pause, a low voice for 1.3 s, 0.8 s pause, a high
    voice for 1.0 s, 0.7 s pause, with quiet white noise (30 dB below the
    voice) throughout; and where the speech is, in ms."""
    pause = [np.zeros(int(s * rate), dtype=np.float32) for s in (0.6, 0.8, 0.7)]
    mono = np.concatenate([pause[0], voiced(110, 140, 1.3, rate), pause[1], voiced(220, 180, 1.0, rate), pause[2]])
    noise = np.random.default_rng(seed).normal(0, 0.1 * 10 ** (-30 / 20), (mono.size, 2))
    stereo = (np.stack([mono, 0.6 * mono], axis=1) + noise).astype(np.float32)  # (frames, channels)
    return rm.Audio(stereo, sample_rate=rate), [(600.0, 1900.0), (2700.0, 3700.0)]


def find_speech(audio: rm.Audio) -> list[dict[str, Any]]:
    """Stream the audio through speech.json in 20 ms frames, as
    `remotemedia run --input-wav --frame-ms 20` does."""
    pipe = rm.Pipeline.from_manifest(MANIFEST)
    return list(pipe.stream(rm.audio.frames(audio, frame_ms=20)))


def main() -> None:
    if SPEECH_WAV.exists():
        audio = rm.audio.read_wav(SPEECH_WAV)
        print(f"{SPEECH_WAV}: {audio.duration:.2f} s, {audio.sample_rate} Hz, {audio.channels} channels")
    else:
        audio, spans = two_utterances()
        print(f"synthesised {audio.duration:.1f} s at {audio.sample_rate} Hz, {audio.channels} channels; speech at",
              ", ".join(f"{a:.0f}-{b:.0f} ms" for a, b in spans))
    for seg in find_speech(audio):
        print(f"speech {seg['start_ms']}-{seg['end_ms']} ms")


if __name__ == "__main__":
    main()
