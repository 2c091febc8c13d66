"""Shared fixtures. The suite runs against the installed package (make
test-python runs it from outside the checkout)."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]

# Token auth as Ray 2.59+ has it by default, with a token of our own (so no
# ~/.ray/auth_token is written). Set before any test module imports Ray:
# Ray reads RAY_AUTH_MODE into its config then.
os.environ["RAY_AUTH_MODE"] = "token"
os.environ.setdefault("RAY_AUTH_TOKEN", os.urandom(16).hex())


@pytest.fixture(scope="session")
def ray_cluster() -> Any:
    """One local Ray cluster (2 CPUs) for the Ray tests; at the end, no
    Ray process may be left."""
    import tempfile

    import psutil  # type: ignore[import-untyped]

    rmray = pytest.importorskip("remotemedia.ray", reason="Ray is not installed (make ray-deps)")
    temp = tempfile.mkdtemp(prefix="rmray", dir="/tmp")  # short: Ray's socket paths live under it
    rmray.connect(num_cpus=2, _temp_dir=temp, log_to_driver=False)
    import warnings

    import ray.data

    with warnings.catch_warnings():
        # Ray Data's own defaults warn of a deprecated option of its own
        # the first time its context is made; that is not ours to fix.
        warnings.simplefilter("ignore", DeprecationWarning)
        ray.data.DataContext.get_current()
    seen = list(psutil.Process().children(recursive=True))
    try:
        yield
    finally:
        seen += psutil.Process().children(recursive=True)
        rmray.shutdown()
        _gone, alive = psutil.wait_procs(seen, timeout=20)
        assert not alive, f"Ray processes left after shutdown: {[p.pid for p in alive]}"


def calculator_manifest() -> dict[str, Any]:
    return {
        "version": "v1",
        "metadata": {"name": "calc"},
        "nodes": [
            {"id": "multiply", "node_type": "MultiplyNode", "params": {"multiplier": 2}},
            {"id": "add", "node_type": "AddNode", "params": {"addend": 10}},
        ],
        "connections": [{"from": "multiply", "to": "add"}],
    }


@pytest.fixture
def repo() -> Path:
    return REPO


@pytest.fixture
def calc() -> dict[str, Any]:
    return calculator_manifest()


def load_json(path: Path) -> Any:
    return json.loads(path.read_text())


def run_limited(code: str, *, timeout: float = 60, memory_gib: float = 4) -> subprocess.CompletedProcess[str]:
    """Run Python code in a child process under an address-space and CPU
    limit, so a hostile case (a leak, runaway buffering) can never hurt the
    machine: at worst the child fails."""
    limit = int(memory_gib * 2**30)

    def limits() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        cpu = int(timeout) + 1
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))

    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout,
                          preexec_fn=limits, cwd="/")
