"""A client generated from proto/remotemedia/v1/*.proto by an independent
toolchain (grpcio-tools' protoc and grpcio) streams a pipeline through
`bin/remotemedia serve`: our .proto files are wire-identical to upstream's,
so a client generated from upstream's works unchanged."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from remote_helpers import REPO, serving


def generate_stubs(out: Path) -> Path:
    protos = sorted((REPO / "proto").glob("remotemedia/v1/*.proto"))
    assert protos
    subprocess.run(
        [sys.executable, "-m", "grpc_tools.protoc", f"-I{REPO / 'proto'}", f"--python_out={out}",
         f"--grpc_python_out={out}", *[str(p.relative_to(REPO / "proto")) for p in protos]],
        check=True, cwd=REPO / "proto")
    for pkg in (out / "remotemedia", out / "remotemedia" / "v1"):  # regular packages, to shadow the SDK
        (pkg / "__init__.py").touch()
    return out


def test_generated_client_streams_executes_and_asks_the_version(tmp_path: Path) -> None:
    stubs = generate_stubs(tmp_path)
    with serving() as (endpoint, _proc):
        run = subprocess.run([sys.executable, str(Path(__file__).with_name("grpc_client.py")), str(stubs), endpoint],
                             capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout)
    assert "error" not in out, out["error"]
    assert out["kinds"][0] == "ready" and out["session_id"]
    assert out["kinds"][-1] == "closed"
    assert out["results"] == [[100 + i, 2 * i + 10] for i in range(50)]
    assert out["execute"] == 20
    assert out["protocol"] == "v1" and out["compatible"]
    assert "AddNode" in out["node_types"]
