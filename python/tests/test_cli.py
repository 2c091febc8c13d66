"""The pip-installed remotemedia command is the Go CLI: the same bytes and
exit codes as bin/remotemedia, plus --import for Python node types."""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import wave
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
CALC = str(EXAMPLES / "calculator.json")
PIP_CLI = Path(sys.executable).with_name("remotemedia")
GO_CLI = REPO / "bin" / "remotemedia"
GAIN_WASM = str(EXAMPLES / "wasm" / "gain_wat" / "gain.wasm")

Result = tuple[int, bytes, bytes]


def run(exe: list[str], *args: str, stdin: bytes = b"", cwd: Path | None = None) -> Result:
    p = subprocess.run([*exe, *args], input=stdin, capture_output=True, cwd=cwd, timeout=120)
    return p.returncode, p.stdout, p.stderr


def pip_cli(*args: str, stdin: bytes = b"", cwd: Path | None = None) -> Result:
    return run([str(PIP_CLI)], *args, stdin=stdin, cwd=cwd)


def go_cli(*args: str, stdin: bytes = b"", cwd: Path | None = None) -> Result:
    return run([str(GO_CLI)], *args, stdin=stdin, cwd=cwd)


def test_go_cli_is_built() -> None:
    # The comparisons below need it; make test-python builds it first.
    assert GO_CLI.exists(), "bin/remotemedia not built (make bin/remotemedia)"


def write_wav(path: Path, n: int = 1600, rate: int = 8000) -> Path:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(b"".join(((i * 37) % 20000 - 10000).to_bytes(2, "little", signed=True) for i in range(n)))
    return path


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Inputs of the parity cases; packages are made by the Go CLI."""
    d = tmp_path_factory.mktemp("cli")

    def write(name: str, doc: object) -> str:
        (d / name).write_text(json.dumps(doc))
        return str(d / name)

    gain = write("gain.json", {"version": "v1", "metadata": {"name": "half"},
                               "nodes": [{"id": "half", "node_type": "wasm:gain", "params": {"gain": 0.5}}]})
    out = {
        "wav": str(write_wav(d / "in.wav")),
        "gain": gain,
        "bad": write("bad.json", {"version": "v2", "nodes": [{"id": "a", "node_type": "AddNod"}]}),
        "audio": write("audio.json", {"version": "v1", "nodes": [
            {"id": "gain", "node_type": "AudioGainNode", "params": {"gain_db": -6}},
            {"id": "level", "node_type": "AudioLevelNode", "params": {}}],
            "connections": [{"from": "gain", "to": "level"}, ]}),
        "audio2": write("audio2.json", {"version": "v1", "nodes": [
            {"id": "gain", "node_type": "AudioGainNode", "params": {"gain_db": -6}}]}),
        "pkg": str(d / "half.rmpkg"),
        "out": str(d / "out"),
    }
    assert go_cli("package", "create", "--manifest", gain, "--wasm", f"gain={GAIN_WASM}", "--output", out["pkg"])[0] == 0
    return out


def fill(case: list[str], files: dict[str, str]) -> list[str]:
    """Put the fixture's paths in place of {name}."""
    return [re.sub(r"\{(\w+)\}", lambda m: files[m.group(1)], a) for a in case]


CASES = [
    ["run", CALC, "--input", "[5,7,3]"],
    ["run", CALC, "--input", '[{"not": "a number"}]'],
    ["run", CALC, "--input", "[1, 2"],
    ["run", CALC, "--input", "[1]", "--input-file", "x"],
    ["run", str(EXAMPLES / "arithmetic.json"), "--input-file", str(EXAMPLES / "arithmetic.input.json")],
    ["run", CALC, "--input", "[1, 2, 3]", "--jsonl"],  # one sink: its lines come in order
    ["run", CALC, "--input", "[1]", "--queue-size", "-3"],
    ["run", "{audio}", "--input-wav", "{wav}", "--frame-ms", "50", "--jsonl"],
    ["run", "{audio2}", "--input-wav", "{wav}", "--frame-ms", "25", "--output-wav", "{out}.wav"],
    ["run", "{gain}", "--input", "[1]"],
    ["run", "{pkg}", "--input-wav", "{wav}", "--output-wav", "{out}.pkg.wav"],
    ["validate", CALC],
    ["validate", "{bad}"],
    ["validate", "{pkg}"],
    ["nodes"],
    ["nodes", "--json"],
    ["nodes", "MultiplyNode", "TextProcessorNode"],
    ["nodes", "NoSuchNode"],
    ["graph", CALC],
    ["graph", str(EXAMPLES / "temperatures.json"), "--format", "mermaid"],
    ["graph", "{pkg}"],
    ["graph", CALC, "--format", "png"],
    ["package", "create", "--manifest", "{gain}", "--wasm", f"gain={GAIN_WASM}", "--output", "{out}.rmpkg"],
    ["package", "create", "--manifest", "{gain}", "--output", "{out}.bad.rmpkg"],
    ["package", "validate", "{pkg}"],
    ["package", "validate", "{pkg}", "--json"],
    ["package", "validate", "{bad}"],
    ["package", "inspect", "{pkg}"],
    ["package", "inspect", "{pkg}", "--json"],
    ["package"],
    [],
    ["run", "--help"],
    ["frobnicate"],
    ["run", CALC, "--no-such-flag"],
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: " ".join(Path(a).name for a in c) or "no arguments")
def test_same_bytes_and_exit_code_as_the_go_cli(case: list[str], files: dict[str, str]) -> None:
    args = fill(case, files)
    outputs = [a for a in args if a.startswith(files["out"])]
    go = go_cli(*args)
    go_files = [written(p) for p in outputs]
    for p in outputs:
        Path(p).unlink(missing_ok=True)
    assert pip_cli(*args) == go
    assert [written(p) for p in outputs] == go_files


