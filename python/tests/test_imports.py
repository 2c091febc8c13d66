"""How the package's modules import each other: the value types and the
bridge sit below what runs pipelines, so each can be read, and loaded,
without the layers above it. Imports inside functions count too: a late
import only hides a cycle. Imports for type checking only do not: they
never run."""

from __future__ import annotations

import ast
from pathlib import Path

import remotemedia

PACKAGE = Path(remotemedia.__file__).parent


def _module_name(path: Path) -> str:
    parts = ("remotemedia", *path.relative_to(PACKAGE).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _type_checking_blocks(tree: ast.AST) -> list[ast.If]:
    return [n for n in ast.walk(tree)
            if isinstance(n, ast.If) and isinstance(n.test, ast.Name) and n.test.id == "TYPE_CHECKING"]


def import_graph() -> dict[str, set[str]]:
    """Each module of the installed package (gopy's ``_core`` aside) -> the
    package modules it imports anywhere in its code. A module's parent
    package is left out: importing a submodule always loads it first."""
    paths = {_module_name(p): p for p in PACKAGE.rglob("*.py") if "_core" not in p.relative_to(PACKAGE).parts}
    graph: dict[str, set[str]] = {}
    for name, path in paths.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        deps: set[str] = set()
        tree = ast.parse(path.read_text())
        typing_only = {id(n) for block in _type_checking_blocks(tree) for n in ast.walk(block)}
        for node in ast.walk(tree):
            if id(node) in typing_only:
                continue
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    target = ".".join([*base, *([node.module] if node.module else [])])
                else:
                    target = node.module or ""
                submodules = [f"{target}.{a.name}" for a in node.names if f"{target}.{a.name}" in paths]
                found = submodules or [target]
            elif isinstance(node, ast.Import):
                found = [a.name for a in node.names]
            else:
                continue
            deps.update(d for d in found if d in paths and d != name and not name.startswith(d + "."))
        graph[name] = deps
    return graph


def cycles(graph: dict[str, set[str]]) -> list[set[str]]:
    """The strongly connected components of more than one module."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[set[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = set()
            while True:
                w = stack.pop()
                component.add(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(component)

    for v in graph:
        if v not in index:
            visit(v)
    return found


def test_the_graph_sees_late_imports() -> None:
    # remotemedia._compile imports the Ray placement code only when a
    # manifest places a node; the graph must still show it.
    assert "remotemedia.ray._placement" in import_graph()["remotemedia._compile"]


def test_audio_is_a_value_type() -> None:
    assert import_graph()["remotemedia._audio"] == set()


def test_the_bridge_is_in_no_cycle() -> None:
    bridge = {"remotemedia._audio", "remotemedia._convert", "remotemedia._adapter", "remotemedia.exceptions"}
    assert [c for c in cycles(import_graph()) if c & bridge] == []


def test_the_only_cycle_is_the_ray_placement_hook() -> None:
    # _compile imports remotemedia.ray only when a manifest places a node
    # (the [ray] extra); everything else imports strictly downwards.
    assert cycles(import_graph()) == [
        {"remotemedia.pipeline", "remotemedia._compile", "remotemedia.ray._placement", "remotemedia.ray._host"}
    ]
