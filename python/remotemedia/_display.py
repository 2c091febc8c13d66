"""Jupyter rendering: a pipeline's DAG as inline SVG (no external service)."""

from __future__ import annotations

import html
from typing import Any

_W, _H, _GAP_X, _GAP_Y = 170, 44, 50, 22


def _layers(ids: list[str], edges: list[tuple[str, str]]) -> dict[str, int]:
    """Longest-path layering: a node sits one column right of its deepest
    predecessor. Cycles are broken by capping at the node count."""
    depth = {i: 0 for i in ids}
    for _ in range(len(ids)):
        changed = False
        for a, b in edges:
            if a in depth and b in depth and depth[b] < depth[a] + 1 <= len(ids):
                depth[b] = depth[a] + 1
                changed = True
        if not changed:
            break
    return depth


def pipeline_svg(nodes: list[tuple[str, Any]], edges: list[tuple[str, str]]) -> str:
    ids = [i for i, _ in nodes]
    types = {i: e.node_type for i, e in nodes}
    depth = _layers(ids, edges)
    rows: dict[int, int] = {}
    pos: dict[str, tuple[int, int]] = {}
    for i in ids:
        col = depth[i]
        row = rows.get(col, 0)
        rows[col] = row + 1
        pos[i] = (10 + col * (_W + _GAP_X), 10 + row * (_H + _GAP_Y))
    width = 20 + (max(depth.values(), default=0) + 1) * (_W + _GAP_X)
    height = 20 + max(rows.values(), default=1) * (_H + _GAP_Y)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        'font-family="sans-serif" font-size="12">',
        '<defs><marker id="rm-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" '
        'markerHeight="6" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker></defs>',
    ]
    for a, b in edges:
        if a in pos and b in pos:
            (x1, y1), (x2, y2) = pos[a], pos[b]
            parts.append(
                f'<line x1="{x1 + _W}" y1="{y1 + _H // 2}" x2="{x2}" y2="{y2 + _H // 2}" '
                'stroke="#555" marker-end="url(#rm-arrow)"/>'
            )
    for i in ids:
        x, y = pos[i]
        parts.append(
            f'<g><rect x="{x}" y="{y}" width="{_W}" height="{_H}" rx="6" fill="#eef4fb" stroke="#4a78a8"/>'
            f'<text x="{x + 8}" y="{y + 18}" font-weight="bold">{html.escape(i)}</text>'
            f'<text x="{x + 8}" y="{y + 34}" fill="#555">{html.escape(types[i])}</text></g>'
        )
    parts.append("</svg>")
    return "".join(parts)
