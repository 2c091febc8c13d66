"""rm.Pipeline: building, manifests, running."""

from __future__ import annotations

import asyncio
import json
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

import remotemedia as rm

from conftest import run_limited


def test_run_from_manifest_dict(calc: dict[str, Any]) -> None:
    assert rm.Pipeline.from_manifest(calc).run([5, 7, 3]) == [20, 24, 16]


def test_run_from_manifest_path_and_json_string(tmp_path: Path, calc: dict[str, Any]) -> None:
    path = tmp_path / "calc.json"
    path.write_text(json.dumps(calc))
    assert rm.Pipeline.from_manifest(path).run([1]) == [12]
    assert rm.Pipeline.from_manifest(str(path)).run([1]) == [12]
    assert rm.Pipeline.from_manifest(json.dumps(calc)).run([1]) == [12]


def test_build_in_code_matches_manifest(calc: dict[str, Any]) -> None:
    pipe = rm.Pipeline("calc")
    m = pipe.add(rm.nodes.MultiplyNode(multiplier=2), id="multiply")
    pipe.add(rm.nodes.AddNode(addend=10), id="add", after=m)
    assert pipe.run([5, 7, 3]) == [20, 24, 16]
    assert pipe.to_manifest() == calc


def test_to_manifest_round_trips(calc: dict[str, Any]) -> None:
    pipe = rm.Pipeline.from_manifest(calc)
    again = rm.Pipeline.from_manifest(pipe.to_manifest())
    assert again.run([0]) == [10]


def test_several_sinks_give_a_dict() -> None:
    pipe = rm.Pipeline()
    src = pipe.add(rm.nodes.PassThrough(), id="src")
    pipe.add(rm.nodes.MultiplyNode(multiplier=2), id="double", after=src)
    pipe.add(rm.nodes.AddNode(addend=100), id="plus", after=src)
    assert pipe.run([10, 20]) == {"double": [20, 40], "plus": [110, 120]}


def test_after_accepts_a_list_and_connect_links_ids() -> None:
    pipe = rm.Pipeline()
    a = pipe.add(rm.nodes.MultiplyNode(multiplier=1), id="a")
    b = pipe.add(rm.nodes.MultiplyNode(multiplier=10), id="b")
    pipe.add(rm.nodes.PassThrough(), id="sink", after=[a, b])
    assert sorted(pipe.run([5])) == [5, 50]
    pipe2 = rm.Pipeline()
    x = pipe2.add(rm.nodes.AddNode(addend=1))
    y = pipe2.add(rm.nodes.AddNode(addend=2))
    pipe2.connect(x, y)
    assert (x, y) == ("AddNode", "AddNode_2")
    assert pipe2.run([0]) == [3]


def test_chain_connects_each_node_to_the_next() -> None:
    class Label(rm.Node):
        def process(self, x: int) -> str:
            return f"n={x}"

    pipe = rm.Pipeline.chain(
        rm.nodes.AddNode(addend=1), rm.nodes.MultiplyNode(multiplier=3), rm.nodes.AddNode(addend=2), Label(),
        name="line", skip_errors=True,
    )
    assert pipe.run([0, "x", 4]) == ["n=5", "n=17"]  # (x + 1) * 3 + 2; "x" skipped
    m = pipe.to_manifest()
    assert m["metadata"] == {"name": "line"}
    assert [n["id"] for n in m["nodes"]] == ["AddNode", "MultiplyNode", "AddNode_2", "Label"]
    assert m["connections"] == [
        {"from": "AddNode", "to": "MultiplyNode"},
        {"from": "MultiplyNode", "to": "AddNode_2"},
        {"from": "AddNode_2", "to": "Label"},
    ]
    assert rm.Pipeline.chain(rm.nodes.PassThrough(), queue_size=4).queue_size == 4


def test_chain_rejects_no_nodes_and_bad_nodes() -> None:
    with pytest.raises(ValueError, match="at least one node"):
        rm.Pipeline.chain()
    with pytest.raises(TypeError, match="did you mean"):
        rm.Pipeline.chain(rm.nodes.PassThrough(), rm.Node)  # type: ignore[arg-type]


def test_add_rejects_bad_nodes_and_ids() -> None:
    pipe = rm.Pipeline()
    with pytest.raises(TypeError, match="did you mean"):
        pipe.add(rm.Node)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="needs a remotemedia.Node"):
        pipe.add(42)  # type: ignore[arg-type]
    pipe.add(rm.nodes.PassThrough(), id="p")
    with pytest.raises(ValueError, match="already used"):
        pipe.add(rm.nodes.PassThrough(), id="p")
    with pytest.raises(ValueError, match="unknown node id 'nope'"):
        pipe.connect("p", "nope")


