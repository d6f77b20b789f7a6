"""The what-if page: its Dash callbacks (thin: they call the model, figures and layout)."""

from __future__ import annotations

from dash import Dash, Input, Output, State, ctx, dcc, no_update

from kizuna.dashboard import ids
from kizuna.dashboard.org_search import register_org_search
from kizuna.dashboard.pages.what_if.layout import render
from kizuna.dashboard.pages.what_if.model import (
    add_tie,
    after_bundle,
    dispatch,
    export_zip,
    scenario_of,
)
from kizuna.dashboard.store_source import DataSource


def register(app: Dash, source: DataSource) -> None:
    for dropdown in (ids.WHATIF_SOURCE, ids.WHATIF_TARGET):
        register_org_search(app, source, dropdown)

    @app.callback(
        Output(ids.SCENARIO, "data"),
        Input(ids.WHATIF_ADD, "n_clicks"),
        Input(ids.WHATIF_DISPATCH, "n_clicks"),
        Input(ids.WHATIF_RESET, "n_clicks"),
        State(ids.SCENARIO, "data"),
        State(ids.WHATIF_SOURCE, "value"),
        State(ids.WHATIF_TARGET, "value"),
        State(ids.WHATIF_KIND, "value"),
        State(ids.WHATIF_FROM_CLUSTER, "value"),
        State(ids.WHATIF_TO_CLUSTER, "value"),
        State(ids.LANG, "value"),
        prevent_initial_call=True,
    )
    def edit(_a, _d, _r, scenario, src, dst, kind, c_from, c_to, lang):  # type: ignore[no-untyped-def]
        data = source.peek().data
        if ctx.triggered_id == ids.WHATIF_RESET:
            return scenario_of(None)
        if ctx.triggered_id == ids.WHATIF_ADD:
            return add_tie(scenario, src, dst, kind, data, lang)
        if ctx.triggered_id == ids.WHATIF_DISPATCH:
            return dispatch(scenario, c_from, c_to, data, lang)
        return no_update

    @app.callback(
        Output(ids.WHATIF_CHANGES, "children"),
        Output(ids.WHATIF_FIGURE, "figure"),
        Input(ids.SCENARIO, "data"),
        Input(ids.LANG, "value"),
    )
    def show(scenario, lang):  # type: ignore[no-untyped-def]
        return render(source.peek().data, scenario, lang)

    @app.callback(
        Output(ids.WHATIF_DOWNLOAD, "data"),
        Input(ids.WHATIF_EXPORT, "n_clicks"),
        State(ids.SCENARIO, "data"),
        prevent_initial_call=True,
    )
    def export(_n, scenario):  # type: ignore[no-untyped-def]
        data = source.peek().data
        content = export_zip(after_bundle(data, scenario_of(scenario)))
        return dcc.send_bytes(content, "kizuna-whatif-scenario.zip")
