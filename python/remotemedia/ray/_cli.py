"""`remotemedia ray run`: a pipeline over a folder of inputs on Ray, one
output file per input. Only the pip-installed command has it; cli.main
hands ``ray ...`` here before the Go CLI would see it."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any, Sequence

EXIT_OK, EXIT_FAILURE, EXIT_INVALID = 0, 1, 2
SUFFIXES = (".wav", ".json")


class _Usage(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # one "error: ..." line, exit 2, as the rest of the CLI
        raise _Usage(message)


def _parser() -> _Parser:
    p = _Parser(
        prog="remotemedia ray run",
        description="Run MANIFEST (a manifest or an .rmpkg) over every .wav and .json file of --input-dir on a "
        "Ray cluster, writing <file>.json (the outputs `remotemedia run` would print for it) into --output-dir. "
        "A .wav is cut into --frame-ms audio frames, as --input-wav does; a .json is a JSON document, as "
        "--input-file reads it. --import MODULE|FILE.py (repeatable) imports Python node types here and in "
        "every actor. See docs/SCALE.md.",
    )
    p.add_argument("manifest", metavar="MANIFEST")
    p.add_argument("--input-dir", required=True, metavar="DIR")
    p.add_argument("--output-dir", required=True, metavar="DIR")
    p.add_argument("--concurrency", type=int, default=2, metavar="N", help="actors, each with one pipeline (default 2)")
    p.add_argument("--address", default=None, metavar="ADDR",
                   help="'auto' or host:port of a running cluster; default: start a local one")
    p.add_argument("--num-cpus", type=float, default=1, help="CPUs each actor reserves (default 1)")
    p.add_argument("--num-gpus", type=float, default=0, help="GPUs each actor reserves (default 0)")
    p.add_argument("--batch-size", type=int, default=1, help="files per Ray task (default 1)")
    p.add_argument("--frame-ms", type=int, default=20, help="audio frame length for .wav inputs (default 20)")
    p.add_argument("--skip-errors", action="store_true",
                   help="a file that fails gets a 'skipped:' line and no output file, instead of failing the run")
    return p


def _inputs(directory: str) -> list[Path]:
    d = Path(directory)
    if not d.is_dir():
        raise _Usage(f"--input-dir {directory}: not a directory")
    files = sorted(f for f in d.iterdir() if f.is_file() and f.suffix.lower() in SUFFIXES)
    if not files:
        raise _Usage(f"--input-dir {directory}: no .wav or .json files")
    return [f.resolve() for f in files]


def _write(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    tmp.write_text(text + "\n", encoding="utf-8")
    os.replace(tmp, path)  # a reader never sees half a file


def _quiet_ray() -> None:
    import logging

    os.environ.setdefault("RAY_BACKEND_LOG_LEVEL", "fatal")  # the C++ core's lines; our errors say it better
    for name in ("ray", "ray.data"):
        logging.getLogger(name).setLevel(logging.WARNING)


def run(args: Sequence[str], imports: Sequence[str]) -> int:
    """``remotemedia ray ARGS`` with the ``--import`` specs cli.main took out."""
    try:
        if not args or args[0] != "run":
            what = f"unknown command {args[0]!r} for" if args else "a command is missing after"
            raise _Usage(f"{what} 'remotemedia ray'; use: remotemedia ray run MANIFEST --input-dir DIR "
                         "--output-dir DIR [--concurrency N] [--address ADDR] (--help for more)")
        opts = _parser().parse_args(list(args[1:]))
        if opts.concurrency < 1:
            raise _Usage(f"--concurrency must be at least 1, got {opts.concurrency}")
        files = _inputs(opts.input_dir)
        out_dir = Path(opts.output_dir)
        out_dir.mkdir(parents=True, exist_ok=True)
    except _Usage as e:
        print(f"error: {e}", file=sys.stderr)
        return EXIT_INVALID
    except SystemExit as e:  # --help
        return int(e.code or 0)
    _quiet_ray()
    import ray

    from ..exceptions import InputError, ManifestError, PackageError
    from . import ClusterError, connect, map_pipeline

    try:
        connect(opts.address, log_to_driver=True)
    except ClusterError as e:
        print(f"error: {e}", file=sys.stderr)
        return EXIT_FAILURE
    try:
        ray.data.DataContext.get_current().enable_progress_bars = False
        ds = ray.data.from_items([{"path": str(f)} for f in files])
        try:
            # Errors come back as rows either way: without --skip-errors the
            # first one ends the run here, with its own message rather than
            # the traceback Ray would wrap a RowError in.
            result = map_pipeline(
                ds, opts.manifest, concurrency=opts.concurrency, batch_size=opts.batch_size, num_cpus=opts.num_cpus,
                num_gpus=opts.num_gpus, skip_errors=True, frame_ms=opts.frame_ms, imports=tuple(imports),
            )
        except (ManifestError, PackageError, InputError, OSError, ValueError) as e:  # ValueError: pool > cluster
            print(f"error: {e}", file=sys.stderr)
            return EXIT_INVALID
        failed = 0
        for row in result.iter_rows():
            name = Path(row["path"]).name
            if row["error"] is not None:
                if not opts.skip_errors:
                    print(f"error: {name}: {row['error']}", file=sys.stderr)
                    return EXIT_FAILURE
                failed += 1
                print(f"skipped: {name}: {row['error']}", file=sys.stderr)
                continue
            _write(out_dir / f"{name}.json", row["output"])
        print(json.dumps({"inputs": len(files), "written": len(files) - failed, "skipped": failed}), file=sys.stderr)
        return EXIT_OK
    finally:
        ray.shutdown()
