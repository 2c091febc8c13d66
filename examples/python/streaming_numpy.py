"""Streaming audio-like numpy frames through Go and Python nodes without
copying, plus async streaming from an event loop."""

import asyncio

import numpy as np

import remotemedia as rm


class Peak(rm.Node):
    def process(self, frame: np.ndarray) -> float:
        return float(np.abs(frame).max())


pipe = rm.Pipeline("peaks")
gain = pipe.add(rm.nodes.MultiplyNode(multiplier=0.5), id="gain")
pipe.add(Peak(), id="peak", after=gain)

frames = (np.sin(np.linspace(0, 20, 480, dtype=np.float32)) * (i + 1) for i in range(5))
print("peaks:", [round(p, 3) for p in pipe.stream(frames)])

# Arrays in Go memory cross into the engine with no copy at all.
big = rm.empty(16 * 2**20 // 4, dtype="float32")
big[:] = 1.0
print("16 MiB array in Go memory, peak:", pipe.run([big]))


async def main() -> None:
    async for peak in pipe.astream([np.ones(4, dtype=np.float32)]):
        print("from astream:", peak)


asyncio.run(main())
