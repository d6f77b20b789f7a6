"""The partner-finder page: its Dash callbacks (thin: they call the model, figures and layout)."""

from __future__ import annotations

from functools import partial

import pandas as pd
from dash import Dash, Input, Output, State, no_update

from kizuna.dashboard import components as ui
from kizuna.dashboard import ids
from kizuna.dashboard.org_search import register_org_search
from kizuna.dashboard.pages.partners.figures import path_figure
from kizuna.dashboard.pages.partners.layout import run
from kizuna.dashboard.pages.partners.model import partners
from kizuna.dashboard.store_source import DataSource


def register(app: Dash, source: DataSource) -> None:
    register_org_search(app, source, ids.PARTNER_ORG)

    @app.callback(
        Output(ids.PARTNER_GRID, "rowData"),
        Output(ids.PARTNER_STATUS, "children"),
        Output(ids.PARTNER_FIGURE, "figure"),
        Input(ids.PARTNER_RUN, "n_clicks"),
        State(ids.PARTNER_ORG, "value"),
        State(ids.PARTNER_CLUSTER, "value"),
        State(ids.LANG, "value"),
        prevent_initial_call=True,
    )
    def find(_n, org, cluster, lang):  # type: ignore[no-untyped-def]
        data = source.peek().data
        return data.view("partners", partial(run, data), org, cluster, lang)

    @app.callback(
        Output(ids.PARTNER_FIGURE, "figure", allow_duplicate=True),
        Input(ids.PARTNER_GRID, "cellClicked"),
        State(ids.PARTNER_ORG, "value"),
        State(ids.PARTNER_CLUSTER, "value"),
        State(ids.LANG, "value"),
        prevent_initial_call=True,
    )
    def show_path(cell, org, cluster, lang):  # type: ignore[no-untyped-def]
        candidate = (cell or {}).get("rowId")
        if not candidate or not (org or cluster):
            return no_update
        data = source.peek().data
        found = partners(data, org=org or None, cluster=None if org else cluster)
        return path_figure(data, found, candidate, lang)

    @app.callback(
        Output(ids.PARTNER_CSV_DOWNLOAD, "data"),
        Input(ids.PARTNER_CSV, "n_clicks"),
        State(ids.PARTNER_GRID, "rowData"),
        prevent_initial_call=True,
    )
    def download(_n, rows):  # type: ignore[no-untyped-def]
        return ui.csv_download(pd.DataFrame(rows or []), "kizuna-partners.csv")
