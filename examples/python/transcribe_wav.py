"""Transcribe a WAV file with WhisperSTTNode, offline.

    python transcribe_wav.py [FILE.wav]

Whisper needs 16 kHz mono, so the pipeline resamples and mixes down first:
AudioResampleNode -> AudioMixNode -> WhisperSTTNode. Needs the speech extra
(`pip install "remotemedia[speech]"`; in a checkout, `make stt-models`).
Without FILE it reads build/speech.wav (`make speech-wav`: 48 kHz stereo),
or else speaks a sentence with examples/speech/tts.json (needs espeak-ng).
The whole file is one utterance here; put a SileroVADNode before Whisper to
get one transcript per utterance, with its times.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import remotemedia as rm

REPO = Path(__file__).resolve().parents[2]
SPEECH_WAV = REPO / "build" / "speech.wav"


def transcribe(audio: rm.Audio) -> list[dict[str, object]]:
    pipe = rm.Pipeline("transcribe")
    resampled = pipe.add(rm.nodes.AudioResampleNode(target_rate=16000), id="resample")
    mono = pipe.add(rm.nodes.AudioMixNode(to_channels=1), id="mix", after=resampled)
    pipe.add(rm.nodes.WhisperSTTNode(), id="stt", after=mono)
    out: list[dict[str, object]] = pipe.run([audio])
    return out


def spoken_example(path: Path) -> Path:
    tts = rm.Pipeline.from_manifest(REPO / "examples" / "speech" / "tts.json")
    (speech,) = tts.run(["Speech to text runs offline, on a model installed from a package."])
    rm.audio.write_wav(path, speech)
    return path


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        if len(sys.argv) > 1:
            path = Path(sys.argv[1])
        elif SPEECH_WAV.exists():
            path = SPEECH_WAV
        else:
            path = spoken_example(Path(tmp) / "spoken.wav")
        audio = rm.audio.read_wav(path)
        print(f"{path.name}: {audio.duration:.1f} s at {audio.sample_rate} Hz, {audio.channels} channel(s)")
        start = time.perf_counter()
        for t in transcribe(audio):
            print(f"[{t['start_ms']}-{t['end_ms']} ms] {t['text']}")
        print(f"(model load and transcription: {time.perf_counter() - start:.2f} s)")


if __name__ == "__main__":
    main()
