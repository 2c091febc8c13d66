"""RemotePipelineNode (a Go node in remote/client, linked into the package):
bad settings are clear errors, at build time or when the session opens, and
a split pipeline against `remotemedia serve` gives the local pipeline's
outputs. The failure cases against a server are tested in Go
(remote/client)."""

from __future__ import annotations

import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path

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


REPO = Path(__file__).resolve().parents[2]
GO_CLI = REPO / "bin" / "remotemedia"


@pytest.fixture
def server() -> Iterator[str]:
    """`bin/remotemedia serve` on a free loopback port; yields host:port."""
    assert GO_CLI.exists(), "bin/remotemedia not built (make bin/remotemedia)"
    endpoint = f"127.0.0.1:{free_port()}"
    proc = subprocess.Popen([str(GO_CLI), "serve", "--listen", endpoint], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline().decode()
        assert line.startswith("serving remotemedia.v1"), line
        yield endpoint
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        if proc.stdout is not None:
            proc.stdout.close()


def test_split_matches_local(server: str) -> None:
    split = rm.Pipeline()
    double = split.add(rm.nodes.MultiplyNode(multiplier=2))
    split.add(rm.nodes.RemotePipelineNode(endpoint=server, manifest=SUB), id="remote", after=double)
    local = rm.Pipeline()
    local.add(rm.nodes.AddNode(addend=10), after=local.add(rm.nodes.MultiplyNode(multiplier=2)))
    values = list(range(200))
    assert split.run(values) == local.run(values)
