"""The hub-roles page: its components for one snapshot."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
from dash import Patch, dcc, html

from kizuna.dashboard import components as ui
from kizuna.dashboard import grids, ids
from kizuna.dashboard.data import SnapshotData
from kizuna.dashboard.i18n import t
from kizuna.dashboard.pages.hub_roles.figures import (
    brokerage_figure,
    marked_trace,
    role_figure,
    role_trace_count,
)
from kizuna.dashboard.pages.hub_roles.model import SPOF_COLUMNS, role_columns, spof_table
from kizuna.dashboard.store_source import Snapshot


def layout(snapshot: Snapshot, lang: str, selection: dict[str, Any]) -> html.Div:
    data = snapshot.data
    spof = spof_table(data, lang)
    return html.Div(
        [
            html.H2(t("roles.title", lang)),
            html.Div(
                [
                    ui.control(
                        t("roles.partition", lang),
                        dcc.RadioItems(
                            id=ids.ROLES_PARTITION,
                            value="official",
                            inline=True,
                            options=[
                                {"label": t("roles.official", lang), "value": "official"},
                                {"label": t("roles.community", lang), "value": "community"},
                            ],
                        ),
                    ),
                    ui.csv_button(ids.ROLES_CSV, ids.ROLES_CSV_DOWNLOAD, lang),
                ],
                className="controls",
            ),
            html.Div(
                [
                    html.Div(ui.graph(ids.ROLES_FIGURE, height="560px"), className="main-col"),
                    html.Div(ui.graph(ids.ROLES_BROKERAGE, height="560px"), className="side-col"),
                ],
                className="two-col",
            ),
            html.H4(t("roles.spof", lang)),
            html.P(t("roles.spof_explain", lang), className="explain"),
            ui.notice(t("roles.no_spof", lang))
            if spof.empty
            else grids.grid(
                ids.ROLES_SPOF,
                spof,
                [(c, t(f"roles.col_{c}", lang)) for c in SPOF_COLUMNS],
                height="300px",
                row_id="id",
                selectable=True,
            ),
        ]
    )


def render(
    data: SnapshotData, partition: str | None, selection: object, lang: str | None
) -> tuple[ui.AnyFigure, go.Figure]:
    """The roles callback as a plain function: (role map, brokerage bars)."""
    lang = lang or "ja"
    if data.is_empty:
        empty = ui.empty_figure(t("empty.title", lang))
        return empty, empty
    sel = ui.selection_of(selection)
    return (
        role_figure(data, partition=partition or "official", selection=sel, lang=lang),
        brokerage_figure(data, sel, lang),
    )


def follow(
    data: SnapshotData, partition: str | None, selection: object, lang: str | None
) -> tuple[Any, Any]:
    """The roles callback when only the selection changed: (the role map's change, bars).

    The role map in the browser was drawn for this partition and language; of its traces
    only the last one, the rings around the selection, changes (a Dash ``Patch``), so a
    click does not send every organization again.
    """
    partition, lang = partition or "official", lang or "ja"
    if data.is_empty or role_columns(partition)[0] not in data.orgs.columns:
        return render(data, partition, selection, lang)
    sel = ui.selection_of(selection)
    rings = Patch()
    rings["data"][role_trace_count(data, partition)] = marked_trace(data, partition, sel, lang)
    return rings, brokerage_figure(data, sel, lang)
