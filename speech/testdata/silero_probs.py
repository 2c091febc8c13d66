"""Per-window Silero VAD probabilities from Python onnxruntime, for
silero_vad_test.go: the windowing of silero-vad's OnnxWrapper (512 new
samples at 16 kHz, 256 at 8 kHz, after the previous window's last 64 or 32
samples; the state carried over; the last partial window zero-padded).

Usage: silero_probs.py MODEL RATE < float32 samples > float32 probabilities
"""
import sys

import numpy as np
import onnxruntime as ort


def main():
    model, rate = sys.argv[1], int(sys.argv[2])
    window, context = (512, 64) if rate == 16000 else (256, 32)
    audio = np.frombuffer(sys.stdin.buffer.read(), dtype=np.float32)
    if len(audio) % window:
        audio = np.pad(audio, (0, window - len(audio) % window))
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = opts.inter_op_num_threads = 1
    session = ort.InferenceSession(model, sess_options=opts, providers=["CPUExecutionProvider"])
    state = np.zeros((2, 1, 128), dtype=np.float32)
    ctx = np.zeros((1, context), dtype=np.float32)
    sr = np.array(rate, dtype=np.int64)
    probs = []
    for i in range(0, len(audio), window):
        x = np.concatenate([ctx, audio[None, i : i + window]], axis=1)
        out, state = session.run(None, {"input": x, "state": state, "sr": sr})
        ctx = x[:, -context:]
        probs.append(out[0, 0])
    sys.stdout.buffer.write(np.array(probs, dtype=np.float32).tobytes())


if __name__ == "__main__":
    main()
