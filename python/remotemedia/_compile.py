"""Compiling a pipeline's nodes into the engine's: a native registry with
the Python node types, the manifest, and the placed segments (Ray)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Callable

from . import _registry
from ._adapter import Factory
from ._manifest import Entry
from ._native import bindings, call
from .exceptions import RemoteMediaError
from .node import Node


@dataclass
class Compiled:
    pipeline: Any
    factory: Factory
    sinks: list[str]
    public_types: dict[str, str]  # internal node_type of a Python instance -> its public name
    keep: list[Any] = field(default_factory=list)  # objects Go borrows (placed segments' pools)

    def metrics(self, text: str) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = json.loads(text)
        for r in rows:
            r["type"] = self.public_types.get(r["type"], r["type"])
        return rows


def compile_pipeline(entries: dict[str, Entry], manifest_for: Callable[[dict[str, str]], dict[str, Any]], *,
                     package: Any, segment_host: bool, queue_size: int, skip_errors: bool) -> Compiled:
    """Compile ``entries``. ``manifest_for(types)`` is the manifest to
    compile, given the internal node type of each Python instance by node
    id; a ``package`` (native .rmpkg) is compiled instead of it, and
    ``segment_host`` compiles a placed segment for its host (remotemedia.ray)."""
    reg = bindings.NewRegistry()
    instances: dict[str, Node] = {}
    types: dict[str, str] = {}

    def make(type_name: str, params: dict[str, Any]) -> Node:
        inst = instances.get(type_name)
        if inst is not None:
            return inst
        cls = _registry.lookup(type_name)
        if cls is None:
            raise RemoteMediaError(f"no Python node type {type_name!r} is registered")
        return cls(**params)

    public: dict[str, str] = {}  # internal type name of an instance -> its public name
    factory = Factory(make, public)
    added: set[str] = set()
    for i, e in enumerate(entries.values()):
        if e.instance is not None:
            tname = f"python.instance{i}"
            instances[tname] = e.instance
            types[e.id] = tname
            public[tname] = e.node_type
            call(reg.AddPythonType, tname, id(factory), _registry.spec_json_no_params())
            continue
        cls = _registry.lookup(e.node_type)
        if cls is not None and e.node_type not in added:
            added.add(e.node_type)
            call(reg.AddPythonType, e.node_type, id(factory), _registry.spec_json(cls))
    if package is not None:
        p = call(bindings.CompilePackage, reg, package, queue_size, skip_errors)
        compiled = Compiled(p, factory, json.loads(p.SinksJSON()), public)
        import weakref

        weakref.finalize(compiled, p.Close)  # frees the package's WASM modules
        return compiled
    manifest = manifest_for(types)
    text = json.dumps(manifest)
    keep: list[Any] = []
    if _has_placement(manifest):
        text, keep = _localize(reg, manifest, text, entries, queue_size, skip_errors)
    compile_fn = bindings.CompileSegment if segment_host else bindings.Compile
    p = call(compile_fn, reg, text, queue_size, skip_errors)
    return Compiled(p, factory, json.loads(p.SinksJSON()), public, keep)


def _has_placement(manifest: dict[str, Any]) -> bool:
    nodes = manifest.get("nodes")
    return isinstance(nodes, list) and any(isinstance(n, dict) and "placement" in n for n in nodes)


def _localize(reg: Any, manifest: dict[str, Any], text: str, entries: dict[str, Entry],
              queue_size: int, skip_errors: bool) -> tuple[str, list[Any]]:
    """Placed segments go to Ray (remotemedia.ray, the [ray] extra): the
    manifest that runs here, and the objects to keep alive with it."""
    try:
        from .ray import _placement
    except ImportError as e:
        raise ImportError(f"this manifest places nodes on Ray: {e}", name=e.name) from e
    instances = {e.id: e.instance for e in entries.values() if e.instance is not None}
    return _placement.localize(reg, manifest, text, instances, queue_size, skip_errors)
