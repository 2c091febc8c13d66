"""Runs a manifest under CPython with the native package, for the browser
tests: argv[1] is a node source file to load, stdin is JSON
{"manifest", "frames": [{"samples", "sample_rate", "channels", "timestamp_ns"}
or {"tensor": {"dtype", "shape", "data"}}]};
stdout is the outputs as JSON (audio as {"audio": {..., "samples": [...]}})."""

import json
import runpy
import sys

import numpy as np

import remotemedia as rm


def plain(value):
    if isinstance(value, rm.Audio):
        return {"audio": {"samples": value.samples.tolist(), "sample_rate": value.sample_rate,
                          "channels": value.channels, "timestamp_ns": round(value.timestamp * 1e9)}}
    return value


def item(f):
    if "tensor" in f:
        t = f["tensor"]
        return np.array(t["data"], dtype=t["dtype"]).reshape(t["shape"])
    return rm.Audio(f["samples"], sample_rate=f["sample_rate"], channels=f["channels"], timestamp=f["timestamp_ns"] / 1e9)


def main() -> None:
    runpy.run_path(sys.argv[1])
    req = json.load(sys.stdin)
    frames = [item(f) for f in req["frames"]]
    out = rm.Pipeline.from_manifest(req["manifest"]).run(frames)
    json.dump([plain(v) for v in out], sys.stdout)


main()
