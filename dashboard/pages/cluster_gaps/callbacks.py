"""The cluster-gaps page: its Dash callbacks (thin: they call the model, figures and layout)."""

from __future__ import annotations

from functools import partial
from typing import Any

from dash import Dash, Input, Output, Patch, State, no_update

from kizuna.dashboard import components as ui
from kizuna.dashboard import ids
from kizuna.dashboard.data import SnapshotData
from kizuna.dashboard.pages.cluster_gaps.figures import heatmap_order, pair_marks
from kizuna.dashboard.pages.cluster_gaps.layout import drill_down
from kizuna.dashboard.pages.cluster_gaps.model import gap_table, selection_from_cell
from kizuna.dashboard.store_source import DataSource


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
        return data.view("gaps", partial(follow_pair, data), ui.selection_of(selection), lang)

    @app.callback(
        Output(ids.GAPS_CSV_DOWNLOAD, "data"),
        Input(ids.GAPS_CSV, "n_clicks"),
        prevent_initial_call=True,
    )
    def download(_n):  # type: ignore[no-untyped-def]
        table = gap_table(source.peek().data).drop(columns=["pair"])
        return ui.csv_download(table, "kizuna-cluster-gaps.csv")


def follow_pair(data: SnapshotData, selection: dict[str, Any], lang: str) -> tuple[Any, Any]:
    """The selection callback as a plain function: (drill-down, the heatmap's change).

    The heatmap on the page was drawn with the page (same snapshot and language): only the
    frames around the selected pair change, so only they are sent (a Dash ``Patch``).
    """
    marks = Patch()
    marks["layout"]["shapes"] = pair_marks(heatmap_order(data, gap_table(data)), selection)
    return drill_down(data, selection, lang), marks
