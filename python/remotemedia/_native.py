"""The one import of the private gopy module ``remotemedia._core``.

Everything else in the package goes through the names below, so the native
surface the package depends on is listed in one place (and typed in
``_core/bindings.pyi``).
"""

from __future__ import annotations

import sys

if not getattr(sys, "_is_gil_enabled", lambda: True)():
    # The bridge reads CPython's object header and relies on the GIL.
    raise ImportError("remotemedia does not support free-threaded Python builds yet")

from ._core import _core as raw  # the CPython extension built by gopy  # noqa: E402
from ._core import bindings  # noqa: E402

__all__ = ["bindings", "raw"]
