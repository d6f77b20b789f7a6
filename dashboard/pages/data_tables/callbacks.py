"""The data page: its Dash callbacks (thin: they call the model, figures and layout)."""

from __future__ import annotations

from typing import Any

import pandas as pd
from dash import Dash, Input, Output, State, dcc, no_update

from kizuna.dashboard import components as ui
from kizuna.dashboard import ids
from kizuna.dashboard.pages.data_tables.layout import data_grid
from kizuna.dashboard.pages.data_tables.model import (
    apply_model,
    excel_bytes,
    rows_response,
    table_frame,
)
from kizuna.dashboard.store_source import DataSource
from kizuna.graph.cells import EXCEL_MAX_ROWS


def register(app: Dash, source: DataSource) -> None:
    def current(table: str, scope: str, selection: Any) -> pd.DataFrame:
        sel = ui.selection_of(selection) if scope == "selection" else {}
        return table_frame(source.peek().data, table or "organizations", sel)

    @app.callback(
        Output(ids.DATA_GRID_HOLDER, "children"),
        Input(ids.DATA_TABLE, "value"),
        Input(ids.DATA_SCOPE, "value"),
        Input(ids.SELECTION, "data"),
        State(ids.LANG, "value"),
        prevent_initial_call=True,
    )
    def switch(table, scope, selection, lang):  # type: ignore[no-untyped-def]
        return data_grid(current(table, scope, selection), lang, table or "organizations")

    @app.callback(
        Output(ids.DATA_GRID, "getRowsResponse"),
        Input(ids.DATA_GRID, "getRowsRequest"),
        State(ids.DATA_TABLE, "value"),
        State(ids.DATA_SCOPE, "value"),
        State(ids.SELECTION, "data"),
    )
    def rows(request, table, scope, selection):  # type: ignore[no-untyped-def]
        if not request:
            return no_update
        return rows_response(current(table, scope, selection), request)

    @app.callback(
        Output(ids.DATA_DOWNLOAD, "data"),
        Input(ids.DATA_CSV, "n_clicks"),
        Input(ids.DATA_XLSX, "n_clicks"),
        State(ids.DATA_GRID, "getRowsRequest"),
        State(ids.DATA_TABLE, "value"),
        State(ids.DATA_SCOPE, "value"),
        State(ids.SELECTION, "data"),
        prevent_initial_call=True,
    )
    def download(_c, _x, request, table, scope, selection):  # type: ignore[no-untyped-def]
        from dash import ctx

        request = request or {}
        view = apply_model(
            current(table, scope, selection), request.get("filterModel"), request.get("sortModel")
        )
        name = f"kizuna-{table or 'organizations'}"
        if ctx.triggered_id == ids.DATA_XLSX and len(view) < EXCEL_MAX_ROWS:
            return dcc.send_bytes(excel_bytes(view, table or "organizations"), f"{name}.xlsx")
        return ui.csv_download(view, f"{name}.csv")  # (also when Excel cannot hold the rows)
