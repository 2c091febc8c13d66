"""One hierarchy, one mapping function."""

from __future__ import annotations

import json

import pytest

import remotemedia as rm
from remotemedia.exceptions import from_native


def _native(payload: dict[str, object]) -> RuntimeError:
    return RuntimeError("remotemedia-error:" + json.dumps(payload))


@pytest.mark.parametrize(
    ("code", "cls"),
    [
        ("invalid_manifest", rm.ManifestError),
        ("node_failed", rm.NodeError),
        ("cancelled", rm.PipelineCancelled),
        ("invalid_input", rm.InputError),
        ("package", rm.PackageError),
        ("internal", rm.RemoteMediaError),
        ("something_new", rm.RemoteMediaError),
    ],
)
def test_codes_map_to_classes(code: str, cls: type) -> None:
    err = from_native(_native({"code": code, "message": "m"}))
    assert type(err) is cls
    assert isinstance(err, rm.RemoteMediaError)


def test_manifest_problems_and_node_fields() -> None:
    err = from_native(_native({"code": "invalid_manifest", "message": "bad",
                               "problems": [{"path": "$.x", "message": "no"}]}))
    assert isinstance(err, rm.ManifestError)
    assert err.problems == [rm.Problem("$.x", "no")]
    nerr = from_native(_native({"code": "node_failed", "message": "m", "node": "n", "input": 3}))
    assert isinstance(nerr, rm.NodeError) and (nerr.node_id, nerr.input_index) == ("n", 3)


def test_foreign_errors_pass_through() -> None:
    e = RuntimeError("not ours")
    assert from_native(e) is e


def test_everything_derives_from_the_base() -> None:
    for cls in (rm.ManifestError, rm.NodeError, rm.PackageError, rm.PipelineCancelled, rm.InputError):
        assert issubclass(cls, rm.RemoteMediaError)
