"""The cluster-gaps page: its plotly figures."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from kizuna.dashboard import components as ui
from kizuna.dashboard.data import SnapshotData
from kizuna.dashboard.i18n import t
from kizuna.dashboard.names import cluster_name
from kizuna.dashboard.pages.cluster_gaps.model import MAX_HEATMAP, ordered_clusters


def heatmap(
    data: SnapshotData,
    table: pd.DataFrame,
    *,
    selection: dict[str, Any] | None = None,
    lang: str = "ja",
) -> go.Figure:
    """log2(observed/expected) per cluster pair, centred at observed = expected (white): blue
    below, red above; pairs with no tie at all in light grey (not the strongest blue).
    Clusters are ordered by region (north to south), then by size."""
    if table.empty:
        return ui.empty_figure(t("gaps.no_pairs", lang))
    names = heatmap_order(data, table)
    grid = _pair_grid(data, table, names, lang)
    labels = short_labels([cluster_name(data, c, lang) for c in names], TICK_LIMIT[lang])
    fig = go.Figure()
    fig.add_trace(_zero_layer(grid, labels, lang))  # under the ratios
    fig.add_trace(_ratio_layer(grid, labels))
    fig.add_annotation(
        text=t("gaps.zero_legend", lang),
        x=0.55,  # between the title (left) and the modebar (right), never under either
        y=1.06,
        xref="paper",
        yref="paper",
        showarrow=False,
        xanchor="center",
        font={"size": 11, "color": "#555"},
        bgcolor="#d9d9d9",
    )
    for shape in pair_marks(names, selection):
        fig.add_shape(**shape)
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(tickangle=-45, type="category")
    fig.update_yaxes(type="category")
    title = t("gaps.heatmap_title", lang)
    if len(data.clusters) > MAX_HEATMAP:
        title += " " + t("gaps.largest_only", lang, n=MAX_HEATMAP)
    return ui.base_layout(
        fig, title={"text": title, "x": 0.01}, margin={"l": 140, "r": 10, "t": 40, "b": 140}
    )


@dataclass(frozen=True)
class _PairGrid:
    """The heatmap's cells, symmetric, in the order of its clusters."""

    ratio: np.ndarray  # log2(O/E), floored at 1/16; NaN where no tie or no expectation
    zero: np.ndarray  # 1.0 where the pair has no tie at all, else NaN
    hover: np.ndarray  # each cell's hover text
    custom: list[list[list[str]]]  # each cell's (cluster_a, cluster_b), for clicks


def _pair_grid(data: SnapshotData, table: pd.DataFrame, names: list[str], lang: str) -> _PairGrid:
    """The gaps table as the heatmap's symmetric cells."""
    index = {c: i for i, c in enumerate(names)}
    n = len(names)
    z = np.full((n, n), np.nan)
    zero = np.full((n, n), np.nan)
    text = np.full((n, n), "", dtype=object)
    for row in ui.rows(table):
        i, j = index.get(row.cluster_a), index.get(row.cluster_b)
        if i is None or j is None:
            continue
        if row.observed == 0:
            zero[i, j] = zero[j, i] = 1.0
            value = np.nan
        else:
            value = np.log2(max(row.ratio, 1 / 16)) if pd.notna(row.ratio) else np.nan
        z[i, j] = z[j, i] = value
        text[i, j] = text[j, i] = _pair_hover(data, row, lang)
    custom = [[[a, b] for b in names] for a in names]
    return _PairGrid(ratio=z, zero=zero, hover=text, custom=custom)


def _pair_hover(data: SnapshotData, row: Any, lang: str) -> str:
    """A cell's hover: both clusters' names, observed / expected and their ratio."""
    ratio = "—" if pd.isna(row.ratio) else f"{row.ratio:.2f}"
    return (
        f"<b>{data.cluster_label(row.cluster_a, lang)}</b> × "
        f"<b>{data.cluster_label(row.cluster_b, lang)}</b><br>"
        f"{t('gaps.observed', lang)} {row.observed}"
        f" / {t('gaps.expected', lang)} {row.expected:.2f}<br>"
        f"{t('gaps.ratio', lang)} {ratio}"
    )


