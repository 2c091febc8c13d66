"""Connecting to Ray: a local cluster, or one that runs elsewhere, with
errors that say what to do instead of a hang or a stack of Ray internals.

Ray 2.59+ turns token authentication on for new clusters
(``RAY_AUTH_MODE=token``); a client needs the cluster's token in
``RAY_AUTH_TOKEN``, in the file ``RAY_AUTH_TOKEN_PATH`` names, or in
``~/.ray/auth_token`` (docs/SCALE.md).
"""

from __future__ import annotations

import os
import socket
import time
from pathlib import Path
from typing import Any

from ..exceptions import ClusterError

__all__ = ["ClusterError", "connect", "resolve", "shutdown"]

CONNECT_TIMEOUT = 10.0  # seconds: an unreachable address fails within this


def _token_available() -> bool:
    if os.environ.get("RAY_AUTH_TOKEN"):
        return True
    path = os.environ.get("RAY_AUTH_TOKEN_PATH")
    token_file = Path(path) if path else Path.home() / ".ray" / "auth_token"
    return token_file.is_file() and token_file.stat().st_size > 0


def _host_port(address: str) -> tuple[str, int]:
    host, sep, port = address.rpartition(":")
    if not sep or not host or not port.isdigit():
        raise ClusterError(f"Ray address {address!r} is not host:port (or 'auto', or None for a local cluster)")
    return host.strip("[]"), int(port)


def _probe(address: str, timeout: float, budget: float) -> None:
    """Fail fast when nothing listens at host:port: ray.init itself would
    retry for a minute or more before giving up."""
    host, port = _host_port(address)
    try:
        with socket.create_connection((host, port), timeout=timeout):
            pass
    except OSError as e:
        why = "timed out" if isinstance(e, TimeoutError) else (e.strerror or str(e))
        raise ClusterError(
            f"cannot reach the Ray cluster at {address}: {why} (waited up to {budget:g} s); "
            "is the head running (`ray start --head --port PORT`) and is the port open?"
        ) from None


def _check_gcs(address: str, timeout: float, budget: float) -> None:
    """Ask the head's GCS for the session name, bounded in time: a wrong
    token then fails in a second (ray.init retries it for 20 s), and a port
    where something else listens fails in ``timeout`` (ray.init: 40 s)."""
    import threading

    from ray._raylet import GcsClient  # type: ignore[attr-defined]  # compiled, no stub

    result: list[BaseException | None] = []

    def ask() -> None:
        try:
            GcsClient(address=address).internal_kv_get(b"session_name", b"session", timeout=timeout)
            result.append(None)
        except BaseException as e:  # handed to the caller's thread
            result.append(e)

    t = threading.Thread(target=ask, name="remotemedia-ray-probe", daemon=True)
    t.start()
    t.join(timeout)
    if not result:  # the thread gives up on its own later; nothing waits for it
        raise ClusterError(
            f"no Ray cluster answered at {address} within {budget:g} s: something listens there, "
            "but it is not a Ray head's GCS port (the one `ray start --head --port` printed)"
        )
    err = result[0]
    if err is None:
        return
    import ray

    if isinstance(err, ray.exceptions.AuthenticationError):
        mode = os.environ.get("RAY_AUTH_MODE", "")
        hint = "" if mode.lower() == "token" else f" (RAY_AUTH_MODE is {mode or 'unset'}, not token)"
        raise ClusterError(
            f"the Ray cluster at {address} refused our token{hint}: set RAY_AUTH_MODE=token and the "
            "cluster's token in RAY_AUTH_TOKEN or ~/.ray/auth_token (`ray get-auth-token` on the head prints it)"
        ) from None
    raise ClusterError(f"cannot connect to the Ray cluster at {address}: {err}") from None


def resolve(address: str | None) -> str | None:
    """host:port of the cluster ``address`` names: "auto" (or None with
    RAY_ADDRESS set) is the one `ray start` started on this machine; None
    otherwise means a new local cluster."""
    if address is not None and address.startswith("ray://"):
        return address  # Ray Client: Ray's own protocol, passed through
    if address is not None and address != "auto":
        _host_port(address)
        return address
    from ray._private.services import canonicalize_bootstrap_address

    try:
        return canonicalize_bootstrap_address(address)  # type: ignore[arg-type]  # None: read RAY_ADDRESS
    except ConnectionError as e:
        raise ClusterError(f"no Ray cluster to join with address='auto': {e}; start one with `ray start --head`") from None


def connect(address: str | None = None, *, timeout: float = CONNECT_TIMEOUT, **init_kwargs: Any) -> Any:
    """Make sure this process is connected to Ray and return ``ray.init``'s
    context (or None when it already was).

    ``address=None`` starts a local cluster (``init_kwargs`` such as
    ``num_cpus`` go to ``ray.init``; the dashboard stays off unless asked
    for). ``"auto"`` joins the cluster started on this machine with ``ray
    start``; ``"host:port"`` joins the head's GCS there. An address where no
    Ray head answers fails within ``timeout`` seconds with
    :class:`ClusterError`, as does a missing or refused token.
    """
    import ray

    if ray.is_initialized():
        return None
    deadline = time.monotonic() + timeout
    target = resolve(address)
    if target is not None and not target.startswith("ray://"):
        if address in (None, "auto"):
            # As ray.init does for a cluster it finds: a token on disk turns token auth on.
            from ray._private.authentication.authentication_token_setup import (
                maybe_enable_token_auth_if_token_available,
            )

            maybe_enable_token_auth_if_token_available(warn_if_disabled=False)
        if os.environ.get("RAY_AUTH_MODE", "").lower() == "token" and not _token_available():
            raise ClusterError(
                "RAY_AUTH_MODE=token but no Ray token is set: put the cluster's token in RAY_AUTH_TOKEN "
                "or ~/.ray/auth_token (`ray get-auth-token` on the head prints it)"
            )
        _probe(target, max(deadline - time.monotonic(), 0.1), timeout)
        _check_gcs(target, max(deadline - time.monotonic(), 0.1), timeout)
    if target is None:
        init_kwargs.setdefault("include_dashboard", False)
    try:
        return ray.init(address=address if address == "auto" else target, **init_kwargs)
    except ConnectionError as e:
        raise ClusterError(f"cannot connect to the Ray cluster at {target}: {e}") from None


def shutdown() -> None:
    """Disconnect (and stop the cluster when this process started it)."""
    import ray

    ray.shutdown()
