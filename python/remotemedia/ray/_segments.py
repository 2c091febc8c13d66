"""Cutting a manifest into placed segments (no Ray here: plain dicts).

Connected nodes with equal placements form one segment. A segment runs
elsewhere as its own sub-pipeline, and here as one node that takes the id
of the segment's exit node, so sinks and downstream connections keep their
names. A segment has one entry (the only node fed from outside it, or a
source) and one exit (the only node feeding outside it, or a sink): its
outputs are then one stream, each output tied to the input it came from.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from ..exceptions import ManifestError, Problem


@dataclass
class Segment:
    members: list[str]  # node ids, in manifest order
    entry: str
    exit: str
    placement: dict[str, Any]
    sub_manifest: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return _name(self.members)


def _name(members: list[str]) -> str:
    return f"placed segment [{' '.join(members)}]"


def cut(manifest: dict[str, Any], placements: dict[str, dict[str, Any]]) -> tuple[dict[str, Any], list[Segment]]:
    """The local manifest (each segment one node named by its exit) and the
    segments. ``placements`` are the engine's, validated, by node id."""
    nodes = [n for n in manifest.get("nodes", []) if isinstance(n, dict)]
    edges = [(str(c.get("from")), str(c.get("to"))) for c in manifest.get("connections", []) if isinstance(c, dict)]
    groups = _groups([str(n.get("id")) for n in nodes], edges, placements)
    segments = [_segment(g, edges, placements[g[0]], manifest, nodes) for g in groups]
    return _local(manifest, nodes, edges, segments), segments


def _key(p: dict[str, Any]) -> str:
    return json.dumps(p, sort_keys=True)


def _groups(ids: list[str], edges: list[tuple[str, str]], placements: dict[str, dict[str, Any]]) -> list[list[str]]:
    parent = {i: i for i in ids if i in placements}

    def root(i: str) -> str:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in edges:
        if a in parent and b in parent and _key(placements[a]) == _key(placements[b]):
            parent[root(a)] = root(b)
    groups: dict[str, list[str]] = {}
    for i in ids:
        if i in parent:
            groups.setdefault(root(i), []).append(i)
    return list(groups.values())


def _segment(members: list[str], edges: list[tuple[str, str]], placement: dict[str, Any],
             manifest: dict[str, Any], nodes: list[dict[str, Any]]) -> Segment:
    inside = set(members)
    fed_from_outside = {b for a, b in edges if b in inside and a not in inside}
    feeds_outside = {a for a, b in edges if a in inside and b not in inside}
    has_inner_pred = {b for a, b in edges if a in inside and b in inside}
    has_inner_succ = {a for a, b in edges if a in inside and b in inside}
    entries = [m for m in members if m not in has_inner_pred]
    exits = [m for m in members if m not in has_inner_succ]
    name = _name(members)
    problems = []
    if len(entries) != 1:
        problems.append(f"{name} has {len(entries)} entry nodes ({', '.join(entries)}); a placed segment takes its "
                        "input at one node: place the others separately, or give them different placements")
    if len(exits) != 1:
        problems.append(f"{name} has {len(exits)} exit nodes ({', '.join(exits)}); a placed segment gives its "
                        "outputs from one node: place the others separately, or give them different placements")
    for m in members:
        if m in fed_from_outside and m not in entries:
            problems.append(f"node {m!r} of {name} is fed from both inside and outside the segment")
        if m in feeds_outside and m not in exits:
            problems.append(f"node {m!r} of {name} feeds both inside and outside the segment")
    if problems:
        at = next(i for i, n in enumerate(nodes) if n.get("id") == members[0])
        raise ManifestError(problems[0], [Problem(f"$.nodes[{at}].placement", p) for p in problems])
    sub_nodes = []
    for n in nodes:
        if n.get("id") in inside:
            sub_nodes.append({k: v for k, v in n.items() if k != "placement"})
    runtime = manifest.get("runtime")
    sub: dict[str, Any] = {
        "version": manifest.get("version", "v1"),
        "metadata": {"name": name},
        "nodes": sub_nodes,
        "connections": [{"from": a, "to": b} for a, b in edges if a in inside and b in inside],
    }
    if isinstance(runtime, dict):
        sub["runtime"] = runtime
    return Segment(members, entries[0], exits[0], placement, sub)


def segment_type(seg: Segment) -> str:
    return f"rm.segment.{seg.exit}"


def _local(manifest: dict[str, Any], nodes: list[dict[str, Any]], edges: list[tuple[str, str]],
           segments: list[Segment]) -> dict[str, Any]:
    by_member = {m: s for s in segments for m in s.members}
    local_nodes = []
    for n in nodes:
        s = by_member.get(str(n.get("id")))
        if s is None:
            local_nodes.append(n)
        elif n.get("id") == s.exit:  # the segment's node sits where its exit was: sinks keep their order
            local_nodes.append({"id": s.exit, "node_type": segment_type(s), "params": {}})
    local_edges = []
    for a, b in edges:
        sa, sb = by_member.get(a), by_member.get(b)
        if sa is not None and sa is sb:
            continue  # inside a segment
        if sb is not None:
            b = sb.exit  # into the segment: to its node
        local_edges.append({"from": a, "to": b})
    out = {k: v for k, v in manifest.items() if k not in ("nodes", "connections")}
    out["nodes"] = local_nodes
    out["connections"] = local_edges
    return out
