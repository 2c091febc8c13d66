"""smart-turn score of a turn from Python onnxruntime, for
turn_detector_test.go: the last 8 s, zero-padded at the front, through the
numpy Whisper features of core/internal/dsp/logmel/testdata.

Usage: smart_turn_score.py MODEL < float32 16 kHz samples > one float32
"""
import pathlib
import sys

import numpy as np
import onnxruntime as ort

sys.path.insert(0, str(pathlib.Path(__file__).parents[2] / "core/internal/dsp/logmel/testdata"))
from whisper_logmel import log_mel  # noqa: E402

audio = np.frombuffer(sys.stdin.buffer.read(), dtype=np.float32)[-128000:]
audio = np.pad(audio, (128000 - len(audio), 0))
session = ort.InferenceSession(sys.argv[1], providers=["CPUExecutionProvider"])
(logits,) = session.run(None, {"input_features": log_mel(audio)[None]})
sys.stdout.buffer.write(logits.astype(np.float32).reshape(-1)[:1].tobytes())
