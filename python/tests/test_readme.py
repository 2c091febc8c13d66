"""Every python code block of README.md and docs/PYTHON.md runs as written.

A block runs in a fresh namespace with the repository root as working
directory, as a reader who copies it into a script there would run it.
Fragments that cannot run on their own belong in ```text blocks.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from remotemedia import _registry

REPO = Path(__file__).resolve().parents[2]
DOCS = [REPO / "README.md", REPO / "docs" / "PYTHON.md"]
FENCE = re.compile(r"^```python[ \t]*\n(.*?)^```[ \t]*$", re.DOTALL | re.MULTILINE)


def python_blocks(path: Path) -> list[tuple[int, str]]:
    """(line of the opening fence, code) for each python block."""
    text = path.read_text()
    return [(text.count("\n", 0, m.start()) + 1, m.group(1)) for m in FENCE.finditer(text)]


BLOCKS = [(doc, line, code) for doc in DOCS for line, code in python_blocks(doc)]


@pytest.mark.parametrize(
    ("doc", "line", "code"), BLOCKS, ids=[f"{d.relative_to(REPO)}:{n}" for d, n, _ in BLOCKS]
)
def test_python_block_runs(doc: Path, line: int, code: str, monkeypatch: pytest.MonkeyPatch) -> None:
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
