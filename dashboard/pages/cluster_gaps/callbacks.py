"""The cluster-gaps page: its Dash callbacks (thin: they call the model, figures and layout)."""

from __future__ import annotations

from dash import Dash, Input, Output, State, no_update

from kizuna.dashboard import components as ui
from kizuna.dashboard import ids
from kizuna.dashboard.data import DataSource
from kizuna.dashboard.pages.cluster_gaps.figures import heatmap
from kizuna.dashboard.pages.cluster_gaps.layout import drill_down
from kizuna.dashboard.pages.cluster_gaps.model import gap_table, selection_from_cell


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
