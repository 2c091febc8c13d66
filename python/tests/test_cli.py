"""The pip-installed remotemedia command."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
import zipfile
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


GAIN_WASM = str(REPO / "examples" / "wasm" / "gain_wat" / "gain.wasm")
GAIN_MANIFEST = {
    "version": "v1",
    "metadata": {"name": "half"},
    "nodes": [{"id": "half", "node_type": "wasm:gain", "params": {"gain": 0.5}}],
    "connections": [],
}


def go_cli(*args: str) -> tuple[int, str, str]:
    go = subprocess.run([str(GO_CLI), *args], capture_output=True, text=True)
    return go.returncode, go.stdout, go.stderr


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Packages made by the Go CLI: valid, valid with warnings, and invalid."""
    d = tmp_path_factory.mktemp("packages")
    manifest = d / "half.json"
    manifest.write_text(json.dumps(GAIN_MANIFEST))
    helper = d / "helper.py"
    helper.write_text("def helper():\n    return 1\n")
    good, warned = str(d / "good.rmpkg"), str(d / "warned.rmpkg")
    assert go_cli("package", "create", "--manifest", str(manifest), "--output", good, "--wasm", f"gain={GAIN_WASM}")[0] == 0
    assert go_cli("package", "create", "--manifest", str(manifest), "--output", warned, "--wasm", f"gain={GAIN_WASM}",
                  "--wasm", f"spare={GAIN_WASM}", "--python", str(helper))[0] == 0
    tampered = d / "tampered.rmpkg"  # manifest replaced, checksums kept: errors and warnings
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(tampered, "w") as dst:
        for item in src.infolist():
            data = b'{"version":"v1","nodes":[]}' if item.filename == "manifest.json" else src.read(item)
            dst.writestr(item.filename, data)
    not_zip = d / "not_zip.rmpkg"
    not_zip.write_text("plain text")
    return {"manifest": str(manifest), "good": good, "warned": warned, "tampered": str(tampered),
            "not_zip": str(not_zip)}


@pytest.mark.parametrize("args", [
    ["package", "validate", "good"],
    ["package", "validate", "good", "--json"],
    ["package", "validate", "warned"],
    ["package", "validate", "warned", "--json"],
    ["package", "validate", "tampered"],
    ["package", "validate", "tampered", "--json"],
    ["package", "validate", "not_zip"],
    ["package", "validate", "missing.rmpkg"],
    ["validate", "tampered"],
    ["package", "inspect", "good"],
    ["package", "inspect", "warned", "--json"],
    ["package", "inspect", "tampered"],
    ["package", "inspect", "not_zip", "--json"],
])
def test_package_subcommands_match_the_go_cli(args: list[str], packages: dict[str, str]) -> None:
    args = [packages.get(a, a) for a in args]
    code, out, err = cli(*args)
    assert (code, out, err) == go_cli(*args)


def test_package_validate_json_lists_problems(packages: dict[str, str]) -> None:
    code, out, err = cli("package", "validate", packages["tampered"], "--json")
    report = json.loads(out)
    assert (code, err, report["ok"]) == (2, "", False)
    assert [w["entry"] for w in report["warnings"]] == ["manifest.json", "nodes/gain.wasm"]
    assert [e["message"].split(":")[0] for e in report["errors"]] == ["checksum mismatch", "$.nodes"]
    assert cli("package", "validate", packages["warned"]) == (
        0, "ok\n", "warning: nodes/spare.wasm: no manifest node uses wasm:spare\n")


def test_package_create_matches_the_go_cli(packages: dict[str, str], tmp_path: Path) -> None:
    out = str(tmp_path / "p.rmpkg")
    args = ["package", "create", "--manifest", packages["manifest"], "--output", out, "--wasm", f"gain={GAIN_WASM}"]
    assert cli(*args) == go_cli(*args) == (0, f"created {out}\n", "")
    assert cli("package", "inspect", out) == go_cli("package", "inspect", out)
    assert cli("package", "validate", out) == (0, "ok\n", "")
    for bad in (["--wasm", "gain"], ["--wasm", f"gain={packages['manifest']}"], []):
        args = ["package", "create", "--manifest", packages["manifest"], "--output", str(tmp_path / "bad.rmpkg"), *bad]
        assert cli(*args) == go_cli(*args)
        assert cli(*args)[0] == 2 and not (tmp_path / "bad.rmpkg").exists()
    for usage in (["package"], ["package", "create", "--manifest", packages["manifest"]], ["package", "validate"]):
        assert cli(*usage)[:2] == go_cli(*usage)[:2] == (2, "")
