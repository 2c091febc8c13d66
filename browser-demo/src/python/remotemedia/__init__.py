"""remotemedia for Pyodide (the browser runtime).

The CPython package's ``__init__`` imports the gopy-built native module,
which cannot load in Pyodide: there the Go engine runs as WebAssembly next
to Python. This shim package is what ``import remotemedia`` gives inside
Pyodide. ``node.py``, ``_registry.py``, ``exceptions.py``, ``_audio.py`` and
``stdnodes/`` are copied unchanged from python/remotemedia/ by ``make web``,
so a node class written against ``rm.Node`` is the same source in both
runtimes; ``rm.Audio`` is the same class, holding its samples in a float32
memoryview where numpy is missing. ``_browser.py`` is the bridge the Web
Worker calls.
"""

from __future__ import annotations

from . import audio, stdnodes
from ._registry import register_node
from .exceptions import (
    InputError,
    InternalError,
    ManifestError,
    NodeError,
    PackageError,
    PanicError,
    PipelineCancelled,
    PipelineCancelledError,
    Problem,
    RemoteMediaError,
    UnsupportedError,
)
from .audio import Audio
from .node import Node

__version__ = "0.1.0"

__all__ = [
    "Audio",
    "InputError",
    "InternalError",
    "ManifestError",
    "Node",
    "NodeError",
    "PackageError",
    "PanicError",
    "PipelineCancelled",
    "PipelineCancelledError",
    "Problem",
    "RemoteMediaError",
    "UnsupportedError",
    "__version__",
    "audio",
    "register_node",
    "stdnodes",
]
