"""Scale-out on Ray (``pip install 'remotemedia[ray]'``; docs/SCALE.md).

>>> import ray, remotemedia.ray as rmray                       # doctest: +SKIP
>>> rmray.connect()                                            # doctest: +SKIP
>>> ds = ray.data.from_items([{"path": p} for p in wav_paths])  # doctest: +SKIP
>>> rmray.map_pipeline(ds, "examples/speech/transcribe.json").write_json("out/")  # doctest: +SKIP

Only this package imports Ray: the rest of remotemedia runs without it.
"""

from __future__ import annotations

try:
    import ray as _ray  # noqa: F401
    import ray.data as _ray_data  # noqa: F401
except ModuleNotFoundError as e:
    raise ImportError(
        "remotemedia.ray needs Ray Data: pip install 'remotemedia[ray]'", name=e.name
    ) from e

from ._cluster import ClusterError, connect, shutdown
from ._dataset import RowError, map_pipeline
from ._wire import decode_frame, encode_frame

__all__ = ["ClusterError", "RowError", "connect", "decode_frame", "encode_frame", "map_pipeline", "shutdown"]
