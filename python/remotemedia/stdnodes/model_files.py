"""Finding a model's installed package without importing it, and checking its hash."""

from __future__ import annotations

import hashlib
import importlib.util
from pathlib import Path


def package_dir(module: str, node: str, hint: str) -> Path:
    """Where an installed package is, found without importing it; else an
    error naming the node and what to install."""
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"{node} needs the {module} package: {hint}")
    return Path(list(spec.submodule_search_locations)[0])


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()
