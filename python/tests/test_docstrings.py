"""Docstring examples are tests too."""

from __future__ import annotations

import doctest
import importlib
import importlib.util
import pkgutil

import pytest

import remotemedia

# remotemedia.ray needs the [ray] extra (make test installs it).
_HAVE_RAY = importlib.util.find_spec("ray") is not None
MODULES = sorted(
    m.name for m in pkgutil.walk_packages(remotemedia.__path__, "remotemedia.")
    if "._core" not in m.name and (_HAVE_RAY or not m.name.startswith("remotemedia.ray"))
)


@pytest.mark.parametrize("name", ["remotemedia", *MODULES])
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0


def test_examples_exist() -> None:
    found = sum(doctest.testmod(importlib.import_module(n)).attempted for n in ["remotemedia", *MODULES])
    assert found >= 10
