"""The hand-kept stubs of the private native module stay honest, and the
package type-checks against them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import remotemedia

PKG = Path(remotemedia.__file__).parent


def test_stubtest_private_module() -> None:
    # --ignore-missing-stub: gopy generates helpers remotemedia never uses;
    # everything the stubs declare must exist with matching signatures.
    out = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "--ignore-missing-stub",
         "remotemedia._core.bindings", "remotemedia._core._core"],
        capture_output=True, text=True, cwd="/",
    )
    assert out.returncode == 0, out.stdout + out.stderr


def test_mypy_strict_on_the_installed_package() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "-p", "remotemedia"],
        capture_output=True, text=True, cwd="/",
    )
    assert out.returncode == 0, out.stdout + out.stderr


def test_mypy_strict_on_tests_and_examples() -> None:
    repo = Path(__file__).resolve().parents[2]
    paths = [repo / "python" / "tests", repo / "python" / "benchmarks", repo / "examples" / "python"]
    out = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", *map(str, paths)],
        capture_output=True, text=True, cwd="/",
    )
    assert out.returncode == 0, out.stdout + out.stderr
