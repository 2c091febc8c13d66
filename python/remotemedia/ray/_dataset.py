"""map_pipeline: a pipeline over a Ray Dataset, one row in, one row out.

Ray Data runs a callable class as an actor pool (``concurrency`` actors);
each actor compiles the pipeline once, so the Go engine and any models
load once per actor, then runs one batch run per row. A row's input is a
file (a WAV file, read into the frames the CLI's ``--input-wav`` gives, or
a JSON document, as ``--input-file`` reads it), or a value: frames in the
wire encoding (binary, or a list of binary) or a JSON value.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from typing import Any, Literal

from .._batch import run_printed
from ..exceptions import RemoteMediaError
from ._actors import check_fits, worker_env
from ._wire import decode_frame

__all__ = ["RowError", "map_pipeline"]

_ZIP_MAGIC = b"PK\x03\x04"  # an .rmpkg is a ZIP file


class RowError(RemoteMediaError):
    """A row the pipeline failed on, with ``skip_errors`` off: the message
    names the row (its input) and the pipeline's error."""


@dataclass(frozen=True)
class _Source:
    """The pipeline, as shipped to each actor: a manifest dict, or a
    package's bytes (so workers on other machines need no shared disk)."""

    name: str
    manifest: dict[str, Any] | None = None
    package: bytes | None = None
    imports: tuple[str, ...] = ()

    @classmethod
    def read(cls, source: Any, imports: tuple[str, ...]) -> _Source:
        from .._manifest import read_manifest

        if not isinstance(source, dict) and not str(source).lstrip().startswith("{"):
            with open(os.fspath(source), "rb") as f:
                is_package = f.read(4) == _ZIP_MAGIC
            if is_package:
                with open(os.fspath(source), "rb") as f:
                    return cls(os.fspath(source), package=f.read(), imports=imports)
        data = read_manifest(source)
        return cls(str(source) if not isinstance(source, dict) else "manifest", manifest=data, imports=imports)

    def pipeline(self) -> Any:
        """Import the node modules, then compile (ManifestError, PackageError
        and friends say what is wrong)."""
        from .. import Package, Pipeline
        from ..cli import import_nodes

        for spec in self.imports:
            import_nodes(spec)
        if self.package is None:
            return Pipeline.from_manifest(self.manifest or {})
        fd, path = tempfile.mkstemp(suffix=".rmpkg")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(self.package)
            return Package.load(path).pipeline()
        finally:
            os.unlink(path)  # the engine holds the package in memory


@dataclass(frozen=True)
class _Options:
    input: str
    input_type: Literal["path", "value"]
    output_column: str
    error_column: str
    skip_errors: bool
    frame_ms: int


def run_row(pipe: Any, value: Any, input_type: str, frame_ms: int = 20) -> str:
    """One row's outputs, as the JSON text `remotemedia run` prints for
    them (see map_pipeline for what a row's input is)."""
    c = pipe._compile()
    if input_type == "path":
        return run_printed(c, path=os.fspath(value), frame_ms=frame_ms)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return run_printed(c, [decode_frame(value)])
    if isinstance(value, list) and value and all(isinstance(v, (bytes, bytearray)) for v in value):
        return run_printed(c, [decode_frame(v) for v in value])
    return run_printed(c, value if isinstance(value, list) else [value])


def _describe(value: Any, input_type: str) -> str:
    text = os.fspath(value) if input_type == "path" else repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


