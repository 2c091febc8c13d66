"""Pipelines: build in code or from a manifest, run on the Go engine."""

from __future__ import annotations

import json
import os
import threading
from collections import deque
from collections.abc import AsyncIterable, AsyncIterator, Generator, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable

from . import _registry, _runs
from ._adapter import Factory
from ._convert import decode, emit
from ._native import bindings, call
from .exceptions import InputError, ManifestError, PipelineCancelledError, Problem, RemoteMediaError
from .node import Node
from .nodes import GoNode

if TYPE_CHECKING:
    import asyncio
    import concurrent.futures

__all__ = ["Pipeline"]

_POLL_MS = 50  # how often a blocked run returns to Python, so Ctrl-C is prompt


@dataclass
class _Entry:
    id: str
    node_type: str
    params: dict[str, Any]
    instance: Node | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class _Compiled:
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


class Pipeline:
    """A DAG of nodes run by the Go engine.

    Build it in code with :meth:`add` and :meth:`connect` (:meth:`chain` for
    a line of nodes), or load a manifest with :meth:`from_manifest`. Go built-in nodes (``remotemedia.nodes``) and
    Python :class:`~remotemedia.Node` subclasses mix freely.

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
        self._nodes: dict[str, _Entry] = {}
        self._connections: list[tuple[str, str]] = []
        self._extra: dict[str, Any] = {}
        self._metadata: dict[str, Any] = {"name": name}
        self._compiled: _Compiled | None = None
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
            entry = _Entry("", node.node_type, dict(node.params))
        elif isinstance(node, Node):
            name = _registered_name(type(node))
            entry = _Entry("", name, node.params, instance=node)
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
                entry = _Entry(str(n.get("id", "")), str(n.get("node_type", "")),
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

    def _compile(self) -> _Compiled:
        with self._lock:
            if self._compiled is not None:
                return self._compiled
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
            for i, e in enumerate(self._nodes.values()):
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
            manifest = self._raw if self._raw is not None else self._manifest(internal=True, types=types)
            text = json.dumps(manifest)
            keep: list[Any] = []
            if self._package is None and _has_placement(manifest):
                text, keep = _localize(reg, manifest, text, self._nodes, self.queue_size, self.skip_errors)
            if self._package is not None:
                if self._raw is None:
                    raise RemoteMediaError("a pipeline from a package cannot be changed; build a new one")
                p = call(bindings.CompilePackage, reg, self._package, self.queue_size, self.skip_errors)
            else:
                compile_fn = bindings.CompileSegment if self._segment_host else bindings.Compile
                p = call(compile_fn, reg, text, self.queue_size, self.skip_errors)
            self._compiled = _Compiled(p, factory, json.loads(p.SinksJSON()), public, keep)
            if self._package is not None:
                import weakref

                weakref.finalize(self._compiled, p.Close)  # frees the package's WASM modules
            return self._compiled

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
            return self._run_with_progress(inputs)
        c, batch, run = self._start_batch(inputs)
        try:
            while not call(batch.Wait, _POLL_MS):
                pass
        except KeyboardInterrupt:
            # Cancel and raise at once: Ctrl-C must answer within 100 ms even
            # when a Python node is busy; the run winds down behind us (and
            # interpreter exit waits for it, see _runs).
            run.cancel()
            raise
        except BaseException:
            _runs.untrack(run)
            raise
        return self._finish_batch(c, batch, run)

    def _start_batch(self, inputs: Iterable[Any]) -> tuple[_Compiled, Any, _BatchRun]:
        c = self._compile()
        batch = c.pipeline.NewBatch()
        token = batch.Token()
        try:
            for i, x in enumerate(inputs):
                _send(token, i, x)  # a batch is never busy
        except BaseException:
            batch.Discard()
            raise
        run = _BatchRun(batch)
        call(batch.Start)
        _runs.track(run)
        return c, batch, run

    def _finish_batch(self, c: _Compiled, batch: Any, run: _BatchRun) -> Any:
        _runs.untrack(run)
        outputs: dict[str, list[Any]] = {s: [] for s in c.sinks}
        receive = _receiver(c.sinks, lambda sink, _i, v: outputs[sink].append(v))
        call(batch.Deliver, id(receive))
        self._metrics = c.metrics(batch.MetricsJSON())
        return outputs[c.sinks[0]] if len(c.sinks) == 1 else outputs

    def _run_with_progress(self, inputs: Iterable[Any]) -> list[Any] | dict[str, list[Any]]:
        import warnings

        items = list(inputs)
        c = self._compile()
        collected: dict[str, list[tuple[int, int, Any]]] = {s: [] for s in c.sinks}
        seq = 0
        with warnings.catch_warnings():
            # tqdm.auto warns and falls back to a text bar in a notebook
            # without ipywidgets; the text bar is what we want then.
            warnings.simplefilter("ignore")
            try:
                from tqdm.auto import tqdm  # type: ignore[import-untyped]
            except ModuleNotFoundError as e:
                raise ModuleNotFoundError(
                    "run(progress=True) needs tqdm: pip install 'remotemedia[notebook]'", name="tqdm"
                ) from e

            bar = tqdm(total=len(items), desc=self.name, unit="item")
        with bar:
            for sink, index, value in self._stream(items, on_sent=lambda: bar.update(1)):
                seq += 1
                collected[sink].append((index if index >= 0 else len(items), seq, value))
        out = {s: [v for _, _, v in sorted(vals, key=lambda t: (t[0], t[1]))] for s, vals in collected.items()}
        return out[c.sinks[0]] if len(c.sinks) == 1 else out

    def stream(self, inputs: Iterable[Any]) -> Generator[Any, None, None]:
        """Feed inputs one by one and yield outputs as they are produced:
        values when there is one sink, else ``(sink_id, value)`` pairs.
        The engine waits while outputs wait for the consumer, so memory
        stays flat however slowly they are taken. Nodes see ``run_mode``
        "live" (:attr:`Node.run_mode`): each output as soon as it can be made."""
        single = len(self._compile().sinks) == 1
        for sink, _index, value in self._stream(inputs):
            yield value if single else (sink, value)

    def _stream(
        self, inputs: Iterable[Any], on_sent: Callable[[], None] | None = None,
        on_start: Callable[[_StreamRun], None] | None = None,
    ) -> Generator[tuple[str, int, Any], None, None]:
        c = self._compile()
        s = call(c.pipeline.Start)
        run = _StreamRun(s)
        _runs.track(run)
        if on_start is not None:
            on_start(run)
        ready: deque[tuple[str, int, Any]] = deque()
        receive = _receiver(c.sinks, lambda sink, i, v: ready.append((sink, i, v)))
        finished = False
        try:
            token = s.Token()
            send_error: BaseException | None = None
            for i, x in enumerate(inputs):
                try:
                    # Busy means the outputs wait for our consumer: hand them
                    # over (yield) before the engine takes more input, so a
                    # slow consumer slows the run instead of filling memory.
                    while not _send(token, i, x):
                        run.check()
                        call(s.Deliver, id(receive), 0)
                        while ready:
                            yield ready.popleft()
                except RemoteMediaError as e:
                    send_error = e  # the run stopped; its own error follows
                    break
                if on_sent is not None:
                    on_sent()
                call(s.Deliver, id(receive), 0)
                while ready:
                    yield ready.popleft()
            s.CloseInput()
            while not finished:
                run.check()
                finished = call(s.Deliver, id(receive), _POLL_MS)
                while ready:
                    yield ready.popleft()
            if send_error is not None:
                raise send_error
        finally:
            self._metrics = c.metrics(s.MetricsJSON())
            if not finished:
                run.cancel()  # it winds down behind us; exit waits for it
            else:
                _runs.untrack(run)

    async def arun(self, inputs: Iterable[Any]) -> Any:
        """:meth:`run` without blocking the event loop (works in Jupyter).
        Cancelling the task cancels the run."""
        import asyncio  # imported here: it costs ~20 ms at import time

        loop = asyncio.get_running_loop()
        # Inputs are converted on a worker thread too, so a big batch does
        # not stall the loop; a run started after its task was cancelled is
        # cancelled as soon as it exists.
        starting = loop.run_in_executor(None, self._start_batch, list(inputs))
        try:
            c, batch, run = await asyncio.shield(starting)
        except asyncio.CancelledError:
            starting.add_done_callback(_cancel_started)
            raise
        try:
            # Wait in short slices on a worker thread: a cancelled task then
            # leaves no thread blocked behind it for longer than one slice.
            while not await loop.run_in_executor(None, call, batch.Wait, _POLL_MS):
                pass
        except (asyncio.CancelledError, KeyboardInterrupt):
            run.cancel()  # the task was cancelled (or Ctrl-C): stop the run
            raise
        except BaseException:
            _runs.untrack(run)
            raise
        return self._finish_batch(c, batch, run)

    async def astream(self, inputs: Iterable[Any] | AsyncIterable[Any]) -> AsyncIterator[Any]:
        """:meth:`stream` as an async generator; ``inputs`` may be async.
        Cancelling the task (or closing the generator) cancels the run."""
        import asyncio

        loop = asyncio.get_running_loop()
        source: Iterable[Any]
        if isinstance(inputs, AsyncIterable):
            source = _SyncFromAsync(inputs, loop)
        else:
            source = inputs
        single = len(self._compile().sinks) == 1
        started: list[_StreamRun] = []
        gen = self._stream(source, on_start=started.append)
        done = object()
        pending: asyncio.Future[Any] | None = None
        try:
            while True:
                pending = loop.run_in_executor(None, next, gen, done)
                item = await asyncio.shield(pending)
                pending = None
                if item is done:
                    return
                sink, _index, value = item
                yield value if single else (sink, value)
        finally:
            for run in started:
                run.cancel()
            if isinstance(source, _SyncFromAsync):
                source.cancel()  # a worker thread may be waiting for the next input
            if pending is not None:
                # The generator is running on a worker thread; a cancelled
                # run returns it promptly, and only then may it be closed.
                await asyncio.wait([pending])
                if not pending.cancelled():
                    pending.exception()  # retrieved: its error is the cancellation's echo
            gen.close()

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


def _has_placement(manifest: dict[str, Any]) -> bool:
    nodes = manifest.get("nodes")
    return isinstance(nodes, list) and any(isinstance(n, dict) and "placement" in n for n in nodes)


def _localize(reg: Any, manifest: dict[str, Any], text: str, entries: dict[str, _Entry],
              queue_size: int, skip_errors: bool) -> tuple[str, list[Any]]:
    """Placed segments go to Ray (remotemedia.ray, the [ray] extra): the
    manifest that runs here, and the objects to keep alive with it."""
    try:
        from .ray import _placement
    except ImportError as e:
        raise ImportError(f"this manifest places nodes on Ray: {e}", name=e.name) from e
    instances = {e.id: e.instance for e in entries.values() if e.instance is not None}
    return _placement.localize(reg, manifest, text, instances, queue_size, skip_errors)


def _registered_name(cls: type[Node]) -> str:
    for name, c in _registry.registered().items():
        if c is cls:
            return name
    return cls.__name__


def read_manifest(source: str | os.PathLike[str] | dict[str, Any]) -> Any:
    """The manifest data of a dict, a JSON string or a file's path, not yet
    validated."""
    if isinstance(source, dict):
        return source
    text = str(source)
    if text.lstrip().startswith("{"):
        return _loads(text)
    # Read by the engine: capped at 16 MiB, like the Go CLI. OS errors
    # (FileNotFoundError, ...) are Python's own.
    return _loads(call(bindings.ReadManifestFile, os.fspath(source)))


def _loads(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError as e:
        raise ManifestError(f"manifest is not valid JSON: {e}", [Problem("$", str(e))]) from e


def _cancel_started(started: asyncio.Future[tuple[_Compiled, Any, _BatchRun]]) -> None:
    if not started.cancelled() and started.exception() is None:
        started.result()[2].cancel()


def _send(token: int, index: int, value: Any) -> bool:
    """Emit one pipeline input; an input that cannot become a frame is an
    InputError naming its index."""
    try:
        return bool(call(emit, token, value))
    except InputError as e:
        e.args = (f"input[{index}]: {e}",)
        raise


def _receiver(sinks: list[str], put: Callable[[str, int, Any], None]) -> Callable[..., None]:
    def receive(op: int, kind: int, ival: int, fval: float, data: Any, aux: str, addr: int, nbytes: int, index: int) -> None:
        put(sinks[op], index, decode(kind, ival, fval, data, aux, addr, nbytes))

    return receive


def _discard(op: int, kind: int, ival: int, fval: float, data: Any, aux: str, addr: int, nbytes: int, index: int) -> None:
    decode(kind, ival, fval, data, aux, addr, nbytes)  # builds and drops views, ending their loans


class _BatchRun:
    def __init__(self, batch: Any) -> None:
        self.batch = batch

    def cancel(self) -> None:
        self.batch.Cancel()

    def join(self, timeout: float) -> None:
        try:
            self.batch.Wait(int(timeout * 1000))
        except RuntimeError:
            pass

    def finished(self) -> bool:
        try:
            return bool(self.batch.Wait(0))
        except RuntimeError:
            return True


class _StreamRun:
    def __init__(self, stream: Any) -> None:
        self.stream = stream
        self.ended = False
        self.cancelled = False

    def cancel(self) -> None:
        self.cancelled = True
        self.stream.Cancel()

    def check(self) -> None:
        """Stop the stream's own loop once another thread cancelled it
        (astream's task was cancelled): it must not wait for the run."""
        if self.cancelled:
            raise PipelineCancelledError("the stream was cancelled")

    def finished(self) -> bool:
        return self.ended or bool(self.stream.Ended())

    def join(self, timeout: float) -> None:
        sink = _discard
        deadline = timeout * 1000
        while deadline > 0 and not self.ended:
            try:
                self.ended = bool(self.stream.Deliver(id(sink), _POLL_MS))
            except RuntimeError:
                self.ended = True
            deadline -= _POLL_MS


class _SyncFromAsync:
    """Iterate an async iterable from a worker thread, on the given loop."""

    def __init__(self, source: AsyncIterable[Any], loop: asyncio.AbstractEventLoop) -> None:
        self._it = source.__aiter__()
        self._loop = loop
        self._waiting: concurrent.futures.Future[tuple[bool, Any]] | None = None
        self._cancelled = False

    def cancel(self) -> None:
        """Stop waiting for the source (from the loop's thread)."""
        self._cancelled = True
        if self._waiting is not None:
            self._waiting.cancel()

    def __iter__(self) -> _SyncFromAsync:
        return self

    def __next__(self) -> Any:
        import asyncio
        import concurrent.futures

        fut = asyncio.run_coroutine_threadsafe(self._next(), self._loop)
        self._waiting = fut
        if self._cancelled:  # checked after publishing fut: cancel() sees one or the other
            fut.cancel()
        try:
            ok, value = fut.result()
        except concurrent.futures.CancelledError:
            raise StopIteration from None
        finally:
            self._waiting = None
        if not ok:
            raise StopIteration
        return value

    async def _next(self) -> tuple[bool, Any]:
        try:
            return True, await self._it.__anext__()
        except StopAsyncIteration:
            return False, None
