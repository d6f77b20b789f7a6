"""What-if page: add a tie or dispatch a coordinator in this browser session only, see the
change in gaps, roles and reachability; reset; export (the model is dashboard.scenario)."""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go
from dash import Dash, Input, Output, State, ctx, dcc, html, no_update

from kizuna.dashboard import components as ui
from kizuna.dashboard import ids
from kizuna.dashboard.data import DataSource, Snapshot, SnapshotData
from kizuna.dashboard.i18n import t, term
from kizuna.dashboard.pages.partners import org_options, register_org_search
from kizuna.dashboard.scenario import (
    EXACT_MAX,
    add_tie,
    after_bundle,
    dispatch,
    export_zip,
    log_text,
    node_changes,
    outcome,
    pair_changes,
    scenario_of,
)
from kizuna.graph.model import TIE_KINDS

PATH = "/whatif"
NAV_KEY = "nav.whatif"


def summary(data: SnapshotData, diff: Any, lang: str) -> Any:
    reach = diff.reachability
    items = []
    for key in ("components", "connected_pairs"):
        b, a = reach.get(f"{key}_before"), reach.get(f"{key}_after")
        if b is not None and a is not None:
            items.append(
                html.Li(
                    t(f"whatif.{key}", lang, before=f"{b:,}", after=f"{a:,}", delta=f"{a - b:+,}")
                )
            )
    return html.Ul(items, className="summary")


def pair_figure(changes: pd.DataFrame, lang: str) -> go.Figure:
    if changes.empty:
        return ui.empty_figure(t("whatif.no_pair_change", lang))
    top = changes.head(15)
    labels = [f"{a[:12]} × {b[:12]}" for a, b in zip(top["a_name"], top["b_name"], strict=True)]
    fig = go.Figure(
        [
            go.Bar(
                y=labels,
                x=top["ratio_before"],
                orientation="h",
                name=t("whatif.before", lang),
                marker_color="#9aa5b1",
            ),
            go.Bar(
                y=labels,
                x=top["ratio_after"],
                orientation="h",
                name=t("whatif.after", lang),
                marker_color="#0072B2",
            ),
        ]
    )
    fig.update_yaxes(autorange="reversed")
    return ui.base_layout(
        fig,
        barmode="group",
        title={"text": t("whatif.pairs_title", lang), "x": 0.01},
        margin={"l": 220, "r": 10, "t": 40, "b": 30},
        xaxis_title=t("gaps.ratio", lang),
    )


PAIR_COLUMNS = ("a_name", "b_name", "ratio_before", "ratio_after", "delta")
NODE_COLUMNS = (
    "name",
    "degree_before",
    "degree_after",
    "betweenness_delta",
    "participation_before",
    "participation_after",
    "role_before",
    "role_after",
)


def render(data: SnapshotData, scenario: Any, lang: str) -> tuple[Any, go.Figure]:
    """The result panel and the gap-change figure for a scenario (plain function)."""
    sc = scenario_of(scenario)
    if not sc["add_ties"] and not sc["add_nodes"]:
        return ui.notice(t("whatif.empty", lang)), ui.empty_figure(t("whatif.empty", lang))
    diff = outcome(data, sc)
    pairs = pair_changes(data, diff)
    nodes = node_changes(data, diff, sc)
    panel = html.Div(
        [
            html.H4(t("whatif.changes", lang)),
            html.Ol([html.Li(log_text(data, x, lang)) for x in sc["log"]]),
            summary(data, diff, lang),
            *(
                [ui.notice(t("whatif.no_betweenness", lang, n=f"{EXACT_MAX:,}"))]
                if len(data.bundle.nodes) > EXACT_MAX
                else []
            ),
            html.H4(t("whatif.pairs_title", lang)),
            ui.notice(t("whatif.no_pair_change", lang))
            if pairs.empty
            else ui.grid(
                ids.WHATIF_PAIRS,
                pairs,
                [(c, t(f"whatif.col_{c}", lang)) for c in PAIR_COLUMNS],
                height="220px",
            ),
            html.H4(t("whatif.roles_title", lang)),
            ui.grid(
                ids.WHATIF_NODES,
                nodes,
                [(c, t(f"whatif.col_{c}", lang)) for c in NODE_COLUMNS],
                height="260px",
            ),
        ]
    )
    return panel, pair_figure(pairs, lang)


def layout(snapshot: Snapshot, lang: str, selection: dict[str, Any]) -> html.Div:
    data = snapshot.data
    org = selection.get("id") if selection.get("kind") == "org" else None
    cluster_opts = [{"label": r.label, "value": r.id} for r in ui.rows(data.clusters)]
    first = selection.get("id") if selection.get("kind") == "cluster" else selection.get("a")
    second = selection.get("b") if selection.get("kind") == "pair" else None
    return html.Div(
        [
            html.H2(t("whatif.title", lang)),
            html.P(t("whatif.explain", lang), className="explain"),
            html.Div(
                [
                    html.H4(t("whatif.add_tie", lang)),
                    html.Div(
                        [
                            dcc.Dropdown(
                                id=ids.WHATIF_SOURCE,
                                value=org,
                                options=org_options(data, None, org),
                                placeholder=t("whatif.source", lang),
                                className="control wide",
                            ),
                            dcc.Dropdown(
                                id=ids.WHATIF_TARGET,
                                options=org_options(data, None, None),
                                placeholder=t("whatif.target", lang),
                                className="control wide",
                            ),
                            dcc.Dropdown(
                                id=ids.WHATIF_KIND,
                                value="joint_rd",
                                clearable=False,
                                options=[
                                    {"label": term("tie_kind", k, lang), "value": k}
                                    for k in TIE_KINDS
                                ],
                                className="control",
                            ),
                            html.Button(
                                t("whatif.add", lang),
                                id=ids.WHATIF_ADD,
                                className="btn btn-primary",
                            ),
                        ],
                        className="controls",
                    ),
                    html.H4(t("whatif.dispatch", lang)),
                    html.Div(
                        [
                            dcc.Dropdown(
                                id=ids.WHATIF_FROM_CLUSTER,
                                options=cluster_opts,
                                value=first,
                                placeholder=t("whatif.from_cluster", lang),
                                className="control wide",
                            ),
                            dcc.Dropdown(
                                id=ids.WHATIF_TO_CLUSTER,
                                options=cluster_opts,
                                value=second,
                                placeholder=t("whatif.to_cluster", lang),
                                className="control wide",
                            ),
                            html.Button(
                                t("whatif.dispatch_button", lang),
                                id=ids.WHATIF_DISPATCH,
                                className="btn btn-primary",
                            ),
                        ],
                        className="controls",
                    ),
                    html.Div(
                        [
                            html.Button(
                                t("whatif.reset", lang), id=ids.WHATIF_RESET, className="btn"
                            ),
                            html.Button(
                                t("whatif.export", lang), id=ids.WHATIF_EXPORT, className="btn"
                            ),
                            dcc.Download(id=ids.WHATIF_DOWNLOAD),
                        ],
                        className="toolbar",
                    ),
                ],
                className="panel",
            ),
            dcc.Loading(html.Div(id=ids.WHATIF_CHANGES)),
            ui.graph(ids.WHATIF_FIGURE, height="420px"),
        ]
    )


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
