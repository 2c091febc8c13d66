"""The pip-installed ``remotemedia`` command: the Go CLI (internal/cli),
called through the bindings with the Python node types registered.

Every subcommand, flag, output byte and exit code is the Go binary's; Go
writes to file descriptors 0, 1 and 2 itself. This module only adds
``--import MODULE|FILE.py`` (repeatable, anywhere on the command line),
which imports Python code that registers node types, the loader Go
calls to run a package's Python sources once it has verified the package,
and ``ray`` (remotemedia.ray._cli), which runs here: Ray is Python's.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import os
import signal
import sys
import threading
import traceback
from pathlib import Path
from typing import Any, Sequence

from . import _registry
from ._native import bindings, call
from ._sources import run_sources
from .exceptions import RemoteMediaError

EXIT_INVALID, EXIT_INTERRUPTED = 2, 130
_POLL_MS = 50


class _UsageError(Exception):
    pass


def split_imports(args: Sequence[str]) -> tuple[list[str], list[str]]:
    """Take ``--import X`` and ``--import=X`` out of args: (imports, the rest)."""
    imports, rest = [], []
    it = iter(args)
    for arg in it:
        if arg == "--import":
            value = next(it, None)
            if value is None:
                raise _UsageError("flag needs an argument: --import")
            imports.append(value)
        elif arg.startswith("--import="):
            imports.append(arg.removeprefix("--import="))
        else:
            rest.append(arg)
    return imports, rest


def import_nodes(spec: str) -> None:
    """Import a module by name (found from the current directory too) or a
    ``.py`` file by path, for the node types it registers."""
    if spec.endswith(".py"):
        path = Path(spec)
        module_spec = importlib.util.spec_from_file_location(path.stem, path)
        if module_spec is None or module_spec.loader is None or not path.is_file():
            raise FileNotFoundError(f"no such file: {spec}")
        module = importlib.util.module_from_spec(module_spec)
        directory = str(path.resolve().parent)
        if directory not in sys.path:
            sys.path.insert(0, directory)  # so the file can import its neighbours
        sys.modules[path.stem] = module
        module_spec.loader.exec_module(module)
        return
    if os.getcwd() not in sys.path:
        sys.path.insert(0, os.getcwd())
    importlib.import_module(spec)


class _PackageLoader:
    """What Go calls, after verifying a package, to run its Python sources
    and register the node types they declare into the CLI's registry."""

    def __init__(self, reg: Any, factory: Any) -> None:
        self.reg, self.factory = reg, factory

    def __call__(
        self, op: int, kind: int, ival: int, fval: float, data: Any, aux: str, addr: int, nbytes: int, token: int
    ) -> None:
        run_sources(aux or "package", json.loads(data))  # its exception's str() is the CLI's error
        sys.stdout.flush()  # what the sources printed comes before Go's output
        _registry.add_registered(self.reg, self.factory)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI on argv (default: ``sys.argv[1:]``) and return its exit code."""
    try:
        imports, args = split_imports(sys.argv[1:] if argv is None else argv)
        for spec in imports:
            try:
                import_nodes(spec)
            except Exception as e:
                traceback.print_exc()
                raise _UsageError(f"--import {spec}: {type(e).__name__}: {e}") from e
        if args[:1] == ["ray"]:
            return _ray(args[1:], imports)
        try:
            reg, factory = _registry.native_registry()
        except RemoteMediaError as e:  # a registered type the engine refuses, e.g. a bad name
            raise _UsageError(str(e)) from e
        interrupts = _Interrupts()
    except _UsageError as e:
        print(f"error: {e}", file=sys.stderr)
        return EXIT_INVALID
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    loader = _PackageLoader(reg, factory)
    sys.stdout.flush()  # Go writes to fd 1 directly: what Python printed goes first
    sys.stderr.flush()
    try:
        run = call(bindings.StartCLI, reg, id(loader), json.dumps(list(args)))
        cancelled = False
        while not run.Wait(_POLL_MS):
            if interrupts.hit and not cancelled:
                run.Cancel()  # the Go run prints "error: interrupted" and ends with 130
                cancelled = True
        code: int = run.ExitCode()
    finally:
        interrupts.restore()
    sys.stdout.flush()
    return code


def _ray(args: list[str], imports: list[str]) -> int:
    """`remotemedia ray ...`: Ray is Python's, so it never reaches the Go CLI."""
    try:
        from .ray._cli import run
    except ImportError as e:
        print(f"error: {e}", file=sys.stderr)  # names pip install 'remotemedia[ray]'
        return EXIT_INVALID
    return run(args, imports)


class _Interrupts:
    """Ctrl-C while the Go run is going cancels it instead of raising
    KeyboardInterrupt, which could strike between two bytecodes (say, as
    StartCLI returns) and lose the run's handle. As in the Go binary, the
    first Ctrl-C cancels (exit 130) and a second one kills. Only the main
    thread can set signal handlers; elsewhere nothing changes."""

    def __init__(self) -> None:
        self.hit = False
        self._old: Any = None
        if threading.current_thread() is threading.main_thread():
            self._old = signal.signal(signal.SIGINT, self._on_sigint)

    def _on_sigint(self, _signum: int, _frame: Any) -> None:
        self.hit = True
        signal.signal(signal.SIGINT, signal.SIG_DFL)

    def restore(self) -> None:
        if self._old is not None:
            signal.signal(signal.SIGINT, self._old)


def console() -> None:
    """Entry point of the console script and of ``python -m remotemedia``."""
    # Like the Go binary, die quietly when stdout is a closed pipe
    # (`remotemedia run ... | head -1`) instead of raising BrokenPipeError.
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    sys.exit(main())
