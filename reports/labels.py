"""Label placement for the report figures: one label per point, avoiding overlaps."""

from __future__ import annotations

from typing import Any

import pandas as pd
from matplotlib.figure import Figure as MplFigure

#: Label offsets tried in turn (points): right/left of the marker, then above/below.
_OFFSETS: tuple[tuple[float, float], ...] = (
    (5, 3),
    (5, -9),
    (-5, 3),
    (-5, -9),
    (5, 12),
    (-5, 12),
    (5, -18),
    (-5, -18),
    (12, 22),
    (-12, 22),
    (12, -28),
    (-12, -28),
    (20, 32),
    (-20, 32),
    (20, -38),
    (-20, -38),
)


def _text_size(text: str, size: float) -> tuple[float, float]:
    """Approximate width and height of a label in points (wide characters count double)."""
    wide = sum(1 for c in text if ord(c) > 0x2E80)
    return (wide * size + (len(text) - wide) * 0.58 * size, 1.25 * size)


def place_labels(
    fig: MplFigure, ax: Any, items: list[tuple[float, float, str, float, dict[str, Any]]]
) -> None:
    """Annotate points, choosing for each the first offset whose box overlaps no label yet.

    ``items`` are (x, y, text, fontsize, extra annotate options) in priority order; a
    label that fits nowhere is drawn at the first offset anyway.
    """
    scale = 72.0 / fig.dpi
    placed: list[tuple[float, float, float, float]] = []
    for x, y, text, size, extra in items:
        px, py = ax.transData.transform((x, y))
        px, py = px * scale, py * scale
        w, h = _text_size(text, size)
        choice = None
        for dx, dy in _OFFSETS:
            left = px + dx if dx >= 0 else px + dx - w
            box = (left, py + dy, left + w, py + dy + h)
            if all(
                box[2] <= b[0] or box[0] >= b[2] or box[3] <= b[1] or box[1] >= b[3] for b in placed
            ):
                choice = (dx, dy, box)
                break
        if choice is None:
            dx, dy = _OFFSETS[0]
            choice = (dx, dy, (px + dx, py + dy, px + dx + w, py + dy + h))
        dx, dy, box = choice
        placed.append(box)
        options = {"zorder": 5, **extra}
        ax.annotate(
            text,
            (x, y),
            xytext=(dx, dy),
            textcoords="offset points",
            fontsize=size,
            ha="left" if dx >= 0 else "right",
            va="bottom",
            arrowprops={"arrowstyle": "-", "color": "#999999", "lw": 0.5} if abs(dy) > 10 else None,
            **options,
        )


def point_labels(
    members: pd.DataFrame, names: dict[str, str], limit: int, focus: str | None
) -> dict[tuple[float, float], str]:
    """One label per occupied (P, z) point: the best-connected name there, "+n" for others.

    The focus organization and the points with the largest z come first; at most ``limit``.
    """
    ranked = members.assign(_focus=members["id"].map(str) == (focus or ""))
    ranked = ranked.sort_values(
        ["_focus", "within_module_z", "degree"], ascending=False, kind="stable"
    )
    groups: dict[tuple[float, float], list[str]] = {}
    for ident, p, z in zip(
        ranked["id"], ranked["participation"], ranked["within_module_z"], strict=True
    ):
        key = (round(float(p), 3), round(float(z), 3))
        groups.setdefault(key, []).append(names.get(str(ident), str(ident)))
    labels: dict[tuple[float, float], str] = {}
    for key, group in list(groups.items())[:limit]:
        labels[key] = group[0] if len(group) == 1 else f"{group[0]} +{len(group) - 1}"
    return labels