def _zero_layer(grid: _PairGrid, labels: list[str], lang: str) -> go.Heatmap:
    """The pairs with no tie: light grey, a layer of their own."""
    return go.Heatmap(
        z=grid.zero,
        x=labels,
        y=labels,
        customdata=grid.custom,
        text=np.where(grid.zero == 1, grid.hover, ""),  # each cell's hover on one layer only
        hoverinfo="text",
        colorscale=[[0, "#d9d9d9"], [1, "#d9d9d9"]],
        showscale=False,
        hoverongaps=False,
        name=t("gaps.no_tie", lang),
    )


def _ratio_layer(grid: _PairGrid, labels: list[str]) -> go.Heatmap:
    """log2(O/E) on a diverging scale centred at 0 (observed = expected)."""
    return go.Heatmap(
        z=grid.ratio,
        x=labels,
        y=labels,
        customdata=grid.custom,
        text=np.where(grid.zero == 1, "", grid.hover),
        hoverinfo="text",
        colorscale="RdBu",
        reversescale=True,
        zmid=0,
        zmin=-4,
        zmax=4,
        colorbar={
            "title": {"text": "log₂(O/E)"},
            "tickvals": [-4, -2, 0, 2, 4],
            "ticktext": ["≤1/16", "1/4", "1", "4", "16"],
        },
        hoverongaps=False,
    )


#: Characters of a heatmap tick (a Japanese character is about twice as wide).
TICK_LIMIT: dict[str, int] = {"ja": 11, "en": 20}


def short_label(name: str, limit: int = 12) -> str:
    """A heatmap tick: ``name`` cut to ``limit`` characters.

    Examples
    --------
    >>> short_label("Keihin Network", 12), short_label("Greater Tokyo Bio Network", 12)
    ('Keihin Netw…', 'Greater Tok…')
    """
    return name if len(name) <= limit else name[: limit - 1] + "…"


def short_labels(names: list[str], limit: int) -> list[str]:
    """Short ticks that stay distinct: names whose starts collide keep their start and their
    end (首都圏情報…(コンテンツ)); equal names left are numbered (a category axis would merge
    equal ticks).

    Examples
    --------
    >>> short_labels(["Forum Tokyo (Contents)", "Forum Tokyo (Games)", "Keihin"], 12)
    ['Forum…tents)', 'Forum…Games)', 'Keihin']
    """
    labels = [short_label(n, limit) for n in names]
    counts: dict[str, int] = {}
    for text in labels:
        counts[text] = counts.get(text, 0) + 1
    head = (limit - 1) // 2
    tail = limit - 1 - head
    labels = [
        f"{n[:head]}…{n[-tail:]}" if counts[text] > 1 and len(n) > limit else text
        for n, text in zip(names, labels, strict=True)
    ]
    return unique(labels)


def unique(labels: list[str]) -> list[str]:
    """``labels`` with repeats numbered (a category axis would merge equal ticks)."""
    seen: dict[str, int] = {}
    out = []
    for text in labels:
        seen[text] = seen.get(text, 0) + 1
        out.append(text if seen[text] == 1 else f"{text} ({seen[text]})")
    return out


def pair_marks(names: list[str], selection: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The frames around the selected pair's two cells (none without a pair on the map)."""
    sel = selection or {}
    index = {c: i for i, c in enumerate(names)}
    if sel.get("kind") != "pair" or sel.get("a") not in index or sel.get("b") not in index:
        return []
    cells = ((index[sel["a"]], index[sel["b"]]), (index[sel["b"]], index[sel["a"]]))
    return [
        {
            "type": "rect",
            "x0": j - 0.5,
            "x1": j + 0.5,
            "y0": i - 0.5,
            "y1": i + 0.5,
            "line": {"color": "#111", "width": 3},
        }
        for i, j in cells
    ]


def heatmap_order(data: SnapshotData, table: pd.DataFrame) -> list[str]:
    """The clusters on the heatmap's axes, in order."""
    return ordered_clusters(data, set(table["cluster_a"]) | set(table["cluster_b"]))
