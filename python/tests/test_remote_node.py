"""RemotePipelineNode (a Go node in remote/client, linked into the package):
bad settings are clear errors, at build time or when the session opens, and
a split pipeline against `remotemedia serve` gives the local pipeline's
outputs. The failure cases against a server are tested in Go
(remote/client)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from remote_helpers import free_port, serving

import remotemedia as rm

SUB = {"version": "v1", "nodes": [{"id": "add", "node_type": "AddNode", "params": {"addend": 10}}]}


def test_endpoint_without_port_fails_at_build() -> None:
    pipe = rm.Pipeline()
    pipe.add(rm.nodes.RemotePipelineNode(endpoint="localhost", manifest=SUB), id="remote")
    with pytest.raises(rm.ManifestError, match=r'endpoint "localhost": want "host:port"'):
        pipe.run([1])


def test_nothing_listening_fails_when_the_session_opens() -> None:
    endpoint = f"127.0.0.1:{free_port()}"
    pipe = rm.Pipeline()
    pipe.add(rm.nodes.RemotePipelineNode(endpoint=endpoint, manifest=SUB, timeout_ms=2000), id="remote")
    with pytest.raises(rm.NodeError, match="cannot open a session") as info:
        pipe.run([1, 2])
    assert info.value.node_id == "remote"
    assert info.value.phase == "init"
    assert endpoint in str(info.value)


@pytest.fixture
def server() -> Iterator[str]:
    with serving() as (endpoint, _proc):
        yield endpoint


def test_split_matches_local(server: str) -> None:
    split = rm.Pipeline()
    double = split.add(rm.nodes.MultiplyNode(multiplier=2))
    split.add(rm.nodes.RemotePipelineNode(endpoint=server, manifest=SUB), id="remote", after=double)
    local = rm.Pipeline()
    local.add(rm.nodes.AddNode(addend=10), after=local.add(rm.nodes.MultiplyNode(multiplier=2)))
    values = list(range(200))
    assert split.run(values) == local.run(values)
