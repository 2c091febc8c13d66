"""Every built-in node type, as a class named exactly like its manifest
``node_type``, taking its params as keyword arguments.

The Go built-ins are generated at import from the engine's registry, so
they always match the engine that was compiled into this package; the
Python built-ins (TextProcessorNode, DataTransformNode, WhisperSTTNode, PiperTTSNode) are the classes
themselves. ``__init__.pyi`` is generated from the same specs at build time.

>>> import remotemedia as rm
>>> rm.nodes.MultiplyNode(multiplier=3)
MultiplyNode(multiplier=3)
>>> rm.nodes.MultiplyNode(multipler=3)
Traceback (most recent call last):
...
TypeError: MultiplyNode got an unexpected param 'multipler'; did you mean 'multiplier'?
"""

from __future__ import annotations

import inspect
import json
from typing import Any, ClassVar

from .._native import bindings


class GoNode:
    """A built-in node implemented in Go. Subclasses are generated."""

    node_type: ClassVar[str] = ""
    spec: ClassVar[dict[str, Any]] = {}

    def __init__(self, **params: Any) -> None:
        known = [p["name"] for p in self.spec.get("params", [])]
        for name in params:
            if name not in known:
                import difflib  # only on this error path: it is slow to import

                close = difflib.get_close_matches(name, known, n=1)
                hint = f"; did you mean {close[0]!r}?" if close else f"; known params: {', '.join(known) or 'none'}"
                raise TypeError(f"{self.node_type} got an unexpected param {name!r}{hint}")
        missing = [p["name"] for p in self.spec.get("params", []) if p.get("required") and p["name"] not in params]
        if missing:
            raise TypeError(f"{self.node_type} is missing required params: {', '.join(missing)}")
        self.params: dict[str, Any] = dict(params)

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.params.items())
        return f"{self.node_type}({args})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, GoNode) and (self.node_type, self.params) == (other.node_type, other.params)

    __hash__ = None  # type: ignore[assignment]


# Python types of the spec's param types, for signatures and the stub.
PARAM_TYPES: dict[str, Any] = {
    "number": float, "integer": int, "string": str, "boolean": bool,
    "object": dict[str, Any], "array": list[Any], "any": Any,
}


class _EngineDefault:
    """The default of an optional param the spec gives no value for: the
    node decides when it is left out."""

    def __repr__(self) -> str:
        return "<engine default>"


_ENGINE_DEFAULT = _EngineDefault()


def signature_of(spec: dict[str, Any]) -> inspect.Signature:
    """The params as keyword-only arguments, so ``help()`` and
    ``inspect.signature`` show them (``__init__`` itself takes ``**params``)."""
    params = []
    for p in spec.get("params", []):
        if p.get("required"):
            default: Any = inspect.Parameter.empty
        else:
            default = p["default"] if "default" in p else _ENGINE_DEFAULT
        annotation = PARAM_TYPES.get(p.get("type", "any"), Any)
        params.append(inspect.Parameter(p["name"], inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation))
    return inspect.Signature(params)


def specs() -> list[dict[str, Any]]:
    """The engine's node specs (every type, Go and Python), as dicts."""
    return json.loads(bindings.NewRegistry().SpecsJSON())  # type: ignore[no-any-return]


def doc_of(spec: dict[str, Any]) -> str:
    lines = [spec.get("summary", "")]
    if spec.get("description"):
        lines += ["", spec["description"]]
    if spec.get("params"):
        lines += ["", "Params:"]
        for p in spec["params"]:
            default = f" (default {json.dumps(p['default'])})" if "default" in p else ""
            req = " (required)" if p.get("required") else ""
            lines.append(f"    {p['name']}: {p['type']}{req}{default}. {p.get('doc', '')}")
    return "\n".join(lines)


def _generate() -> dict[str, type[GoNode]]:
    classes: dict[str, type[GoNode]] = {}
    for spec in specs():
        name = spec["type"]
        if spec.get("runtime") == "python" or not name.isidentifier():
            continue
        classes[name] = type(name, (GoNode,), {
            "node_type": name, "spec": spec, "__doc__": doc_of(spec), "__module__": __name__,
            "__signature__": signature_of(spec),
        })
    return classes


_GENERATED = _generate()
globals().update(_GENERATED)

from ..stdnodes import DataTransformNode, PiperTTSNode, TextProcessorNode, WhisperSTTNode  # noqa: E402

__all__ = ["DataTransformNode", "GoNode", "PiperTTSNode", "TextProcessorNode", "WhisperSTTNode", *sorted(_GENERATED)]
