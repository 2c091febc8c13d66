"""The pipelines the bridge and chain benchmarks time: a Go PassThrough
source, then ``k`` Python nodes in a row; with fusion on (the default:
consecutive Python nodes share one worker) or off (a worker each)."""

from __future__ import annotations

import remotemedia as rm


def chain(k: int, node: type[rm.Node], fusion: bool = True) -> rm.Pipeline:
    pipe = rm.Pipeline()
    prev = pipe.add(rm.nodes.PassThrough(), id="src")
    for i in range(k):
        prev = pipe.add(node(), id=f"py{i}", after=prev)
    if fusion:
        return pipe
    m = pipe.to_manifest()
    m["runtime"] = {**m.get("runtime", {}), "fusion": False}
    return rm.Pipeline.from_manifest(m)
