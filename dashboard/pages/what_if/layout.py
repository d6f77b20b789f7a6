"""The what-if page: its components for one snapshot."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
from dash import dcc, html

from kizuna.analytics.api import WhatIfDiff
from kizuna.dashboard import components as ui
from kizuna.dashboard import grids, ids
from kizuna.dashboard.data import SnapshotData
from kizuna.dashboard.i18n import role_label, t, term
from kizuna.dashboard.org_search import org_options
from kizuna.dashboard.pages.what_if.figures import pair_figure
from kizuna.dashboard.pages.what_if.model import (
    EXACT_MAX,
    log_text,
    node_changes,
    outcome,
    pair_changes,
    scenario_of,
)
from kizuna.dashboard.store_source import Snapshot
from kizuna.graph.model import TIE_KINDS


def summary(data: SnapshotData, diff: WhatIfDiff, lang: str) -> html.Ul:
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


def render(data: SnapshotData, scenario: object, lang: str) -> tuple[Any, go.Figure]:
    """The result panel and the gap-change figure for a scenario (plain function)."""
    sc = scenario_of(scenario)
    if not sc["add_ties"] and not sc["add_nodes"]:
        return ui.notice(t("whatif.empty", lang)), ui.empty_figure(t("whatif.empty", lang))
    diff = outcome(data, sc)
    pairs = pair_changes(data, diff)
    nodes = node_changes(data, diff, sc)
    for column in ("role_before", "role_after"):  # by name, the R-code beside
        nodes[column] = [role_label(r, lang) for r in nodes[column]]
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
            else grids.grid(
                ids.WHATIF_PAIRS,
                pairs,
                [(c, t(f"whatif.col_{c}", lang)) for c in PAIR_COLUMNS],
                height="220px",
            ),
            html.H4(t("whatif.roles_title", lang)),
            grids.grid(
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
    return html.Div(
        [
            html.H2(t("whatif.title", lang)),
            html.P(t("whatif.explain", lang), className="explain"),
            html.Div(
                [
                    *_add_tie_controls(data, selection, lang),
                    *_dispatch_controls(data, selection, lang),
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


def _add_tie_controls(data: SnapshotData, selection: dict[str, Any], lang: str) -> list[Any]:
    """A new tie: its two organizations (the selected one first) and its kind."""
    org = selection.get("id") if selection.get("kind") == "org" else None
    return [
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
                    options=[{"label": term("tie_kind", k, lang), "value": k} for k in TIE_KINDS],
                    className="control",
                ),
                html.Button(t("whatif.add", lang), id=ids.WHATIF_ADD, className="btn btn-primary"),
            ],
            className="controls",
        ),
    ]


def _dispatch_controls(data: SnapshotData, selection: dict[str, Any], lang: str) -> list[Any]:
    """A coordinator dispatched from one cluster to another (the selected ones first)."""
    cluster_opts = [
        {"label": data.cluster_label(r.id, lang), "value": r.id} for r in ui.rows(data.clusters)
    ]
    first = selection.get("id") if selection.get("kind") == "cluster" else selection.get("a")
    second = selection.get("b") if selection.get("kind") == "pair" else None
    return [
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
    ]
