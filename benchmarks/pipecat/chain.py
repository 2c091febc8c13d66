"""Pipecat side of python/benchmarks/bench_chain.py: N 640-byte frames through K passthrough
FrameProcessors. Runs in build/pipecat-venv (make pipecat-venv), never in
the project's venv; prints the seconds of one run.

Usage: chain.py N K
"""

from __future__ import annotations

import asyncio
import sys
import time

from loguru import logger
from pipecat.frames.frames import EndFrame, Frame, OutputAudioRawFrame
from pipecat.pipeline.pipeline import Pipeline
from pipecat.pipeline.runner import PipelineRunner
from pipecat.pipeline.task import PipelineParams, PipelineTask
from pipecat.processors.frame_processor import FrameDirection, FrameProcessor


class Pass(FrameProcessor):
    async def process_frame(self, frame: Frame, direction: FrameDirection) -> None:
        await super().process_frame(frame, direction)
        await self.push_frame(frame, direction)


class Count(FrameProcessor):
    def __init__(self) -> None:
        super().__init__()
        self.n = 0

    async def process_frame(self, frame: Frame, direction: FrameDirection) -> None:
        await super().process_frame(frame, direction)
        if isinstance(frame, OutputAudioRawFrame):
            self.n += 1
        await self.push_frame(frame, direction)


async def main(n: int, k: int) -> None:
    logger.remove()  # Pipecat logs at DEBUG by default; a lean pipeline does not
    count = Count()
    task = PipelineTask(Pipeline([*(Pass() for _ in range(k)), count]),
                        params=PipelineParams(enable_metrics=False), enable_rtvi=False)
    frames: list[Frame] = [OutputAudioRawFrame(audio=bytes(640), sample_rate=16000, num_channels=1)
                           for _ in range(n)]
    t0 = time.perf_counter()
    await task.queue_frames([*frames, EndFrame()])
    await PipelineRunner(handle_sigint=False).run(task)
    dt = time.perf_counter() - t0
    if count.n != n:
        raise SystemExit(f"pipecat delivered {count.n} of {n} frames")
    print(dt)


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]), int(sys.argv[2])))
