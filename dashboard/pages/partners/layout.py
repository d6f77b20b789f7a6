"""The partner-finder page: its components for one snapshot."""

from __future__ import annotations

from typing import Any

import pandas as pd
from dash import dcc, html

from kizuna.dashboard import components as ui
from kizuna.dashboard import grids, ids
from kizuna.dashboard.data import SnapshotData
from kizuna.dashboard.i18n import t
from kizuna.dashboard.org_search import org_options
from kizuna.dashboard.pages.partners.figures import path_figure
from kizuna.dashboard.pages.partners.model import partner_table, partners
from kizuna.dashboard.store_source import Snapshot

GRID_COLUMNS = ("rank", "name", "cluster_name", "score", "reasons", "broker_name", "gap_gain")


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
                                {"label": data.cluster_label(r.id, lang), "value": r.id}
                                for r in ui.rows(data.clusters)
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
                    grids.grid(
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
    focus = data.org_label(org, lang) if org else data.cluster_label(cluster, lang)
    if found.empty:
        return (
            [],
            ui.notice(t("partners.none_for", lang, name=focus), kind="warning"),
            ui.empty_figure(t("partners.none", lang)),
        )
    rows = grids.records(partner_table(data, found, lang))
    status = ui.notice(t("partners.found", lang, n=len(found), name=focus))
    return rows, status, path_figure(data, found, None, lang)
