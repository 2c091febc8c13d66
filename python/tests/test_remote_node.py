"""RemotePipelineNode (a Go node in remote/client, linked into the package):
bad settings are clear errors, at build time or when the session opens.
The node's behaviour against a server is tested in Go (remote/client)."""

from __future__ import annotations

import socket

import pytest

import remotemedia as rm

SUB = {"version": "v1", "nodes": [{"id": "add", "node_type": "AddNode", "params": {"addend": 10}}]}


def free_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
    return port


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
