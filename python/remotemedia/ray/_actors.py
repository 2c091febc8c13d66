"""What every actor pool of remotemedia.ray shares: the environment its
processes start with, and the check that the cluster can hold it."""

from __future__ import annotations

import os
from typing import Any


def worker_env(num_cpus: float) -> dict[str, Any]:
    """The environment each actor's process starts with, as Ray args.

    - GOMAXPROCS and OMP_NUM_THREADS: the CPUs the actor reserved (at least
      one), unless set here already. A reservation is not a limit: the Go
      engine would otherwise run on every core of the machine, and
      ONNX Runtime / CTranslate2 start a thread per core, so two actors on
      two cores would each contend for both.
    - VIRTUAL_ENV: this process's venv, unless one is active. The speech
      nodes find their runtime and models in the Python environment
      (docs/SPEECH.md), by $VIRTUAL_ENV or the venv of argv[0], and a Ray
      worker has no argv[0] to go by (Ray rewrites it to its process title).

    The engine reads its environment once, when it loads, so these must be
    set before the worker process starts.
    """
    import math
    import sys

    threads = str(max(1, math.ceil(num_cpus)))
    env = {k: threads for k in ("GOMAXPROCS", "OMP_NUM_THREADS") if k not in os.environ}
    if not os.environ.get("VIRTUAL_ENV") and sys.prefix != sys.base_prefix:
        env["VIRTUAL_ENV"] = sys.prefix
    return {"runtime_env": {"env_vars": env}} if env else {}


def check_fits(concurrency: int, num_cpus: float, num_gpus: float, what: str = "") -> None:
    """A pool larger than the cluster would wait for resources forever."""
    import ray

    if not ray.is_initialized():
        return  # Ray Data starts a local cluster sized to this machine
    have: dict[str, float] = ray.cluster_resources()  # type: ignore[no-untyped-call]
    for name, each in (("CPU", num_cpus), ("GPU", num_gpus)):
        if each and concurrency * each > have.get(name, 0):
            raise ValueError(
                what + f"concurrency {concurrency} x num_{name.lower()}s {each:g} needs {concurrency * each:g} {name}s; "
                f"the cluster has {have.get(name, 0):g}: lower concurrency or num_{name.lower()}s, or add nodes"
            )
