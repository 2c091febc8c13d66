"""examples/speech/transcribe.json on a synthesised meeting
(examples/speech/make_meeting_wav.sh: four sentences with silence between
them): one transcript per sentence, at the right times, from the pip CLI
and from Python, offline (speech_helpers sets HF_HUB_OFFLINE=1)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from speech_helpers import REPO, Spoken, require_stt, synthesise, wer

import remotemedia as rm

MANIFEST = REPO / "examples" / "speech" / "transcribe.json"
PIP_CLI = Path(sys.executable).with_name("remotemedia")
MAX_WER = 0.2
EDGE_MS = 300  # how far a transcript's start_ms and end_ms may be from where the sentence is


@pytest.fixture(scope="module")
def meeting(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Spoken]]:
    require_stt()
    path = tmp_path_factory.mktemp("meeting") / "meeting.wav"
    return path, synthesise("examples/speech/make_meeting_wav.sh", path)


def check(got: list[dict[str, Any]], truth: list[Spoken]) -> None:
    """One transcript per sentence, in order, with its words and its times."""
    assert len(got) == len(truth), got
    assert all(set(g) == {"text", "start_ms", "end_ms"} for g in got), got
    rate = wer([t.text for t in truth], [g["text"] for g in got])
    print(f"WER {rate:.3f}; times {[(g['start_ms'], g['end_ms']) for g in got]}, truth {[t[:2] for t in truth]}")
    assert rate <= MAX_WER, got
    for g, t in zip(got, truth, strict=True):
        assert abs(g["start_ms"] - t.start_ms) <= EDGE_MS, (g, t)
        assert abs(g["end_ms"] - t.end_ms) <= EDGE_MS, (g, t)


def cli(*args: str) -> list[str]:
    return [str(PIP_CLI), "run", str(MANIFEST), *args]


def test_the_pip_cli_prints_one_transcript_per_sentence(meeting: tuple[Path, list[Spoken]]) -> None:
    wav, truth = meeting
    done = subprocess.run(cli("--input-wav", str(wav)), capture_output=True, text=True, cwd="/", timeout=300)
    assert done.returncode == 0, done.stderr
    check(json.loads(done.stdout), truth)


def test_from_python_run_and_stream(meeting: tuple[Path, list[Spoken]]) -> None:
    wav, truth = meeting
    pipe = rm.Pipeline.from_manifest(str(MANIFEST))
    got = pipe.run(rm.audio.frames(rm.audio.read_wav(wav)))
    check(got, truth)
    check_latency(pipe.metrics(), len(truth))
    # stream runs live, one Whisper call per utterance, where run shares
    # windows: the words are the same, the punctuation may not be.
    check(list(pipe.stream(rm.audio.frames(rm.audio.read_wav(wav)))), truth)
    check_latency(pipe.metrics(), len(truth))


def test_a_telephone_recording_transcribes(meeting: tuple[Path, list[Spoken]], tmp_path: Path) -> None:
    # Telephony audio: the meeting as 8 kHz G.711 mu-law, as sox writes it.
    wav, truth = meeting
    phone = tmp_path / "phone.wav"
    subprocess.run(["sox", "-D", str(wav), "-r", "8000", "-c", "1", "-e", "mu-law", str(phone)], check=True)
    assert rm.audio.read_wav(phone).sample_rate == 8000
    check(rm.Pipeline.from_manifest(str(MANIFEST)).run(rm.audio.frames(rm.audio.read_wav(phone))), truth)


def test_a_one_utterance_recording_transcribes_the_same_in_a_batch_and_live() -> None:
    # A batch window of one utterance shares nothing, so it is decoded the
    # live way: the window's one-pass decoding heard this "the weather"
    # (espeak-ng at 150 wpm, the voice loop's answer) as "whether".
    require_stt()
    tts = rm.Pipeline()
    tts.add(rm.nodes.EspeakTTSNode(voice="en-us", rate_wpm=150, word_gap=5))
    speech = tts.run(["Can you tell me the weather for tomorrow?"])
    pipe = rm.Pipeline.from_manifest(str(MANIFEST))
    batch, live = pipe.run(speech), list(pipe.stream(speech))
    assert [b["text"] for b in batch] == ["Can you tell me the weather for tomorrow?"]
    assert batch == live


def check_latency(metrics: list[dict[str, Any]], utterances: int) -> None:
    """The sink's latency from input counts one value per transcript, each
    from the frame in which the VAD closed the utterance."""
    by_id = {m["id"]: m for m in metrics}
    assert all("latency_from_input" not in by_id[n] for n in ("to16k", "mono", "vad")), metrics
    lat = by_id["stt"]["latency_from_input"]
    assert lat["count"] == utterances, lat
    assert 0 < lat["p50_ns"] <= lat["p95_ns"] <= lat["p99_ns"], lat


def test_realtime_jsonl_prints_each_transcript_while_the_recording_plays(
    meeting: tuple[Path, list[Spoken]],
) -> None:
    wav, truth = meeting
    with subprocess.Popen(cli("--input-wav", str(wav), "--jsonl", "--realtime"), stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True, cwd="/") as run:
        assert run.stdout is not None and run.stderr is not None
        first = run.stdout.readline()
        # --realtime sends the recording no faster than it plays, so the run
        # cannot end before the last sentence has been heard.
        running_after_first = run.poll() is None
        rest = run.stdout.read()
        assert run.wait(timeout=300) == 0, run.stderr.read()
    assert running_after_first, "the first transcript came only when the run ended"
    check([json.loads(line) for line in [first, *rest.splitlines()]], truth)
