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


def test_not_a_package_is_a_package_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.rmpkg"
    bad.write_text("not a zip")
    with pytest.raises(rm.PackageError, match="not an .rmpkg"):
        rm.Package.open(bad)


def test_broken_python_source_is_a_package_error(tmp_path: Path) -> None:
    pkg = rm.Package.open(make_package(tmp_path / "b.rmpkg", {"broken.py": "def oops(:\n"}))
    with pytest.raises(rm.PackageError, match="python/broken.py failed to load"):
        pkg.pipeline()


def test_tampered_package_is_a_package_error(tmp_path: Path) -> None:
    path = make_package(tmp_path / "t.rmpkg", {"shout.py": NODE_SOURCE})
    with zipfile.ZipFile(path, "a") as z:
        z.writestr("python/extra.py", "x = 1\n")  # not in checksums.sha256
    with pytest.raises(rm.PackageError):
        rm.Package.open(path).pipeline()


def test_cli_runs_a_package(tmp_path: Path) -> None:
    import io

    from remotemedia.cli import main

    path = make_package(tmp_path / "shout.rmpkg", {"shout.py": NODE_SOURCE})
    out, err = io.StringIO(), io.StringIO()
    assert main(["run", str(path), "--input", '["a"]'], stdout=out, stderr=err) == 0, err.getvalue()
    assert json.loads(out.getvalue())[0]["original_text"] == "A?"
    bad = tmp_path / "bad.rmpkg"
    bad.write_text("nope")
    assert main(["validate", str(bad)], stdout=out, stderr=err) == 2


def test_cli_package_validate_knows_the_packages_python_nodes(tmp_path: Path) -> None:
    # The Go CLI has no Python, so it reports PkgShout as unknown; this one loads python/shout.py first.
    import io

    from remotemedia.cli import main

    path = make_package(tmp_path / "shout.rmpkg", {"shout.py": NODE_SOURCE})
    out, err = io.StringIO(), io.StringIO()
    assert main(["package", "validate", str(path)], stdout=out, stderr=err) == 0, err.getvalue()
    assert (out.getvalue(), err.getvalue()) == ("ok\n", "")