def test_invalid_manifest_lists_every_problem() -> None:
    bad = {"version": "v9", "nodes": [{"id": "a", "node_type": "AddNod", "params": {}}]}
    with pytest.raises(rm.ManifestError) as info:
        rm.Pipeline.from_manifest(bad)
    paths = {p.path for p in info.value.problems}
    assert "$.version" in paths and "$.nodes[0].node_type" in paths
    assert "AddNode" in str(info.value)  # the suggestion


def test_endless_manifest_file_is_an_input_error() -> None:
    # Python's own read of /dev/zero used to grow until the OOM killer; the
    # engine reads it, capped at 16 MiB (core.MaxManifestBytes).
    with pytest.raises(rm.InputError, match="read manifest: /dev/zero is larger than the limit of 16 MiB"):
        rm.Pipeline.from_manifest("/dev/zero")


def test_missing_manifest_file(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="nope.json") as e:
        rm.Pipeline.from_manifest(tmp_path / "nope.json")
    assert e.value.filename == str(tmp_path / "nope.json")


def test_node_error_from_go_node() -> None:
    pipe = rm.Pipeline.from_manifest(
        {"version": "v1", "nodes": [{"id": "mx", "node_type": "MultiplyNode", "params": {"multiplier": 2}}]}
    )
    with pytest.raises(rm.NodeError, match="mx") as info:
        pipe.run([1, {"not": "a number"}])
    assert info.value.node_id == "mx"
    assert info.value.input_index == 1
    assert info.value.code == "node_failed"


def test_skip_errors_counts_and_goes_on() -> None:
    pipe = rm.Pipeline(skip_errors=True)
    pipe.add(rm.nodes.MultiplyNode(multiplier=2), id="mx")
    assert pipe.run([1, "x", 3]) == [2, 6]
    assert pipe.metrics()[0]["errors"] == 1


def test_changing_skip_errors_and_queue_size_applies_to_the_next_run() -> None:
    pipe = rm.Pipeline()
    pipe.add(rm.nodes.MultiplyNode(multiplier=2), id="mx")
    with pytest.raises(rm.NodeError):
        pipe.run([1, "x", 3])
    pipe.skip_errors = True
    assert pipe.run([1, "x", 3]) == [2, 6]
    pipe.queue_size = -1  # the engine checks it when compiling, so this proves a recompile
    with pytest.raises(rm.InputError, match="queue size -1 is out of range"):
        pipe.run([1])


@pytest.mark.parametrize("size", [-1, 4097])
def test_queue_size_out_of_range_is_an_input_error(size: int) -> None:
    # The range is the engine's own rule (core.CheckQueueSize).
    pipe = rm.Pipeline(queue_size=size)
    pipe.add(rm.nodes.AddNode(addend=1), id="inc")
    with pytest.raises(rm.InputError, match=rf"queue size {size} is out of range 0\.\.4096 \(0 means the default, 16\)"):
        pipe.run([1])
    pipe.queue_size = 4096
    assert pipe.run([1]) == [2]


def test_huge_queue_size_does_not_abort_the_interpreter() -> None:
    # queue_size=10**9 used to allocate 8 GB per node and abort (SIGABRT).
    # Run it in a child limited to 2 GiB of address space, so a regression
    # fails the test instead of hurting the machine.
    code = (
        "import remotemedia as rm\n"
        "p = rm.Pipeline(queue_size=10**9)\n"
        "p.add(rm.nodes.AddNode(addend=1), id='inc')\n"
        "try:\n    p.run([1])\nexcept rm.InputError as e:\n    print(e)\n"
    )

    out = run_limited(code, memory_gib=2)
    assert out.returncode == 0, out.stderr
    assert "queue size 1000000000 is out of range 0..4096" in out.stdout


def test_metrics_table() -> None:
    pipe = rm.Pipeline()
    pipe.add(rm.nodes.AddNode(addend=1), id="inc")
    pipe.run(range(10))
    (row,) = pipe.metrics()
    assert row["id"] == "inc" and row["type"] == "AddNode"
    assert row["items_in"] == 10 and row["items_out"] == 10
    # A sink's latency from input: one value per output.
    assert row["latency_from_input"]["count"] == 10
    assert row["latency_from_input"]["p50_ns"] <= row["latency_from_input"]["p99_ns"]


def test_stream_yields_outputs_as_produced(calc: dict[str, Any]) -> None:
    pipe = rm.Pipeline.from_manifest(calc)
    seen: list[int] = []

    def inputs() -> Any:
        for i in range(5):
            yield i

    for out in pipe.stream(inputs()):
        seen.append(out)
    assert sorted(seen) == [10, 12, 14, 16, 18]


def test_stream_several_sinks_yields_pairs() -> None:
    pipe = rm.Pipeline()
    src = pipe.add(rm.nodes.PassThrough(), id="src")
    pipe.add(rm.nodes.AddNode(addend=1), id="a", after=src)
    pipe.add(rm.nodes.AddNode(addend=2), id="b", after=src)
    assert sorted(pipe.stream([0])) == [("a", 1), ("b", 2)]


