"""remotemedia.ray on a real local Ray cluster (started once for the
module): map_pipeline against local runs, per-row errors, a killed worker,
connecting (an unreachable address, token auth) and `remotemedia ray run`.

Skipped only when Ray is not installed; `make test` installs it (make
ray-deps), so in CI these run.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import psutil  # type: ignore[import-untyped]
import pytest

pytest.importorskip("ray.data", reason="Ray is not installed (make ray-deps)")

import ray  # noqa: E402

import remotemedia as rm  # noqa: E402
import remotemedia.ray as rmray  # noqa: E402
from remotemedia.cli import import_nodes  # noqa: E402

# Ray Data's own DataContext warns about its own deprecated fields.
pytestmark = pytest.mark.filterwarnings(r"ignore::DeprecationWarning:ray\.")

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
NODES = str(HERE / "ray_nodes.py")
import_nodes(NODES)  # the driver validates manifests with these types too
T = TypeVar("T")

# Go nodes around a Python node, with two sinks: multiply -> poly (dicts)
# and multiply -> add.
MANIFEST: dict[str, Any] = {
    "version": "v1",
    "nodes": [
        {"id": "multiply", "node_type": "MultiplyNode", "params": {"multiplier": 3}},
        {"id": "poly", "node_type": "RayTestPolynomial", "params": {"offset": 1, "fail_on": 39}},
        {"id": "add", "node_type": "AddNode", "params": {"addend": 0.5}},
    ],
    "connections": [{"from": "multiply", "to": "poly"}, {"from": "multiply", "to": "add"}],
}


def bounded(fn: Callable[[], T], seconds: float) -> T:
    """fn(), failing the test if it takes longer than ``seconds``."""
    result: list[Any] = []

    def run() -> None:
        try:
            result.append((True, fn()))
        except BaseException as e:
            result.append((False, e))

    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(seconds)
    if not result:
        pytest.fail(f"took longer than {seconds} s")
    ok, value = result[0]
    if not ok:
        raise value
    return value  # type: ignore[no-any-return]


pytestmark = pytest.mark.usefixtures("ray_cluster")  # conftest: one cluster for the Ray tests


def local(manifest: Any, items: list[Any]) -> Any:
    return rm.Pipeline.from_manifest(manifest).run(items)


def rows(ds: Any, key: str = "i") -> list[dict[str, Any]]:
    return sorted(ds.take_all(), key=lambda r: r[key])


def test_map_pipeline_gives_the_local_results_row_for_row() -> None:
    # 32 rows of 1 to 3 items (an Arrow column has one type: lists here).
    # 13 * 3 = 39 is what RayTestPolynomial refuses (the error tests below).
    inputs: list[Any] = [[i + 100 * k for k in range(1 + i % 3)] for i in range(33) if i != 13]
    ds = ray.data.from_items([{"i": i, "x": x} for i, x in enumerate(inputs)])
    out = bounded(lambda: rows(rmray.map_pipeline(ds, MANIFEST, input="x", concurrency=2, imports=[NODES])), 120)
    assert len(out) == len(inputs)
    for row, x in zip(out, inputs):
        want = local(MANIFEST, x)
        assert json.loads(row["output"]) == want, f"row {row['i']}"
        assert set(want) == {"poly", "add"} and row["error"] is None and row["x"] == x


def _level_manifest() -> dict[str, Any]:
    return {"version": "v1", "nodes": [
        {"id": "mono", "node_type": "AudioMixNode", "params": {"to_channels": 1}},
        {"id": "level", "node_type": "AudioLevelNode", "params": {}},
    ], "connections": [{"from": "mono", "to": "level"}]}


def test_wav_paths_give_what_the_cli_gives_for_input_wav(tmp_path: Path) -> None:
    import numpy as np

    manifest = tmp_path / "level.json"
    manifest.write_text(json.dumps(_level_manifest()))
    paths = []
    for k in range(4):  # stereo, 22.05 kHz, a length that ends in a short frame
        t = np.arange(22050 // 2 + 37 * k) / 22050
        tone = (0.1 * (k + 1) * np.sin(2 * np.pi * 440 * t)).astype(np.float32)
        paths.append(tmp_path / f"t{k}.wav")
        rm.audio.write_wav(paths[-1], rm.Audio(np.stack([tone, -tone], axis=1), 22050), format="s16")
    ds = ray.data.from_items([{"path": str(p)} for p in paths])
    go_cli = REPO / "bin" / "remotemedia"
    assert go_cli.exists(), "bin/remotemedia not built (make bin/remotemedia)"
    for frame_ms in (20, 7):  # 7 ms at 22.05 kHz is 154.35 samples: the CLI's rounding
        job = rmray.map_pipeline(ds, str(manifest), frame_ms=frame_ms)
        out = {r["path"]: r for r in bounded(job.take_all, 120)}
        for p in paths:
            cli = subprocess.run([str(go_cli), "run", str(manifest), "--input-wav", str(p), "--frame-ms", str(frame_ms)],
                                 capture_output=True, text=True, timeout=60, check=True)
            assert out[str(p)]["output"] == cli.stdout.removesuffix("\n"), (p, frame_ms)  # byte for byte


def test_an_unreadable_wav_row_is_an_input_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.wav"
    bad.write_bytes(b"hello, not a WAV file")
    ds = ray.data.from_items([{"path": str(bad)}, {"path": str(tmp_path / "missing.wav")}])
    out = {r["path"]: r for r in bounded(
        lambda: rmray.map_pipeline(ds, _level_manifest(), skip_errors=True).take_all(), 120)}
    assert out[str(bad)]["output"] is None
    assert out[str(bad)]["error"].startswith("InputError: ") and "not a RIFF file" in out[str(bad)]["error"]
    assert "missing.wav" in out[str(tmp_path / "missing.wav")]["error"]


@pytest.mark.parametrize("frame_ms", [12.5, "20", True])
def test_frame_ms_must_be_a_whole_number_of_milliseconds(frame_ms: Any) -> None:
    ds = ray.data.from_items([{"path": "unused.wav"}])
    with pytest.raises(ValueError, match="frame_ms must be a whole number of milliseconds"):
        rmray.map_pipeline(ds, _level_manifest(), frame_ms=frame_ms)


def test_transcribe_example_over_espeak_wavs(tmp_path: Path) -> None:
    sys.path.insert(0, str(HERE))
    from speech_helpers import SENTENCES, espeak_wav, require_stt

    require_stt()
    manifest = REPO / "examples" / "speech" / "transcribe.json"
    paths = []
    for k, sentence in enumerate(SENTENCES[:3]):
        paths.append(tmp_path / f"s{k}.wav")
        espeak_wav(sentence, paths[-1])
    ds = ray.data.from_items([{"path": str(p)} for p in paths])
    out = {r["path"]: r for r in bounded(lambda: rmray.map_pipeline(ds, str(manifest), batch_size=1).take_all(), 300)}
    for p in paths:
        want = local(manifest, list(rm.audio.frames(rm.audio.read_wav(p))))
        assert want and json.loads(out[str(p)]["output"]) == want, p


def test_wire_frames_in_a_binary_column() -> None:
    import numpy as np

    audio = [rm.Audio(np.linspace(-1, 1, 160 * (k + 1), dtype=np.float32), 16000, meta={"take": k}) for k in range(4)]
    gain = {"version": "v1", "nodes": [{"id": "g", "node_type": "AudioGainNode", "params": {"gain_db": -6}}]}
    ds = ray.data.from_items([{"i": k, "frames": [rmray.encode_frame(a)]} for k, a in enumerate(audio)])
    out = bounded(lambda: rows(rmray.map_pipeline(ds, gain, input="frames", concurrency=2)), 120)
    for row, a in zip(out, audio):
        (got,) = json.loads(row["output"])
        (want,) = local(gain, [a])
        # The CLI prints each float32 sample in its shortest form, which reads back exactly.
        assert np.array_equal(np.array(got["audio"]["samples"], dtype=np.float32), want.samples)
        assert got["audio"]["sample_rate"] == 16000


def test_a_package_runs_in_every_actor(tmp_path: Path) -> None:
    import numpy as np

    manifest = tmp_path / "half.json"
    manifest.write_text(json.dumps({"version": "v1", "metadata": {"name": "half"},
                                    "nodes": [{"id": "half", "node_type": "wasm:gain", "params": {"gain": 0.5}}]}))
    pkg = tmp_path / "half.rmpkg"
    subprocess.run([str(REPO / "bin" / "remotemedia"), "package", "create", "--manifest", str(manifest),
                    "--wasm", f"gain={REPO / 'examples' / 'wasm' / 'gain_wat' / 'gain.wasm'}", "--output", str(pkg)],
                   check=True, capture_output=True, timeout=60)
    audio = [rm.Audio(np.full(320, 0.25 * (k + 1), np.float32), 16000) for k in range(6)]
    ds = ray.data.from_items([{"i": k, "f": rmray.encode_frame(a)} for k, a in enumerate(audio)])
    out = bounded(lambda: rows(rmray.map_pipeline(ds, str(pkg), input="f", concurrency=2)), 120)
    assert [json.loads(r["output"])[0]["audio"]["samples"] for r in out] == [
        [0.125 * (k + 1)] * 320 for k in range(6)
    ]


def test_wire_codec_matches_the_shared_vectors() -> None:
    vectors = json.loads((REPO.parent / "shared" / "conformance" / "frames.json").read_text())["frames"]
    assert vectors
    import numpy as np

    for v in vectors:
        spec = v["value"]
        if "json" in spec:
            value: Any = spec["json"]
        elif "text" in spec:
            value = spec["text"]
        elif "bytes_hex" in spec:
            value = bytes.fromhex(spec["bytes_hex"])
        elif "audio" in spec:
            a = spec["audio"]
            value = rm.Audio(np.array(a["samples"], np.float32), a["sample_rate"], a["channels"],
                             a.get("timestamp_ns", 0) / 1e9, meta=spec.get("meta") or {})
        else:
            t = spec["tensor"]
            value = np.array(t["data"], dtype=t["dtype"]).reshape(t["shape"])
        assert rmray.encode_frame(value).hex() == v["hex"], v["name"]
        back = rmray.decode_frame(bytes.fromhex(v["hex"]))
        if isinstance(value, np.ndarray):
            assert back.dtype == value.dtype and np.array_equal(back, value), v["name"]
        else:
            assert back == value, v["name"]
    with pytest.raises(rm.InputError, match="version 2"):
        rmray.decode_frame(bytes.fromhex("0201000000000000"))


def test_row_errors_are_recorded_with_skip_errors() -> None:
    ds = ray.data.from_items([{"i": i, "x": i} for i in range(16)])
    out = bounded(lambda: rows(rmray.map_pipeline(ds, MANIFEST, input="x", skip_errors=True, imports=[NODES])), 120)
    assert len(out) == 16
    bad = [r for r in out if r["error"] is not None]
    assert [r["i"] for r in bad] == [13]  # 13 * 3 = 39 is the one RayTestPolynomial refuses
    assert bad[0]["output"] is None and "refusing 39" in bad[0]["error"] and "NodeError" in bad[0]["error"]
    assert all(json.loads(r["output"]) == local(MANIFEST, [r["x"]]) for r in out if r["error"] is None)


def test_row_errors_fail_the_job_naming_the_row_without_skip_errors() -> None:
    ds = ray.data.from_items([{"i": i, "x": i} for i in range(16)])
    with pytest.raises(Exception, match=r"row x=13: NodeError: .*refusing 39") as info:
        bounded(lambda: rmray.map_pipeline(ds, MANIFEST, input="x", imports=[NODES]).take_all(), 120)
    assert "RowError" in str(info.value)  # Ray wraps it in its UserCodeException, text and all


def test_bad_manifest_fails_before_any_actor_starts() -> None:
    ds = ray.data.from_items([{"x": 1}])
    with pytest.raises(rm.ManifestError, match="NoSuchNode"):
        rmray.map_pipeline(ds, {"version": "v1", "nodes": [{"id": "a", "node_type": "NoSuchNode"}]}, input="x")


def test_a_killed_worker_is_replaced_and_its_batch_retried(tmp_path: Path) -> None:
    pids = tmp_path / "pids"
    pids.mkdir()
    slow = {
        "version": "v1",
        "nodes": [
            {"id": "who", "node_type": "RayTestPidReporter", "params": {"directory": str(pids), "delay_s": 0.05}},
            {"id": "poly", "node_type": "RayTestPolynomial", "params": {"offset": 0}},
        ],
        "connections": [{"from": "who", "to": "poly"}],
    }
    ds = ray.data.from_items([{"i": i, "x": [i, i + 1, i + 2]} for i in range(32)])
    done: list[Any] = []
    runner = threading.Thread(
        target=lambda: done.append(rows(rmray.map_pipeline(ds, slow, input="x", batch_size=4, imports=[NODES]))),
        daemon=True,
    )
    runner.start()
    deadline = time.monotonic() + 60
    while not any(pids.iterdir()):
        assert time.monotonic() < deadline, "no worker ever processed a row"
        time.sleep(0.02)
    victim = int(next(pids.iterdir()).name)
    assert victim != os.getpid()
    os.kill(victim, signal.SIGKILL)  # mid-batch: each batch takes 4 rows x 3 items x 50 ms
    runner.join(120)
    assert done, "the job did not complete after its worker was killed"
    (out,) = done
    assert [r["i"] for r in out] == list(range(32))  # nothing lost, nothing twice
    assert all(json.loads(r["output"]) == local({**slow, "nodes": slow["nodes"][1:], "connections": []}, r["x"])
               for r in out)
    assert len(list(pids.iterdir())) >= 2, "the rest of the job ran on another worker"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _connect_in_subprocess(address: str, env: dict[str, str], timeout: float = 30) -> tuple[int, str, float]:
    """rmray.connect(address) in a fresh process (this one is already
    connected): exit code, output, seconds connect took to fail."""
    code = (
        "import sys, time, remotemedia.ray as r\n"
        "start = time.monotonic()\n"
        "try:\n"
        f"    r.connect({address!r}); print('connected'); r.shutdown()\n"
        "except r.ClusterError as e:\n"
        "    print(f'took={time.monotonic() - start}'); print(e, file=sys.stderr); sys.exit(3)\n"
    )
    p = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=timeout)
    took = [float(line[5:]) for line in p.stdout.splitlines() if line.startswith("took=")]
    return p.returncode, p.stdout + p.stderr, took[0] if took else float("nan")


def test_unreachable_address_fails_within_10_s_with_a_clear_message() -> None:
    env = dict(os.environ)
    closed = f"127.0.0.1:{_free_port()}"
    code, text, took = _connect_in_subprocess(closed, env)
    assert code == 3 and f"cannot reach the Ray cluster at {closed}: Connection refused" in text, text
    assert took < 2  # refused at once
    # TEST-NET-1: nothing answers (dropped, or no route); the probe's timeout bounds it.
    code, text, took = _connect_in_subprocess("192.0.2.1:6379", env)
    assert code == 3 and "cannot reach the Ray cluster at 192.0.2.1:6379" in text, text
    assert took < 10.5  # the probe's 10 s, and a little to raise


def test_a_listener_that_is_not_ray_fails_within_10_s() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        address = f"127.0.0.1:{s.getsockname()[1]}"
        code, text, took = _connect_in_subprocess(address, dict(os.environ))
    assert code == 3 and f"no Ray cluster answered at {address} within 10 s" in text, text
    assert took < 10.5


def test_token_auth_a_missing_or_wrong_token_is_a_clear_error_the_right_one_connects(tmp_path: Path) -> None:
    port, token = _free_port(), os.urandom(16).hex()
    env = {**os.environ, "RAY_AUTH_MODE": "token", "RAY_AUTH_TOKEN": token, "HOME": str(tmp_path)}
    temp = tempfile.mkdtemp(prefix="rmrayh", dir="/tmp")
    ray_cli = str(Path(sys.executable).with_name("ray"))
    head = subprocess.Popen(
        [ray_cli, "start", "--head", f"--port={port}", "--num-cpus=1", "--include-dashboard=false",
         f"--temp-dir={temp}", "--block"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    procs: list[psutil.Process] = []
    try:
        address = f"127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:  # the GCS port opens a few seconds after `ray start`
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert head.poll() is None and time.monotonic() < deadline, "ray start --head did not come up"
                time.sleep(0.2)
        procs = [psutil.Process(head.pid), *psutil.Process(head.pid).children(recursive=True)]
        code, text, _ = _connect_in_subprocess(address, {**env, "RAY_AUTH_TOKEN": "0" * 32})
        assert code == 3 and f"the Ray cluster at {address} refused our token" in text, text
        code, text, _ = _connect_in_subprocess(address, {k: v for k, v in env.items() if k != "RAY_AUTH_TOKEN"})
        assert code == 3 and "RAY_AUTH_MODE=token but no Ray token is set" in text, text
        no_mode = {k: v for k, v in env.items() if k not in ("RAY_AUTH_TOKEN", "RAY_AUTH_MODE")}
        code, text, _ = _connect_in_subprocess(address, no_mode)
        assert code == 3 and "refused our token (RAY_AUTH_MODE is unset, not token)" in text, text
        code, text, _ = _connect_in_subprocess(address, env, timeout=60)
        assert code == 0 and "connected" in text, text
    finally:
        head.send_signal(signal.SIGINT)  # `ray start --block` stops its processes on Ctrl-C
        try:
            head.wait(30)
        except subprocess.TimeoutExpired:
            head.kill()
        procs += [p for p in procs if p.is_running()]
        _gone, alive = psutil.wait_procs(procs, timeout=20)
        for p in alive:
            p.kill()
        assert not alive, f"ray start left processes: {[p.pid for p in alive]}"


def _cli_ray_run(*args: str) -> subprocess.CompletedProcess[str]:
    address = ray.get_runtime_context().gcs_address  # the module's cluster, joined as a user would
    return bounded(lambda: subprocess.run(
        [sys.executable, "-m", "remotemedia", "ray", "run", *args, "--concurrency", "2", "--address", address,
         "--import", NODES], capture_output=True, text=True, timeout=170,
    ), 180)


def test_cli_ray_run_writes_one_output_file_per_input(tmp_path: Path) -> None:
    inputs, outputs = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    for k in range(5):
        (inputs / f"n{k}.json").write_text(json.dumps([k, k + 1]))
    (inputs / "notes.txt").write_text("not an input")  # neither .wav nor .json: ignored
    manifest = tmp_path / "m.json"
    manifest.write_text(json.dumps(MANIFEST))
    p = _cli_ray_run(str(manifest), "--input-dir", str(inputs), "--output-dir", str(outputs))
    assert p.returncode == 0, p.stderr
    assert sorted(f.name for f in outputs.iterdir()) == [f"n{k}.json.json" for k in range(5)]
    for k in range(5):
        assert json.loads((outputs / f"n{k}.json.json").read_text()) == local(MANIFEST, [k, k + 1])

    (inputs / "bad.json").write_text("[13]")  # 13 * 3 = 39: RayTestPolynomial refuses it
    p = _cli_ray_run(str(manifest), "--input-dir", str(inputs), "--output-dir", str(tmp_path / "o2"), "--skip-errors")
    assert p.returncode == 0, p.stderr
    assert "skipped: bad.json: NodeError: " in p.stderr and "refusing 39" in p.stderr, p.stderr
    assert sorted(f.name for f in (tmp_path / "o2").iterdir()) == [f"n{k}.json.json" for k in range(5)]
    p = _cli_ray_run(str(manifest), "--input-dir", str(inputs), "--output-dir", str(tmp_path / "o3"))
    assert p.returncode == 1, p.stderr
    assert "error: bad.json: NodeError: " in p.stderr and "refusing 39" in p.stderr, p.stderr
    assert not (tmp_path / "o3" / "bad.json.json").exists()


def test_cli_ray_run_usage_errors_exit_2(tmp_path: Path) -> None:
    p = subprocess.run([sys.executable, "-m", "remotemedia", "ray", "run", str(tmp_path / "m.json"),
                        "--output-dir", str(tmp_path / "o")], capture_output=True, text=True, timeout=60)
    assert p.returncode == 2 and "--input-dir" in p.stderr, p.stderr
    p = subprocess.run([sys.executable, "-m", "remotemedia", "ray", "run", str(tmp_path / "m.json"),
                        "--input-dir", str(tmp_path / "nope"), "--output-dir", str(tmp_path / "o")],
                       capture_output=True, text=True, timeout=60)
    assert p.returncode == 2 and "nope" in p.stderr and "error: " in p.stderr, p.stderr
