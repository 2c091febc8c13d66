"""The pip-installed remotemedia command."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from remotemedia.cli import main

REPO = Path(__file__).resolve().parents[2]
CALC = str(REPO / "examples" / "calculator.json")


def cli(*args: str, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), stdin=io.StringIO(stdin), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_run_prints_json_outputs() -> None:
    assert cli("run", CALC, "--input", "[5,7,3]") == (0, "[20,24,16]\n", "")


def test_run_reads_stdin_and_streams_jsonl() -> None:
    code, out, _ = cli("run", CALC, "--jsonl", stdin="[1, 2]")
    assert code == 0 and sorted(out.split()) == ["12", "14"]


def test_metrics_go_to_stderr() -> None:
    code, _, err = cli("run", CALC, "--input", "[1]", "--metrics")
    assert code == 0 and err.splitlines()[0].split()[:3] == ["node", "type", "in"]


def test_exit_codes(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"version": "v1", "nodes": [{"id": "a", "node_type": "AddNod"}]}))
    code, _, err = cli("run", str(bad), "--input", "[1]")
    assert code == 2 and err.startswith("error: invalid manifest: $.nodes[0].node_type")
    code, _, err = cli("run", CALC, "--input", '[{"not": "a number"}]')
    assert code == 1 and "multiply" in err
    assert cli("run", CALC, "--input", "[1", )[0] == 2
    assert cli("run", CALC, "--input", "[1]", "--input-file", "x")[0] == 2
    assert cli("frobnicate")[0] == 2
    assert cli("validate", CALC) == (0, "ok\n", "")
    assert cli("validate", str(bad))[0] == 2


def test_import_registers_python_nodes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "my_nodes.py").write_text(
        "import remotemedia as rm\n"
        "@rm.register_node\n"
        "class Exclaim(rm.Node):\n"
        "    def process(self, s):\n"
        "        return s + '!'\n"
    )
    manifest = tmp_path / "m.json"
    manifest.write_text(json.dumps({"version": "v1", "nodes": [{"id": "e", "node_type": "Exclaim"}]}))
    monkeypatch.syspath_prepend(str(tmp_path))
    assert cli("--import", "my_nodes", "run", str(manifest), "--input", '["hi"]') == (0, '["hi!"]\n', "")
    code, out, _ = cli("nodes", "Exclaim", "--import", "my_nodes")
    assert code == 0 and out.startswith("Exclaim  (python, experimental)")
    assert cli("--import", "no_such_module_xyz", "nodes")[0] == 2


def test_runs_builtin_python_nodes(tmp_path: Path) -> None:
    m = json.dumps({"version": "v1", "nodes": [{"id": "t", "node_type": "TextProcessorNode"}]})
    path = tmp_path / "tp.json"
    path.write_text(m)
    code, out, err = cli("run", str(path), "--input", '[{"text": "a b", "operations": ["word_count"]}]')
    assert code == 0, err
    assert json.loads(out) == [{"original_text": "a b", "operations": ["word_count"], "results": {"word_count": 2}}]


def test_nodes_lists_go_and_python_types() -> None:
    code, out, _ = cli("nodes", "--json")
    types = {s["type"]: s for s in json.loads(out)}
    assert code == 0 and types["MultiplyNode"]["runtime"] == "go"
    assert types["TextProcessorNode"]["runtime"] == "python"


def test_graph_formats() -> None:
    code, out, _ = cli("graph", CALC)
    assert code == 0 and out.startswith("digraph") and '"multiply" -> "add";' in out
    code, out, _ = cli("graph", CALC, "--format", "mermaid")
    assert code == 0 and "n0 --> n1" in out
    assert cli("graph", CALC, "--format", "png")[0] == 2


def test_console_script_installed() -> None:
    exe = Path(sys.executable).with_name("remotemedia")
    assert exe.exists()
    out = subprocess.run([str(exe), "run", CALC, "--input", "[5,7,3]"], capture_output=True, text=True)
    assert (out.returncode, out.stdout) == (0, "[20,24,16]\n")


GO_CLI = REPO / "bin" / "remotemedia"


def test_go_cli_is_built() -> None:
    # The comparisons below need it; make test-python builds it first.
    assert GO_CLI.exists(), "bin/remotemedia not built (make build)"


@pytest.mark.parametrize("args", [
    ["run", CALC, "--input", "[5,7,3]"],
    ["run", CALC, "--input", '[{"not": "a number"}]'],
    ["run", str(REPO / "examples" / "arithmetic.json"), "--input-file", str(REPO / "examples" / "arithmetic.input.json")],
    ["validate", CALC],
    ["graph", CALC],
    ["graph", CALC, "--format", "mermaid"],
])
def test_same_output_and_exit_code_as_the_go_cli(args: list[str]) -> None:
    go = subprocess.run([str(GO_CLI), *args], capture_output=True, text=True)
    code, out, err = cli(*args)
    got: Any = (code, out)
    assert got == (go.returncode, go.stdout)
    assert err.split(":")[0:1] == go.stderr.split(":")[0:1]


def test_nodes_json_agrees_with_the_go_cli() -> None:
    go = json.loads(subprocess.run([str(GO_CLI), "nodes", "--json"], capture_output=True, text=True).stdout)
    code, out, _ = cli("nodes", "--json")
    ours = {s["type"]: s for s in json.loads(out)}
    assert code == 0
    for spec in go:
        mine = ours[spec["type"]]
        for key in ("summary", "runtime", "stability"):
            assert mine[key] == spec[key]
        assert [p["name"] for p in mine["params"]] == [p["name"] for p in spec["params"]]
