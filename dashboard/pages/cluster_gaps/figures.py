"""Cluster gaps: observed/expected ties for every pair of clusters, weakest pairs, drill-down."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from dash import Dash, Input, Output, State, html, no_update

from kizuna.dashboard import components as ui
from kizuna.dashboard import ids
from kizuna.dashboard.arcs import TIE_COLUMNS, ties_of_selection
from kizuna.dashboard.data import DataSource, Snapshot, SnapshotData
from kizuna.dashboard.i18n import t
from kizuna.graph.model import REGIONS

PATH = "/gaps"
NAV_KEY = "nav.gaps"
MAX_HEATMAP = 40
GRID_COLUMNS = ("a_name", "b_name", "observed", "expected", "ratio")


def gap_table(data: SnapshotData, pairs: pd.DataFrame | None = None) -> pd.DataFrame:
    """Cluster pairs with labels and ratio observed/expected, weakest first.

    ``ratio`` is NaN when nothing is expected (a cluster without ties); such pairs sort last.
    """
    if pairs is None:
        cached: pd.DataFrame = data.memo(
            "gap_table", lambda: gap_table(data, data.analysis.cluster_pairs)
        )
        return cached
    table = pairs[["cluster_a", "cluster_b", "observed", "expected"]].copy()
    expected = table["expected"].astype(float)
    table["ratio"] = np.where(
        expected > 0, table["observed"] / expected.where(expected > 0), np.nan
    )
    table["a_name"] = [data.cluster_label(c) for c in table["cluster_a"]]
    table["b_name"] = [data.cluster_label(c) for c in table["cluster_b"]]
    table["pair"] = table["cluster_a"] + "|" + table["cluster_b"]
    table["expected"] = expected.round(3)
    table["ratio"] = table["ratio"].round(3)
    return table.sort_values(
        ["ratio", "expected"], ascending=[True, False], na_position="last", kind="stable"
    ).reset_index(drop=True)


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
    names = ordered_clusters(data, set(table["cluster_a"]) | set(table["cluster_b"]))
    index = {c: i for i, c in enumerate(names)}
    n = len(names)
    z = np.full((n, n), np.nan)
    zero = np.full((n, n), np.nan)
    text = [["" for _ in range(n)] for _ in range(n)]
    custom = [[[a, b] for b in names] for a in names]
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
        ratio = "—" if pd.isna(row.ratio) else f"{row.ratio:.2f}"
        hover = (
            f"<b>{data.cluster_label(row.cluster_a, lang)}</b> × "
            f"<b>{data.cluster_label(row.cluster_b, lang)}</b><br>"
            f"{t('gaps.observed', lang)} {row.observed}"
            f" / {t('gaps.expected', lang)} {row.expected:.2f}<br>"
            f"{t('gaps.ratio', lang)} {ratio}"
        )
        text[i][j] = text[j][i] = hover
    labels = unique([short_label(data.cluster_label(c, lang)) for c in names])
    fig = go.Figure()
    fig.add_trace(  # the pairs with no tie: a layer of their own, under the ratios
        go.Heatmap(
            z=zero,
            x=labels,
            y=labels,
            customdata=custom,
            text=text,
            hoverinfo="text",
            colorscale=[[0, "#d9d9d9"], [1, "#d9d9d9"]],
            showscale=False,
            hoverongaps=False,
            name=t("gaps.no_tie", lang),
        )
    )
    fig.add_trace(
        go.Heatmap(
            z=z,
            x=labels,
            y=labels,
            customdata=custom,
            text=text,
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
    )
    fig.add_annotation(
        text=t("gaps.zero_legend", lang),
        x=1.0,
        y=1.06,
        xref="paper",
        yref="paper",
        showarrow=False,
        xanchor="right",
        font={"size": 11, "color": "#555"},
        bgcolor="#d9d9d9",
    )
    sel = selection or {}
    if sel.get("kind") == "pair" and sel.get("a") in index and sel.get("b") in index:
        for i, j in ((index[sel["a"]], index[sel["b"]]), (index[sel["b"]], index[sel["a"]])):
            fig.add_shape(
                type="rect",
                x0=j - 0.5,
                x1=j + 0.5,
                y0=i - 0.5,
                y1=i + 0.5,
                line={"color": "#111", "width": 3},
            )
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(tickangle=-45, type="category")
    fig.update_yaxes(type="category")
    title = t("gaps.heatmap_title", lang)
    if len(data.clusters) > MAX_HEATMAP:
        title += " " + t("gaps.largest_only", lang, n=MAX_HEATMAP)
    return ui.base_layout(
        fig, title={"text": title, "x": 0.01}, margin={"l": 140, "r": 10, "t": 40, "b": 140}
    )


REGION_ORDER = REGIONS  # north to south (graph.model: the one region order)


def ordered_clusters(data: SnapshotData, present: set[str]) -> list[str]:
    """The clusters of ``present`` by region (north to south), then largest first; at most
    :data:`MAX_HEATMAP` (the largest ones) when there are more."""
    clusters = data.clusters[data.clusters["id"].isin(present)]
    kept = set(clusters.sort_values("orgs", ascending=False)["id"][:MAX_HEATMAP])
    rank = {r: i for i, r in enumerate(REGION_ORDER)}
    rows = clusters[clusters["id"].isin(kept)]
    order = sorted(
        zip(rows["id"], rows["region"], rows["orgs"], strict=True),
        key=lambda r: (rank.get(r[1], len(rank)), -int(r[2]), str(r[0])),
    )
    return [str(r[0]) for r in order]


def short_label(name: str, limit: int = 12) -> str:
    """A heatmap tick: the name before its parenthesis, cut to ``limit`` characters."""
    head = name.split(" (")[0].split("（")[0]
    return head if len(head) <= limit else head[: limit - 1] + "…"


def unique(labels: list[str]) -> list[str]:
    """``labels`` with repeats numbered (a category axis would merge equal ticks)."""
    seen: dict[str, int] = {}
    out = []
    for text in labels:
        seen[text] = seen.get(text, 0) + 1
        out.append(text if seen[text] == 1 else f"{text} ({seen[text]})")
    return out


def selection_from_cell(click: dict[str, Any] | None) -> dict[str, Any] | None:
    if not click or not click.get("points"):
        return None
    custom = click["points"][0].get("customdata")
    if not isinstance(custom, list) or len(custom) != 2 or custom[0] == custom[1]:
        return None
    a, b = sorted(map(str, custom))
    return {"kind": "pair", "a": a, "b": b}


def drill_down(data: SnapshotData, selection: dict[str, Any], lang: str) -> Any:
    """The ties behind the selected pair (or a hint)."""
    if selection.get("kind") != "pair":
        return ui.notice(t("gaps.hint", lang))
    title = html.H4(
        f"{data.cluster_label(selection.get('a'))} ↔ {data.cluster_label(selection.get('b'))}"
    )
    table = ties_of_selection(data, data.ties, selection)
    if table.empty:
        return html.Div([title, ui.notice(t("gaps.no_ties_pair", lang), kind="warning")])
    return html.Div(
        [
            title,
            ui.grid(
                "gaps-ties-grid",
                table,
                [(c, t(f"col.{c}", lang)) for c in TIE_COLUMNS],
                height="300px",
            ),
        ]
    )


def layout(snapshot: Snapshot, lang: str, selection: dict[str, Any]) -> html.Div:
    data = snapshot.data
    table = gap_table(data)
    return html.Div(
        [
            html.H2(t("gaps.title", lang)),
            html.P(t("gaps.explain", lang), className="explain"),
            html.Div(
                [ui.csv_button(ids.GAPS_CSV, ids.GAPS_CSV_DOWNLOAD, lang)], className="toolbar"
            ),
            html.Div(
                [
                    html.Div(
                        ui.graph(
                            ids.GAPS_FIGURE,
                            heatmap(data, table, selection=selection, lang=lang),
                            height="620px",
                        ),
                        className="main-col",
                    ),
                    html.Div(
                        [
                            html.H4(t("gaps.weakest", lang)),
                            ui.grid(
                                ids.GAPS_GRID,
                                table,
                                [(c, t(f"gaps.col_{c}", lang)) for c in GRID_COLUMNS],
                                height="560px",
                                row_id="pair",
                                selectable=True,
                            ),
                        ],
                        className="side-col",
                    ),
                ],
                className="two-col",
            ),
            html.Div(drill_down(data, selection, lang), id=ids.GAPS_TIES),
        ]
    )


def register(app: Dash, source: DataSource) -> None:
    ui.register_click_selection(app, ids.GAPS_FIGURE, selection_from_cell)

    @app.callback(
        Output(ids.SELECTION, "data", allow_duplicate=True),
        Input(ids.GAPS_GRID, "cellClicked"),
        prevent_initial_call=True,
    )
    def row(cell_clicked):  # type: ignore[no-untyped-def]
        pair = (cell_clicked or {}).get("rowId")
        if not pair or "|" not in pair:
            return no_update
        a, b = pair.split("|", 1)
        return {"kind": "pair", "a": a, "b": b}

    @app.callback(
        Output(ids.GAPS_TIES, "children"),
        Output(ids.GAPS_FIGURE, "figure"),
        Input(ids.SELECTION, "data"),
        State(ids.LANG, "value"),
        prevent_initial_call=True,
    )
    def follow(selection, lang):  # type: ignore[no-untyped-def]
        data = source.peek().data
        if data.is_empty:
            return no_update, no_update
        sel = ui.selection_of(selection)
        return drill_down(data, sel, lang), heatmap(data, gap_table(data), selection=sel, lang=lang)

    @app.callback(
        Output(ids.GAPS_CSV_DOWNLOAD, "data"),
        Input(ids.GAPS_CSV, "n_clicks"),
        prevent_initial_call=True,
    )
    def download(_n):  # type: ignore[no-untyped-def]
        table = gap_table(source.peek().data).drop(columns=["pair"])
        return ui.csv_download(table, "kizuna-cluster-gaps.csv")
