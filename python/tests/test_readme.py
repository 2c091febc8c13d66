"""Every python code block of README.md, docs/PYTHON.md and docs/SPEECH.md
runs as written, and so does every `$ remotemedia ...` command of the README.

A block runs in a fresh namespace with the repository root as working
directory, as a reader who copies it into a script there would run it.
Fragments that cannot run on their own belong in ```text blocks. The
transcription examples read build/meeting.wav, which `make run` writes:
the meeting_wav fixture writes it the same way first.
(`$ bin/remotemedia ...` commands are cmd/remotemedia/readme_test.go's.)
"""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from speech_helpers import require_stt, synthesise, words

from remotemedia import _registry

REPO = Path(__file__).resolve().parents[2]
DOCS = [REPO / "README.md", REPO / "docs" / "PYTHON.md", REPO / "docs" / "SPEECH.md"]
FENCE = re.compile(r"^```python[ \t]*\n(.*?)^```[ \t]*$", re.DOTALL | re.MULTILINE)
PIP_CLI = Path(sys.executable).with_name("remotemedia")
# A `$ remotemedia ...` line of a code block, then the output shown under it.
COMMAND = re.compile(r"^\$ remotemedia (.*)\n((?:(?!\$ |```).*\n)*)", re.MULTILINE)
EDGE_MS = 300  # shown and printed transcript times may differ by a VAD window or so on other CPUs


@pytest.fixture(scope="module")
def meeting_wav() -> Path:
    """build/meeting.wav, as `make run` (make meeting-wav) writes it."""
    require_stt()
    path = REPO / "build" / "meeting.wav"
    path.parent.mkdir(exist_ok=True)
    synthesise("examples/speech/make_meeting_wav.sh", path)
    return path


def python_blocks(path: Path) -> list[tuple[int, str]]:
    """(line of the opening fence, code) for each python block."""
    text = path.read_text()
    return [(text.count("\n", 0, m.start()) + 1, m.group(1)) for m in FENCE.finditer(text)]


BLOCKS = [(doc, line, code) for doc in DOCS for line, code in python_blocks(doc)]


@pytest.mark.parametrize(
    ("doc", "line", "code"), BLOCKS, ids=[f"{d.relative_to(REPO)}:{n}" for d, n, _ in BLOCKS]
)
def test_python_block_runs(
    doc: Path, line: int, code: str, monkeypatch: pytest.MonkeyPatch, meeting_wav: Path
) -> None:
    monkeypatch.chdir(REPO)
    # Blocks may register node types; keep them out of the other tests.
    monkeypatch.setattr(_registry, "_types", dict(_registry._types))
    exec(compile(code, f"{doc}:{line}", "exec"), {"__name__": "__main__"})


def test_the_docs_have_python_blocks() -> None:
    # A renamed fence (```py) would silently drop blocks from the test above.
    counts = {doc.name: len(python_blocks(doc)) for doc in DOCS}
    assert counts["README.md"] >= 1 and counts["PYTHON.md"] >= 3, counts
    for doc in DOCS:
        assert not re.search(r"^```(py|python3|pycon)\s*$", doc.read_text(), re.MULTILINE), doc


README_COMMANDS = COMMAND.findall((REPO / "README.md").read_text())


@pytest.mark.parametrize(("args", "shown"), README_COMMANDS, ids=[a for a, _ in README_COMMANDS])
def test_readme_remotemedia_command_prints_what_it_shows(args: str, shown: str, meeting_wav: Path) -> None:
    done = subprocess.run([str(PIP_CLI), *shlex.split(args)], capture_output=True, text=True, cwd=REPO, timeout=300)
    assert done.returncode == 0, done.stderr
    got, want = done.stdout.splitlines(), shown.splitlines()
    assert len(got) == len(want), done.stdout
    for g, w in zip(map(json.loads, got), map(json.loads, want), strict=True):
        # The words as shown (punctuation aside), at the times shown.
        assert words(g["text"]) == words(w["text"]), (g, w)
        assert abs(g["start_ms"] - w["start_ms"]) <= EDGE_MS and abs(g["end_ms"] - w["end_ms"]) <= EDGE_MS, (g, w)


def test_the_readme_shows_remotemedia_commands() -> None:
    assert any("transcribe.json" in args for args, _ in README_COMMANDS), README_COMMANDS
