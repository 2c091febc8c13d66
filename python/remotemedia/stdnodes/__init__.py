"""The Python built-in nodes. TextProcessorNode and DataTransformNode are
pure standard library, so the same source also runs in the browser
(Pyodide). WhisperSTTNode needs faster-whisper (the ``speech`` extra), PiperTTSNode
piper-tts (the ``piper`` extra); their modules import them only when a node
is built."""

from .data_transform import DataTransformNode
from .piper_tts import PiperTTSNode
from .text_processor import TextProcessorNode
from .whisper_stt import WhisperSTTNode

__all__ = ["DataTransformNode", "PiperTTSNode", "TextProcessorNode", "WhisperSTTNode"]
