"""rm.Audio's meta: frame metadata read by Python nodes and set on the audio
they return, through the engine both ways."""

from __future__ import annotations

import pickle
from typing import Any

import numpy as np
import pytest

import remotemedia as rm


def tone(meta: dict[str, Any] | None = None, timestamp: float = 0.0) -> rm.Audio:
    return rm.Audio(np.linspace(-1, 1, 320, dtype=np.float32), 16000, timestamp=timestamp, meta=meta or {})


class Retag(rm.Node):
    """Returns its input audio with ``meta`` set (over what it had)."""

    def __init__(self, meta: dict[str, Any]) -> None:
        self.meta = meta

    def process(self, a: rm.Audio) -> rm.Audio:
        return rm.Audio(a.samples, a.sample_rate, a.channels, a.timestamp, meta=self.meta)


class ShowMeta(rm.Node):
    def process(self, a: rm.Audio) -> dict[str, Any]:
        return dict(a.meta)


def test_meta_is_a_read_only_copy() -> None:
    given = {"start_ms": 1020, "tags": ["a"]}
    a = tone(given)
    given["start_ms"] = 0
    assert a.meta == {"start_ms": 1020, "tags": ["a"]}
    with pytest.raises(TypeError):
        a.meta["start_ms"] = 5  # type: ignore[index]
    assert tone().meta == {}


def test_meta_must_be_a_mapping_with_str_keys() -> None:
    with pytest.raises(TypeError, match="meta must be a mapping, got list"):
        rm.Audio(np.zeros(4, np.float32), 16000, meta=[("a", 1)])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="meta keys must be str, got 1"):
        rm.Audio(np.zeros(4, np.float32), 16000, meta={1: "x"})  # type: ignore[dict-item]


def test_audio_with_meta_pickles() -> None:
    a = tone({"start_ms": 1020, "tags": ["a"]}, timestamp=1.5)
    assert pickle.loads(pickle.dumps(a)) == a
    assert pickle.loads(pickle.dumps(tone())) == tone()


def test_equal_audio_has_equal_meta() -> None:
    assert tone({"k": 1}) == tone({"k": 1})
    assert tone({"k": 1}) != tone({"k": 2})
    assert tone({"k": 1}) != tone()


def test_input_meta_reaches_a_python_node_and_the_output() -> None:
    meta = {"start_ms": 1020, "end_ms": 3900, "probability": 0.75, "who": "ann", "nested": {"x": [1, None]}}
    pipe = rm.Pipeline()
    pipe.add(ShowMeta(), id="show")
    assert pipe.run([tone(meta)]) == [meta]
    ident = rm.Pipeline()
    ident.add(rm.nodes.MultiplyNode(multiplier=1), id="go")  # a Go node passes it on
    (out,) = ident.run([tone(meta, timestamp=1.02)])
    assert out == tone(meta, timestamp=1.02)


def test_meta_a_node_sets_wins_over_what_its_input_had() -> None:
    pipe = rm.Pipeline()
    tag = pipe.add(Retag({"b": 3, "c": "new"}), id="tag")
    pipe.add(ShowMeta(), id="show", after=tag)
    assert pipe.run([tone({"a": 1, "b": 2})]) == [{"a": 1, "b": 3, "c": "new"}]


def test_streamed_outputs_carry_meta() -> None:
    pipe = rm.Pipeline()
    pipe.add(Retag({"n": 7}), id="tag")
    assert [o.meta for o in pipe.stream([tone(), tone()])] == [{"n": 7}, {"n": 7}]


@pytest.mark.parametrize(
    ("meta", "match"),
    [({"x": float("nan")}, "Out of range float values"), ({"x": object()}, "not JSON serializable")],
)
def test_meta_that_is_not_json_is_an_input_error(meta: dict[str, Any], match: str) -> None:
    pipe = rm.Pipeline()
    pipe.add(ShowMeta(), id="show")
    with pytest.raises(rm.InputError, match=f"input\\[0\\]: cannot send the audio's meta as JSON: .*{match}"):
        pipe.run([tone(meta)])
    node_pipe = rm.Pipeline()
    node_pipe.add(Retag(meta), id="tag")
    with pytest.raises(rm.NodeError, match=f"node\\[tag\\] input\\[0\\]: .*{match}"):
        node_pipe.run([tone()])


def test_unencodable_meta_text_is_an_error_naming_where() -> None:
    pipe = rm.Pipeline()
    pipe.add(ShowMeta(), id="show")
    with pytest.raises(rm.InputError, match=r"text at \$\.meta\['who'\] holds a lone surrogate"):
        pipe.run([tone({"who": "a\ud800"})])


def test_frames_of_a_recording_carry_no_meta() -> None:
    whole = rm.Audio(np.zeros(1600, np.float32), 16000, meta={"take": 1})
    assert {len(f.meta) for f in rm.audio.frames(whole, frame_ms=20)} == {0}
