"""EspeakTTSNode (a Go node in speech/, linked into the package), checked by
transcribing what it says with WhisperSTTNode."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from speech_helpers import SENTENCES, require_stt, wer

import remotemedia as rm

REPO = Path(__file__).resolve().parents[2]
MAX_WER = 0.2
# Clear speech for Whisper tiny.en, as speech_helpers.ESPEAK_ARGS; at
# espeak-ng's default 175 wpm without gaps it mishears about 20% of words.
CLEAR_WPM, CLEAR_GAP = 150, 5


def speak_and_transcribe(texts: list[str], max_chars: int = 300) -> list[dict[str, object]]:
    pipe = rm.Pipeline()
    spoken = pipe.add(rm.nodes.EspeakTTSNode(rate_wpm=CLEAR_WPM, word_gap=CLEAR_GAP, max_chars=max_chars), id="tts")
    resampled = pipe.add(rm.nodes.AudioResampleNode(target_rate=16000), after=spoken)
    pipe.add(rm.nodes.WhisperSTTNode(), id="stt", after=resampled)
    out: list[dict[str, object]] = pipe.run(texts)
    return out


def test_spoken_sentences_transcribe_back() -> None:
    require_stt()
    out = speak_and_transcribe(SENTENCES)
    assert len(out) == len(SENTENCES), out
    rate = wer(SENTENCES, [str(o["text"]) for o in out])
    print(f"TTS -> STT WER {rate:.3f}: {[o['text'] for o in out]}")
    assert rate <= MAX_WER, out
    ends = [o["end_ms"] for o in out]
    assert [o["start_ms"] for o in out] == [0, *ends[:-1]], "one continuous recording"


def test_a_long_text_is_split_and_all_of_it_is_spoken() -> None:
    require_stt()
    text = " ".join(SENTENCES)  # about 290 characters
    out = speak_and_transcribe([text], max_chars=100)
    assert len(out) >= 3, out  # split, not rejected
    assert wer([text], [" ".join(str(o["text"]) for o in out)]) <= MAX_WER, out


def test_a_missing_espeak_ng_is_one_error_before_any_input(tmp_path: Path) -> None:
    # In a child process: the engine reads PATH once, when it loads.
    script = (
        "import remotemedia as rm, sys\n"
        "try:\n"
        f"    rm.Pipeline.from_manifest({str(REPO / 'examples' / 'speech' / 'tts.json')!r}).run(['Hello.'])\n"
        "except rm.ManifestError as e:\n"
        "    sys.exit(str(e))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env={"PATH": str(tmp_path)})
    assert done.returncode == 1
    assert "$.nodes[0].params: EspeakTTSNode: espeak-ng not found on PATH: apt-get install espeak-ng" in done.stderr
    cli = subprocess.run([sys.executable, "-m", "remotemedia", "run", str(REPO / "examples" / "speech" / "tts.json"),
                          "--input", '["Hello."]'], capture_output=True, text=True, env={"PATH": str(tmp_path)})
    assert (cli.returncode, cli.stderr) == (
        2, "error: invalid manifest: $.nodes[0].params: EspeakTTSNode: espeak-ng not found on PATH: apt-get install espeak-ng\n")


def test_the_tts_example_from_the_pip_cli(tmp_path: Path) -> None:
    require_stt()
    wav = tmp_path / "hello.wav"
    done = subprocess.run(
        [sys.executable, "-m", "remotemedia", "run", str(REPO / "examples" / "speech" / "tts.json"),
         "--input", '["Hello there. How are you today?"]', "--output-wav", str(wav)],
        capture_output=True, text=True,
    )
    assert done.returncode == 0, done.stderr
    audio = rm.audio.read_wav(wav)
    assert (audio.sample_rate, audio.channels) == (22050, 1)
    pipe = rm.Pipeline()
    pipe.add(rm.nodes.AudioResampleNode(target_rate=16000), id="resample")
    pipe.add(rm.nodes.WhisperSTTNode(), after="resample")
    out = pipe.run([audio])
    assert wer(["Hello there. How are you today?"], [" ".join(o["text"] for o in out)]) <= MAX_WER, out
