"""Pipelines: build in code or from a manifest, run on the Go engine.

The Pipeline class is the public face; the work is in one module per
concept: _manifest (reading manifests), _compile (into the engine's
pipeline), _batch, _stream and _progress (running), _async (from asyncio).
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import AsyncIterable, AsyncIterator, Generator, Iterable
from typing import Any

from . import _async, _batch, _progress, _registry, _stream
from ._compile import Compiled, compile_pipeline
from ._manifest import Entry, read_manifest
from .exceptions import ManifestError, Problem, RemoteMediaError
from .node import Node
from .nodes import GoNode

__all__ = ["Pipeline"]


class Pipeline:
    """A DAG of nodes run by the Go engine.

    Build it in code with :meth:`add` and :meth:`connect` (:meth:`chain` for
    a line of nodes), or load a manifest with :meth:`from_manifest`. Go
    built-in nodes (``remotemedia.nodes``) and Python
    :class:`~remotemedia.Node` subclasses mix freely.

    >>> import remotemedia as rm
    >>> pipe = rm.Pipeline()
    >>> mul = pipe.add(rm.nodes.MultiplyNode(multiplier=2))
    >>> pipe.add(rm.nodes.AddNode(addend=10), after=mul)
    'AddNode'
    >>> pipe.run([5, 7, 3])
    [20, 24, 16]
    """

    def __init__(self, name: str = "pipeline", *, queue_size: int = 0, skip_errors: bool = False) -> None:
        self.name = name
        self._queue_size = queue_size
        self._skip_errors = skip_errors
        self._nodes: dict[str, Entry] = {}
        self._connections: list[tuple[str, str]] = []
        self._extra: dict[str, Any] = {}
        self._metadata: dict[str, Any] = {"name": name}
        self._compiled: Compiled | None = None
        self._lock = threading.Lock()
        self._metrics: list[dict[str, Any]] = []
        self._raw: dict[str, Any] | None = None  # the manifest loaded, while unchanged
        self._package: Any = None  # the native .rmpkg this pipeline runs, if any
        self._segment_host = False  # compiled to host a placed segment (remotemedia.ray)

    # The compiled pipeline bakes these in: setting one recompiles on the next run.

    @property
    def queue_size(self) -> int:
        """Batches each node's input queue holds (0: the default, 16); set it
        any time, it applies from the next run."""
        return self._queue_size

    @queue_size.setter
    def queue_size(self, size: int) -> None:
        self._queue_size, self._compiled = size, None

    @property
    def skip_errors(self) -> bool:
        """Skip items a node fails on (counted in metrics) instead of failing
        the run; set it any time, it applies from the next run."""
        return self._skip_errors

    @skip_errors.setter
    def skip_errors(self, skip: bool) -> None:
        self._skip_errors, self._compiled = skip, None

    # -- building ---------------------------------------------------------

    def add(self, node: GoNode | Node, id: str | None = None, after: str | list[str] | None = None, *,
            placement: dict[str, Any] | None = None) -> str:
        """Add a node and return its id. ``after`` is an id or a list of ids
        to connect from. Without ``id``, the node type name is used (with a
        number appended when taken). ``placement`` runs the node elsewhere,
        as the manifest member does (``{"backend": "ray", ...}``, docs/SCALE.md)."""
        if isinstance(node, GoNode):
            entry = Entry("", node.node_type, dict(node.params))
        elif isinstance(node, Node):
            name = _registered_name(type(node))
            entry = Entry("", name, node.params, instance=node)
        elif isinstance(node, type) and issubclass(node, Node):
            raise TypeError(f"add() needs a node instance; did you mean {node.__name__}()?")
        else:
            raise TypeError(f"add() needs a remotemedia.Node or a remotemedia.nodes node, got {type(node).__name__}")
        if placement is not None:
            entry.extra["placement"] = placement
        entry.id = id if id is not None else self._fresh_id(entry.node_type)
        if entry.id in self._nodes:
            raise ValueError(f"node id {entry.id!r} is already used")
        self._nodes[entry.id] = entry
        self._raw = None
        for src in [after] if isinstance(after, str) else list(after or []):
            self.connect(src, entry.id)
        self._compiled = None
        return entry.id

    def connect(self, from_id: str, to_id: str) -> None:
        """Connect the output of ``from_id`` to the input of ``to_id``."""
        for nid in (from_id, to_id):
            if nid not in self._nodes:
                raise ValueError(f"unknown node id {nid!r}; known: {', '.join(self._nodes) or 'none'}")
        self._connections.append((from_id, to_id))
        self._raw = None
        self._compiled = None

    @classmethod
    def chain(cls, *nodes: GoNode | Node, name: str = "pipeline", queue_size: int = 0,
              skip_errors: bool = False) -> Pipeline:
        """A linear pipeline: each node takes the previous one's outputs;
        ids are chosen as :meth:`add` chooses them. A classmethod, as
        :meth:`from_manifest` is, so that the constructor's first argument
        stays the name.

        >>> import remotemedia as rm
        >>> pipe = rm.Pipeline.chain(rm.nodes.MultiplyNode(multiplier=2), rm.nodes.AddNode(addend=10))
        >>> pipe.run([5, 7, 3]), pipe.node_ids
        ([20, 24, 16], ['MultiplyNode', 'AddNode'])
        """
        if not nodes:
            raise ValueError("chain() needs at least one node")
        pipe = cls(name, queue_size=queue_size, skip_errors=skip_errors)
        previous: str | None = None
        for node in nodes:
            previous = pipe.add(node, after=previous)
        return pipe

    def _fresh_id(self, base: str) -> str:
        if base not in self._nodes:
            return base
        n = 2
        while f"{base}_{n}" in self._nodes:
            n += 1
        return f"{base}_{n}"

    @classmethod
    def from_manifest(cls, source: str | os.PathLike[str] | dict[str, Any]) -> Pipeline:
        """Load a manifest from a path, a JSON string or a dict. It is
        validated at once: problems raise :class:`ManifestError`."""
        pipe = cls._load(read_manifest(source))
        pipe._compile()
        return pipe

    @classmethod
    def _load(cls, data: Any) -> Pipeline:
        if not isinstance(data, dict):
            raise ManifestError("a manifest is a JSON object", [Problem("$", "must be an object")])
        raw_meta = data.get("metadata")
        meta: dict[str, Any] = raw_meta if isinstance(raw_meta, dict) else {}
        pipe = cls(str(meta.get("name", "pipeline")))
        pipe._metadata = dict(meta)
        pipe._extra = {k: v for k, v in data.items() if k not in ("nodes", "connections", "metadata")}
        pipe._raw = data
        nodes = data.get("nodes")
        for n in nodes if isinstance(nodes, list) else []:
            if isinstance(n, dict):
                extra = {k: v for k, v in n.items() if k not in ("id", "node_type", "params")}
                params = n.get("params")
                entry = Entry(str(n.get("id", "")), str(n.get("node_type", "")),
                               params if isinstance(params, dict) else {}, extra=extra)
                pipe._nodes.setdefault(entry.id, entry)
        conns = data.get("connections")
        for c in conns if isinstance(conns, list) else []:
            if isinstance(c, dict):
                pipe._connections.append((str(c.get("from", "")), str(c.get("to", ""))))
        return pipe

    def to_manifest(self) -> dict[str, Any]:
        """The pipeline as a manifest dict (Python nodes appear under their
        registered or class name, with their constructor keyword arguments
        as params)."""
        if self._raw is not None:
            copy: dict[str, Any] = json.loads(json.dumps(self._raw))
            return copy
        return self._manifest(internal=False)

    def _manifest(self, internal: bool, types: dict[str, str] | None = None) -> dict[str, Any]:
        m: dict[str, Any] = {"version": "v1", **{k: v for k, v in self._extra.items() if k != "version"}}
        if "version" in self._extra:
            m["version"] = self._extra["version"]
        m["metadata"] = dict(self._metadata)
        nodes = []
        for e in self._nodes.values():
            node_type = types.get(e.id, e.node_type) if internal and types else e.node_type
            params = {} if internal and e.instance is not None else e.params
            nodes.append({"id": e.id, "node_type": node_type, "params": params, **e.extra})
        m["nodes"] = nodes
        m["connections"] = [{"from": a, "to": b} for a, b in self._connections]
        return m

    # -- compiling --------------------------------------------------------

    def _compile(self) -> Compiled:
        with self._lock:
            if self._compiled is None:
                if self._package is not None and self._raw is None:
                    raise RemoteMediaError("a pipeline from a package cannot be changed; build a new one")
                self._compiled = compile_pipeline(
                    self._nodes, self._internal_manifest, package=self._package,
                    segment_host=self._segment_host, queue_size=self.queue_size, skip_errors=self.skip_errors,
                )
            return self._compiled

    def _internal_manifest(self, types: dict[str, str]) -> dict[str, Any]:
        """The manifest to compile: Python instances under their internal types."""
        return self._raw if self._raw is not None else self._manifest(internal=True, types=types)

    @property
    def sinks(self) -> list[str]:
        """Ids of the nodes whose outputs are the results."""
        return list(self._compile().sinks)

    @property
    def node_ids(self) -> list[str]:
        return list(self._nodes)

    # -- running ----------------------------------------------------------

    def run(self, inputs: Iterable[Any], *, progress: bool = False) -> Any:
        """Run a batch and return the outputs: a list when there is one
        sink, else a dict ``{sink_id: [...]}`` (typed ``Any`` so callers
        need no cast for the shape they know). Each sink's outputs are in
        input order. ``progress=True`` shows a tqdm bar. Ctrl-C cancels the
        run and raises ``KeyboardInterrupt``. Nodes see ``run_mode`` "batch"
        (:attr:`Node.run_mode`), except with ``progress=True``, which streams
        the inputs to count them and so runs "live"."""
        if progress:
            return _progress.run_with_progress(self._compile, inputs, self.name, self._record_metrics)
        c = self._compile()
        batch, run = _batch.start(c, inputs)
        _batch.wait(batch, run)
        out, self._metrics = _batch.finish(c, batch, run)
        return out

    def stream(self, inputs: Iterable[Any]) -> Generator[Any, None, None]:
        """Feed inputs one by one and yield outputs as they are produced:
        values when there is one sink, else ``(sink_id, value)`` pairs.
        The engine waits while outputs wait for the consumer, so memory
        stays flat however slowly they are taken. Nodes see ``run_mode``
        "live" (:attr:`Node.run_mode`): each output as soon as it can be made."""
        c = self._compile()
        single = len(c.sinks) == 1
        for sink, _index, value in _stream.outputs(c, inputs, self._record_metrics):
            yield value if single else (sink, value)

    async def arun(self, inputs: Iterable[Any]) -> Any:
        """:meth:`run` without blocking the event loop (works in Jupyter).
        Cancelling the task cancels the run."""
        return await _async.arun(self._compile, inputs, self._record_metrics)

    def astream(self, inputs: Iterable[Any] | AsyncIterable[Any]) -> AsyncIterator[Any]:
        """:meth:`stream` as an async generator; ``inputs`` may be async.
        Cancelling the task (or closing the generator) cancels the run."""
        return _async.astream(self._compile, inputs, self._record_metrics)

    def _record_metrics(self, rows: list[dict[str, Any]]) -> None:
        self._metrics = rows

    def metrics(self) -> list[dict[str, Any]]:
        """Per-node metrics of the last run: items in/out, errors, busy
        time and latency percentiles (nanoseconds). A sink's row also has
        ``latency_from_input``: ``{"count", "p50_ns", "p95_ns", "p99_ns"}``
        of the time from when each output's input entered the run to when
        the sink emitted it."""
        return [dict(m) for m in self._metrics]

    # -- display ----------------------------------------------------------

    def __repr__(self) -> str:
        return f"Pipeline({self.name!r}, nodes={list(self._nodes)})"

    def _repr_html_(self) -> str:
        from ._display import pipeline_svg

        return pipeline_svg(list(self._nodes.items()), self._connections)


def _registered_name(cls: type[Node]) -> str:
    for name, c in _registry.registered().items():
        if c is cls:
            return name
    return cls.__name__
