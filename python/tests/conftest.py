"""Shared fixtures. The suite runs against the installed package (make
test-python runs it from outside the checkout)."""

from __future__ import annotations

import json
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
