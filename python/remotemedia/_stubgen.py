"""Generate ``remotemedia/nodes/__init__.pyi`` from the engine's node specs.

setup.py runs :func:`nodes_stub` after building the extension; a test checks
that the installed stub still matches the installed engine.
"""

from __future__ import annotations

from typing import Any

def _signature(spec: dict[str, Any]) -> str:
    import inspect

    from remotemedia.nodes import signature_of

    args = []
    for p in signature_of(spec).parameters.values():
        typ = inspect.formatannotation(p.annotation).replace("typing.", "")
        args.append(f"{p.name}: {typ}" + ("" if p.default is p.empty else " = ..."))
    return ", ".join(["self", "*", *args]) if args else "self"


def nodes_stub() -> str:
    from remotemedia.nodes import _GENERATED

    lines = [
        "# Generated from the engine's node specs by remotemedia._stubgen at build time.",
        "import inspect",
        "from typing import Any, ClassVar",
        "",
        "from ..stdnodes import DataTransformNode as DataTransformNode",
        "from ..stdnodes import PiperTTSNode as PiperTTSNode",
        "from ..stdnodes import TextProcessorNode as TextProcessorNode",
        "from ..stdnodes import WhisperSTTNode as WhisperSTTNode",
        "",
        "class GoNode:",
        "    node_type: ClassVar[str]",
        "    spec: ClassVar[dict[str, Any]]",
        "    params: dict[str, Any]",
        "    def __init__(self, **params: Any) -> None: ...",
        "",
        "def specs() -> list[dict[str, Any]]: ...",
        "def doc_of(spec: dict[str, Any]) -> str: ...",
        "def signature_of(spec: dict[str, Any]) -> inspect.Signature: ...",
        "",
        "_GENERATED: dict[str, type[GoNode]]",
        "",
    ]
    for name in sorted(_GENERATED):
        spec = _GENERATED[name].spec
        summary = spec.get("summary", "").replace('"""', "'''")
        lines += [
            f"class {name}(GoNode):",
            f'    """{summary}"""',
            f"    def __init__({_signature(spec)}) -> None: ...",
            "",
        ]
    return "\n".join(lines)
