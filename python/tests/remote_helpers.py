"""A `bin/remotemedia serve` on a free loopback port, for the remote tests."""

from __future__ import annotations

import socket
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
GO_CLI = REPO / "bin" / "remotemedia"


def free_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
    return port


@contextmanager
def serving(*flags: str) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """Runs `bin/remotemedia serve` with ``flags``; yields (host:port, process)."""
    assert GO_CLI.exists(), "bin/remotemedia not built (make bin/remotemedia)"
    endpoint = f"127.0.0.1:{free_port()}"
    proc = subprocess.Popen([str(GO_CLI), "serve", "--listen", endpoint, *flags],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline().decode()
        assert line.startswith("serving remotemedia.v1"), line
        yield endpoint, proc
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        if proc.stdout is not None:
            proc.stdout.close()
