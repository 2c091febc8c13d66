"""The one import of the private gopy module ``remotemedia._core``, and the
one place where its errors become remotemedia exceptions.

Everything else in the package goes through the names below, so the native
surface the package depends on is listed in one place (and typed in
``_core/bindings.pyi``). gopy raises every Go error as ``RuntimeError``;
call native functions through :func:`call` to get the exception class the
error's code names (:func:`remotemedia.exceptions.from_native`).
"""

from __future__ import annotations

import sys
from typing import Any, Callable, NoReturn

if not getattr(sys, "_is_gil_enabled", lambda: True)():
    # The bridge reads CPython's object header and relies on the GIL.
    raise ImportError("remotemedia does not support free-threaded Python builds yet")

from ._core import _core as raw  # the CPython extension built by gopy  # noqa: E402
from ._core import bindings  # noqa: E402
from .exceptions import from_native  # noqa: E402

__all__ = ["bindings", "call", "raise_mapped", "raw"]


def call(fn: Callable[..., Any], *args: Any) -> Any:
    """``fn(*args)``, raising a native error as its remotemedia exception."""
    try:
        return fn(*args)
    except RuntimeError as e:
        raise_mapped(e)


def raise_mapped(e: RuntimeError) -> NoReturn:
    """Raise the remotemedia exception of native error ``e`` (``e`` itself
    when it is not one), with a Python node's exception as its cause."""
    err = from_native(e)
    if err is e:
        raise e
    err.__suppress_context__ = True
    raise err from err.__cause__ if err.__cause__ is not None else None
