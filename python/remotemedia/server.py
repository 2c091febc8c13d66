"""``rm.serve``: host pipelines for remote clients over gRPC (remotemedia.v1)
from a Python process, with the Python node types registered here.

The server is the Go one (remote/server through internal/cli's serve, the
code of ``remotemedia serve``): the same flags, defaults, limits, token
check and loopback rule. Clients may use only the built-in Go nodes and
the Python node types registered in this process when ``serve`` is called
(``@rm.register_node`` and the standard ones such as ``WhisperSTTNode``);
they never send code.
"""

from __future__ import annotations

import datetime
import json
import signal
import sys
import threading
from types import TracebackType
from typing import Any

from . import _registry
from ._native import bindings, call

_POLL_MS = 50
_running: set[Server] = set()  # a running server's registry borrows its factory: keep both alive
_lock = threading.Lock()


def _flag_args(options: dict[str, Any]) -> list[str]:
    """``max_nodes=8`` -> ``["--max-nodes=8"]``: the keyword arguments are
    the flags of ``remotemedia serve``, defined once, in Go."""
    args = []
    for key, value in options.items():
        if value is None:
            continue
        if isinstance(value, bool):
            text = "true" if value else "false"
        elif isinstance(value, datetime.timedelta):
            text = f"{value.total_seconds()}s"
        else:
            text = str(value)
        args.append(f"--{key.replace('_', '-')}={text}")
    return args


def serve(listen: str = "127.0.0.1:50051", *, auth_token: str | None = None, **options: Any) -> Server:
    """Start serving pipelines on ``listen`` and return the running
    :class:`Server` (stop it with ``stop()``, a ``with`` block, or block in
    ``serve_forever()`` until Ctrl-C or SIGTERM).

    ``auth_token``: the bearer token clients must send (compared in constant
    time); without one the server listens only on loopback addresses unless
    ``insecure_listen_any=True``. The other keyword arguments are the flags
    of ``remotemedia serve`` (docs/CLI.md) with ``_`` for ``-``:
    ``auth_token_file``, ``insecure_listen_any``, ``tls_cert``, ``tls_key``,
    ``max_message_bytes``, ``max_nodes``, ``max_frame_bytes``,
    ``max_sessions``, ``idle_timeout`` and ``drain_grace`` (a
    ``datetime.timedelta`` or a duration such as ``"10s"``),
    ``metrics_listen``. Port 0 picks a free port: see ``Server.address``.

    Bad options raise :class:`InputError` (a ``ValueError``) with the
    command's message; a token or TLS file that cannot be opened raises
    Python's own ``OSError`` subclass, such as ``FileNotFoundError``.
    """
    if auth_token is not None and not isinstance(auth_token, str):
        raise TypeError(f"auth_token must be a str, got {type(auth_token).__name__}")
    if auth_token == "":
        raise ValueError("auth_token is empty: pass None for no token")
    reg, factory = _registry.native_registry()
    args = [f"--listen={listen}", *_flag_args(options)]
    sys.stdout.flush()  # Go writes to fds 1 and 2 itself
    sys.stderr.flush()
    handle = call(bindings.StartServer, reg, json.dumps(args), auth_token or "")
    server = Server(handle, reg, factory)
    with _lock:
        _running.add(server)
    return server


class Server:
    """A running server, from :func:`serve`."""

    def __init__(self, handle: Any, reg: Any, factory: Any) -> None:
        self._handle, self._reg, self._factory = handle, reg, factory
        self.address: str = handle.Addr()
        """The address served, ``host:port`` (with the port chosen for port 0)."""
        self._stopped = False

    @property
    def sessions(self) -> int:
        """The number of streaming sessions open now."""
        return int(self._handle.Sessions())

    def stop(self) -> None:
        """Drain open sessions for up to ``drain_grace`` (default 10 s), end
        the rest, and free the address. Calling it again does nothing."""
        if self._stopped:
            return
        try:
            call(self._handle.Stop)
        finally:
            self._stopped = True
            with _lock:
                _running.discard(self)

    def serve_forever(self) -> None:
        """Serve until Ctrl-C or SIGTERM, then drain and stop, as
        ``remotemedia serve`` does. In a thread other than the main one
        (where signals cannot be caught) it serves until :meth:`stop`."""
        hit = threading.Event()
        old: dict[signal.Signals, Any] = {}
        if threading.current_thread() is threading.main_thread():
            def on_signal(signum: int, _frame: Any) -> None:
                hit.set()
                signal.signal(signal.SIGINT, signal.SIG_DFL)  # a second Ctrl-C kills, as in the Go binary
            for sig in (signal.SIGINT, signal.SIGTERM):
                old[sig] = signal.signal(sig, on_signal)
        try:
            while not self._handle.Wait(_POLL_MS) and not hit.is_set():
                pass
        finally:
            for sig, handler in old.items():
                signal.signal(sig, handler)
        self.stop()

    def __enter__(self) -> Server:
        return self

    def __exit__(self, _t: type[BaseException] | None, _e: BaseException | None, _tb: TracebackType | None) -> None:
        self.stop()

    def __repr__(self) -> str:
        state = "stopped" if self._stopped else "serving"
        return f"<remotemedia.Server {state} on {self.address}>"
