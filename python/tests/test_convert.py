"""Values crossing between Python and Go, through a Python node."""

from __future__ import annotations

import gc
from typing import Any

import numpy as np
import pytest

import remotemedia as rm
from remotemedia._native import bindings
from remotemedia.testing import run_node

from conftest import run_limited


class Identity(rm.Node):
    def process(self, x: Any) -> Any:
        return x


class TypeName(rm.Node):
    def process(self, x: Any) -> str:
        return type(x).__name__


@pytest.mark.parametrize(
    "value",
    [0, -7, 2**62, 1.5, True, False, "text ✓", "", b"\x00bin\xff", b"", {"a": [1, 2.5, None]}, [1, "x"], []],
)
def test_scalars_and_json_round_trip(value: Any) -> None:
    assert run_node(Identity(), [value]) == [value]


def test_python_types_seen_by_nodes() -> None:
    got = run_node(TypeName(), [1, 1.5, True, None, "s", b"b", {"k": 1}, [1]])
    assert got == ["int", "float", "bool", "NoneType", "str", "bytes", "dict", "list"]


def test_null_is_emitted_with_rm_null_and_arrives_as_none() -> None:
    class NullForOne(rm.Node):
        def process(self, x: int) -> Any:
            return rm.NULL if x == 1 else None  # None is "no output"

    class YieldsNull(rm.Node):
        def process(self, x: int) -> Any:
            yield rm.NULL
            yield x

    pipe = rm.Pipeline()
    first = pipe.add(NullForOne())
    go = pipe.add(rm.nodes.PassThrough(), after=first)  # the null crosses the Go engine
    pipe.add(TypeName(), after=go)
    assert pipe.run([1, 2]) == ["NoneType"]
    assert run_node(YieldsNull(), [5]) == [None, 5]
    assert run_node(TypeName(), [rm.NULL]) == ["NoneType"]  # an input too
    assert repr(rm.NULL) == "remotemedia.NULL"


def test_big_ints_and_tuples() -> None:
    assert run_node(Identity(), [2**80]) == [2**80]
    assert run_node(Identity(), [(1, 2)]) == [[1, 2]]


def test_numpy_scalars_become_numbers() -> None:
    assert run_node(Identity(), [np.float64(2.5), np.int16(3)]) == [2.5, 3]


@pytest.mark.parametrize("dtype", ["float32", "float64", "int16", "int64", "uint8"])
@pytest.mark.parametrize("shape", [(6,), (2, 3)])
def test_numpy_dtypes_round_trip(dtype: str, shape: tuple[int, ...]) -> None:
    arr = np.arange(6).astype(dtype).reshape(shape)
    (out,) = run_node(Identity(), [arr])
    assert out.dtype == arr.dtype and out.shape == arr.shape
    np.testing.assert_array_equal(out, arr)


def test_non_contiguous_and_big_endian_inputs() -> None:
    arr = np.arange(12, dtype=np.float64).reshape(3, 4)[:, ::2]
    assert not arr.flags.c_contiguous
    (out,) = run_node(Identity(), [arr])
    np.testing.assert_array_equal(out, arr)
    be = np.arange(4, dtype=">i4")
    (out2,) = run_node(Identity(), [be])
    assert out2.dtype == np.dtype("int32")
    np.testing.assert_array_equal(out2, be)


def test_unsupported_dtype_is_a_clear_error() -> None:
    with pytest.raises(rm.InputError, match="complex128 cannot become a tensor"):
        run_node(Identity(), [np.zeros(2, dtype=complex)])


def test_inputs_are_read_only_views_of_go_memory() -> None:
    class Probe(rm.Node):
        def process(self, x: np.ndarray) -> bool:
            return bool(x.flags.writeable)

    assert run_node(Probe(), [np.zeros(3, dtype=np.float32)]) == [False]