def written(path: str) -> object:
    """What a command wrote to path: its bytes, or for a package its entries
    without the creation time (the two commands run seconds apart)."""
    if not Path(path).exists():
        return None
    if not path.endswith(".rmpkg"):
        return Path(path).read_bytes()
    with zipfile.ZipFile(path) as z:
        entries = {name: z.read(name) for name in z.namelist()}
    meta = json.loads(entries.pop("metadata.json"))
    assert meta.pop("created_at")
    sums = [line for line in entries.pop("checksums.sha256").splitlines() if not line.endswith(b"metadata.json")]
    return entries, meta, sums


@pytest.mark.parametrize("stdin", [b"[1, 2]", b"", b"[1,"], ids=["items", "empty", "bad JSON"])
@pytest.mark.parametrize("flags", [[], ["--input-file", "-"], ["--jsonl"]], ids=["default", "dash", "jsonl"])
def test_stdin_input_is_the_same(stdin: bytes, flags: list[str]) -> None:
    assert pip_cli("run", CALC, *flags, stdin=stdin) == go_cli("run", CALC, *flags, stdin=stdin)


def test_the_cases_cover_every_exit_code_and_output(files: dict[str, str]) -> None:
    # The parity test is only worth something if the cases do different things.
    codes = {go_cli(*fill(case, files))[0] for case in CASES}
    assert codes == {0, 1, 2}
    assert go_cli("run", files["audio2"], "--input-wav", files["wav"], "--output-wav", files["out"] + ".x.wav")[0] == 0
    assert Path(files["out"] + ".x.wav").stat().st_size > 1600 * 2


NODES_MODULE = """
import remotemedia as rm

@rm.register_node
class Exclaim(rm.Node):
    def process(self, s):
        return s + "!"
"""


@pytest.fixture
def nodes_dir(tmp_path: Path) -> Path:
    (tmp_path / "my_nodes.py").write_text(NODES_MODULE)
    (tmp_path / "m.json").write_text(json.dumps({"version": "v1", "nodes": [{"id": "e", "node_type": "Exclaim"}]}))
    return tmp_path


def test_import_a_module_from_the_current_directory(nodes_dir: Path) -> None:
    assert pip_cli("--import", "my_nodes", "run", "m.json", "--input", '["hi"]', cwd=nodes_dir) == (0, b'["hi!"]\n', b"")
    assert pip_cli("run", "m.json", "--import=my_nodes", "--input", '["hi"]', cwd=nodes_dir)[:2] == (0, b'["hi!"]\n')


