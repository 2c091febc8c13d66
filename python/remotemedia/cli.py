"""The pip-installed ``remotemedia`` command.

Same subcommands and exit codes as the Go CLI (0 ok, 1 a node failed, 2
invalid manifest, input or usage, 130 interrupted), including ``package
create``, ``package validate`` and ``package inspect``, and it also runs
Python nodes: the built-ins, and those registered by modules named with
``--import module`` (repeatable, before or after the subcommand).
Outputs and package reports are rendered by the engine exactly as the Go CLI
renders them. WAV input/output is only in the Go CLI for now.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from pathlib import Path
from typing import Any, Sequence, TextIO

from . import _registry
from ._adapter import Factory
from ._native import bindings
from .exceptions import InputError, ManifestError, PackageError, PipelineCancelled, RemoteMediaError
from .package import Package
from .pipeline import Pipeline, native

EXIT_OK, EXIT_FAILURE, EXIT_INVALID, EXIT_INTERRUPTED = 0, 1, 2, 130
_POLL_MS = 50


class UsageError(Exception):
    """A command line the CLI cannot act on."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # argparse would exit(2) itself
        raise UsageError(message)


def _parser() -> argparse.ArgumentParser:
    def imports(parser: _Parser, default: Any) -> _Parser:
        parser.add_argument("--import", dest="imports", action="append", default=default, metavar="MODULE",
                            help="import MODULE first, so the Python nodes it registers can be used")
        return parser

    # The subcommands' --import must not reset one given before the subcommand.
    common = imports(_Parser(add_help=False), argparse.SUPPRESS)
    p = _Parser(prog="remotemedia", parents=[imports(_Parser(add_help=False), [])],
                description="Run, check and inspect RemoteMedia pipelines. Exit codes: 0 ok, 1 a node failed "
                            "at run time, 2 invalid manifest, input or usage, 130 interrupted.")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)
    run = sub.add_parser("run", parents=[common], help="run a pipeline on JSON input items and print its outputs")
    run.add_argument("manifest")
    run.add_argument("--input", help="input items as JSON")
    run.add_argument("--input-file", help="read input items from a JSON file (- for stdin)")
    run.add_argument("--jsonl", action="store_true", help="stream one JSON output per line as produced")
    run.add_argument("--metrics", action="store_true", help="print per-node metrics to stderr after the run")
    run.add_argument("--skip-errors", action="store_true", help="drop items a node fails on instead of stopping")
    run.add_argument("--queue-size", type=int, default=0, help="capacity of each node's input queue")
    val = sub.add_parser("validate", parents=[common], help="check a manifest and list every problem")
    val.add_argument("manifest")
    nodes = sub.add_parser("nodes", parents=[common], help="list node types with their params and docs")
    nodes.add_argument("types", nargs="*")
    nodes.add_argument("--json", action="store_true", help="print the specs as a JSON array")
    graph = sub.add_parser("graph", parents=[common], help="print a manifest's DAG as Graphviz dot or Mermaid")
    graph.add_argument("manifest")
    graph.add_argument("--format", default="dot")
    pkg = sub.add_parser("package", parents=[common], help="create, check and inspect .rmpkg packages")
    pkg_sub = pkg.add_subparsers(dest="package_command", required=True, parser_class=_Parser)
    create = pkg_sub.add_parser("create", parents=[common],
                                help="bundle a manifest with its WASM modules and Python sources")
    create.add_argument("--manifest", default="", help="the pipeline manifest (JSON)")
    create.add_argument("--output", default="", help="the package to write")
    create.add_argument("--wasm", action="append", default=[], metavar="NAME=FILE",
                        help="a module for wasm:<name> nodes, as name=file.wasm (repeatable)")
    create.add_argument("--python", action="append", default=[], metavar="FILE",
                        help="a Python source file to include (repeatable)")
    check = pkg_sub.add_parser("validate", parents=[common],
                               help="check a package: files, checksums, manifest and modules")
    check.add_argument("package")
    check.add_argument("--json", action="store_true", help="print the report as JSON on stdout")
    inspect = pkg_sub.add_parser("inspect", parents=[common], help="show a package's metadata, files and nodes")
    inspect.add_argument("package")
    inspect.add_argument("--json", action="store_true", help="print the summary as JSON")
    return p


def exit_code(err: BaseException) -> int:
    """The one place errors become exit codes (as in the Go CLI)."""
    if isinstance(err, KeyboardInterrupt | PipelineCancelled):
        return EXIT_INTERRUPTED
    if isinstance(err, UsageError | ManifestError | InputError | PackageError):
        return EXIT_INVALID
    if isinstance(err, RemoteMediaError) and err.code == "unsupported":
        return EXIT_INVALID
    return EXIT_FAILURE


def _print_error(err: BaseException, stderr: TextIO) -> None:
    if isinstance(err, KeyboardInterrupt):
        print("error: interrupted", file=stderr)
    elif isinstance(err, ManifestError) and err.problems:
        for p in err.problems:
            print(f"error: invalid manifest: {p.path}: {_one_line(p.message)}", file=stderr)
    else:
        print(f"error: {_one_line(str(err))}", file=stderr)


