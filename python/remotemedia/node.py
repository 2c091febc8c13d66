"""The base class of Python nodes."""

from __future__ import annotations

import inspect
from typing import Any, ClassVar


class Node:
    """A pipeline node written in Python. Subclass it and implement
    :meth:`process`; optionally :meth:`initialize`, :meth:`flush` and
    :meth:`cleanup`. The engine calls them; nothing else is needed (no
    ``super()`` calls, no re-pushing of frames).

    ``process`` may return a value (one output), ``None`` (no output), a
    generator (any number of outputs), or be ``async def`` or an async
    generator. Constructor keyword arguments are the node's manifest
    ``params``.

    >>> import remotemedia as rm
    >>> class Double(rm.Node):
    ...     def process(self, x):
    ...         return 2 * x
    >>> rm.testing.run_node(Double(), [1, 2, 3])
    [2, 4, 6]
    """

    releases_gil: ClassVar[bool] = False
    """Set it to ``True`` on a node whose work runs mostly with the GIL
    released (native inference, I/O). By default consecutive Python nodes
    share one engine thread: they cannot run Python in parallel anyway, and
    sharing saves a GIL hand-off between threads per item. A node that
    releases the GIL gets a thread of its own, so it overlaps with its
    neighbours."""

    _rm_params: dict[str, Any]
    _rm_run_mode: str

    def __new__(cls, *args: Any, **kwargs: Any) -> Node:
        self = super().__new__(cls)
        params = dict(kwargs)
        if args:
            try:
                bound = inspect.signature(cls.__init__).bind_partial(self, *args, **kwargs)
                params = {k: v for k, v in bound.arguments.items() if k != "self"}
            except TypeError:
                pass
        self._rm_params = params
        return self

    def initialize(self) -> None:
        """Called once before the first input of a run."""

    def process(self, data: Any) -> Any:
        """Handle one input; return its output(s). See the class docstring."""
        raise NotImplementedError(f"{type(self).__name__} must implement process(self, data)")

    def flush(self) -> Any:
        """Called at end of stream; may return more outputs like :meth:`process`."""
        return None

    def cleanup(self) -> None:
        """Called once when the run ends, whether it succeeded or not."""

    @property
    def run_mode(self) -> str:
        """How the current run's input arrives, set before :meth:`initialize`:
        ``"live"`` (the default; inputs come at their own pace, as from a
        microphone or :meth:`Pipeline.stream`, and each output is wanted as
        soon as it can be made) or ``"batch"`` (the whole input is at hand,
        as in :meth:`Pipeline.run` or ``remotemedia run --input-wav`` without
        ``--realtime``). In a batch a node may gather inputs and emit their
        outputs later, at the latest in :meth:`flush`, in input order, when
        that is cheaper (e.g. one model call for several inputs)."""
        return getattr(self, "_rm_run_mode", "live")

    @property
    def params(self) -> dict[str, Any]:
        """The keyword arguments the node was constructed with (its manifest params)."""
        return dict(self._rm_params)
