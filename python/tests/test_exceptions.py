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
        ("cancelled", rm.PipelineCancelledError),
        ("invalid_input", rm.InputError),
        ("package", rm.PackageError),
        ("unsupported", rm.UnsupportedError),
        ("internal", rm.InternalError),
        ("panic", rm.PanicError),
        ("something_new", rm.RemoteMediaError),
    ],
)
def test_codes_map_to_classes(code: str, cls: type) -> None:
    err = from_native(_native({"code": code, "message": "m"}))
    assert type(err) is cls
    assert isinstance(err, rm.RemoteMediaError)
    assert (err.code, str(err)) == (code, "m")


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
    for cls in (rm.ManifestError, rm.NodeError, rm.PackageError, rm.PipelineCancelledError, rm.InputError,
                rm.UnsupportedError, rm.InternalError, rm.PanicError):
        assert issubclass(cls, rm.RemoteMediaError)
    assert issubclass(rm.PanicError, rm.InternalError)


def test_the_cancellation_error_keeps_its_first_name() -> None:
    assert rm.PipelineCancelled is rm.PipelineCancelledError
    with pytest.raises(rm.PipelineCancelled):
        raise from_native(_native({"code": "cancelled", "message": "m"}))


def test_an_os_error_is_pythons_own() -> None:
    err = from_native(_native({"code": "internal", "message": "m", "errno": 2, "filename": "/x"}))
    assert type(err) is FileNotFoundError and err.filename == "/x"


def test_a_node_field_makes_a_node_error_keeping_the_code() -> None:
    err = from_native(_native({"code": "unsupported", "message": "m", "node": "n"}))
    assert type(err) is rm.NodeError and (err.code, err.node_id) == ("unsupported", "n")