def test_go_memory_is_shared_not_copied_on_the_way_back() -> None:
    addresses: list[int] = []

    class Slice(rm.Node):
        def process(self, x: np.ndarray) -> np.ndarray:
            addresses.append(x.__array_interface__["data"][0])
            return x[2:]

    class Addr(rm.Node):
        def process(self, x: np.ndarray) -> int:
            return int(x.__array_interface__["data"][0])

    pipe = rm.Pipeline()
    a = pipe.add(Slice(), id="slice")
    pipe.add(Addr(), id="addr", after=a)
    (addr,) = pipe.run([np.arange(8, dtype=np.float64)])
    assert addr == addresses[0] + 2 * 8  # the same Go buffer, offset by the slice


def test_node_keeping_its_input_never_sees_it_change() -> None:
    kept: list[np.ndarray] = []

    class Keep(rm.Node):
        def process(self, x: np.ndarray) -> None:
            kept.append(x)

    run_node(Keep(), [np.full(1000, i, dtype=np.int64) for i in range(20)])
    gc.collect()
    run_node(Identity(), [np.full(1000, -1, dtype=np.int64) for _ in range(20)])  # reuse freed memory
    for i, x in enumerate(kept):
        assert (x == i).all()
    with pytest.raises(ValueError, match="read-only"):
        kept[0][0] = 5


def test_lent_buffers_are_released() -> None:
    gc.collect()
    before = bindings.LentBuffers()
    out = run_node(Identity(), [np.ones(10, dtype=np.float32) for _ in range(50)])
    del out
    gc.collect()
    assert bindings.LentBuffers() == before


def test_audio_round_trip() -> None:
    a = rm.Audio(np.linspace(-1, 1, 480, dtype=np.float32), sample_rate=48000, channels=2, timestamp=0.25)
    (out,) = run_node(Identity(), [a])
    assert isinstance(out, rm.Audio)
    assert out == a


def test_audio_through_a_go_node() -> None:
    a = rm.Audio(np.ones(4, dtype=np.float32), sample_rate=16000)
    pipe = rm.Pipeline()
    pipe.add(rm.nodes.MultiplyNode(multiplier=0.5), id="gain")
    (out,) = pipe.run([a])
    assert isinstance(out, rm.Audio) and out.sample_rate == 16000
    np.testing.assert_allclose(out.samples, 0.5)


def test_tensor_through_a_go_node() -> None:
    pipe = rm.Pipeline()
    pipe.add(rm.nodes.MultiplyNode(multiplier=2), id="m")
    (out,) = pipe.run([np.arange(4, dtype=np.float32).reshape(2, 2)])
    np.testing.assert_array_equal(out, [[0, 2], [4, 6]])


def test_metadata_flows_through_python_nodes() -> None:
    # AudioFormatNode s16 puts sample_rate/channels/timestamp in the tensor's
    # metadata, and f32 needs them back: a Python node in between keeps them.
    class Halve(rm.Node):
        def process(self, pcm: np.ndarray) -> np.ndarray:
            out: np.ndarray = pcm // 2
            return out

    pipe = rm.Pipeline()
    a = pipe.add(rm.nodes.AudioFormatNode(to="s16"), id="to_s16")
    b = pipe.add(Halve(), id="halve", after=a)
    pipe.add(rm.nodes.AudioFormatNode(to="f32"), id="to_f32", after=b)
    audio = rm.Audio(np.full(8, 0.5, dtype=np.float32), sample_rate=16000, channels=2, timestamp=1.5)
    (out,) = pipe.run([audio])
    assert isinstance(out, rm.Audio)
    assert (out.sample_rate, out.channels, out.timestamp) == (16000, 2, 1.5)
    np.testing.assert_allclose(out.samples, 0.25, atol=1e-4)


def test_empty_out_of_range_is_an_input_error() -> None:
    with pytest.raises(rm.InputError, match="shape out of range"):
        rm.empty((10**10, 10**10))  # 10**20 elements: overflowed int64 before
    with pytest.raises(rm.InputError, match="shape out of range"):
        rm.empty((-2, 3))


