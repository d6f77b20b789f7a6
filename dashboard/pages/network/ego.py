"""The network page's ego networks: an organization, its neighbours and the ties among them."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from kizuna.analytics.layout import NO_CLUSTER, local_positions
from kizuna.dashboard import components as ui
from kizuna.dashboard.data import CENTRALITIES, SnapshotData
from kizuna.dashboard.explorer import cluster_colours, node_hover, short_text
from kizuna.dashboard.i18n import t
from kizuna.dashboard.pages.network import model
from kizuna.dashboard.pages.network.figures import _axes, _org_labels, _size
from kizuna.dashboard.pages.network.links import (
    EDGE_COLOUR,
    MAX_EDGE_HOVER,
    segments,
    tie_hover,
    tie_midpoints,
)

#: Ego networks up to this size get their own layout (bigger ones keep the global one).
MAX_LOCAL_LAYOUT = 400


def ego_figure(
    data: SnapshotData,
    chosen: list[str],
    *,
    focus: str,
    centrality: str = "degree",
    labels: str = "groups",
    min_degree: int = 0,
    lang: str = "ja",
) -> Any:
    """An organization and its neighbours up to the chosen depth, with the ties among them."""
    orgs = data.orgs.loc[chosen]
    if min_degree:
        orgs = orgs[(orgs["degree"].fillna(0) >= min_degree) | (orgs.index == focus)]
    keep = set(orgs.index)
    ties = data.ties
    inside = ties["source"].isin(keep) & ties["target"].isin(keep)
    sub = ties[inside & (ties["source"] != ties["target"])]
    pos = _ego_positions(data, list(orgs.index), sub)
    fig = ui.Figure()
    index = pd.Series(np.arange(len(pos)), index=pos.index)
    x, y = pos["x"].to_numpy(dtype=float), pos["y"].to_numpy(dtype=float)
    xs, ys = segments(x, y, index[sub["source"]].to_numpy(), index[sub["target"]].to_numpy())
    fig.add_trace(
        ui.trace(
            "scattergl",
            x=xs,
            y=ys,
            mode="lines",
            hoverinfo="skip",
            showlegend=False,
            line={"color": EDGE_COLOUR, "width": 1},
        )
    )
    if 0 < len(sub) <= MAX_EDGE_HOVER:
        rows = np.nonzero(inside.to_numpy() & (ties["source"] != ties["target"]).to_numpy())[0]
        fig.add_trace(tie_midpoints(xs, ys, tie_hover(data, lang)[rows], lang))
    sizes = pd.Series(
        _size(orgs[centrality if centrality in CENTRALITIES else "degree"]), index=orgs.index
    )
    _ego_markers(fig, data, orgs, pos, sizes, lang)
    _focus_ring(fig, data, focus, pos, sizes, lang)
    if labels != "none" and focus in pos.index:
        n = int(labels[3:]) if labels.startswith("top") else 0
        show = [focus, *orgs.drop(index=[focus]).nlargest(n, "degree").index]
        at = pos.loc[show, ["x", "y"]].to_numpy(dtype=float)
        rank = np.arange(len(show), 0, -1, dtype=float)  # the focus first
        _org_labels(fig, data, np.asarray(show, dtype=object), at, rank, len(show), lang)
    title = t("net.mode_ego", lang, n=len(orgs), m=len(sub))
    return _axes(fig, title)


def _ego_positions(data: SnapshotData, chosen: list[str], sub: pd.DataFrame) -> pd.DataFrame:
    if len(chosen) <= MAX_LOCAL_LAYOUT:
        pairs = list(zip(sub["source"], sub["target"], strict=True))
        return local_positions(chosen, pairs).round(3)
    return data.positions.loc[chosen].round(3)


def _ego_markers(
    fig: Any,
    data: SnapshotData,
    orgs: pd.DataFrame,
    pos: pd.DataFrame,
    sizes: pd.Series,
    lang: str,
) -> None:
    colours = ego_colours(data)
    hover = node_hover(data, lang)
    for group, part in orgs.groupby("group", sort=False):
        fig.add_trace(
            ui.trace(
                "scattergl",
                x=pos.loc[part.index, "x"].to_numpy(dtype=float),
                y=pos.loc[part.index, "y"].to_numpy(dtype=float),
                mode="markers",
                name=short_text(data.cluster_label(str(group), lang)),
                marker={
                    "size": sizes[part.index].to_numpy(dtype=float),
                    "color": colours.get(str(group), "#9a9a9a"),
                    "line": {"width": 0.5, "color": "white"},
                },
                customdata=ui.org_customdata(part.index),
                hovertext=hover.reindex(part.index).to_numpy(dtype=object),
                hoverinfo="text",
            )
        )


def ego_colours(data: SnapshotData) -> dict[str, str]:
    """Colour of every explorer group: the overview's (clusters by the cluster palette, the
    organizations without one by their kind's group colour)."""
    ov = model.overview(data, "kind")
    colours = cluster_colours(data)
    for group in colours:
        head, _, kind = str(group).partition(":")
        key = model.loose_key("kind", kind) if head == NO_CLUSTER and kind else group
        if key in ov.code:
            colours[group] = ov.colours[ov.code[key]]
    return colours


def _focus_ring(
    fig: Any, data: SnapshotData, focus: str, pos: pd.DataFrame, sizes: pd.Series, lang: str
) -> None:
    if focus not in pos.index:
        return
    fig.add_trace(
        ui.trace(
            "scattergl",
            x=pos.loc[[focus], "x"].to_numpy(dtype=float),
            y=pos.loc[[focus], "y"].to_numpy(dtype=float),
            mode="markers",
            showlegend=False,
            marker={
                "size": float(sizes.get(focus, 9.0)) + 6,
                "color": "rgba(0,0,0,0)",
                "line": {"width": 3, "color": "#d62728"},
            },
            customdata=ui.org_customdata([focus]),
            hovertext=[node_hover(data, lang).get(focus, "")],
            hoverinfo="text",
        )
    )
