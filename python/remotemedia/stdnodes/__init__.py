"""The Python built-in nodes. Pure standard library, so the same source also
runs in the browser (Pyodide)."""

from .data_transform import DataTransformNode
from .text_processor import TextProcessorNode

__all__ = ["DataTransformNode", "TextProcessorNode"]
