"""Manifest placement on a real local Ray cluster: placed segments give the
local run's outputs; a lost actor fails the stream naming the segment and
the first input affected; bad placements are manifest errors."""

from __future__ import annotations

import gc
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest

ray = pytest.importorskip("ray", reason="the [ray] extra is not installed")

import ray_placed_nodes  # noqa: E402

import remotemedia as rm  # noqa: E402
from remotemedia.ray import ClusterError  # noqa: E402


@pytest.fixture(autouse=True)
def _register_and_release(ray_cluster: None) -> Iterator[None]:
    ray.cloudpickle.register_pickle_by_value(ray_placed_nodes)
    yield
    gc.collect()  # a test's pipelines free their actors' CPUs for the next one


def _placement(**extra: Any) -> dict[str, Any]:
    return {"backend": "ray", "concurrency": 2, "batch_frames": 8, **extra}


def _numbers_manifest(placed: bool) -> dict[str, Any]:
    """Go nodes and a Python node; the placed segment (sq -> add) is fed by a
    fan-out, merges back in a fan-in, and two sinks read it."""
    pl = {"placement": _placement()} if placed else {}
    return {"version": "v1", "metadata": {"name": "numbers"}, "nodes": [
        {"id": "mul", "node_type": "MultiplyNode", "params": {"multiplier": 2}},
        {"id": "sq", "node_type": "RayPlacedSquare", **pl},
        {"id": "add", "node_type": "AddNode", "params": {"addend": 1}, **pl},
        {"id": "side", "node_type": "AddNode", "params": {"addend": 1000}},
        {"id": "join", "node_type": "PassThrough"},
        {"id": "tap", "node_type": "MultiplyNode", "params": {"multiplier": -1}},
    ], "connections": [
        {"from": "mul", "to": "sq"}, {"from": "sq", "to": "add"}, {"from": "mul", "to": "side"},
        {"from": "add", "to": "join"}, {"from": "side", "to": "join"}, {"from": "add", "to": "tap"},
    ]}


def test_run_matches_local_with_fan_in_and_two_sinks() -> None:
    xs = list(range(203))
    want = rm.Pipeline.from_manifest(_numbers_manifest(False)).run(xs)
    placed = rm.Pipeline.from_manifest(_numbers_manifest(True))
    assert placed.sinks == ["join", "tap"]
    assert placed.run(xs) == want
    assert placed.run(xs[:5]) == rm.Pipeline.from_manifest(_numbers_manifest(False)).run(xs[:5])  # the pool is reused


def test_stream_matches_local() -> None:
    xs = list(range(120))
    local = rm.Pipeline.from_manifest(_numbers_manifest(False))
    placed = rm.Pipeline.from_manifest(_numbers_manifest(True))

    def by_sink(pipe: rm.Pipeline) -> dict[str, list[Any]]:
        out: dict[str, list[Any]] = {}
        for sink, v in pipe.stream(xs):
            out.setdefault(sink, []).append(v)
        return out

    want, got = by_sink(local), by_sink(placed)
    assert got["tap"] == want["tap"]  # one path: input order
    assert sorted(got["join"]) == sorted(want["join"])  # a merge streams in arrival order


async def _astream_all(pipe: rm.Pipeline, xs: list[int]) -> list[Any]:
    return [v async for v in pipe.astream(xs)]


def test_astream_and_code_built_pipeline() -> None:
    import asyncio

    pipe = rm.Pipeline()
    a = pipe.add(rm.nodes.MultiplyNode(multiplier=3))
    pipe.add(ray_placed_nodes.Square(), id="sq", after=a, placement=_placement(concurrency=1))
    xs = list(range(40))
    assert pipe.run(xs) == [(3 * x) ** 2 for x in xs]
    assert asyncio.run(_astream_all(pipe, xs)) == [(3 * x) ** 2 for x in xs]


def test_audio_through_a_stateful_placed_segment() -> None:
    """Chunking holds samples across inputs and flushes the rest at the end:
    the placed run gives the same chunks, RMS values and timestamps."""
    rng = np.random.default_rng(7)
    audio = rm.Audio(rng.standard_normal(16000 * 3).astype(np.float32) * 0.1, sample_rate=16000)
    frames = list(rm.audio.frames(audio, frame_ms=20))

    def manifest(placed: bool) -> dict[str, Any]:
        pl = {"placement": _placement(batch_frames=16)} if placed else {}
        return {"version": "v1", "nodes": [
            {"id": "gain", "node_type": "AudioGainNode", "params": {"gain_db": 6}},
            {"id": "chunk", "node_type": "AudioChunkerNode", "params": {"frame_ms": 30, "pad_last": True}, **pl},
            {"id": "rms", "node_type": "RayPlacedRMS", **pl},
        ], "connections": [{"from": "gain", "to": "chunk"}, {"from": "chunk", "to": "rms"}]}

    want = rm.Pipeline.from_manifest(manifest(False)).run(frames)
    got = rm.Pipeline.from_manifest(manifest(True)).run(frames)
    assert len(want) == 100
    assert got == want


def test_node_error_inside_the_segment_names_the_input() -> None:
    m = {"version": "v1", "nodes": [
        {"id": "src", "node_type": "PassThrough"},
        {"id": "f", "node_type": "RayPlacedFailsOn", "params": {"bad": 13}, "placement": _placement()},
    ], "connections": [{"from": "src", "to": "f"}]}
    with pytest.raises(rm.NodeError) as e:
        rm.Pipeline.from_manifest(m).run(list(range(30)))
    assert e.value.input_index == 13
    assert "placed segment [f]" in str(e.value) and "refusing 13" in str(e.value)

    skipping = rm.Pipeline.from_manifest(m)
    skipping.skip_errors = True
    assert skipping.run(list(range(30))) == [x for x in range(30) if x != 13]


