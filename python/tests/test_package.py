"""remotemedia.Package: .rmpkg files with Python nodes inside."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

import remotemedia as rm

NODE_SOURCE = '''
import remotemedia as rm

@rm.register_node(name="PkgShout")
class PkgShout(rm.Node):
    def __init__(self, suffix="!"):
        self.suffix = suffix

    def process(self, text):
        return text.upper() + self.suffix
'''


def make_package(
    path: Path,
    python: dict[str, str],
    wasm: dict[str, bytes] | None = None,
    manifest: dict[str, Any] | None = None,
) -> Path:
    manifest = manifest or {
        "version": "v1",
        "metadata": {"name": "shout-demo", "version": "1.0.0"},
        "runtime": {"target": "wasm32-wasi"},
        "nodes": [
            {"id": "shout", "node_type": "PkgShout", "params": {"suffix": "?"}},
            {"id": "text", "node_type": "TextProcessorNode", "params": {}},
        ],
        "connections": [{"from": "shout", "to": "text"}],
    }
    files = {"manifest.json": json.dumps(manifest).encode()}
    files.update({f"python/{name}": src.encode() for name, src in python.items()})
    files.update({f"nodes/{name}.wasm": module for name, module in (wasm or {}).items()})
    sums = "".join(f"{hashlib.sha256(b).hexdigest()}  {name}\n" for name, b in sorted(files.items()))
    with zipfile.ZipFile(path, "w") as z:
        for name, b in files.items():
            z.writestr(name, b)
        z.writestr("checksums.sha256", sums)
    return path


def test_package_with_python_nodes_runs(tmp_path: Path) -> None:
    pkg = rm.Package.open(make_package(tmp_path / "shout.rmpkg", {"shout.py": NODE_SOURCE}))
    assert pkg.metadata["name"] == "shout-demo"
    assert list(pkg.python_sources) == ["shout.py"]
    (out,) = pkg.pipeline().run(["hi"])
    assert out["original_text"] == "HI?"


EXCLAIM_SOURCE = '''
import remotemedia as rm

@rm.register_node(name="PkgExclaim")
class PkgExclaim(rm.Node):
    def process(self, text):
        return text + "!"
'''


def test_wasm_node_between_go_and_python_nodes(tmp_path: Path, repo: Path) -> None:
    manifest = {
        "version": "v1",
        "metadata": {"name": "mixed"},
        "runtime": {"target": "wasm32-wasi"},
        "nodes": [
            {"id": "in", "node_type": "PassThrough", "params": {}},
            {"id": "upper", "node_type": "wasm:uppercase", "params": {}},
            {"id": "exclaim", "node_type": "PkgExclaim", "params": {}},
        ],
        "connections": [{"from": "in", "to": "upper"}, {"from": "upper", "to": "exclaim"}],
    }
    module = (repo / "examples" / "wasm" / "uppercase" / "uppercase.wasm").read_bytes()
    path = make_package(tmp_path / "mixed.rmpkg", {"exclaim.py": EXCLAIM_SOURCE}, {"uppercase": module}, manifest)
    out = rm.Package.open(path).pipeline().run(["hello", "wörld"])
    assert out == ["HELLO!", "WÖRLD!"]


def test_missing_package_file_is_file_not_found(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="nope.rmpkg") as e:
        rm.Package.load(tmp_path / "nope.rmpkg")
    assert e.value.filename == str(tmp_path / "nope.rmpkg")


def test_not_a_package_is_a_package_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.rmpkg"
    bad.write_text("not a zip")
    with pytest.raises(rm.PackageError, match="not an .rmpkg"):
        rm.Package.open(bad)


def test_broken_python_source_is_a_package_error(tmp_path: Path) -> None:
    pkg = rm.Package.load(make_package(tmp_path / "b.rmpkg", {"broken.py": "def oops(:\n"}))
    with pytest.raises(rm.PackageError, match="python/broken.py failed to load: SyntaxError") as e:
        pkg.pipeline()
    assert isinstance(e.value.__cause__, SyntaxError)


def test_validate_accepts_node_types_the_package_declares(tmp_path: Path) -> None:
    pkg = rm.Package.load(make_package(tmp_path / "shout.rmpkg", {"shout.py": NODE_SOURCE}))
    pkg.validate()  # no PackageError: PkgShout is declared by the package's own source, not yet run


def test_validate_lists_every_problem(tmp_path: Path) -> None:
    manifest = {"version": "v1", "runtime": {"target": "wasm32-wasi"},
                "nodes": [{"id": "m", "node_type": "MultiplyNode", "params": {"multiplier": "x"}},
                          {"id": "g", "node_type": "wasm:gain", "params": {}}]}
    path = make_package(tmp_path / "bad.rmpkg", {"shout.py": NODE_SOURCE}, manifest=manifest)
    with zipfile.ZipFile(path, "a") as z:
        z.writestr("python/extra.py", "x = 1\n")  # not in checksums.sha256
    with pytest.raises(rm.PackageError) as e:
        rm.Package.load(path).validate()
    assert [(p.path, p.message.split(":")[0]) for p in e.value.problems] == [
        ("python/extra.py", "not covered by checksums.sha256"),
        ("manifest.json", "$.nodes[0].params.multiplier"),
        ("manifest.json", "node g is wasm"),
    ]


