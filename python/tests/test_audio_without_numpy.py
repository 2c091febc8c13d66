"""rm.Audio where numpy cannot be imported (Pyodide in the page): samples
become a read-only float32 memoryview, with the same checks as with numpy.
Run in a child interpreter with numpy blocked, so this one keeps it."""

from __future__ import annotations

import json
import subprocess
import sys

CHILD = r"""
import json, sys
from array import array
sys.modules["numpy"] = None  # import numpy now raises ImportError
from remotemedia._audio import Audio

out = {}
a = Audio([0.5, -0.5, 0.25, 0.0], sample_rate=16000, channels=2)
out["flat"] = [type(a.samples).__name__, a.samples.readonly, a.samples.format, a.samples.tolist(), a.channels, a.frames]
b = Audio([[0.5, -0.5], [0.25, 0.0]], sample_rate=8000)
out["nested"] = [b.samples.tolist(), b.channels, b.frames]
backing = array("f", [1.0, 2.0])
kept = Audio(memoryview(backing).toreadonly(), sample_rate=16000).samples
backing[0] = 9.0
out["kept"] = kept[0]
out["equal"] = Audio([1.0], sample_rate=8000) == Audio(array("f", [1.0]), sample_rate=8000)
errors = []
for args in (([0.1, 0.2, 0.3], 16000, 2), ([0.1], 0, 1), ([[0.1, 0.2]], 16000, 3)):
    try:
        Audio(args[0], sample_rate=args[1], channels=args[2])
        errors.append(None)
    except ValueError as e:
        errors.append(str(e))
out["errors"] = errors
print(json.dumps(out))
"""


def test_audio_without_numpy() -> None:
    done = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["flat"] == ["memoryview", True, "f", [0.5, -0.5, 0.25, 0.0], 2, 2]
    assert out["nested"] == [[0.5, -0.5, 0.25, 0.0], 2, 2]
    assert out["kept"] == 9.0, "a read-only float32 view is kept over its memory, not copied"
    assert out["equal"] is True
    assert out["errors"][0] == "3 samples do not divide into 2 channels"
    assert out["errors"][1] == "sample_rate must be positive, got 0"
    assert out["errors"][2] is not None and "3" in out["errors"][2]
