"""The Python built-in nodes. TextProcessorNode and DataTransformNode are
pure standard library, so the same source also runs in the browser
(Pyodide). WhisperSTTNode needs faster-whisper (the ``speech`` extra); its
module imports it only when a node is built."""

from .data_transform import DataTransformNode
from .text_processor import TextProcessorNode
from .whisper_stt import WhisperSTTNode

__all__ = ["DataTransformNode", "TextProcessorNode", "WhisperSTTNode"]
