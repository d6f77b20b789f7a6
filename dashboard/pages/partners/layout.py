"""Partner finder: ranked partners in other clusters, their reasons, the path through a broker."""

from __future__ import annotations

from typing import Any

import pandas as pd
from dash import Dash, Input, Output, State, dcc, html, no_update

from kizuna.dashboard import components as ui
from kizuna.dashboard import ids
from kizuna.dashboard.data import DataSource, Snapshot, SnapshotData
from kizuna.dashboard.i18n import t
from kizuna.dashboard.text import search

PATH = "/partners"
NAV_KEY = "nav.partners"
K = 10
GRID_COLUMNS = ("rank", "name", "cluster_name", "score", "reasons", "broker_name", "gap_gain")


def partners(
    data: SnapshotData, *, org: str | None = None, cluster: str | None = None, k: int = K
) -> pd.DataFrame:
    """analytics' suggest_partners for an organization or a cluster, cached per snapshot."""
    key = f"partners|{org}|{cluster}|{k}"

    def compute() -> pd.DataFrame:
        return data.partner_finder.suggest(org=org, cluster=cluster, k=k)

    result: pd.DataFrame = data.memo(key, compute)
    return result


def partner_table(data: SnapshotData, found: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Grid rows: names, clusters and reasons in the UI language."""
    reasons = found["reasons_ja" if lang == "ja" else "reasons_en"]
    return pd.DataFrame(
        {
            "rank": found["rank"].to_numpy(),
            "candidate": found["candidate"].to_numpy(),
            "name": [data.org_label(c) for c in found["candidate"]],
            "cluster_name": [data.cluster_label(c) for c in found["cluster"]],
            "score": found["score"].astype(float).round(3).to_numpy(),
            "reasons": ["; ".join(r) if isinstance(r, list | tuple) else str(r) for r in reasons],
            "broker_name": [
                data.org_label(b) if isinstance(b, str) and b else "—" for b in found["broker"]
            ],
            "gap_gain": found["gap_gain"].astype(float).round(3).to_numpy(),
        }
    )


def path_figure(
    data: SnapshotData, found: pd.DataFrame, candidate: str | None, lang: str
) -> ui.AnyFigure:
    """The existing path from the focus to one candidate, the broker in red, the proposed
    tie dashed."""
    if found.empty:
        return ui.empty_figure(t("partners.none", lang))
    row = found[found["candidate"] == candidate] if candidate else found.head(1)
    if row.empty:
        row = found.head(1)
    rec = row.iloc[0]
    path = [str(p) for p in (rec["path"] if isinstance(rec["path"], list | tuple) else [])]
    cand = str(rec["candidate"])
    if not path:
        path = [cand]
    xs = list(range(len(path)))
    ys = [0.0] * len(path)
    fig = ui.Figure()
    if len(path) > 1:
        fig.add_trace(
            ui.trace(
                "scatter",
                x=xs,
                y=ys,
                mode="lines",
                line={"color": "#555", "width": 3},
                hoverinfo="skip",
                name=t("partners.existing_path", lang),
            )
        )
        fig.add_trace(
            ui.trace(
                "scatter",
                x=[0, len(path) / 2 - 0.5, len(path) - 1],
                y=[0, 0.9, 0],
                mode="lines",
                line={"color": "#2ca02c", "width": 3, "dash": "dash", "shape": "spline"},
                hoverinfo="skip",
                name=t("partners.proposed_tie", lang),
            )
        )
    broker = rec["broker"] if isinstance(rec["broker"], str) else None
    colours = [
        "#d62728" if p == broker else "#0072B2" if i == 0 else "#2ca02c" if p == cand else "#999"
        for i, p in enumerate(path)
    ]
    fig.add_trace(
        ui.trace(
            "scatter",
            x=xs,
            y=ys,
            mode="markers+text",
            marker={"size": 26, "color": colours},
            text=[data.org_label(p)[:22] for p in path],
            textposition="bottom center",
            customdata=[["org", p] for p in path],
            hovertext=[
                f"{data.org_label(p)}<br>{data.cluster_label(str(data.orgs.at[p, 'group']))}"
                if p in data.orgs.index
                else p
                for p in path
            ],
            hoverinfo="text",
            showlegend=False,
        )
    )
    if broker:
        fig.add_annotation(
            x=path.index(broker) if broker in path else 0,
            y=0.25,
            text=t("partners.broker", lang),
            showarrow=False,
            font={"color": "#d62728"},
        )
    fig.update_xaxes(visible=False, range=[-0.7, max(len(path) - 0.3, 1)])
    fig.update_yaxes(visible=False, range=[-0.8, 1.3])
    title = f"{data.org_label(path[0])} → {data.org_label(cand)}"
    if len(path) <= 1:
        title += " — " + t("partners.no_path", lang)
    return ui.base_layout(
        fig, title={"text": title, "x": 0.01}, legend={"orientation": "h", "y": -0.05}
    )


def org_options(data: SnapshotData, query: str | None, keep: str | None) -> list[dict[str, str]]:
    found = search(data.search_keys, query, rank=data.orgs["degree"], limit=30) if query else []
    if keep and keep in data.orgs.index and keep not in found:
        found = [keep, *found]
    if not found:
        found = list(data.orgs["degree"].sort_values(ascending=False).index[:30])
    return [{"label": data.org_label(i), "value": i} for i in found]


def register_org_search(app: Dash, source: DataSource, dropdown: str) -> None:
    """Refill the options of the organization dropdown ``dropdown`` as the user types."""

    @app.callback(
        Output(dropdown, "options"),
        Input(dropdown, "search_value"),
        State(dropdown, "value"),
        prevent_initial_call=True,
    )
    def org_search(query, value):  # type: ignore[no-untyped-def]
        if not query:
            return no_update
        return org_options(source.peek().data, query, value)


def layout(snapshot: Snapshot, lang: str, selection: dict[str, Any]) -> html.Div:
    data = snapshot.data
    org = selection.get("id") if selection.get("kind") == "org" else None
    cluster = selection.get("id") if selection.get("kind") == "cluster" else None
    return html.Div(
        [
            html.H2(t("partners.title", lang)),
            html.P(t("partners.explain", lang), className="explain"),
            html.Div(
                [
                    ui.control(
                        t("partners.org", lang),
                        dcc.Dropdown(
                            id=ids.PARTNER_ORG,
                            value=org,
                            options=org_options(data, None, org),
                            placeholder=t("partners.org_placeholder", lang),
                        ),
                        "control wide",
                    ),
                    ui.control(
                        t("partners.cluster", lang),
                        dcc.Dropdown(
                            id=ids.PARTNER_CLUSTER,
                            value=cluster,
                            options=[
                                {"label": r.label, "value": r.id} for r in ui.rows(data.clusters)
                            ],
                            placeholder=t("partners.cluster_placeholder", lang),
                        ),
                        "control wide",
                    ),
                    html.Button(
                        t("partners.run", lang), id=ids.PARTNER_RUN, className="btn btn-primary"
                    ),
                    ui.csv_button(ids.PARTNER_CSV, ids.PARTNER_CSV_DOWNLOAD, lang),
                ],
                className="controls",
            ),
            html.Div(id=ids.PARTNER_STATUS),
            dcc.Loading(
                html.Div(
                    ui.grid(
                        ids.PARTNER_GRID,
                        pd.DataFrame(columns=list(GRID_COLUMNS)),
                        [(c, t(f"partners.col_{c}", lang)) for c in GRID_COLUMNS],
                        height="330px",
                        row_id="candidate",
                        selectable=True,
                    )
                )
            ),
            ui.graph(ids.PARTNER_FIGURE, height="300px"),
        ]
    )


def run(
    data: SnapshotData, org: str | None, cluster: str | None, lang: str
) -> tuple[list[dict[str, Any]], Any, ui.AnyFigure]:
    """The finder callback as a plain function: (grid rows, status, path figure)."""
    if not org and not cluster:
        return [], ui.notice(t("partners.choose", lang)), ui.empty_figure("")
    if org and org not in data.orgs.index:
        return (
            [],
            ui.notice(t("common.not_found", lang, name=org), kind="warning"),
            ui.empty_figure(""),
        )
    if cluster and not org and cluster not in set(data.orgs["cluster"].dropna()):
        return [], ui.notice(t("partners.empty_cluster", lang), kind="warning"), ui.empty_figure("")
    found = partners(data, org=org or None, cluster=None if org else cluster)
    focus = data.org_label(org) if org else data.cluster_label(cluster)
    if found.empty:
        return (
            [],
            ui.notice(t("partners.none_for", lang, name=focus), kind="warning"),
            ui.empty_figure(t("partners.none", lang)),
        )
    rows = ui.records(partner_table(data, found, lang))
    status = ui.notice(t("partners.found", lang, n=len(found), name=focus))
    return rows, status, path_figure(data, found, None, lang)


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
        return run(source.peek().data, org, cluster, lang)

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
