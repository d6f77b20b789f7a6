"""The national map page: its Dash callbacks (thin: they call the model, figures and layout)."""

from __future__ import annotations

from functools import partial
from typing import Any

from dash import ALL, Dash, Input, Output, State, ctx, no_update

from kizuna.dashboard import components as ui
from kizuna.dashboard import ids, urlstate
from kizuna.dashboard.pages.national_map.layout import render
from kizuna.dashboard.pages.national_map.model import (
    PHASE_PRESETS,
    arcs,
    filter_ties,
    selection_from_click,
    year_bounds,
)
from kizuna.dashboard.store_source import DataSource
from kizuna.graph.model import CONFIDENCE_LEVELS


def register(app: Dash, source: DataSource) -> None:
    @app.callback(
        Output(ids.MAP_YEARS, "value"),
        Input(ids.MAP_PHASE, "value"),
        prevent_initial_call=True,
    )
    def phase_preset(phase: str) -> list[int]:
        low, high = year_bounds(source.peek().data)
        if phase in PHASE_PRESETS:
            first, last = PHASE_PRESETS[phase]
            return [max(first, low), min(last, high)]
        return [low, high]

    @app.callback(
        Output(ids.MAP_FIGURE, "figure"),
        Output(ids.MAP_DETAILS, "children"),
        Input(ids.MAP_TIE_KINDS, "value"),
        Input(ids.MAP_CONFIDENCE, "value"),
        Input(ids.MAP_YEARS, "value"),
        Input(ids.MAP_COLOR_BY, "value"),
        Input(ids.SELECTION, "data"),
        State(ids.LANG, "value"),
    )
    def update_map(kinds, confidence, years, color_by, selection, lang):  # type: ignore[no-untyped-def]
        data = source.peek().data
        try:
            return data.view(
                "map", partial(render, data), kinds, confidence, years, color_by, selection, lang
            )
        finally:
            data.first_view.set()  # the rest of the warm-up may start now

    ui.register_click_selection(app, ids.MAP_FIGURE, selection_from_click)

    @app.callback(
        Output(ids.URL, "search", allow_duplicate=True),
        Output({"type": ids.NAV_LINK, "page": ALL}, "href", allow_duplicate=True),
        Input(ids.MAP_TIE_KINDS, "value"),
        Input(ids.MAP_CONFIDENCE, "value"),
        Input(ids.MAP_YEARS, "value"),
        Input(ids.MAP_COLOR_BY, "value"),
        State(ids.URL, "search"),
        prevent_initial_call=True,
    )
    def share_filters(kinds, confidence, years, color_by, search):  # type: ignore[no-untyped-def]
        low, high = year_bounds(source.peek().data)
        query = urlstate.parse(search)
        query.update(
            urlstate.map_query(
                kinds, confidence, years, color_by, defaults=(CONFIDENCE_LEVELS, low, high)
            )
        )
        # the nav links' ids name their pages (the shell draws one link per page)
        return urlstate.share(query, [o["id"]["page"] for o in ctx.outputs_list[1]])

    @app.callback(
        Output(ids.SELECTION, "data", allow_duplicate=True),
        Output(ids.MAP_CLUSTER, "value"),
        Input(ids.MAP_CLUSTER, "value"),
        prevent_initial_call=True,
    )
    def pick_cluster(cluster: Any) -> Any:
        """The picker is a "go to": it selects its cluster and empties itself (the header
        shows the selection), so picking the same cluster again works too."""
        if not cluster:
            return no_update, no_update
        return {"kind": "cluster", "id": cluster}, None

    @app.callback(
        Output(ids.MAP_CSV_DOWNLOAD, "data"),
        Input(ids.MAP_CSV, "n_clicks"),
        State(ids.MAP_TIE_KINDS, "value"),
        State(ids.MAP_CONFIDENCE, "value"),
        State(ids.MAP_YEARS, "value"),
        State(ids.LANG, "value"),
        prevent_initial_call=True,
    )
    def download(_n, kinds, confidence, years, lang):  # type: ignore[no-untyped-def]
        data = source.peek().data
        table = arcs(data, filter_ties(data, tie_kinds=kinds, confidence=confidence, years=years))
        table.insert(2, "b_name", [data.place_label(p, lang) for p in table["b"]])
        table.insert(1, "a_name", [data.place_label(p, lang) for p in table["a"]])
        return ui.csv_download(table, "kizuna-map-arcs.csv")