def test_empty_larger_than_memory_does_not_abort_the_interpreter() -> None:
    # 100 TB used to reach the Go allocator, which aborts the process on
    # failure. Run in a child limited to 2 GiB, so a regression fails the
    # test instead of hurting the machine.
    code = (
        "import remotemedia as rm\n"
        "try:\n    rm.empty(10**14, dtype='uint8')\nexcept rm.InputError as e:\n    print(e)\n"
    )

    out = run_limited(code, memory_gib=2)
    assert out.returncode == 0, out.stderr
    assert "a buffer of 100000000000000 bytes is more than this machine's memory" in out.stdout


def test_inputs_cannot_be_made_writable() -> None:
    # A frame shared by two branches: one branch writing through its input
    # used to change what the other read.
    class Tamper(rm.Node):
        def process(self, x: Any) -> int:
            arr = x.samples if isinstance(x, rm.Audio) else x
            for view in (arr, arr.reshape(-1), arr[:1], np.asarray(arr)):
                with pytest.raises(ValueError, match="cannot set WRITEABLE flag"):
                    view.setflags(write=True)
            return 0

    class Sum(rm.Node):
        def process(self, x: Any) -> float:
            arr = x.samples if isinstance(x, rm.Audio) else x
            return float(arr.sum())

    for value in (np.ones((2, 3), dtype=np.float64), rm.Audio(np.ones(6, dtype=np.float32), sample_rate=8000)):
        pipe = rm.Pipeline()
        src = pipe.add(rm.nodes.PassThrough(), id="src")
        pipe.add(Tamper(), id="tamper", after=src)
        pipe.add(Sum(), id="sum", after=src)
        assert pipe.run([value]) == {"tamper": [0], "sum": [6.0]}


def test_outputs_are_views_that_cannot_be_made_writable() -> None:
    pipe = rm.Pipeline()
    pipe.add(rm.nodes.MultiplyNode(multiplier=2), id="m")
    (out,) = pipe.run([np.arange(4, dtype=np.float32)])
    with pytest.raises(ValueError, match="cannot set WRITEABLE flag"):
        out.setflags(write=True)
    assert pipe.run([out]) == [pytest.approx(np.arange(4) * 4)]  # still shared on the way back


@pytest.mark.parametrize(
    ("value", "where"),
    [
        ("a\ud800b", r"text at \$ holds a lone surrogate '\\ud800' at position 1"),
        ({"k": ["ok", "x\udfff"]}, r"text at \$\['k'\]\[1\] holds a lone surrogate '\\udfff' at position 1"),
        ({"\ud800": 1}, r"text at \$\['\\ud800'\] \(the key\) holds a lone surrogate"),
        (["ok", ("\udc80",)], r"text at \$\[1\]\[0\] holds"),
    ],
)
def test_unencodable_text_is_an_error_naming_where(value: Any, where: str) -> None:
    pipe = rm.Pipeline()
    pipe.add(Identity(), id="ident")
    with pytest.raises(rm.InputError, match=r"^input\[2\]: " + where):
        pipe.run(["fine", 1, value])
    with pytest.raises(rm.InputError, match=r"^input\[1\]: " + where):
        list(pipe.stream([0, value]))

    class Emit(rm.Node):
        def process(self, x: int) -> Any:
            return value if x == 3 else x

    for kind in ("returned", "yielded"):
        node = Emit() if kind == "returned" else _Yielding(value)
        pipe = rm.Pipeline()
        pipe.add(node, id="emitter")
        with pytest.raises(rm.NodeError, match=r"node\[emitter\] input\[3\]: .*surrogate") as info:
            pipe.run(range(5))
        assert info.value.node_id == "emitter" and info.value.input_index == 3


class _Yielding(rm.Node):
    def __init__(self, bad: Any) -> None:
        self.bad = bad

    def process(self, x: int) -> Any:
        yield x
        if x == 3:
            yield self.bad


def test_text_with_nul_round_trips() -> None:
    assert run_node(Identity(), ["a\x00b", {"k": "\x00"}]) == ["a\x00b", {"k": "\x00"}]
