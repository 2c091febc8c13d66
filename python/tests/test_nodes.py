"""remotemedia.nodes: one class per built-in node type, plus its stub."""

from __future__ import annotations

import inspect
import pydoc
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


def test_signatures_and_docs_come_from_the_specs() -> None:
    assert str(inspect.signature(rm.nodes.MultiplyNode)) == "(*, multiplier: float = 1)"
    assert str(inspect.signature(rm.nodes.JSONSelectNode)).startswith("(*, path: str, default_value: Any = <engine default>")
    for spec in rm.nodes.specs():
        if spec["runtime"] != "go":
            continue
        cls = getattr(rm.nodes, spec["type"])
        params = list(inspect.signature(cls).parameters.values())
        assert [p.name for p in params] == [q["name"] for q in spec.get("params", [])]
        for p, q in zip(params, spec.get("params", [])):
            assert p.kind is p.KEYWORD_ONLY
            if q.get("required"):
                assert p.default is p.empty
            else:
                assert p.default == q["default"] if "default" in q else repr(p.default) == "<engine default>"
        assert cls.__doc__.startswith(spec["summary"])
    text = pydoc.plain(pydoc.render_doc(rm.nodes.MultiplyNode))
    assert "MultiplyNode(*, multiplier: float = 1)" in text and "Multiplies every number" in text


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
