"""Shared fixtures. The suite runs against the installed package (make
test-python runs it from outside the checkout)."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]


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
