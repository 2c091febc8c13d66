"""DataTransformNode: select, rename, filter and map fields of JSON records."""

from __future__ import annotations

from typing import Any, Callable

from .._registry import register_node
from ..node import Node

FUNCTIONS: dict[str, Callable[[Any], Any]] = {
    "upper": lambda v: str(v).upper(),
    "lower": lambda v: str(v).lower(),
    "strip": lambda v: str(v).strip(),
    "str": str,
    "int": int,
    "float": float,
    "len": len,
}


@register_node
class DataTransformNode(Node):
    """Reshapes JSON records. ``operations`` run in order; each is a dict:

    - ``{"op": "select", "fields": ["a", "b"]}`` keeps only these keys;
    - ``{"op": "rename", "fields": {"old": "new"}}`` renames keys;
    - ``{"op": "filter", "field": "f", "equals": v}`` drops the record
      (no output) unless ``record[f] == v``;
    - ``{"op": "map", "field": "f", "function": name}`` replaces a field by
      upper, lower, strip, str, int, float or len of it.

    >>> import remotemedia as rm
    >>> ops = [{"op": "filter", "field": "ok", "equals": True}, {"op": "select", "fields": ["name"]}]
    >>> rm.testing.run_node(DataTransformNode(operations=ops), [{"name": "a", "ok": True}, {"name": "b", "ok": False}])
    [{'name': 'a'}]
    """

    def __init__(self, operations: list[dict[str, Any]] | None = None) -> None:
        self.operations = list(operations or [])
        for i, op in enumerate(self.operations):
            kind = op.get("op") if isinstance(op, dict) else None
            if kind not in ("select", "rename", "filter", "map"):
                raise ValueError(f"operations[{i}]: op must be select, rename, filter or map, got {kind!r}")
            if kind == "map" and op.get("function") not in FUNCTIONS:
                raise ValueError(f"operations[{i}]: function must be one of {', '.join(FUNCTIONS)}")

    def process(self, record: Any) -> dict[str, Any] | None:
        if not isinstance(record, dict):
            raise ValueError(f"DataTransformNode expects a JSON object, got {type(record).__name__}")
        out = dict(record)
        for op in self.operations:
            kind = op["op"]
            if kind == "select":
                out = {k: out[k] for k in op.get("fields", []) if k in out}
            elif kind == "rename":
                out = {op.get("fields", {}).get(k, k): v for k, v in out.items()}
            elif kind == "filter":
                if out.get(op.get("field")) != op.get("equals"):
                    return None
            elif kind == "map":
                field = op.get("field")
                if field in out:
                    out[field] = FUNCTIONS[op["function"]](out[field])
        return out
