"""Running a package's ``python/*.py`` sources.

Only ever called once Go has verified the package (entries, checksums,
manifest): ``Package.pipeline()`` validates first, and the CLI's loader is
called by Go after its own verification (bindings/cli.go).
"""

from __future__ import annotations

import re
import sys
import types


class SourceError(Exception):
    """A package source raised while running; the message names the file."""


def run_sources(label: str, sources: dict[str, str]) -> None:
    """Execute each source (in name order) in a module of its own, named
    ``rmpkg_<label>_<file>``, so the node types it registers become usable."""
    base = _identifier(label)
    for file, source in sorted(sources.items()):
        name = f"rmpkg_{base}_{_identifier(file[:-3])}"
        module = types.ModuleType(name)
        module.__file__ = f"{label}/python/{file}"
        sys.modules[name] = module
        try:
            exec(compile(source, module.__file__, "exec"), module.__dict__)
        except Exception as e:
            del sys.modules[name]
            raise SourceError(f"python/{file} failed to load: {type(e).__name__}: {e}") from e


def _identifier(text: str) -> str:
    return re.sub(r"\W", "_", text)
