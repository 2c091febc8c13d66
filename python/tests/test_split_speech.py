"""examples/remote/split_speech.json: the VAD here, WhisperSTTNode on the pip
`remotemedia serve` (with a token, on a free loopback port); the
transcripts are those of examples/speech/transcribe.json run in one
process, on a synthesised meeting."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from speech_helpers import REPO, Spoken, require_stt, synthesise, words

import remotemedia as rm

PIP_CLI = Path(sys.executable).with_name("remotemedia")
SPLIT = REPO / "examples" / "remote" / "split_speech.json"
LOCAL = REPO / "examples" / "speech" / "transcribe.json"
EXAMPLE_ENDPOINT = "127.0.0.1:50051"


@pytest.fixture(scope="module")
def meeting(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Spoken]]:
    require_stt()
    path = tmp_path_factory.mktemp("meeting") / "meeting.wav"
    return path, synthesise("examples/speech/make_meeting_wav.sh", path)


def free_endpoint() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"127.0.0.1:{s.getsockname()[1]}"


def test_split_speech_transcribes_as_the_local_pipeline(meeting: tuple[Path, list[Spoken]], tmp_path: Path) -> None:
    wav, truth = meeting
    endpoint = free_endpoint()
    token = tmp_path / "token.txt"
    token.write_text("split-speech-token\n")
    split = tmp_path / "split_speech.json"
    split.write_text(SPLIT.read_text().replace(EXAMPLE_ENDPOINT, endpoint))
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    server = subprocess.Popen(
        [str(PIP_CLI), "serve", "--listen", endpoint, "--auth-token-file", str(token)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd="/", env=env,
    )
    try:
        assert server.stderr is not None
        line = server.stderr.readline()
        assert line.startswith(f"serving remotemedia.v1 on {endpoint}"), line
        run = [str(PIP_CLI), "run", "--input-wav", str(wav)]
        local = subprocess.run([*run[:2], str(LOCAL), *run[2:]], capture_output=True, text=True, cwd="/", env=env, timeout=300)
        assert local.returncode == 0, local.stderr
        without_token = subprocess.run([*run[:2], str(split), *run[2:]], capture_output=True, text=True, cwd="/",
                                       env={**env, "REMOTEMEDIA_TOKEN": "wrong"}, timeout=300)
        assert without_token.returncode != 0 and "Unauthenticated" in without_token.stderr, without_token.stderr
        remote = subprocess.run([*run[:2], str(split), *run[2:]], capture_output=True, text=True, cwd="/",
                                env={**env, "REMOTEMEDIA_TOKEN": "split-speech-token"}, timeout=300)
        assert remote.returncode == 0, remote.stderr
    finally:
        server.send_signal(signal.SIGTERM)
        _, err = server.communicate(timeout=60)
    assert server.returncode == 0, err
    got, batch = json.loads(remote.stdout), json.loads(local.stdout)
    assert len(batch) == len(truth), batch  # the local run is the reference: one transcript per sentence
    # The server runs WhisperSTTNode live, one call per utterance as it
    # arrives, so its transcripts are exactly those of the local pipeline
    # streamed; `run` decodes a batch's utterances in shared windows, which
    # may punctuate differently but hears the same words at the same times.
    live = list(rm.Pipeline.from_manifest(str(LOCAL)).stream(rm.audio.frames(rm.audio.read_wav(wav))))
    assert got == live
    assert [(g["start_ms"], g["end_ms"], words(g["text"])) for g in got] == [
        (b["start_ms"], b["end_ms"], words(b["text"])) for b in batch
    ]