def test_stream_raises_node_error() -> None:
    pipe = rm.Pipeline()
    pipe.add(rm.nodes.MultiplyNode(multiplier=2), id="mx")
    with pytest.raises(rm.NodeError, match="mx"):
        list(pipe.stream([1, "x", 3]))


class _Counting(rm.Node):
    """Yields up to 1M outputs per input, counting what it produced."""

    def __init__(self) -> None:
        self.produced = 0
        self.inputs = 0

    def process(self, x: int) -> Any:
        self.inputs += 1
        for i in range(1_000_000):
            self.produced += 1
            yield i


def test_stream_waits_for_a_slow_consumer() -> None:
    pipe = rm.Pipeline()
    node = _Counting()
    pipe.add(node, id="fan")
    outputs = pipe.stream(range(100))
    assert next(outputs) == 0
    time.sleep(0.5)  # the consumer takes nothing: the engine must wait
    produced = node.produced
    time.sleep(0.2)
    assert node.produced == produced < 2000, "outputs were buffered without bound"
    assert node.inputs == 1
    assert [next(outputs) for _ in range(5000)] == list(range(1, 5001))  # and it goes on
    outputs.close()


class _FailOn(rm.Node):
    def __init__(self, bad: int) -> None:
        self.bad = bad

    def process(self, x: int) -> int:
        if x == self.bad:
            raise ValueError(f"bad item {x}")
        return x


def test_stream_node_errors_keep_their_python_cause() -> None:
    # The error used to reach Python twice (through the input side and
    # through Deliver), and only the first to arrive carried __cause__.
    for bad in range(100):
        pipe = rm.Pipeline()
        pipe.add(_FailOn(bad % 20), id="fail")
        with pytest.raises(rm.NodeError, match=r"node\[fail\] input\[\d+\]: ValueError: bad item") as info:
            list(pipe.stream(range(40)))
        assert isinstance(info.value.__cause__, ValueError), f"run {bad}: lost the cause"


def test_stream_closed_early_cancels_the_run() -> None:
    pipe = rm.Pipeline()
    pipe.add(rm.nodes.AddNode(addend=1), id="inc")
    gen = pipe.stream(iter(range(1_000_000)))
    assert next(gen) == 1
    gen.close()  # must not hang or leak a running pipeline


def test_arun_and_astream(calc: dict[str, Any]) -> None:
    pipe = rm.Pipeline.from_manifest(calc)

    async def agen() -> Any:
        for i in (1, 2):
            await asyncio.sleep(0)
            yield i

    async def main() -> tuple[Any, list[Any], list[Any]]:
        batch = await pipe.arun([5, 7, 3])
        streamed = [x async for x in pipe.astream([1, 2])]
        from_async = [x async for x in pipe.astream(agen())]
        return batch, streamed, from_async

    batch, streamed, from_async = asyncio.run(main())
    assert batch == [20, 24, 16]
    assert sorted(streamed) == [12, 14]
    assert sorted(from_async) == [12, 14]


def test_two_pipelines_in_two_threads() -> None:
    class Inc(rm.Node):
        def process(self, x: int) -> int:
            return x + 1

    results: dict[int, Any] = {}
    errors: list[BaseException] = []

    def work(k: int) -> None:
        try:
            pipe = rm.Pipeline()
            a = pipe.add(Inc(), id="inc")
            pipe.add(rm.nodes.MultiplyNode(multiplier=k), id="mul", after=a)
            results[k] = pipe.run(range(2000))
        except BaseException as e:  # noqa: BLE001
            errors.append(e)

    threads = [threading.Thread(target=work, args=(k,)) for k in (2, 3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert results[2] == [(i + 1) * 2 for i in range(2000)]
    assert results[3] == [(i + 1) * 3 for i in range(2000)]


def test_progress_bar_keeps_input_order(capsys: pytest.CaptureFixture[str]) -> None:
    pipe = rm.Pipeline("progress")
    pipe.add(rm.nodes.AddNode(addend=1), id="inc")
    assert pipe.run(range(50), progress=True) == list(range(1, 51))
    assert "50/50" in capsys.readouterr().err


def test_progress_without_tqdm_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "tqdm", None)  # None in sys.modules makes the import fail
    monkeypatch.setitem(sys.modules, "tqdm.auto", None)
    pipe = rm.Pipeline()
    pipe.add(rm.nodes.AddNode(addend=1))
    with pytest.raises(ModuleNotFoundError, match=r"pip install 'remotemedia\[notebook\]'"):
        pipe.run([1], progress=True)


def test_repr_html_is_inline_svg(calc: dict[str, Any]) -> None:
    html = rm.Pipeline.from_manifest(calc)._repr_html_()
    assert html.startswith("<svg") and "multiply" in html and "AddNode" in html and "<line" in html
    assert "http://" not in html.replace("http://www.w3.org/2000/svg", "")
