"""``.rmpkg`` packages: a manifest with the WASM modules and Python node
sources it needs, in one file (docs/RMPKG_FORMAT.md)."""

from __future__ import annotations

import json
import os
from typing import Any

from . import _registry
from ._native import bindings, call
from ._sources import SourceError, run_sources
from .exceptions import PackageError
from .pipeline import Pipeline

__all__ = ["Package"]


class Package:
    """An ``.rmpkg`` file, read into memory by the engine.

    Nothing in it runs until :meth:`pipeline`, and only once the engine has
    verified the package (entries, checksums, manifest, modules) with the
    same rules and messages as ``remotemedia package validate``. Then its
    Python sources (``python/*.py``) run, so the node types they register
    with :func:`remotemedia.register_node` are available: a valid package
    is still code, so run only packages you trust.
    """

    def __init__(self, handle: Any, path: str) -> None:
        self._handle = handle
        self.path = path
        self._python_loaded = False

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Package:
        """Read a package; a file that is not one raises :class:`PackageError`,
        a missing file :class:`FileNotFoundError`."""
        return cls(call(bindings.OpenPackage, os.fspath(path)), os.fspath(path))

    open = load  # the original name

    def validate(self) -> None:
        """Check the package without running any of it; raise
        :class:`PackageError` listing every problem (``.problems``).

        Node types that the package's own Python sources declare are checked
        for structure only: their params are known once the sources run.
        """
        reg, _factory = _registry.native_registry()
        call(self._handle.Validate, reg)

    @property
    def summary(self) -> dict[str, Any]:
        """Metadata, files and nodes, as ``remotemedia package inspect`` shows them."""
        out: dict[str, Any] = json.loads(call(self._handle.SummaryJSON))
        return out

    @property
    def metadata(self) -> dict[str, Any]:
        meta: dict[str, Any] = self.summary.get("metadata") or {}
        return meta

    @property
    def manifest(self) -> dict[str, Any]:
        try:
            m: dict[str, Any] = json.loads(self._handle.ManifestJSON())
        except ValueError as e:
            raise PackageError(f"{self.path}: manifest.json is not valid JSON: {e}") from e
        return m

    @property
    def python_sources(self) -> dict[str, str]:
        """Python node sources by file name (``python/<file>.py`` in the package), not run."""
        srcs: dict[str, str] = json.loads(call(self._handle.PythonSourcesJSON))
        return srcs

    def pipeline(self, *, queue_size: int = 0, skip_errors: bool = False) -> Pipeline:
        """The package's pipeline, verified, its Python sources run, ready to run."""
        self._load_python()
        pipe = Pipeline._load(self.manifest)
        pipe.queue_size, pipe.skip_errors = queue_size, skip_errors
        pipe._package = self._handle
        pipe._compile()
        return pipe

    def _load_python(self) -> None:
        """Verify the package, then run its Python sources (once)."""
        if self._python_loaded:
            return
        sources = self.python_sources
        if sources:
            self.validate()  # before any of its code runs
            try:
                run_sources(self.metadata.get("name") or os.path.basename(self.path), sources)
            except SourceError as e:
                raise PackageError(f"{self.path}: {e}") from e.__cause__
        self._python_loaded = True

    def __repr__(self) -> str:
        return f"Package({self.path!r})"
