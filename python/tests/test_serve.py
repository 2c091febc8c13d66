"""rm.serve and the pip `remotemedia serve`: the Go server (remote/server)
hosting the Python node types registered in the serving process, checked
with RemotePipelineNode as the client: the allow-list, the token, the
loopback rule, stop freeing the port, and a Python node's exception coming
back as an ErrorResponse that names the node."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

import remotemedia as rm

PIP_CLI = Path(sys.executable).with_name("remotemedia")


@rm.register_node(name="ServedShout")
class ServedShout(rm.Node):
    def __init__(self, suffix: str = "!") -> None:
        self.suffix = suffix

    def process(self, text: str) -> str:
        return text.upper() + self.suffix


@rm.register_node(name="ServedPicky")
class ServedPicky(rm.Node):
    def process(self, value: int) -> int:
        if value == 3:
            raise ValueError(f"refusing {value}")
        return value


def sub(node_type: str, **params: Any) -> dict[str, Any]:
    return {"version": "v1", "nodes": [{"id": "n", "node_type": node_type, "params": params}]}


def client(endpoint: str, manifest: dict[str, Any], **params: Any) -> rm.Pipeline:
    pipe = rm.Pipeline()
    pipe.add(rm.nodes.RemotePipelineNode(endpoint=endpoint, manifest=manifest, timeout_ms=10000, **params), id="remote")
    return pipe


def test_python_node_types_are_served() -> None:
    with rm.serve("127.0.0.1:0") as server:
        assert client(server.address, sub("ServedShout", suffix="?")).run(["hi", "there"]) == ["HI?", "THERE?"]
        # Go nodes are allowed too.
        assert client(server.address, sub("AddNode", addend=1)).run([1, 2]) == [2, 3]


def test_a_type_not_registered_is_refused_naming_it() -> None:
    with rm.serve("127.0.0.1:0") as server:
        with pytest.raises(rm.NodeError) as info:
            client(server.address, sub("NotRegisteredAnywhere")).run([1])
    text = str(info.value)
    assert info.value.node_id == "remote" and info.value.phase == "init", text
    assert '"NotRegisteredAnywhere"' in text, text
    assert "ServedShout" in text, text  # the allowed types are listed, Python ones among them


def test_token_required_and_checked() -> None:
    # Literal tokens: the Go runtime reads the environment once, at load, so
    # ${ENV} in a manifest sees variables set before Python started
    # (test_split_speech runs the CLI in a subprocess for that).
    with rm.serve("127.0.0.1:0", auth_token="s3cret") as server:
        manifest = sub("ServedShout")
        with pytest.raises(rm.NodeError, match="Unauthenticated|UNAUTHENTICATED"):
            client(server.address, manifest).run(["a"])
        with pytest.raises(rm.NodeError, match="Unauthenticated|UNAUTHENTICATED"):
            client(server.address, manifest, auth_token="wrong").run(["a"])
        assert client(server.address, manifest, auth_token="s3cret").run(["a"]) == ["A!"]


def test_loopback_only_without_a_token() -> None:
    with pytest.raises(rm.InputError, match="refusing to listen on 0.0.0.0:0"):
        rm.serve("0.0.0.0:0")
    rm.serve("0.0.0.0:0", auth_token="t").stop()
    rm.serve("0.0.0.0:0", insecure_listen_any=True).stop()


def test_bad_options_are_errors() -> None:
    # Invalid input (a ValueError), not an engine failure.
    with pytest.raises(rm.InputError, match="unknown flag: --no-such-option"):
        rm.serve("127.0.0.1:0", no_such_option=1)
    with pytest.raises(rm.InputError, match="--max-nodes must be positive"):
        rm.serve("127.0.0.1:0", max_nodes=0)
    with pytest.raises(rm.InputError, match="missing port in address"):
        rm.serve("nonsense")


def test_a_missing_token_file_is_file_not_found(tmp_path: Path) -> None:
    missing = tmp_path / "no-token.txt"
    with pytest.raises(FileNotFoundError) as info:
        rm.serve("127.0.0.1:0", auth_token_file=str(missing))
    assert info.value.filename == str(missing)
    empty = tmp_path / "empty.txt"
    empty.write_text("\n")
    with pytest.raises(rm.InputError, match="is empty"):
        rm.serve("127.0.0.1:0", auth_token_file=str(empty))
    with pytest.raises(ValueError, match="auth_token is empty"):
        rm.serve("127.0.0.1:0", auth_token="")


def test_limits_are_the_flags() -> None:
    with rm.serve("127.0.0.1:0", max_nodes=1) as server:
        two = {
            "version": "v1",
            "nodes": [{"id": "a", "node_type": "AddNode", "params": {"addend": 1}},
                      {"id": "b", "node_type": "AddNode", "params": {"addend": 1}}],
            "connections": [{"from": "a", "to": "b"}],
        }
        with pytest.raises(rm.NodeError, match="--max-nodes"):
            client(server.address, two).run([1])


def test_stop_frees_the_port() -> None:
    server = rm.serve("127.0.0.1:0")
    host, port = server.address.rsplit(":", 1)
    server.stop()
    server.stop()  # a second stop does nothing
    with socket.socket() as s:
        s.bind((host, int(port)))  # free again
    assert "stopped" in repr(server)


def test_a_python_node_exception_arrives_naming_the_node() -> None:
    with rm.serve("127.0.0.1:0") as server:
        pipe = client(server.address, {"version": "v1", "nodes": [{"id": "picky", "node_type": "ServedPicky", "params": {}}]})
        with pytest.raises(rm.NodeError) as info:
            pipe.run([1, 2, 3, 4])
    text = str(info.value)
    assert "ERROR_TYPE_NODE_EXECUTION" in text, text
    assert "node[picky] input[2]" in text, text
    assert "ValueError: refusing 3" in text, text


def test_serve_forever_drains_on_sigterm(tmp_path: Path) -> None:
    script = tmp_path / "srv.py"
    script.write_text(textwrap.dedent("""
        import sys
        import remotemedia as rm
        server = rm.serve("127.0.0.1:0", drain_grace="2s")
        print(server.address, flush=True)
        server.serve_forever()
        print("stopped", flush=True)
    """))
    proc = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd="/")
    assert proc.stdout is not None
    address = proc.stdout.readline().strip()
    assert client(address, sub("AddNode", addend=1)).run([1]) == [2]
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert out.strip() == "stopped"
    assert "draining 0 open sessions" in err


def start_pip_serve(args: list[str], cwd: Path) -> tuple[subprocess.Popen[str], str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        endpoint = f"127.0.0.1:{s.getsockname()[1]}"
    proc = subprocess.Popen(
        [str(PIP_CLI), "serve", "--listen", endpoint, *args],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=cwd,
    )
    assert proc.stderr is not None
    line = proc.stderr.readline()
    assert line.startswith("serving remotemedia.v1 on"), line + proc.stderr.read()
    return proc, endpoint


def stop(proc: subprocess.Popen[str]) -> str:
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    return err


NODES_MODULE = """
import remotemedia as rm