def _one_line(s: str) -> str:
    return "; ".join(part.strip() for part in s.splitlines() if part.strip())


def main(argv: Sequence[str] | None = None, stdin: TextIO | None = None, stdout: TextIO | None = None,
         stderr: TextIO | None = None) -> int:
    """Run the CLI and return its exit code (the console script exits with it)."""
    stdin, stdout, stderr = stdin or sys.stdin, stdout or sys.stdout, stderr or sys.stderr
    try:
        args = _parser().parse_args(argv)
        for module in args.imports:
            try:
                importlib.import_module(module)
            except ImportError as e:
                raise UsageError(f"--import {module}: {e}") from e
        if args.command == "run":
            _run(args, stdin, stdout, stderr)
        elif args.command == "validate" and args.manifest.endswith(".rmpkg"):
            return _package_validate(args.manifest, False, stdout, stderr)
        elif args.command == "validate":
            _load(args.manifest)
            print("ok", file=stdout)
        elif args.command == "package":
            return _package(args, stdout, stderr)
        elif args.command == "nodes":
            _nodes(args.types, args.json, stdout)
        elif args.command == "graph":
            _graph(args.manifest, args.format, stdout)
    except (Exception, KeyboardInterrupt) as err:  # noqa: BLE001 - every error is an exit code
        _print_error(err, stderr)
        return exit_code(err)
    return EXIT_OK


def _load(path: str) -> Pipeline:
    """A manifest, or an .rmpkg package (with its WASM and Python nodes)."""
    if path.endswith(".rmpkg"):
        return Package.open(_manifest_path(path)).pipeline()
    return Pipeline.from_manifest(_manifest_path(path))


def _manifest_path(path: str) -> Path:
    p = Path(path)
    if not p.exists():
        raise InputError(f"invalid input: read manifest: open {path}: no such file or directory")
    return p


def _read_input(args: argparse.Namespace, stdin: TextIO) -> tuple[str, str]:
    if args.input is not None and args.input_file is not None:
        raise UsageError("--input and --input-file exclude each other")
    if args.input is not None:
        text, source = args.input, "--input"
    elif args.input_file not in (None, "-"):
        try:
            text, source = Path(args.input_file).read_text(), args.input_file
        except OSError as e:
            raise InputError(f"invalid input: {e}") from e
    else:
        text, source = stdin.read(), "stdin"
    if not text.strip():
        raise InputError(
            f"invalid input: {source} is empty: pass a JSON array of items with --input, --input-file or on stdin"
        )
    return text, source


def _run(args: argparse.Namespace, stdin: TextIO, stdout: TextIO, stderr: TextIO) -> None:
    pipe = _load(args.manifest)
    pipe.queue_size, pipe.skip_errors = args.queue_size, args.skip_errors
    pipe._compiled = None
    text, _ = _read_input(args, stdin)
    c = pipe._compile()
    if args.jsonl:
        _run_jsonl(c, text, stdout)
        metrics = None
    else:
        batch = c.pipeline.NewBatch()
        native(batch.AddInputsJSON, text)
        native(batch.Start)
        try:
            while not native(batch.Wait, _POLL_MS):
                pass
        except KeyboardInterrupt:
            batch.Cancel()
            try:
                batch.Wait(10_000)
            except RuntimeError:
                pass
            raise
        for msg in json.loads(batch.SkippedJSON()) or []:
            print(f"error: skipped: {_one_line(msg)}", file=stderr)
        print(native(batch.ResultJSON), file=stdout)
        metrics = c.metrics(batch.MetricsJSON())
    if args.metrics and metrics is not None:
        _write_metrics(metrics, stderr)


def _run_jsonl(c: Any, text: str, stdout: TextIO) -> None:
    items = json.loads(text)
    s = native(c.pipeline.Start)
    try:
        for item in items if isinstance(items, list) else [items]:
            native(s.SendJSON, json.dumps(item))
            lines = native(s.DeliverJSONLines, 0)
            if lines:
                stdout.write(lines)
                stdout.flush()
        s.CloseInput()
        while not s.Finished():
            lines = native(s.DeliverJSONLines, _POLL_MS)
            if lines:
                stdout.write(lines)
                stdout.flush()
    finally:
        if not s.Finished():
            s.Cancel()


def _duration(ns: int) -> str:
    for unit, name in ((1, "ns"), (1_000, "µs"), (1_000_000, "ms"), (1_000_000_000, "s")):
        if ns < 1000 * unit or name == "s":
            v = ns / unit
            return f"{v:.3g}{name}"
    return f"{ns}ns"


def _write_metrics(metrics: list[dict[str, Any]], out: TextIO) -> None:
    rows = [["node", "type", "in", "out", "errors", "busy", "p50", "p95", "p99", "queue"]]
    for m in metrics:
        rows.append([m["id"], m["type"], str(m["items_in"]), str(m["items_out"]), str(m["errors"]),
                     _duration(m["busy_ns"]), _duration(m["p50_ns"]), _duration(m["p95_ns"]),
                     _duration(m["p99_ns"]), f"{m['queue_depth']}/{m['queue_cap']}"])
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for r in rows:
        print("  ".join(cell.ljust(w) for cell, w in zip(r, widths)).rstrip(), file=out)