def test_killed_actor_fails_the_stream_at_the_first_input_affected() -> None:
    m = {"version": "v1", "nodes": [
        {"id": "src", "node_type": "PassThrough"},
        {"id": "slow", "node_type": "RayPlacedSlowPid", "params": {"delay_s": 0.01},
         "placement": _placement(concurrency=1, batch_frames=4, batch_ms=5)},
    ], "connections": [{"from": "src", "to": "slow"}]}
    pipe = rm.Pipeline.from_manifest(m)

    def inputs() -> Iterator[int]:
        for i in range(10_000):
            time.sleep(0.002)
            yield i

    got: list[Any] = []
    with pytest.raises(rm.NodeError) as e:
        for out in pipe.stream(inputs()):
            got.append(out)
            if len(got) == 20:
                os.kill(out["pid"], signal.SIGKILL)
    msg = str(e.value)
    assert "placed segment [slow]" in msg and "actor died" in msg, msg
    # What came back is every input's output in order up to the kill, and
    # the error names the first input whose batch was lost: at or after
    # the last output seen, within the inputs in flight (a failed run stops
    # at once, so outputs still on their way are not delivered, as for any
    # node error). Nothing after it is reported done.
    assert [o["x"] for o in got] == list(range(len(got)))
    first = e.value.input_index
    assert first is not None and len(got) <= first <= len(got) + 3 * 4, e.value

    # The pool replaces the lost actor for later runs.
    assert [o["x"] for o in pipe.run(list(range(10)))] == list(range(10))


@pytest.mark.parametrize(("placement", "message"), [
    ({"backend": "ray", "concurrency": 0}, "placement.concurrency: concurrency must be an integer between 1 and 1024"),
    ({"backend": "dask"}, 'must be "ray"'),
    ({"backend": "ray", "cpus": 1}, 'unknown placement key "cpus"'),
])
def test_bad_placement_is_a_manifest_error(placement: dict[str, Any], message: str) -> None:
    m = {"version": "v1", "nodes": [{"id": "a", "node_type": "PassThrough", "placement": placement}]}
    with pytest.raises(rm.ManifestError, match=message.replace("[", r"\[").replace(".", r"\.")):
        rm.Pipeline.from_manifest(m)


def test_segment_with_two_exits_is_refused() -> None:
    pl = {"placement": _placement()}
    m = {"version": "v1", "nodes": [
        {"id": "a", "node_type": "PassThrough", **pl},
        {"id": "b", "node_type": "PassThrough", **pl},
        {"id": "c", "node_type": "PassThrough", **pl},
    ], "connections": [{"from": "a", "to": "b"}, {"from": "a", "to": "c"}]}
    with pytest.raises(rm.ManifestError, match=r"placed segment \[a b c\] has 2 exit nodes \(b, c\)"):
        rm.Pipeline.from_manifest(m)


def test_go_cli_explains_placement(tmp_path: Any, repo: Any) -> None:
    path = tmp_path / "placed.json"
    path.write_text('{"version": "v1", "nodes": [{"id": "a", "node_type": "PassThrough", '
                    '"placement": {"backend": "ray"}}]}')
    out = subprocess.run([str(repo / "bin" / "remotemedia"), "run", str(path), "--input", "[1]"],
                         capture_output=True, text=True, timeout=30)
    assert out.returncode != 0
    assert "pip install 'remotemedia[ray]'" in out.stderr


def test_without_ray_the_error_names_the_extra() -> None:
    code = ("import sys; sys.modules['ray'] = None\n"
            "import remotemedia as rm\n"
            "m = {'version': 'v1', 'nodes': [{'id': 'a', 'node_type': 'PassThrough', 'placement': {'backend': 'ray'}}]}\n"
            "try:\n    rm.Pipeline.from_manifest(m)\nexcept ImportError as e:\n    print(e)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert "pip install 'remotemedia[ray]'" in out.stdout, out.stdout + out.stderr


def test_a_pool_the_cluster_cannot_start_fails_clearly(monkeypatch: pytest.MonkeyPatch) -> None:
    import remotemedia.ray._placement as placement

    holds_both = rm.Pipeline.from_manifest(_numbers_manifest(True))  # 2 actors of 1 CPU: the whole cluster
    holds_both.run([1])
    monkeypatch.setattr(placement, "_START_TIMEOUT_S", 3.0)
    m = {"version": "v1", "nodes": [{"id": "a", "node_type": "RayPlacedSquare",
                                     "placement": {"backend": "ray", "concurrency": 1}}]}
    # The cluster's problem, raised as itself, not as the manifest's.
    with pytest.raises(ClusterError, match=r"^placed segment \[a\]: its 1 Ray actors .* did not start within 3 s"):
        rm.Pipeline.from_manifest(m).run([1])
    del holds_both
    gc.collect()
    # Room again once the first pool is freed (an actor may take seconds to
    # start on a loaded machine: the usual timeout).
    monkeypatch.setattr(placement, "_START_TIMEOUT_S", 120.0)
    assert rm.Pipeline.from_manifest(m).run([3]) == [9]


def test_too_big_for_the_cluster_fails_at_once() -> None:
    m = {"version": "v1", "nodes": [{"id": "a", "node_type": "RayPlacedSquare",
                                     "placement": {"backend": "ray", "concurrency": 3}}]}
    with pytest.raises(ClusterError, match=r"^placed segment \[a\]: concurrency 3 x num_cpus 1 needs 3 CPUs"):
        rm.Pipeline.from_manifest(m).run([1])
