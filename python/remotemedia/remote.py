"""RemotePipeline: run a pipeline on a `remotemedia serve` server."""

from __future__ import annotations

import os
from collections.abc import AsyncIterable, AsyncIterator, Generator, Iterable
from typing import Any

from . import nodes
from ._manifest import read_manifest
from .pipeline import Pipeline

__all__ = ["RemotePipeline"]

NODE_ID = "remote"


class RemotePipeline:
    """A pipeline that runs on a server speaking ``remotemedia.v1``
    (``remotemedia serve``), used like :class:`Pipeline`: ``run``,
    ``stream``, ``arun`` and ``astream`` take and return the same values.

    It is a local pipeline holding one ``RemotePipelineNode`` (the Go
    client, ``remote/client``) whose sub-manifest is ``manifest``: a path, a
    dict, a JSON string or a :class:`Pipeline`. The server checks the node
    types, so they may be ones only the server has. Each run opens one
    session. Errors are the SDK's usual ones: a refused token, a manifest
    the server rejects or a node failing there raise :class:`NodeError`
    with ``node_id`` ``"remote"``; the message names the server's node and
    input. Sub-pipelines must be linear (one path from source to sink), so
    outputs are a list.

    ``token`` is sent as ``authorization: Bearer <token>`` (``${NAME}`` is
    read from the environment), ``timeout_ms`` bounds the handshake and each
    input's outputs, ``tls`` is ``True`` (system roots) or
    ``{"ca_file": ..., "server_name": ...}``.
    """

    def __init__(
        self,
        endpoint: str,
        manifest: str | os.PathLike[str] | dict[str, Any] | Pipeline,
        *,
        token: str | None = None,
        timeout_ms: int = 30000,
        tls: bool | dict[str, str] | None = None,
    ) -> None:
        sub = manifest.to_manifest() if isinstance(manifest, Pipeline) else read_manifest(manifest)
        params: dict[str, Any] = {"endpoint": endpoint, "manifest": sub, "timeout_ms": timeout_ms}
        if token is not None:
            params["auth_token"] = token
        if tls is not None:
            params["tls"] = tls
        self.endpoint = endpoint
        self._pipe = Pipeline(f"remote {endpoint}")
        self._pipe.add(nodes.RemotePipelineNode(**params), id=NODE_ID)

    def run(self, inputs: Iterable[Any], *, progress: bool = False) -> Any:
        """:meth:`Pipeline.run` on the server."""
        return self._pipe.run(inputs, progress=progress)

    def stream(self, inputs: Iterable[Any]) -> Generator[Any, None, None]:
        """:meth:`Pipeline.stream` on the server."""
        return self._pipe.stream(inputs)

    async def arun(self, inputs: Iterable[Any]) -> Any:
        """:meth:`Pipeline.arun` on the server."""
        return await self._pipe.arun(inputs)

    def astream(self, inputs: Iterable[Any] | AsyncIterable[Any]) -> AsyncIterator[Any]:
        """:meth:`Pipeline.astream` on the server."""
        return self._pipe.astream(inputs)

    def metrics(self) -> list[dict[str, Any]]:
        """:meth:`Pipeline.metrics` of the last run: one row, the remote
        node, whose latency is the round trip."""
        return self._pipe.metrics()

    def __repr__(self) -> str:
        return f"RemotePipeline({self.endpoint!r})"
