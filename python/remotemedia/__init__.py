"""RemoteMedia: AI/ML and media pipelines on a Go engine, from Python.

>>> import remotemedia as rm
>>> class Shout(rm.Node):
...     def process(self, text):
...         return text.upper()
>>> pipe = rm.Pipeline()
>>> pipe.add(Shout(), id="shout")
'shout'
>>> pipe.run(["hello"])
['HELLO']

Only one Go shared library can be loaded per process (a Go runtime
limitation since Go 1.21): do not import another gopy- or Go-built
extension next to this one.
"""

from __future__ import annotations

from . import audio, nodes, testing
from ._convert import NULL, empty
from ._registry import register_node
from .audio import Audio
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
from .node import Node
from .package import Package
from .pipeline import Pipeline
from .remote import RemotePipeline
from .server import Server, serve

__version__ = "0.1.0"

__all__ = [
    "NULL",
    "Audio",
    "InputError",
    "InternalError",
    "ManifestError",
    "Node",
    "NodeError",
    "Package",
    "PackageError",
    "PanicError",
    "Pipeline",
    "PipelineCancelled",
    "PipelineCancelledError",
    "Problem",
    "RemoteMediaError",
    "RemotePipeline",
    "Server",
    "UnsupportedError",
    "__version__",
    "audio",
    "empty",
    "nodes",
    "register_node",
    "serve",
    "testing",
]
