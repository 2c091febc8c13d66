"""TextProcessorNode: simple text operations on JSON records."""

from __future__ import annotations

from typing import Any, Callable

from .._registry import register_node
from ..node import Node

OPERATIONS: dict[str, Callable[[str], Any]] = {
    "uppercase": str.upper,
    "lowercase": str.lower,
    "reverse": lambda s: s[::-1],
    "word_count": lambda s: len(s.split()),
    "char_count": len,
    "trim": str.strip,
}


@register_node
class TextProcessorNode(Node):
    """Applies simple text operations to the text in each input record.

    Input: ``{"text": str, "operations": [op, ...]}`` (a bare string means
    ``{"text": s, "operations": []}``); ops are uppercase, lowercase,
    reverse, word_count, char_count and trim. Output:
    ``{"original_text": ..., "operations": [...], "results": {op: result}}``.

    >>> import remotemedia as rm
    >>> out = rm.testing.run_node(TextProcessorNode(), [{"text": " Hi there ", "operations": ["trim", "word_count"]}])
    >>> out[0]["results"]
    {'trim': 'Hi there', 'word_count': 2}
    """

    def process(self, data: Any) -> dict[str, Any]:
        if isinstance(data, str):
            data = {"text": data, "operations": []}
        if not isinstance(data, dict) or not isinstance(data.get("text"), str):
            raise ValueError('TextProcessorNode expects {"text": str, "operations": [...]}')
        text: str = data["text"]
        ops = data.get("operations", [])
        if not isinstance(ops, list):
            raise ValueError("operations must be a list of operation names")
        results: dict[str, Any] = {}
        for op in ops:
            fn = OPERATIONS.get(op)
            if fn is None:
                raise ValueError(f"unknown operation {op!r}; known: {', '.join(OPERATIONS)}")
            results[op] = fn(text)
        return {"original_text": text, "operations": list(ops), "results": results}
