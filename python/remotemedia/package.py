"""``.rmpkg`` packages: a manifest with the WASM modules and Python node
sources it needs, in one file (docs/RMPKG_FORMAT.md)."""

from __future__ import annotations

import json
import os
import re
import sys
import types
from typing import Any

from ._native import bindings
from .exceptions import PackageError
from .pipeline import Pipeline, native

__all__ = ["Package"]


class Package:
    """An opened ``.rmpkg`` file.

    ``pipeline()`` runs it: Go, WASM and Python nodes mix freely. The
    package's Python sources (``python/*.py``) are executed first so the
    node types they register with :func:`remotemedia.register_node` are
    available; only open packages you trust, as with any Python code.
    """

    def __init__(self, handle: Any, path: str) -> None:
        self._handle = handle
        self.path = path
        self._python_loaded = False

    @classmethod
    def open(cls, path: str | os.PathLike[str]) -> Package:
        """Read a package; a file that is not one raises :class:`PackageError`."""
        return cls(native(bindings.OpenPackage, os.fspath(path)), os.fspath(path))

    @property
    def summary(self) -> dict[str, Any]:
        """Metadata, files and nodes, as ``remotemedia package inspect`` shows them."""
        out: dict[str, Any] = json.loads(native(self._handle.SummaryJSON))
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
        """Python node sources by file name (``python/<file>.py`` in the package)."""
        srcs: dict[str, str] = json.loads(native(self._handle.PythonSourcesJSON))
        return srcs

    def load_python(self) -> None:
        """Execute the package's Python sources (once), in modules of their own."""
        if self._python_loaded:
            return
        base = re.sub(r"\W", "_", str(self.metadata.get("name") or os.path.basename(self.path)))
        for file, source in sorted(self.python_sources.items()):
            stem = re.sub(r"\W", "_", file[:-3])
            name = f"rmpkg_{base}_{stem}"
            module = types.ModuleType(name)
            module.__file__ = f"{self.path}/python/{file}"
            sys.modules[name] = module
            try:
                exec(compile(source, module.__file__, "exec"), module.__dict__)
            except Exception as e:
                del sys.modules[name]
                raise PackageError(f"{self.path}: python/{file} failed to load: {e}") from e
        self._python_loaded = True

    def pipeline(self, *, queue_size: int = 0, skip_errors: bool = False) -> Pipeline:
        """The package's pipeline, validated and ready to run."""
        self.load_python()
        pipe = Pipeline._load(self.manifest)
        pipe.queue_size, pipe.skip_errors = queue_size, skip_errors
        pipe._package = self._handle
        pipe._compile()
        return pipe

    def __repr__(self) -> str:
        return f"Package({self.path!r})"
