"""The wheel `make wheel` builds installs and runs without Go or a C
compiler: into a fresh venv, offline (numpy from build/wheelhouse), with
neither `go` nor `gcc` on PATH, it runs the README's Python example, the
pip CLI, and a package with a WASM node."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import remotemedia as rm

REPO = Path(__file__).resolve().parents[2]
GO_CLI = REPO / "bin" / "remotemedia"
README_BLOCK = re.compile(r"^## From Python\n.*?^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A fresh venv with the wheel installed, and an environment whose PATH
    holds that venv's bin and an empty directory, nothing else."""
    wheels = sorted((REPO / "dist").glob("remotemedia-*-manylinux_*.whl"))
    assert len(wheels) == 1, f"want one manylinux wheel in dist/ (make wheel), found {wheels}"
    root = tmp_path_factory.mktemp("wheel")
    env_dir, empty = root / "venv", root / "empty-bin"
    empty.mkdir()
    base_python = getattr(sys, "_base_executable", sys.executable)  # not this venv's: a fresh one
    subprocess.run([base_python, "-m", "venv", str(env_dir)], check=True)
    subprocess.run([str(env_dir / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                    "--no-index", "--find-links", str(REPO / "build" / "wheelhouse"), str(wheels[0])], check=True)
    path = f"{env_dir / 'bin'}:{empty}"
    for tool in ("go", "gcc", "cc"):
        assert shutil.which(tool, path=path) is None, tool
    return env_dir, {"PATH": path, "HOME": str(root), "LANG": "C.UTF-8"}


def test_the_wheel_is_manylinux_and_holds_the_engine() -> None:
    wheel = next((REPO / "dist").glob("remotemedia-*-manylinux_*.whl"))
    assert wheel.name.startswith(f"remotemedia-{rm.__version__}-cp311-cp311-manylinux_2_34_x86_64"), wheel.name
    listing = subprocess.run([sys.executable, "-m", "zipfile", "-l", str(wheel)], capture_output=True, text=True,
                             check=True).stdout
    assert re.search(r"remotemedia/_core/_core\.cpython-311-x86_64-linux-gnu\.so", listing), listing
    assert "remotemedia/py.typed" in listing


def test_the_readme_python_example_runs(venv: tuple[Path, dict[str, str]]) -> None:
    env_dir, env = venv
    block = README_BLOCK.search((REPO / "README.md").read_text())
    assert block, "README.md has no python block under ## From Python"
    done = subprocess.run([str(env_dir / "bin" / "python"), "-c", block.group(1)], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "[array([0.        , 0.33333334, 0.6666667 , 1.        ], dtype=float32)]" in done.stdout


def test_the_cli_and_a_wasm_package_run(venv: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    env_dir, env = venv
    package = tmp_path / "uppercase.rmpkg"
    # The package is made with the checkout's Go CLI; it is only input here.
    subprocess.run([str(GO_CLI), "package", "create", "--manifest", str(REPO / "examples/wasm/uppercase.json"),
                    "--wasm", f"uppercase={REPO / 'examples/wasm/uppercase/uppercase.wasm'}", "--output", str(package)],
                   check=True, capture_output=True)
    cli = str(env_dir / "bin" / "remotemedia")
    done = subprocess.run([cli, "run", str(package), "--input", '["hello", "wasm"]'], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == ["HELLO", "WASM"]
    code = f"import remotemedia as rm; print(rm.Package.load({str(package)!r}).pipeline().run(['wheel']))"
    done = subprocess.run([str(env_dir / "bin" / "python"), "-c", code], env=env, cwd=tmp_path, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "['WHEEL']"
