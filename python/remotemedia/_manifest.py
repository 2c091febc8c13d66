"""Manifests as data: reading one from a dict, a JSON string or a file,
and the node entries a :class:`~remotemedia.Pipeline` is built from."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import Any

from ._native import bindings, call
from .exceptions import ManifestError, Problem
from .node import Node

__all__ = ["Entry", "read_manifest"]


@dataclass
class Entry:
    """One node of a pipeline: a manifest node, or a Python instance added
    in code (``instance``); ``extra`` holds the other manifest members
    (``placement``, ...)."""

    id: str
    node_type: str
    params: dict[str, Any]
    instance: Node | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def read_manifest(source: str | os.PathLike[str] | dict[str, Any]) -> Any:
    """The manifest data of a dict, a JSON string or a file's path, not yet
    validated."""
    if isinstance(source, dict):
        return source
    text = str(source)
    if text.lstrip().startswith("{"):
        return _loads(text)
    # Read by the engine: capped at 16 MiB, like the Go CLI. OS errors
    # (FileNotFoundError, ...) are Python's own.
    return _loads(call(bindings.ReadManifestFile, os.fspath(source)))


def _loads(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError as e:
        raise ManifestError(f"manifest is not valid JSON: {e}", [Problem("$", str(e))]) from e