class _PipelineWorker:
    """One actor of the pool: the compiled pipeline, and the batch function."""

    def __init__(self, source: _Source, opts: _Options) -> None:
        self.pipe = source.pipeline()
        self.opts = opts

    def __call__(self, batch: Any) -> Any:
        import pyarrow as pa  # type: ignore[import-untyped]

        o = self.opts
        if o.input not in batch.column_names:
            raise RowError(f"the dataset has no column {o.input!r}; its columns: {', '.join(batch.column_names)}")
        outputs: list[str | None] = []
        errors: list[str | None] = []
        for value in batch.column(o.input).to_pylist():
            try:
                out = run_row(self.pipe, value, o.input_type, o.frame_ms)
            except Exception as e:
                if not o.skip_errors:
                    raise RowError(f"row {o.input}={_describe(value, o.input_type)}: {type(e).__name__}: {e}") from e
                outputs.append(None)
                errors.append(f"{type(e).__name__}: {e}")
            else:
                outputs.append(out)
                errors.append(None)
        for name in (o.output_column, o.error_column):
            if name in batch.column_names:
                batch = batch.drop_columns([name])
        batch = batch.append_column(o.output_column, pa.array(outputs, pa.string()))
        return batch.append_column(o.error_column, pa.array(errors, pa.string()))


def map_pipeline(
    ds: Any,
    manifest: str | os.PathLike[str] | dict[str, Any],
    *,
    input: str = "path",
    input_type: Literal["path", "value"] | None = None,
    concurrency: int = 2,
    batch_size: int | None = 8,
    num_cpus: float = 1,
    num_gpus: float = 0,
    output_column: str = "output",
    error_column: str = "error",
    skip_errors: bool = False,
    frame_ms: int = 20,
    imports: tuple[str, ...] | list[str] = (),
) -> Any:
    """Run ``manifest`` (a path, a JSON string, a dict or an ``.rmpkg``
    path) over the rows of the Ray Dataset ``ds`` and return the lazy
    Dataset of results: each input row with two more columns,
    ``output_column`` (the row's outputs as compact JSON, exactly what
    ``remotemedia run`` prints: a list, or ``{sink_id: [...]}`` with several
    sinks) and ``error_column`` (None, or the row's error).

    The row's input is column ``input``. With ``input_type="path"`` (the
    default when ``input`` is ``"path"``) it is a file, read by the CLI's
    own code: a ``.wav`` is cut into audio frames of ``frame_ms`` (a whole
    number of milliseconds) as ``--input-wav --frame-ms`` cuts it, anything
    else is read as a JSON document as ``--input-file`` reads it (an array
    is a list of items). With ``input_type="value"`` (the default for
    any other column) the value is the input: ``bytes`` is one frame in the
    wire encoding, a list of ``bytes`` several (:func:`encode_frame` makes
    them), a list is a list of items, anything else one item.

    ``concurrency`` actors each hold one compiled pipeline and reserve
    ``num_cpus`` and ``num_gpus``. A row the pipeline fails on fails the
    job with :class:`RowError` naming the row, unless ``skip_errors`` is
    true: then its error is recorded in ``error_column`` and the job goes
    on. ``imports`` are modules or ``.py`` files each actor imports first,
    for the Python node types they register (as the CLI's ``--import``).
    The manifest is read and compiled here first, so a bad one fails now.
    """
    if isinstance(frame_ms, bool) or not isinstance(frame_ms, (int, float)) or frame_ms != int(frame_ms):
        raise ValueError(f"frame_ms must be a whole number of milliseconds, got {frame_ms!r}")
    frame_ms = int(frame_ms)
    if concurrency < 1:
        raise ValueError(f"concurrency must be at least 1, got {concurrency}")
    kind = input_type or ("path" if input == "path" else "value")
    if kind not in ("path", "value"):
        raise ValueError(f"input_type must be 'path' or 'value', got {input_type!r}")
    check_fits(concurrency, num_cpus, num_gpus)
    source = _Source.read(manifest, tuple(imports))
    source.pipeline()  # fail here, not in every actor
    opts = _Options(input, kind, output_column, error_column, skip_errors, frame_ms)
    from ray.data import ActorPoolStrategy

    # Ray Data restarts a dead actor and retries its batch (max_restarts and
    # max_task_retries -1 for actor pools): rows are independent, so a
    # retried batch gives the same rows.
    return ds.map_batches(
        _PipelineWorker,
        **worker_env(num_cpus),
        fn_constructor_args=(source, opts),
        compute=ActorPoolStrategy(size=concurrency),
        batch_size=batch_size,
        num_cpus=num_cpus,
        num_gpus=num_gpus,
        batch_format="pyarrow",
    )
