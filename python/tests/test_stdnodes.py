"""The seed's Python nodes: TextProcessorNode and DataTransformNode."""

from __future__ import annotations

import ast
import inspect
import sys
from pathlib import Path

import pytest

import remotemedia as rm
from remotemedia import stdnodes
from remotemedia.testing import run_node


def test_text_processor_operations() -> None:
    (out,) = run_node(rm.nodes.TextProcessorNode(), [
        {"text": "  Hello World ", "operations": ["uppercase", "lowercase", "reverse", "word_count", "char_count", "trim"]}
    ])
    assert out == {
        "original_text": "  Hello World ",
        "operations": ["uppercase", "lowercase", "reverse", "word_count", "char_count", "trim"],
        "results": {"uppercase": "  HELLO WORLD ", "lowercase": "  hello world ", "reverse": " dlroW olleH  ",
                    "word_count": 2, "char_count": 14, "trim": "Hello World"},
    }


def test_text_processor_rejects_unknown_operation() -> None:
    with pytest.raises(rm.NodeError, match="unknown operation 'shout'"):
        run_node(rm.nodes.TextProcessorNode(), [{"text": "x", "operations": ["shout"]}])


def test_data_transform_ops_from_a_manifest() -> None:
    m = {"version": "v1", "nodes": [{"id": "tidy", "node_type": "DataTransformNode", "params": {"operations": [
        {"op": "filter", "field": "status", "equals": "ok"},
        {"op": "rename", "fields": {"usr": "user"}},
        {"op": "map", "field": "user", "function": "upper"},
        {"op": "select", "fields": ["user", "score"]},
    ]}}]}
    records = [{"usr": "ada", "score": 3, "status": "ok", "x": 1}, {"usr": "bob", "score": 1, "status": "bad"}]
    assert rm.Pipeline.from_manifest(m).run(records) == [{"user": "ADA", "score": 3}]


def test_data_transform_validates_ops() -> None:
    with pytest.raises(ValueError, match="op must be"):
        rm.nodes.DataTransformNode(operations=[{"op": "explode"}])


def test_records_example_matches_expected(repo: Path) -> None:
    import json

    manifest = repo / "examples" / "records.json"
    out = rm.Pipeline.from_manifest(manifest).run(json.loads((repo / "examples" / "records.input.json").read_text()))
    assert out == json.loads((repo / "examples" / "records.expected.json").read_text())


def test_standard_library_only() -> None:
    allowed = set(sys.stdlib_module_names) | {"__future__"}
    for mod in (stdnodes.text_processor, stdnodes.data_transform):
        tree = ast.parse(inspect.getsource(mod))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            else:
                continue
            for n in names:
                assert n.split(".")[0] in allowed, f"{mod.__name__} imports {n}"