@rm.register_node
class OnlyOnTheServer(rm.Node):
    def process(self, text):
        return "served:" + text
"""


def test_pip_serve_imports_node_types_from_the_current_directory(tmp_path: Path) -> None:
    (tmp_path / "served_nodes_mod.py").write_text(NODES_MODULE)
    token = tmp_path / "token.txt"
    token.write_text("tok\n")
    proc, endpoint = start_pip_serve(["--import", "served_nodes_mod", "--auth-token-file", str(token)], tmp_path)
    try:
        got = client(endpoint, sub("OnlyOnTheServer"), auth_token="tok").run(["a", "b"])
        assert got == ["served:a", "served:b"]
    finally:
        err = stop(proc)
    assert "draining" in err


def test_pip_serve_shows_the_traceback_of_a_module_that_fails(tmp_path: Path) -> None:
    (tmp_path / "broken_nodes_mod.py").write_text("import remotemedia\nraise RuntimeError('broken on purpose')\n")
    done = subprocess.run(
        [str(PIP_CLI), "serve", "--import", "broken_nodes_mod", "--listen", "127.0.0.1:0"],
        capture_output=True, text=True, cwd=tmp_path, timeout=60,
    )
    assert done.returncode == 2, done.stderr
    assert "Traceback (most recent call last)" in done.stderr
    assert 'broken_nodes_mod.py", line 2' in done.stderr
    assert "error: --import broken_nodes_mod: RuntimeError: broken on purpose" in done.stderr
