"""Run outputs in the plain JSON form the CLI prints (docs/FRAMES.md,
"Plain JSON form"), so an output column holds what `remotemedia run`
would print for that input."""

from __future__ import annotations

import base64
import json
from typing import Any

from ..audio import Audio


def plain(value: Any) -> Any:
    """A run output (as Python receives it) as its plain JSON value."""
    import numpy as np

    if isinstance(value, Audio):
        return {"audio": {
            "sample_rate": value.sample_rate, "channels": value.channels,
            "timestamp_ns": int(round(value.timestamp * 1e9)), "samples": _numbers(value.samples),
        }}
    if isinstance(value, np.ndarray):
        return {"tensor": {"dtype": value.dtype.name, "shape": list(value.shape), "data": _numbers(value.reshape(-1))}}
    if isinstance(value, (bytes, bytearray, memoryview)):
        return {"bytes_b64": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def _numbers(a: Any) -> list[Any]:
    # JSON has no NaN or infinity: such elements show as null, as in Go.
    import numpy as np

    if a.dtype.kind == "f":
        return [float(x) if np.isfinite(x) else None for x in a.tolist()]
    return list(a.tolist())


def dumps(value: Any) -> str:
    """Compact JSON with sorted keys, as the CLI prints."""
    return json.dumps(plain(value), separators=(",", ":"), sort_keys=True, ensure_ascii=False)
