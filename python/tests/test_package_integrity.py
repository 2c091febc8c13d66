"""A package is verified by the engine before any of its code runs: a
tampered, truncated or reordered package runs nothing, through the Python
API or the pip CLI, and validating never runs package code at all."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Callable

import pytest

import remotemedia as rm
from test_package import make_package

PIP_CLI = Path(sys.executable).with_name("remotemedia")


def injected(marker: Path) -> str:
    """A node source that leaves a marker file and prints when it runs."""
    return (
        f"open({str(marker)!r}, 'w').write('ran')\n"
        "print('INJECTED')\n"
        "import remotemedia as rm\n\n"
        "@rm.register_node(name='PkgShout')\n"
        "class PkgShout(rm.Node):\n"
        "    def __init__(self, suffix='!'):\n"
        "        self.suffix = suffix\n\n"
        "    def process(self, text):\n"
        "        return text.upper() + self.suffix\n"
    )


def rewrite(path: Path, change: Callable[[list[tuple[str, bytes]]], list[tuple[str, bytes]]]) -> Path:
    with zipfile.ZipFile(path) as z:
        entries = [(name, z.read(name)) for name in z.namelist()]
    with zipfile.ZipFile(path, "w") as z:
        for name, data in change(entries):
            z.writestr(name, data)
    return path


def tampered(entries: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    # The source changes after checksums.sha256 was written.
    return [(n, d + b"print('TAMPERED')\n" if n.startswith("python/") else d) for n, d in entries]


def reordered_and_tampered(entries: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    # The python file first and the checksums before the manifest: order must not matter.
    return sorted(tampered(entries), key=lambda e: (not e[0].startswith("python/"), e[0]))


def truncate(path: Path) -> Path:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    return path


@pytest.fixture
def marker(tmp_path: Path) -> Path:
    return tmp_path / "ran.txt"


@pytest.fixture
def good(tmp_path: Path, marker: Path) -> Path:
    return make_package(tmp_path / "good.rmpkg", {"shout.py": injected(marker)})


BAD = {
    "tampered": lambda p: rewrite(p, tampered),
    "reordered and tampered": lambda p: rewrite(p, reordered_and_tampered),
    "truncated": truncate,
}


@pytest.mark.parametrize("damage", BAD.values(), ids=BAD.keys())
def test_the_python_api_runs_nothing_of_a_bad_package(damage: Callable[[Path], Path], good: Path,
                                                       marker: Path, capfd: pytest.CaptureFixture[str]) -> None:
    path = damage(good)
    with pytest.raises(rm.PackageError):
        rm.Package.load(path).pipeline()
    with pytest.raises(rm.PackageError):
        rm.Package.open(path).validate()
    assert not marker.exists()
    assert "INJECTED" not in capfd.readouterr().out


@pytest.mark.parametrize("damage", BAD.values(), ids=BAD.keys())
@pytest.mark.parametrize("command", [["run", "{}", "--input", '["a"]'], ["validate", "{}"], ["package", "validate", "{}"]],
                         ids=["run", "validate", "package validate"])
def test_the_pip_cli_runs_nothing_of_a_bad_package(damage: Callable[[Path], Path], command: list[str],
                                                    good: Path, marker: Path) -> None:
    path = damage(good)
    p = subprocess.run([str(PIP_CLI), *[a.format(path) for a in command]], capture_output=True, timeout=60)
    assert p.returncode == 2
    assert p.stdout == b"" and p.stderr.startswith(b"error: invalid")
    assert not marker.exists()


def test_the_errors_say_what_is_wrong(good: Path) -> None:
    path = rewrite(good, tampered)
    p = subprocess.run([str(PIP_CLI), "run", str(path), "--input", '["a"]'], capture_output=True, timeout=60)
    assert p.stderr.startswith(b"error: invalid package: python/shout.py: checksum mismatch: ")
    with pytest.raises(rm.PackageError, match="python/shout.py: checksum mismatch") as e:
        rm.Package.load(path).validate()
    assert [(x.path, x.message.split(":")[0]) for x in e.value.problems] == [("python/shout.py", "checksum mismatch")]


def test_validating_a_good_package_runs_nothing_either(good: Path, marker: Path) -> None:
    for command in (["validate", str(good)], ["package", "validate", str(good)], ["graph", str(good)],
                    ["package", "inspect", str(good)]):
        p = subprocess.run([str(PIP_CLI), *command], capture_output=True, timeout=60)
        assert (p.returncode, p.stderr) == (0, b""), command
        assert b"INJECTED" not in p.stdout
    rm.Package.load(good).validate()
    assert not marker.exists()


def test_a_good_package_runs_its_code_after_verification(good: Path, marker: Path) -> None:
    # The marker works: once verified, the package's code does run.
    p = subprocess.run([str(PIP_CLI), "run", str(good), "--input", '["a"]'], capture_output=True, timeout=60)
    assert (p.returncode, p.stderr) == (0, b"")
    assert p.stdout.startswith(b"INJECTED\n") and b'"original_text":"A?"' in p.stdout
    assert marker.read_text() == "ran"


def test_a_package_source_that_raises_is_a_clean_cli_error(tmp_path: Path) -> None:
    path = make_package(tmp_path / "b.rmpkg", {"broken.py": "raise ValueError('boom')\n"},
                        manifest={"version": "v1", "runtime": {"target": "wasm32-wasi"},
                                  "nodes": [{"id": "t", "node_type": "TextProcessorNode"}]})
    p = subprocess.run([str(PIP_CLI), "run", str(path), "--input", '["a"]'], capture_output=True, timeout=60)
    assert (p.returncode, p.stdout, p.stderr) == (
        2, b"", b"error: invalid package: python/broken.py failed to load: ValueError: boom\n")
