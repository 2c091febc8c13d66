"""``run(progress=True)``: a batch run with a tqdm bar. It streams the
inputs to count them as they go in, then puts each sink's outputs in input
order, as a batch run gives them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Callable

from . import _stream

if TYPE_CHECKING:
    from ._compile import Compiled


def run_with_progress(compile: Callable[[], Compiled], inputs: Iterable[Any], name: str,
                      on_metrics: Callable[[list[dict[str, Any]]], None]) -> list[Any] | dict[str, list[Any]]:
    import warnings

    items = list(inputs)
    c = compile()
    collected: dict[str, list[tuple[int, int, Any]]] = {s: [] for s in c.sinks}
    seq = 0
    with warnings.catch_warnings():
        # tqdm.auto warns and falls back to a text bar in a notebook
        # without ipywidgets; the text bar is what we want then.
        warnings.simplefilter("ignore")
        try:
            from tqdm.auto import tqdm  # type: ignore[import-untyped]
        except ModuleNotFoundError as e:
            raise ModuleNotFoundError(
                "run(progress=True) needs tqdm: pip install 'remotemedia[notebook]'", name="tqdm"
            ) from e

        bar = tqdm(total=len(items), desc=name, unit="item")
    with bar:
        for sink, index, value in _stream.outputs(c, items, on_metrics, on_sent=lambda: bar.update(1)):
            seq += 1
            collected[sink].append((index if index >= 0 else len(items), seq, value))
    out = {s: [v for _, _, v in sorted(vals, key=lambda t: (t[0], t[1]))] for s, vals in collected.items()}
    return out[c.sinks[0]] if len(c.sinks) == 1 else out