def test_import_a_file_by_path(nodes_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    code, out, err = pip_cli("nodes", "Exclaim", "--import", str(nodes_dir / "my_nodes.py"), cwd=elsewhere)
    assert (code, err) == (0, b"") and out.startswith(b"Exclaim  (python, experimental)")


def test_an_imported_file_can_import_its_neighbours(tmp_path_factory: pytest.TempPathFactory) -> None:
    src = tmp_path_factory.mktemp("src")
    (src / "helpers.py").write_text("SUFFIX = '?'\n")
    (src / "asking.py").write_text(
        "import remotemedia as rm\nfrom helpers import SUFFIX\n\n"
        "@rm.register_node\nclass Ask(rm.Node):\n    def process(self, s):\n        return s + SUFFIX\n"
    )
    (src / "m.json").write_text(json.dumps({"version": "v1", "nodes": [{"id": "a", "node_type": "Ask"}]}))
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    args = ["--import", str(src / "asking.py"), "run", str(src / "m.json"), "--input", '["hi"]']
    assert pip_cli(*args, cwd=elsewhere) == (0, b'["hi?"]\n', b"")


def test_python_node_types_are_the_only_difference_in_nodes(nodes_dir: Path) -> None:
    go = json.loads(go_cli("nodes", "--json")[1])
    code, out, _ = pip_cli("--import", "my_nodes", "nodes", "--json", cwd=nodes_dir)
    ours = json.loads(out)
    assert code == 0 and [s for s in ours if s["type"] != "Exclaim"] == go
    assert [s["runtime"] for s in ours if s["type"] == "Exclaim"] == ["python"]


def test_an_import_failure_shows_its_traceback(tmp_path: Path) -> None:
    (tmp_path / "broken_nodes.py").write_text("import remotemedia\nraise ValueError('boom')\n")
    code, out, err = pip_cli("--import", "broken_nodes", "nodes", cwd=tmp_path)
    text = err.decode()
    assert (code, out) == (2, b"")
    assert text.startswith("Traceback (most recent call last):") and 'broken_nodes.py", line 2' in text
    assert text.endswith("error: --import broken_nodes: ValueError: boom\n")
    code, _, err = pip_cli("--import", "no_such_module_xyz", "nodes", cwd=tmp_path)
    assert code == 2 and err.endswith(b"error: --import no_such_module_xyz: ModuleNotFoundError: "
                                      b"No module named 'no_such_module_xyz'\n")
    assert pip_cli("nodes", "--import") == (2, b"", b"error: flag needs an argument: --import\n")


def test_a_node_type_the_engine_refuses_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "bad_name.py").write_text(
        "import remotemedia as rm\n\n@rm.register_node(name='1 bad')\nclass X(rm.Node):\n    pass\n")
    code, out, err = pip_cli("--import", "bad_name", "nodes", cwd=tmp_path)
    assert (code, out) == (2, b"") and err.startswith(b"error: register node type \"1 bad\": ") and err.count(b"\n") == 1


def test_builtin_python_nodes_run(tmp_path: Path) -> None:
    (tmp_path / "tp.json").write_text(json.dumps({"version": "v1", "nodes": [{"id": "t", "node_type": "TextProcessorNode"}]}))
    code, out, err = pip_cli("run", "tp.json", "--input", '[{"text": "a b", "operations": ["word_count"]}]', cwd=tmp_path)
    assert (code, err) == (0, b"")
    assert json.loads(out) == [{"original_text": "a b", "operations": ["word_count"], "results": {"word_count": 2}}]
    go = go_cli("run", "tp.json", "--input", "[1]", cwd=tmp_path)
    assert go[0] == 2 and b"needs the Python runtime" in go[2]


def test_python_m_remotemedia_is_the_same_command() -> None:
    assert run([sys.executable, "-m", "remotemedia"], "run", CALC, "--input", "[5,7,3]") == (0, b"[20,24,16]\n", b"")


def test_python_output_comes_before_go_output(tmp_path: Path) -> None:
    (tmp_path / "noisy.py").write_text("print('imported', end='')\n")
    assert pip_cli("--import", "noisy", "run", CALC, "--input", "[1]", cwd=tmp_path) == (0, b"imported[12]\n", b"")


def test_a_closed_stdout_ends_quietly(tmp_path: Path) -> None:
    items = tmp_path / "items.json"
    items.write_text(json.dumps(list(range(200_000))))
    for exe in ([str(PIP_CLI)], [str(GO_CLI)]):
        p = subprocess.Popen([*exe, "run", CALC, "--input-file", str(items), "--jsonl"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        assert p.stdout is not None and p.stdout.readline() == b"10\n"
        p.stdout.close()  # as `| head -1` does
        _, err = p.communicate(timeout=60)
        assert (p.returncode, err) == (-signal.SIGPIPE, b""), exe


@pytest.mark.parametrize("exe", [PIP_CLI, GO_CLI], ids=["pip", "go"])
def test_ctrl_c_exits_130(exe: Path, files: dict[str, str], tmp_path: Path) -> None:
    # A live run (--realtime: 20 s of audio at the pace of real time) stops at once.
    long_wav = write_wav(tmp_path / "long.wav", n=8000 * 20)
    p = subprocess.Popen([str(exe), "run", files["audio"], "--input-wav", str(long_wav), "--realtime", "--jsonl"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert p.stdout is not None and p.stdout.readline().startswith(b'{"')  # it is running
    p.send_signal(signal.SIGINT)
    _, err = p.communicate(timeout=30)
    assert (p.returncode, err) == (130, b"error: interrupted\n")
