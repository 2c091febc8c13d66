"""register_node: Python node types named in manifests."""

from __future__ import annotations

from typing import Any

import pytest

import remotemedia as rm


@rm.register_node
class Greeter(rm.Node):
    def __init__(self, greeting: str, punctuation: str = "!") -> None:
        self.greeting = greeting
        self.punctuation = punctuation

    def process(self, name: str) -> str:
        return f"{self.greeting}, {name}{self.punctuation}"


def _manifest(params: dict[str, Any], node_type: str = "Greeter") -> dict[str, Any]:
    return {"version": "v1", "nodes": [
        {"id": "g", "node_type": node_type, "params": params},
        {"id": "count", "node_type": "TextProcessorNode", "params": {}},
    ], "connections": [{"from": "g", "to": "count"}]}


def test_registered_class_runs_from_a_manifest_with_params() -> None:
    pipe = rm.Pipeline.from_manifest(_manifest({"greeting": "Hello"}))
    (out,) = pipe.run(["Ada"])
    assert out["original_text"] == "Hello, Ada!"


def test_registered_under_a_name_and_without_decorator() -> None:
    class Plain(rm.Node):
        def process(self, x: Any) -> Any:
            return x

    assert rm.register_node(Plain, name="PlainAlias") is Plain
    pipe = rm.Pipeline.from_manifest({"version": "v1", "nodes": [{"id": "p", "node_type": "PlainAlias"}]})
    assert pipe.run([1]) == [1]


def test_unknown_and_missing_params_are_manifest_errors() -> None:
    with pytest.raises(rm.ManifestError, match="greting"):
        rm.Pipeline.from_manifest(_manifest({"greting": "Hi"}))
    with pytest.raises(rm.ManifestError, match="greeting") as info:
        rm.Pipeline.from_manifest(_manifest({}))
    assert any("required" in p.message for p in info.value.problems)


def test_constructor_error_is_a_manifest_error_with_cause() -> None:
    @rm.register_node(name="Picky")
    class Picky(rm.Node):
        def __init__(self, level: int) -> None:
            if level > 3:
                raise ValueError("level must be <= 3")

        def process(self, x: Any) -> Any:
            return x

    pipe = rm.Pipeline.from_manifest({"version": "v1", "nodes": [{"id": "p", "node_type": "Picky", "params": {"level": 9}}]})
    with pytest.raises(rm.ManifestError, match="level must be <= 3") as info:
        pipe.run([1])
    assert isinstance(info.value.__cause__, ValueError)


def test_register_node_rejects_non_nodes() -> None:
    with pytest.raises(TypeError, match="Node subclass"):
        rm.register_node(int)  # type: ignore[type-var]


def test_registered_instance_round_trips_to_manifest() -> None:
    pipe = rm.Pipeline()
    pipe.add(Greeter("Hi", punctuation="?"), id="g")
    m = pipe.to_manifest()
    assert m["nodes"][0] == {"id": "g", "node_type": "Greeter", "params": {"greeting": "Hi", "punctuation": "?"}}
    assert rm.Pipeline.from_manifest(m).run(["Bo"]) == ["Hi, Bo?"]
