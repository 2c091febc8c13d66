"""The shared manifest conformance vectors, run through Python."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

import remotemedia as rm

REPO = Path(__file__).resolve().parents[2]
VECTORS = Path(os.environ.get("RM_CONFORMANCE", REPO.parent / "shared" / "conformance" / "manifests.json"))
CASES: list[dict[str, Any]] = json.loads(VECTORS.read_text())["cases"] if VECTORS.exists() else []


def _exit_code(err: BaseException) -> int:
    return 2 if isinstance(err, (rm.ManifestError, rm.InputError)) else 1


def test_conformance_vectors_are_present() -> None:
    # Every runtime must pass every vector: a missing file must fail, not skip.
    assert CASES, f"conformance vectors not found at {VECTORS} (set RM_CONFORMANCE)"


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_conformance(case: dict[str, Any]) -> None:
    expect = case["expect"]
    try:
        out = rm.Pipeline.from_manifest(case["manifest"]).run(case["input"])
    except rm.RemoteMediaError as err:
        assert expect["exit"] == _exit_code(err), f"unexpected {type(err).__name__}: {err}"
        for s in expect.get("message_contains", []):
            assert s in str(err)
        return
    assert expect["exit"] == 0, f"expected exit {expect['exit']}, got output {out!r}"
    if "output" in expect:
        assert out == expect["output"]
    if "output_sorted" in expect:
        assert sorted(out, key=json.dumps) == sorted(expect["output_sorted"], key=json.dumps)
    if "output_input_order" in expect:
        # Outputs of input 0 come first, then those of input 1, and so on.
        at = 0
        for i, group in enumerate(expect["output_input_order"]):
            chunk = out[at:at + len(group)]
            assert sorted(chunk, key=json.dumps) == sorted(group, key=json.dumps), f"outputs of input {i}"
            at += len(group)
        assert at == len(out)
    if "output_contains" in expect:
        assert expect["output_contains"] in json.dumps(out)
    if "output_input_order" in expect:
        # Per input, the sorted outputs derived from it, in input order: the
        # concatenation of those groups is the batch output sorted within
        # each input's group.
        flat = []
        rest = list(out)
        for group in expect["output_input_order"]:
            chunk, rest = rest[: len(group)], rest[len(group):]
            flat.append(sorted(chunk))
        assert flat == [sorted(g) for g in expect["output_input_order"]]
