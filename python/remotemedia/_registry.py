"""Python node types that manifests can name (``@rm.register_node``)."""

from __future__ import annotations

import inspect
import json
import threading
from typing import Any, TypeVar, overload

from .node import Node

N = TypeVar("N", bound=type[Node])

_lock = threading.Lock()
_types: dict[str, type[Node]] = {}


@overload
def register_node(cls: N, *, name: str | None = None) -> N: ...
@overload
def register_node(cls: None = None, *, name: str | None = None) -> Any: ...


def register_node(cls: Any = None, *, name: str | None = None) -> Any:
    """Register a :class:`Node` subclass under its class name (or ``name``),
    so manifests can use it as ``"node_type"``; manifest ``params`` become
    constructor keyword arguments. Usable as ``@register_node``,
    ``@register_node(name=...)`` or ``register_node(cls, name=...)``.

    >>> import remotemedia as rm
    >>> @rm.register_node(name="Shout")
    ... class Shout(rm.Node):
    ...     def __init__(self, suffix="!"):
    ...         self.suffix = suffix
    ...     def process(self, text):
    ...         return text.upper() + self.suffix
    >>> m = {"version": "v1", "nodes": [{"id": "s", "node_type": "Shout", "params": {"suffix": "?"}}]}
    >>> rm.Pipeline.from_manifest(m).run(["hi"])
    ['HI?']
    """

    def apply(c: Any) -> Any:
        if not (isinstance(c, type) and issubclass(c, Node)):
            raise TypeError(f"register_node needs a remotemedia.Node subclass, got {c!r}")
        key = name or c.__name__
        with _lock:
            _types[key] = c
        return c

    return apply if cls is None else apply(cls)


def lookup(name: str) -> type[Node] | None:
    with _lock:
        return _types.get(name)


def registered() -> dict[str, type[Node]]:
    with _lock:
        return dict(_types)


def spec_json(cls: type[Node]) -> str:
    """Declare a class's constructor keyword arguments as its params."""
    params = []
    doc = inspect.getdoc(cls) or ""
    try:
        sig = inspect.signature(cls.__init__)
    except (TypeError, ValueError):
        sig = None
    if sig is not None and cls.__init__ is not object.__init__:
        for i, p in enumerate(sig.parameters.values()):
            if i == 0 or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD, p.POSITIONAL_ONLY):
                continue
            params.append({"name": p.name, "required": p.default is p.empty, "doc": ""})
    return json.dumps({"summary": doc.split("\n", 1)[0], "params": params, "releases_gil": bool(cls.releases_gil)})


def spec_json_no_params() -> str:
    return json.dumps({"summary": "", "params": []})



def native_registry() -> tuple[Any, Any]:
    """A native registry of the Go node types and every registered Python
    one, with the factory that builds the Python ones; keep the factory
    alive as long as the registry is used (Go borrows it)."""
    # Imported late: the adapter and the native module need the whole package.
    from ._adapter import Factory
    from ._native import bindings

    reg = bindings.NewRegistry()
    factory = Factory(_build)
    add_registered(reg, factory)
    return reg, factory


def add_registered(reg: Any, factory: Any) -> None:
    """Register every registered Python node type into the native ``reg``."""
    from ._native import call

    for name, cls in registered().items():
        call(reg.AddPythonType, name, id(factory), spec_json(cls))


def _build(name: str, params: dict[str, Any]) -> Node:
    cls = lookup(name)
    if cls is None:
        raise LookupError(f"no Python node type {name!r} is registered")
    return cls(**params)
