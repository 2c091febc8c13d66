"""Manifest placement: placed segments run in Ray actor pools, the rest here.

``localize`` is what ``Pipeline`` calls when a manifest has placed nodes:
it cuts the manifest into segments (_segments.py), registers each segment as
a node type whose instances (one per run) talk to an actor of the segment's
pool, and returns the local manifest. The Go node (remote/segment/node.go)
batches inputs and keeps order, input indexes and backpressure; this module
only carries its batches to Ray and the results back.
"""

from __future__ import annotations

import ctypes
import json
import threading
import uuid
import weakref
from typing import Any

import ray

from .. import _registry
from .._adapter import bridge_error
from .._native import bindings, call
from ..exceptions import ClusterError
from ..node import Node
from ._actors import check_fits, worker_env
from ._host import SegmentHost
from ._segments import Segment, cut, segment_type

# Ops of Go's calls into a transport (bindings/segment.go).
_OP_NEW = 4
_OP_SEND = 10
_OP_END = 11
_OP_CLOSE = 12

# How long a segment's actors may take to start (imports, models) before
# the run fails: Ray would wait forever for resources that never free up.
_START_TIMEOUT_S = 120.0


def localize(reg: Any, manifest: dict[str, Any], text: str, instances: dict[str, Node],
             queue_size: int, skip_errors: bool) -> tuple[str, list[Any]]:
    """The local manifest's JSON, with each placed segment registered in
    ``reg``; keep the returned objects alive while the pipeline is (Go
    borrows them). ``instances`` are the Node objects added in code, by id:
    each actor rebuilds them from their class and constructor arguments."""
    placements = json.loads(call(bindings.PlacementsJSON, reg, text))
    local, segments = cut(manifest, placements)
    node_types = {nid: type(n) for nid, n in instances.items()}
    for seg in segments:
        for n in seg.sub_manifest["nodes"]:
            if n["id"] in instances:
                n["params"] = instances[n["id"]].params
    keep = []
    for seg in segments:
        types = {n["node_type"]: node_types.get(n["id"]) or _registry.lookup(n["node_type"])
                 for n in seg.sub_manifest["nodes"]}
        pool = _pool(seg, {k: v for k, v in types.items() if v is not None})
        streams = _Streams(pool, queue_size, skip_errors)
        p = seg.placement
        call(reg.AddSegmentType, segment_type(seg), id(streams), seg.name,
               p["batch_frames"], p["batch_ms"], p["batches_in_flight"])
        keep.append(streams)
    return json.dumps(local), keep


# Pipelines with the same segment share its actors: a notebook that builds
# the same pipeline twice must not hold twice the cluster's CPUs.
_pools: weakref.WeakValueDictionary[str, _Pool] = weakref.WeakValueDictionary()
_pools_lock = threading.Lock()


def _pool(seg: Segment, node_types: dict[str, type[Node]]) -> _Pool:
    # Batching is the local node's business: pipelines that batch
    # differently still share the actors.
    actors = {k: seg.placement[k] for k in ("num_cpus", "num_gpus", "concurrency")}
    key = json.dumps([seg.sub_manifest, actors, sorted((k, id(v)) for k, v in node_types.items())],
                     sort_keys=True, default=repr)
    with _pools_lock:
        pool = _pools.get(key)
        if pool is None:
            pool = _Pool(seg, node_types)
            _pools[key] = pool
        return pool


class _Streams:
    """What Go calls (_OP_NEW) to open a stream of one compiled pipeline's
    segment: the pool, with that pipeline's queue size and skip_errors."""

    def __init__(self, pool: _Pool, queue_size: int, skip_errors: bool) -> None:
        self.pool, self.queue_size, self.skip_errors = pool, queue_size, skip_errors

    def __call__(self, op: int, kind: int, ival: int, fval: float, data: Any, aux: str, addr: int,
                 nbytes: int, token: int) -> _Stream:
        if op != _OP_NEW:
            raise ValueError(f"segment streams: unexpected op {op}")
        try:
            return self.pool.open(token, self.queue_size, self.skip_errors)
        except BaseException as e:  # noqa: BLE001 - Go gets it, and the run raises it (a ClusterError as itself)
            raise bridge_error(e, self.pool.segment.name) from None


