"""The hub-roles page: its Dash callbacks (thin: they call the model, figures and layout)."""

from __future__ import annotations

from functools import partial

from dash import Dash, Input, Output, State, ctx, no_update

from kizuna.dashboard import components as ui
from kizuna.dashboard import ids
from kizuna.dashboard.pages.hub_roles.layout import follow, render
from kizuna.dashboard.pages.hub_roles.model import BROKERAGE, role_columns, selection_from_click
from kizuna.dashboard.store_source import DataSource


def register(app: Dash, source: DataSource) -> None:
    @app.callback(
        Output(ids.ROLES_FIGURE, "figure"),
        Output(ids.ROLES_BROKERAGE, "figure"),
        Input(ids.ROLES_PARTITION, "value"),
        Input(ids.SELECTION, "data"),
        State(ids.LANG, "value"),
    )
    def draw(partition, selection, lang):  # type: ignore[no-untyped-def]
        data = source.peek().data
        if ctx.triggered_id == ids.SELECTION:  # a click elsewhere: move the rings only
            return data.view("roles-marks", partial(follow, data), partition, selection, lang)
        return data.view("roles", partial(render, data), partition, selection, lang)

    ui.register_click_selection(app, ids.ROLES_FIGURE, selection_from_click)

    @app.callback(
        Output(ids.SELECTION, "data", allow_duplicate=True),
        Input(ids.ROLES_SPOF, "cellClicked"),
        prevent_initial_call=True,
    )
    def spof_click(cell):  # type: ignore[no-untyped-def]
        org = (cell or {}).get("rowId")
        return {"kind": "org", "id": org} if org else no_update

    @app.callback(
        Output(ids.ROLES_CSV_DOWNLOAD, "data"),
        Input(ids.ROLES_CSV, "n_clicks"),
        State(ids.ROLES_PARTITION, "value"),
        prevent_initial_call=True,
    )
    def download(_n, partition):  # type: ignore[no-untyped-def]
        data = source.peek().data
        cols = [
            "id",
            "name",
            "name_en",
            "cluster",
            *role_columns(partition),
            *[c for c in BROKERAGE if c in data.orgs.columns],
        ]
        return ui.csv_download(data.orgs[cols], f"kizuna-roles-{partition}.csv")
