"""rm.RemotePipeline against `bin/remotemedia serve`: the same outputs and
errors as rm.Pipeline run locally (it is a Pipeline holding the Go
RemotePipelineNode, so the client is the Go one)."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from remote_helpers import serving

import remotemedia as rm

CALC: dict[str, Any] = {
    "version": "v1",
    "nodes": [
        {"id": "multiply", "node_type": "MultiplyNode", "params": {"multiplier": 2}},
        {"id": "add", "node_type": "AddNode", "params": {"addend": 10}},
    ],
    "connections": [{"from": "multiply", "to": "add"}],
}
VALUES = list(range(300))


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with serving() as (endpoint, _proc):
        yield endpoint


def local() -> rm.Pipeline:
    return rm.Pipeline.from_manifest(CALC)


def built_in_code() -> rm.Pipeline:
    pipe = rm.Pipeline()
    pipe.add(rm.nodes.AddNode(addend=10), after=pipe.add(rm.nodes.MultiplyNode(multiplier=2)))
    return pipe


@pytest.mark.parametrize("form", ["dict", "json", "path", "pipeline"])
def test_run_equals_local(server: str, form: str, tmp_path: Path) -> None:
    path = tmp_path / "calc.json"
    path.write_text(json.dumps(CALC))
    manifest: Any = {"dict": CALC, "json": json.dumps(CALC), "path": path, "pipeline": built_in_code()}[form]
    remote = rm.RemotePipeline(server, manifest)
    assert remote.run(VALUES) == local().run(VALUES)
    [row] = remote.metrics()
    assert row["id"] == "remote" and row["items_in"] == len(VALUES)


def test_stream_equals_local(server: str) -> None:
    assert list(rm.RemotePipeline(server, CALC).stream(VALUES)) == list(local().stream(VALUES))


def test_arun_and_astream_equal_local(server: str) -> None:
    async def values() -> AsyncIterator[int]:
        for v in VALUES:
            yield v

    async def both() -> tuple[Any, list[Any]]:
        remote = rm.RemotePipeline(server, CALC)
        return await remote.arun(VALUES), [v async for v in remote.astream(values())]

    ran, streamed = asyncio.run(both())
    want = local().run(VALUES)
    assert ran == want
    assert streamed == want


def test_other_values_convert_as_locally(server: str) -> None:
    sub = {"version": "v1", "nodes": [{"id": "pass", "node_type": "PassThrough", "params": {}}]}
    values: list[Any] = ["text", {"n": 12345678901234567890}, b"\x00\x01", [1.5, 2]]
    assert rm.RemotePipeline(server, sub).run(values) == rm.Pipeline.from_manifest(sub).run(values)


def test_node_error_on_the_server_names_node_and_input(server: str) -> None:
    with pytest.raises(rm.NodeError, match=r"node\[multiply\] input\[2\]: MultiplyNode needs numbers") as info:
        rm.RemotePipeline(server, CALC).run([1, 2, "three", 4])
    assert info.value.node_id == "remote"
    assert info.value.input_index == 2


def test_token_refused(tmp_path: Path) -> None:
    token_file = tmp_path / "token.txt"
    token_file.write_text("s3cret\n")
    with serving("--auth-token-file", str(token_file)) as (endpoint, _proc):
        assert rm.RemotePipeline(endpoint, CALC, token="s3cret").run([1]) == [12]
        for token in (None, "wrong"):
            with pytest.raises(rm.NodeError, match="Unauthenticated") as info:
                rm.RemotePipeline(endpoint, CALC, token=token, timeout_ms=5000).run([1])
            assert info.value.node_id == "remote" and info.value.phase == "init"


def test_server_killed_mid_stream_names_first_input_without_output() -> None:
    # Inputs trickle in so outputs come back while the stream goes on; the
    # server is killed once 10 have. Every input before the one the error
    # names has its output, and that one has none: nothing is lost silently.
    with serving() as (endpoint, proc):
        def inputs() -> Iterator[int]:
            for v in range(1000):
                time.sleep(0.01)
                yield v

        got = []
        remote = rm.RemotePipeline(endpoint, CALC, timeout_ms=5000)
        with pytest.raises(rm.NodeError, match=r"node\[remote\] input\[\d+\]: connection to .* lost") as info:
            for v in remote.stream(inputs()):
                got.append(v)
                if len(got) == 10:
                    proc.kill()
                    proc.wait(10)
        assert len(got) >= 10
        assert got == [2 * v + 10 for v in range(len(got))]
        assert info.value.node_id == "remote"
        assert info.value.input_index == len(got)


def test_bad_manifest_is_a_clear_error(server: str) -> None:
    with pytest.raises(rm.ManifestError, match="not valid JSON"):
        rm.RemotePipeline(server, "{nodes")
    with pytest.raises(rm.ManifestError):
        rm.RemotePipeline(server, {"version": "v1", "nodes": "none"}).run([1])
    unknown = {"version": "v1", "nodes": [{"id": "x", "node_type": "NoSuchNode", "params": {}}]}
    with pytest.raises(rm.NodeError, match="NoSuchNode") as info:
        rm.RemotePipeline(server, unknown).run([1])
    assert info.value.phase == "init"
