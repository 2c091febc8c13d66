"""Python nodes of every shape (value, None, generator, async, flush) mixed
with Go nodes, a registered node type used from a manifest, and the
built-in TextProcessorNode."""

import asyncio
from typing import Any, AsyncIterator, Iterator

import remotemedia as rm


class Words(rm.Node):
    """Splits text into words: a generator emits many outputs."""

    def process(self, text: str) -> Iterator[str]:
        yield from text.split()


class LongOnly(rm.Node):
    """Returning None drops the item."""

    def __init__(self, min_len: int = 4) -> None:
        self.min_len = min_len

    def process(self, word: str) -> str | None:
        return word if len(word) >= self.min_len else None


class Tally(rm.Node):
    """Keeps state and emits once more at end of stream."""

    def initialize(self) -> None:
        self.count = 0

    def process(self, word: str) -> dict[str, Any]:
        self.count += 1
        return {"text": word, "operations": ["uppercase", "char_count"]}

    def flush(self) -> dict[str, Any]:
        return {"text": f"{self.count} words", "operations": ["word_count"]}


@rm.register_node
class Echo(rm.Node):
    """An async node that emits each input twice."""

    def __init__(self, times: int = 2) -> None:
        self.times = times

    async def process(self, x: Any) -> AsyncIterator[Any]:
        for _ in range(self.times):
            await asyncio.sleep(0)
            yield x


pipe = rm.Pipeline("words")
w = pipe.add(Words(), id="words")
long = pipe.add(LongOnly(min_len=5), id="long", after=w)
t = pipe.add(Tally(), id="tally", after=long)
pipe.add(rm.nodes.TextProcessorNode(), id="text", after=t)
for out in pipe.run(["streaming media pipelines", "with python nodes inside"]):
    print(out["original_text"], out["results"])
print(pipe.metrics()[0]["id"], "handled", pipe.metrics()[0]["items_in"], "inputs")

manifest = {
    "version": "v1",
    "nodes": [
        {"id": "echo", "node_type": "Echo", "params": {"times": 3}},
        {"id": "double", "node_type": "MultiplyNode", "params": {"multiplier": 2}},
    ],
    "connections": [{"from": "echo", "to": "double"}],
}
print("registered node from a manifest:", rm.Pipeline.from_manifest(manifest).run([1, 2]))

try:
    rm.Pipeline.from_manifest(manifest).run(["not a number"])
except rm.NodeError as e:
    print(f"NodeError in node {e.node_id!r} on input {e.input_index}")