class _Pool:
    """A segment's actors, started at its first stream and kept for later
    runs (models load once); each stream stays on one actor."""

    def __init__(self, seg: Segment, node_types: dict[str, type[Node]]) -> None:
        self.segment = seg
        self._args = (seg.sub_manifest, node_types)
        self._lock = threading.Lock()
        self._actors: list[Any] = []
        self._streams: list[int] = []  # open streams per actor
        weakref.finalize(self, _kill, self._actors)

    def open(self, token: int, queue_size: int, skip_errors: bool) -> _Stream:
        with self._lock:
            self._start()
            i = min(range(len(self._actors)), key=self._streams.__getitem__)
            self._streams[i] += 1
            actor = self._actors[i]
        return _Stream(self, i, actor, token, queue_size, skip_errors)

    def _start(self) -> None:
        if self._actors:
            return
        if not ray.is_initialized():
            from ._cluster import connect

            connect()
        p = self.segment.placement
        try:
            check_fits(p["concurrency"], p["num_cpus"], p["num_gpus"], what=f"{self.segment.name}: ")
        except ValueError as e:
            raise ClusterError(str(e)) from None
        actors = [self._new_actor() for _ in range(p["concurrency"])]
        try:
            ray.get([a.pid.remote() for a in actors], timeout=_START_TIMEOUT_S)
        except ray.exceptions.GetTimeoutError:
            _kill(actors)
            free: dict[str, float] = ray.available_resources()  # type: ignore[no-untyped-call]
            raise ClusterError(
                f"{self.segment.name}: its {p['concurrency']} Ray actors of {p['num_cpus']:g} CPU and "
                f"{p['num_gpus']:g} GPU did not start within {_START_TIMEOUT_S:g} s; the cluster has "
                f"{free.get('CPU', 0):g} CPU and {free.get('GPU', 0):g} GPU free (other pools or jobs "
                "hold the rest): free them, lower placement.concurrency or num_cpus, or add nodes") from None
        except ray.exceptions.RayActorError as e:
            _kill(actors)
            raise ClusterError(f"{self.segment.name}: its Ray actor failed to start: {_first_line(e)}") from None
        self._actors.extend(actors)
        self._streams.extend(0 for _ in actors)

    def _new_actor(self) -> Any:
        p = self.segment.placement
        # No restarts, no retries: a retried call would run a stream's batch
        # twice or out of order; a lost actor fails its streams instead.
        cls = ray.remote(num_cpus=p["num_cpus"], num_gpus=p["num_gpus"], max_restarts=0,
                         max_task_retries=0, **worker_env(p["num_cpus"]))(SegmentHost)
        return cls.remote(*self._args)

    def closed(self, i: int, lost: bool) -> None:
        with self._lock:
            self._streams[i] -= 1
            if lost and self._actors:
                self._actors[i] = self._new_actor()  # later streams get a fresh one in its place


def _kill(actors: list[Any]) -> None:
    if not ray.is_initialized():
        return  # shut down already (ray.kill would start a new cluster)
    for a in actors:
        try:
            ray.kill(a)
        except Exception:  # noqa: BLE001 - Ray may be shut down already
            pass


class _Stream:
    """One local run's stream on an actor: Go's transport (Send, End, Close)."""

    def __init__(self, pool: _Pool, index: int, actor: Any, token: int, queue_size: int, skip_errors: bool) -> None:
        self._pool, self._index, self._actor, self._token = pool, index, actor, token
        self._sid = uuid.uuid4().hex
        self._lost = False
        actor.open.remote(self._sid, queue_size, skip_errors)

    def __call__(self, op: int, kind: int, ival: int, fval: float, data: Any, aux: str, addr: int,
                 nbytes: int, token: int) -> None:
        if op == _OP_SEND:
            self._watch(self._actor.push.remote(self._sid, ctypes.string_at(addr, nbytes)), ival)
        elif op == _OP_END:
            self._watch(self._actor.close.remote(self._sid), ival)
        elif op == _OP_CLOSE:
            if ival and not self._lost:  # aborted: the actor drops the stream
                self._actor.abort.remote(self._sid)
            self._pool.closed(self._index, self._lost)

    def _watch(self, ref: Any, batch: int) -> None:
        ref.future().add_done_callback(lambda fut: self._deliver(batch, fut))

    def _deliver(self, batch: int, fut: Any) -> None:
        try:
            result = fut.result()
        except BaseException as e:  # noqa: BLE001 - every failure must reach Go
            self._lost = self._lost or isinstance(e, ray.exceptions.RayActorError)
            bindings.SegmentDeliver(self._token, batch, 0, 0, _describe(e))
            return
        addr = ctypes.cast(ctypes.c_char_p(result), ctypes.c_void_p).value or 0
        bindings.SegmentDeliver(self._token, batch, addr, len(result), "")


def _describe(e: BaseException) -> str:
    if isinstance(e, ray.exceptions.RayActorError):
        return "its Ray actor died before answering (" + _first_line(e) + ")"
    if isinstance(e, ray.exceptions.RayTaskError):
        return "its Ray actor failed: " + _first_line(e.cause if e.cause is not None else e)
    return f"{type(e).__name__}: {_first_line(e)}"


def _first_line(e: BaseException) -> str:
    text = str(e).strip().splitlines()
    return text[0][:500] if text else type(e).__name__
