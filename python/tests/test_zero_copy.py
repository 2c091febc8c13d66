"""Arrays sent into the engine without a copy, and the immutability of the
frames they become: nothing left in Python can write to a frame's memory."""

from __future__ import annotations

import ctypes
from typing import Any, Callable

import numpy as np
import pytest

import remotemedia as rm
from remotemedia import _exports


def address(x: Any) -> int:
    return int(x.__array_interface__["data"][0])


class Keep(rm.Node):
    """Keeps every input it is given, and returns its data address."""

    def __init__(self) -> None:
        self.kept: list[Any] = []

    def process(self, x: Any) -> int:
        self.kept.append(x)
        return address(x.samples if isinstance(x, rm.Audio) else x)


def through_go(value: Any) -> tuple[int, Any]:
    """Sends value through a Go node to a Python node that keeps it: the
    address the node saw, and what it kept."""
    keep = Keep()
    pipe = rm.Pipeline()
    pipe.add(rm.nodes.PassThrough(), id="go")
    pipe.add(keep, id="keep", after="go")
    (addr,) = pipe.run([value])
    return addr, keep.kept[0]


def filled(n: int, value: float = 1.0) -> Any:
    a = rm.empty(n, dtype="float64")
    a[:] = value
    return a


def test_rm_empty_alone_is_lent_without_a_copy_and_frozen() -> None:
    a = filled(1000)
    addr, kept = through_go(a)
    assert addr == address(a), "the node sees the memory it was sent"
    assert not a.flags.writeable
    with pytest.raises(ValueError, match="read-only"):
        a[0] = 5


def test_a_frozen_array_stays_frozen() -> None:
    a = filled(8)
    through_go(a)
    # numpy lets an array be made writable again when its memory's owner
    # exports a writable buffer; Go memory's owner exports none.
    for arr in (a, a.base, a[2:], a.reshape(2, 4), np.asarray(a.base.base)):
        assert not arr.flags.writeable
        with pytest.raises(ValueError, match="WRITEABLE|read-only"):
            arr.setflags(write=True)


def test_a_view_made_before_sending_cannot_change_the_frame() -> None:
    a = filled(1000)
    before = a[10:20]  # a second view of the memory: it stays writable
    addr, kept = through_go(a)
    assert addr != address(a), "copied: a view can still write to a's memory"
    before[:] = 99.0
    assert (a[10:20] == 99.0).all(), "the view writes to the user's array, as numpy does"
    assert (kept == 1.0).all(), "but not to the frame the engine and its nodes share"


def test_a_view_made_before_sending_cannot_change_another_branch() -> None:
    a = filled(100)
    view = a[:]
    left, right = Keep(), Keep()
    pipe = rm.Pipeline()
    pipe.add(rm.nodes.PassThrough(), id="src")
    pipe.add(left, id="left", after="src")
    pipe.add(right, id="right", after="src")
    pipe.run([a])
    view[:] = -1.0
    assert (left.kept[0] == 1.0).all() and (right.kept[0] == 1.0).all()
    assert address(left.kept[0]) == address(right.kept[0]), "the branches share one frame"


@pytest.mark.parametrize(
    "export",
    [
        pytest.param(memoryview, id="memoryview"),
        pytest.param(lambda a: a.data, id="ndarray.data"),
        pytest.param(lambda a: (ctypes.c_double * len(a)).from_buffer(a), id="ctypes.from_buffer"),
        pytest.param(lambda a: np.frombuffer(a, dtype=np.float64), id="np.frombuffer"),
    ],
)
def test_a_buffer_exported_before_sending_cannot_change_the_frame(export: Callable[[Any], Any]) -> None:
    a = filled(100)
    exported = export(a)  # references a, not the owner, and stays writable
    addr, kept = through_go(a)
    assert addr != address(a), "copied: the export can still write to a's memory"
    memoryview(exported).cast("B")[:8] = bytes(8)
    assert a[0] == 0.0, "the export writes to the user's array, as Python does"
    assert (kept == 1.0).all(), "but not to the frame"


def test_exports_made_after_sending_are_read_only() -> None:
    a = filled(10)
    assert through_go(a)[0] == address(a)
    assert a.data.readonly
    with pytest.raises(TypeError):
        (ctypes.c_double * 10).from_buffer(a)


def test_numpy_records_exports_where_the_bridge_looks() -> None:
    # Without the field every rm.empty send would silently copy.
    assert _exports._export_field() is not None
    a = np.zeros(3)
    assert not _exports.ever_exported(a)
    a.tobytes()  # a copy, not an export
    assert not _exports.ever_exported(a)
    with a.data:  # a memoryview: an export
        pass
    assert _exports.ever_exported(a), "numpy keeps the record after the export is released, so the bridge stays cautious"


def test_sending_a_slice_while_its_array_lives_copies() -> None:
    a = filled(100)
    addr, kept = through_go(a[10:])
    assert addr != address(a) + 80
    a[10] = 7.0
    assert kept[0] == 1.0


def test_once_frozen_every_send_is_zero_copy() -> None:
    a = filled(100)
    through_go(a)
    view = a[10:]  # made after sending: read-only like a
    assert not view.flags.writeable
    assert through_go(a)[0] == address(a)
    assert through_go(view)[0] == address(a) + 80


def test_a_view_dropped_before_sending_does_not_force_a_copy() -> None:
    a = filled(100)
    view = a[5:]
    del view
    assert through_go(a)[0] == address(a)


def test_rm_empty_audio_is_lent_without_a_copy() -> None:
    samples = rm.empty(480, dtype="float32")
    samples[:] = 0.25
    audio = rm.Audio(samples, sample_rate=16000)
    assert audio.samples is samples
    addr, kept = through_go(audio)
    assert addr == address(samples)
    assert not samples.flags.writeable


def test_views_of_go_memory_in_a_node_cannot_be_made_writable() -> None:
    seen: list[str] = []

    class TryWrite(rm.Node):
        def process(self, x: Any) -> int:
            for arr in (x, x.base, np.asarray(x.base.base)):
                try:
                    arr.setflags(write=True)
                    seen.append("writable")
                except ValueError:
                    seen.append("refused")
            return 0

    rm.testing.run_node(TryWrite(), [np.zeros(4)])
    assert seen == ["refused"] * 3


def test_a_copied_send_freezes_too_and_a_later_send_is_lent() -> None:
    a = filled(100)
    before = a[1:]
    assert through_go(a)[0] != address(a)
    assert not a.flags.writeable, "sending freezes the array, copied or not"
    assert before.flags.writeable, "a view made before is numpy's to keep writable"
    assert through_go(a)[0] != address(a), "while it lives, every send copies"
    del before
    assert through_go(a)[0] == address(a), "once it is gone, the array is lent"


def test_streamed_inputs_follow_the_same_rule() -> None:
    alone, shared = filled(64), filled(64)
    view = shared[:]
    keep = Keep()
    pipe = rm.Pipeline()
    pipe.add(keep, id="keep")
    got = list(pipe.stream(iter([alone, shared])))
    assert got[0] == address(alone)
    assert got[1] != address(shared)
    view[:] = 5.0
    assert (keep.kept[1] == 1.0).all()


def test_an_rm_empty_output_of_a_node_is_lent() -> None:
    made: list[int] = []

    class Make(rm.Node):
        def process(self, n: int) -> Any:
            out = rm.empty(n, dtype="int32")
            out[:] = 7
            made.append(address(out))
            return out

    keep = Keep()
    pipe = rm.Pipeline()
    pipe.add(Make(), id="make")
    pipe.add(keep, id="keep", after="make")
    assert pipe.run([16]) == made