def _package(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """``package create|validate|inspect``: the engine renders what to print."""
    if args.package_command == "create":
        if not args.manifest or not args.output:
            raise UsageError("package create needs --manifest and --output")
        stdout.write(native(bindings.CreatePackageFiles, args.output, args.manifest, json.dumps(args.wasm),
                            json.dumps(args.python)))
        return EXIT_OK
    if args.package_command == "validate":
        return _package_validate(args.package, args.json, stdout, stderr)
    stdout.write(native(Package.open(args.package)._handle.InspectText, args.json))
    return EXIT_OK


def _package_validate(path: str, as_json: bool, stdout: TextIO, stderr: TextIO) -> int:
    """Validate against the Go and Python node types, the package's own included."""
    pkg = Package.open(path)
    pkg.load_python()
    report = native(pkg._handle.ValidateReport, _python_registry(), as_json)
    stderr.write(report.Stderr())
    stdout.write(report.Stdout())
    return EXIT_OK if report.OK() else EXIT_INVALID


def _python_registry() -> Any:
    """A native registry of the Go node types and every registered Python one."""
    reg = bindings.NewRegistry()
    factory = Factory(lambda name, params: _registry.registered()[name](**params))
    for name, cls in _registry.registered().items():
        native(reg.AddPythonType, name, id(factory), _registry.spec_json(cls))
    return reg


def _specs() -> list[dict[str, Any]]:
    specs: list[dict[str, Any]] = json.loads(_python_registry().SpecsJSON())
    return specs


def _nodes(types: list[str], as_json: bool, out: TextIO) -> None:
    specs = {s["type"]: s for s in _specs()}
    chosen = []
    for t in types or sorted(specs):
        if t not in specs:
            raise UsageError(f'unknown node type "{t}" (run `remotemedia nodes` to list them)')
        chosen.append(specs[t])
    if as_json:
        values = []
        for s in chosen:
            params = []
            for p in s["params"]:
                pv = {"name": p["name"], "type": p["type"], "doc": p.get("doc", ""), "required": p.get("required", False)}
                pv.update({k: p[k] for k in ("default", "min", "max", "enum") if k in p})
                params.append(pv)
            values.append({"type": s["type"], "summary": s["summary"], "runtime": s["runtime"],
                           "stability": s["stability"], "params": params})
        print(json.dumps(values, separators=(",", ":"), ensure_ascii=False), file=out)
        return
    blocks = []
    for s in chosen:
        lines = [f"{s['type']}  ({s['runtime']}, {s['stability']})"]
        if s["summary"]:
            lines.append(f"  {s['summary']}")
        if not s["params"]:
            lines.append("  params: none")
        else:
            lines.append("  params:")
            for p in s["params"]:
                parts = []
                if p.get("required"):
                    parts.append("required")
                if "default" in p:
                    parts.append("default " + json.dumps(p["default"], separators=(",", ":")))
                if "min" in p:
                    parts.append(f">= {p['min']:g}")
                if "max" in p:
                    parts.append(f"<= {p['max']:g}")
                if "enum" in p:
                    parts.append("one of " + "|".join(p["enum"]))
                lines.append(f"    {p['name']} {p['type']}" + (f" ({', '.join(parts)})" if parts else ""))
                if p.get("doc"):
                    lines.append(f"        {p['doc']}")
        blocks.append("\n".join(lines) + "\n")
    out.write("\n".join(blocks))


def _graph(path: str, fmt: str, out: TextIO) -> None:
    if fmt not in ("dot", "mermaid"):
        raise UsageError(f'--format must be dot or mermaid, got "{fmt}"')
    m = Pipeline.from_manifest(_manifest_path(path)).to_manifest()
    nodes, conns = m.get("nodes", []), m.get("connections", [])
    if fmt == "dot":
        name = (m.get("metadata") or {}).get("name") or Path(path).stem
        out.write(f"digraph {json.dumps(name)} {{\n  rankdir=LR;\n  node [shape=box];\n")
        for n in nodes:
            out.write(f"  {json.dumps(n['id'])} [label={json.dumps(n['id'] + chr(10) + n['node_type'])}];\n")
        for c in conns:
            out.write(f"  {json.dumps(c['from'])} -> {json.dumps(c['to'])};\n")
        out.write("}\n")
        return
    index = {n["id"]: i for i, n in enumerate(nodes)}
    out.write("flowchart LR\n")
    for i, n in enumerate(nodes):
        out.write(f'  n{i}["{n["id"].replace(chr(34), "#quot;")}<br/>{n["node_type"].replace(chr(34), "#quot;")}"]\n')
    for c in conns:
        out.write(f"  n{index[c['from']]} --> n{index[c['to']]}\n")


def console() -> None:
    """Entry point of the console script."""
    sys.exit(main())


if __name__ == "__main__":
    console()
