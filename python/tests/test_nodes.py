"""remotemedia.nodes: one class per built-in node type, plus its stub."""

from __future__ import annotations

from pathlib import Path

import pytest

import remotemedia as rm
from remotemedia._stubgen import nodes_stub


def test_every_go_builtin_is_a_class() -> None:
    specs = rm.nodes.specs()
    go_types = [s["type"] for s in specs if s["runtime"] == "go"]
    assert "MultiplyNode" in go_types and "AddNode" in go_types
    for t in go_types:
        cls = getattr(rm.nodes, t)
        assert cls.node_type == t and issubclass(cls, rm.nodes.GoNode)
        assert cls.__doc__


def test_python_builtins_are_the_python_classes() -> None:
    assert issubclass(rm.nodes.TextProcessorNode, rm.Node)
    assert issubclass(rm.nodes.DataTransformNode, rm.Node)


def test_params_are_checked_with_a_hint() -> None:
    with pytest.raises(TypeError, match="did you mean 'multiplier'"):
        rm.nodes.MultiplyNode(multipler=2)  # type: ignore[call-arg]


def test_installed_stub_matches_the_engine() -> None:
    stub = Path(rm.nodes.__file__).with_name("__init__.pyi")
    assert stub.read_text() == nodes_stub()
    assert "class MultiplyNode(GoNode):" in stub.read_text()
