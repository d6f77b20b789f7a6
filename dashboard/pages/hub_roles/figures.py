"""The hub-roles page: its plotly figures."""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go

from kizuna.dashboard import components as ui
from kizuna.dashboard.data import SnapshotData
from kizuna.dashboard.i18n import label_column, role_label, t, term
from kizuna.dashboard.names import short_name
from kizuna.dashboard.pages.hub_roles.model import (
    BROKERAGE,
    ROLE_REGIONS,
    brokers_for,
    role_columns,
)


def role_figure(
    data: SnapshotData,
    *,
    partition: str = "official",
    selection: dict[str, Any] | None = None,
    lang: str = "ja",
) -> ui.AnyFigure:
    """P (participation) against z (within-module degree), regions R1–R7 shaded."""
    p_col, z_col, role_col = role_columns(partition)
    orgs = data.orgs
    role: Any
    if p_col not in orgs.columns:
        return ui.empty_figure(t("roles.no_partition", lang))
    z = orgs[z_col].astype(float)
    low = min(float(z.min()) - 0.5, -1.0) if len(z) else -1.0
    high = max(float(z.max()) + 0.5, 4.0) if len(z) else 4.0
    fig = ui.Figure()
    for role, p0, p1, z0, z1 in ROLE_REGIONS:
        y0, y1 = (low if z0 is None else z0), (high if z1 is None else z1)
        fig.add_shape(
            type="rect",
            x0=p0,
            x1=p1,
            y0=y0,
            y1=y1,
            layer="below",
            fillcolor=ui.ROLE_COLOURS[role],
            opacity=0.15,
            line={"width": 0.5, "color": "#999"},
        )
        fig.add_annotation(
            x=(p0 + p1) / 2,
            y=y1 - 0.25 if z1 is not None else high - 0.3,
            text=f"<b>{term('role', role, lang)}</b><br>({role})",
            showarrow=False,
            font={"size": 10, "color": "#333"},
            textangle=-90 if p1 - p0 < 0.1 else 0,
        )
    hover = role_hover(data, partition, lang)
    for role, part in orgs.groupby(role_col, sort=True):
        fig.add_trace(
            ui.trace(
                "scattergl",
                x=part[p_col].to_numpy(dtype=float).round(3),  # finer than the plot shows
                y=part[z_col].to_numpy(dtype=float).round(3),
                mode="markers",
                name=role_label(role, lang),
                marker={
                    "size": 9,
                    "color": ui.ROLE_COLOURS.get(str(role), "#777"),
                    "line": {"width": 0.5, "color": "#333"},
                },
                customdata=ui.org_customdata(part.index),
                hovertext=hover.reindex(part.index).to_numpy(dtype=object),
                hoverinfo="text",
            )
        )
    fig.add_trace(marked_trace(data, partition, selection, lang))  # always last (see follow)
    fig.update_xaxes(
        range=[-0.02, 1.02], title=t("roles.p_axis", lang), zeroline=False, showgrid=False
    )
    fig.update_yaxes(
        range=[low, high], title=t("roles.z_axis", lang), zeroline=False, showgrid=False
    )
    return ui.base_layout(
        fig,
        title={"text": t(f"roles.title_{partition}", lang), "x": 0.01},
        hovermode="closest",
        margin={"l": 60, "r": 10, "t": 40, "b": 50},
    )


def marked_trace(
    data: SnapshotData, partition: str, selection: dict[str, Any] | None, lang: str
) -> ui.Node:
    """The red rings around the selected organization or cluster (an empty trace without)."""
    p_col, z_col, _ = role_columns(partition)
    orgs = data.orgs
    sel = selection or {}
    chosen_cluster = sel.get("id") if sel.get("kind") == "cluster" else None
    focus = sel.get("id") if sel.get("kind") == "org" else None
    marked = (
        orgs[(orgs.index == focus) | (orgs["group"] == chosen_cluster)]
        if (focus or chosen_cluster)
        else orgs.iloc[0:0]
    )
    return ui.trace(
        "scattergl",
        x=marked[p_col].to_numpy(dtype=float),
        y=marked[z_col].to_numpy(dtype=float),
        mode="markers",
        name=t("roles.selected", lang),
        showlegend=bool(len(marked)),
        marker={
            "size": 16 if focus else 12,
            "color": "rgba(0,0,0,0)",
            "line": {"width": 3, "color": "#d62728"},
        },
        customdata=ui.org_customdata(marked.index),
        hovertext=role_hover(data, partition, lang).reindex(marked.index).to_numpy(dtype=object),
        hoverinfo="text",
    )


def role_trace_count(data: SnapshotData, partition: str) -> int:
    """How many role traces the role map draws before the selection's rings."""
    return int(data.orgs[role_columns(partition)[2]].nunique(dropna=True))


def role_hover(data: SnapshotData, partition: str, lang: str) -> pd.Series:
    """Hover text of every organization on the role map (cached per snapshot)."""

    def build() -> pd.Series:
        p_col, z_col, role_col = role_columns(partition)
        orgs = data.orgs
        text = (
            "<b>"
            + orgs[label_column(lang)].astype(str)
            + "</b><br>"
            + orgs["group"].map(lambda g: data.cluster_label(g, lang)).astype(str)
            + "<br>P="
            + orgs[p_col].map("{:.3f}".format)
            + " z="
            + orgs[z_col].map("{:.2f}".format)
            + " · "
            + orgs[role_col].map(lambda r: role_label(r, lang)).astype(str)
        )
        return text

    result: pd.Series = data.memo(f"role_hover|{partition}|{lang}", build)
    return result


def brokerage_figure(data: SnapshotData, selection: dict[str, Any], lang: str) -> go.Figure:
    table = brokers_for(data, selection)
    if table.empty:
        return ui.empty_figure(t("roles.no_brokers", lang))
    fig = go.Figure()
    ticks = [short_name(data, org, lang) for org in table.index]
    full = [data.org_label(org, lang) for org in table.index]
    for n, role in enumerate(c for c in BROKERAGE if c in table.columns):
        name = t(f"broker.{role}", lang)
        fig.add_trace(
            go.Bar(
                y=ticks,
                x=table[role],
                orientation="h",
                name=name,
                marker_color=ui.colour_of(n),
                customdata=full,
                hovertemplate=f"<b>%{{customdata}}</b><br>{name}: %{{x}}<extra></extra>",
            )
        )
    fig.update_yaxes(autorange="reversed")
    return ui.base_layout(
        fig,
        barmode="stack",
        title={"text": t("roles.brokerage", lang), "x": 0.01},
        margin={"l": 200, "r": 10, "t": 40, "b": 30},
        xaxis_title=t("roles.two_paths", lang),
    )
