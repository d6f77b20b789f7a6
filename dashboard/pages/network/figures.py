"""The network page's figures: the super-node overview (some groups expanded) and ego networks.

Drawn with Plotly: WebGL (``scattergl``) for organizations and their ties, which stays
responsive at thousands of markers, plain ``scatter`` for the few super-nodes (text labels,
reliable clicks).  Positions come from :mod:`.model` (computed once per snapshot).
"""

from __future__ import annotations

import functools
import math
from typing import Any

import numpy as np
import pandas as pd

from kizuna.dashboard import components as ui
from kizuna.dashboard.data import CENTRALITIES, SnapshotData
from kizuna.dashboard.explorer import node_hover, short_text
from kizuna.dashboard.i18n import label_column, t
from kizuna.dashboard.pages.network import links, model, placement, state, views
from kizuna.plots import geo

#: At most this many drawn search matches are named.
MAX_MATCH_LABELS = 15
#: Up to this many organizations drawn, their hover tells kind, cluster, region and metrics.
MAX_FULL_HOVER = 600


def _size(values: pd.Series | np.ndarray, top: float | None = None) -> np.ndarray:
    v = np.nan_to_num(np.asarray(values, dtype=float))
    top = float(v.max()) if top is None and len(v) else (top or 0.0)
    if top <= 0:
        return np.full(len(v), 9.0)
    return np.round(7 + 16 * np.sqrt(np.clip(v / top, 0, 1)), 1)


def _axes(fig: Any, title: str, layout: str = "force") -> Any:
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False, scaleanchor="x")
    return ui.base_layout(
        fig,
        title={"text": title, "x": 0.01, "font": {"size": 14}},
        hovermode="closest",
        dragmode="pan",
        clickmode="event",
        uirevision=layout,
        legend={
            "itemsizing": "constant",
            "orientation": "h",
            "y": -0.02,
            "yanchor": "top",
            "font": {"size": 10},
        },
    )


# -- the overview ------------------------------------------------------------------------------
def overview_figure(
    data: SnapshotData,
    ov: model.Overview,
    v: views.View,
    *,
    layout: str = "force",
    labels: str = "groups",
    centrality: str = "degree",
    found: np.ndarray | None = None,
    lang: str = "ja",
) -> Any:
    """Super-nodes for the closed groups, organizations for the expanded ones, and the ties
    between whatever is drawn (counted, with the counts in the hover); the organizations
    matching a search are named, the closed groups holding matches ringed."""
    centres, xy = views.positions(ov, v, layout)
    fig = ui.Figure()
    if layout == "geo":
        _geo_backdrop(fig, data, ov, v, lang)
    cx, cy = centres["x"].to_numpy(), centres["y"].to_numpy()
    if len(v.orgs) <= links.MAX_ORG_LINKS:
        links.group_links(fig, data, ov, v.group_links, cx, cy, lang)
        links.org_links(fig, v, xy, cx, cy)
    else:  # many organizations: their ties to a closed group as one line from their group
        links.group_links(
            fig, data, ov, pd.concat([v.group_links, links.open_links(ov, v)]), cx, cy, lang
        )
    links.org_ties(fig, data, ov, v, xy, lang)
    for code in v.expanded:  # a dashed ring around each expanded group
        r = float(centres["radius"].iloc[code])
        fig.add_shape(
            type="circle",
            x0=cx[code] - r,
            x1=cx[code] + r,
            y0=cy[code] - r,
            y1=cy[code] + r,
            line={"color": ov.colours[code], "width": 1, "dash": "dot"},
            layer="below",
        )
    _supernodes(fig, data, ov, v, cx, cy, labels, lang)
    _organizations(fig, data, ov, v, xy, centrality, lang)
    _handles(fig, data, ov, v, centres, labels, lang)
    if labels.startswith("top") and len(v.orgs):
        _org_labels(fig, data, ov.org_ids[v.orgs], xy, ov.degree[v.orgs], int(labels[3:]), lang)
    if found is not None and len(found):
        _matches(fig, data, ov, v, found, xy, cx, cy, lang)
    shown = int(v.collapsed.size) + int(v.orgs.size)
    title = t(
        "net.mode_overview", lang, groups=len(ov.keys), orgs=len(ov.org_ids), ties=len(ov.tie_a)
    )
    if len(v.expanded):
        title += t("net.expanded_count", lang, n=len(v.expanded), shown=shown)
    return _axes(fig, title, layout)


def _geo_backdrop(
    fig: Any, data: SnapshotData, ov: model.Overview, v: views.View, lang: str
) -> None:
    xs, ys = _outline()
    fig.add_trace(
        ui.trace(
            "scatter",
            x=xs,
            y=ys,
            mode="lines",
            fill="toself",
            fillcolor="#f3f3f0",
            line={"color": "#d4d4cc", "width": 0.6},
            hoverinfo="skip",
            showlegend=False,
        )
    )
    unplaced = [
        c for c in v.collapsed if (loose := model.parse_loose(ov.keys[c])) and loose[0] == "kind"
    ]
    if unplaced:
        scale = math.cos(math.radians(geo.MID_LAT))
        fig.add_annotation(
            x=placement.GEO_UNPLACED[0] * scale,
            y=placement.GEO_UNPLACED[1] + 1.2,
            text=t("net.geo_unplaced", lang),
            showarrow=False,
            font={"size": 11, "color": "#555"},
        )


@functools.cache
def _outline() -> tuple[list[float | None], list[float | None]]:
    """The prefecture outlines in the geographic layout's coordinates (x = lon·cos 36°)."""
    scale = math.cos(math.radians(geo.MID_LAT))
    xs, ys = geo.outline_xy()
    return (
        [None if x is None else round(x * scale, 3) for x in xs],
        [None if y is None else round(y, 3) for y in ys],
    )


def _supernodes(
    fig: Any,
    data: SnapshotData,
    ov: model.Overview,
    v: views.View,
    cx: np.ndarray,
    cy: np.ndarray,
    labels: str,
    lang: str,
) -> None:
    """One marker per closed group: size by its organizations, colour by cluster."""
    codes = v.collapsed
    if not len(codes):
        return
    full, short = state.names(data, ov, lang)
    names = [full[c] for c in codes]
    fig.add_trace(
        ui.trace(
            "scatter",
            x=cx[codes],
            y=cy[codes],
            mode="markers" if labels == "none" else "markers+text",
            text=None if labels == "none" else [short[c] for c in codes],
            textposition="top center",
            textfont={"size": 11},
            marker={
                "size": placement.marker_px(ov.members)[codes],
                "color": [ov.colours[c] for c in codes],
                "symbol": ["circle" if ov.is_cluster[c] else "diamond" for c in codes],
                "opacity": 0.88,
                "line": {"width": 1, "color": "white"},
            },
            customdata=[["group", ov.keys[c]] for c in codes],
            hovertext=[
                f"<b>{name}</b><br>"
                + t("net.members", lang, n=int(ov.members[c]), m=int(ov.internal[c]))
                + f"<br>{t('net.click_expand', lang)}"
                for c, name in zip(codes, names, strict=True)
            ],
            hoverinfo="text",
            showlegend=False,
        )
    )


def _organizations(
    fig: Any,
    data: SnapshotData,
    ov: model.Overview,
    v: views.View,
    xy: np.ndarray,
    centrality: str,
    lang: str,
) -> None:
    """The organizations of the expanded groups, one trace (legend entry) per group."""
    if not len(v.orgs):
        return
    centrality = centrality if centrality in CENTRALITIES else "degree"
    values = data.orgs[centrality].to_numpy(dtype=float)
    top = float(np.nanmax(values)) if len(values) else 0.0
    sizes = _size(values[v.orgs], top)
    if len(v.orgs) <= MAX_FULL_HOVER:
        hover = node_hover(data, lang).to_numpy(dtype=object)
    else:  # the name only (a click shows the rest): a payload a third of the size
        hover = data.orgs[label_column(lang)].to_numpy(dtype=object)
    groups = ov.org_group[v.orgs]
    for code in v.expanded:
        part = groups == code
        if not part.any():
            continue
        orgs = v.orgs[part]
        fig.add_trace(
            ui.trace(
                "scattergl",
                x=xy[part, 0],
                y=xy[part, 1],
                mode="markers",
                name=short_text(state.names(data, ov, lang)[0][code]),
                marker={
                    "size": sizes[part],
                    "color": ov.colours[code],
                    "line": {"width": 0.5, "color": "white"},
                },
                customdata=ui.org_customdata(ov.org_ids[orgs]),
                hovertext=hover[orgs],
                hoverinfo="text",
            )
        )


def _handles(
    fig: Any,
    data: SnapshotData,
    ov: model.Overview,
    v: views.View,
    centres: pd.DataFrame,
    labels: str,
    lang: str,
) -> None:
    """A small "collapse" marker above each expanded group (click it to close the group)."""
    if not len(v.expanded):
        return
    codes = v.expanded
    cx = centres["x"].to_numpy()[codes]
    cy = centres["y"].to_numpy()[codes] + centres["radius"].to_numpy()[codes] * 1.04
    full, short = state.names(data, ov, lang)
    names = [full[c] for c in codes]
    fig.add_trace(
        ui.trace(
            "scatter",
            x=cx,
            y=cy,
            mode="markers" if labels == "none" else "markers+text",
            text=None if labels == "none" else [f"⊖ {short[c]}" for c in codes],
            textposition="top center",
            textfont={"size": 11, "color": "#333"},
            marker={
                "size": 14,
                "symbol": "circle-x",
                "color": "white",
                "line": {"width": 2, "color": [ov.colours[c] for c in codes]},
            },
            customdata=[["group", ov.keys[c]] for c in codes],
            hovertext=[f"<b>{name}</b><br>{t('net.click_collapse', lang)}" for name in names],
            hoverinfo="text",
            showlegend=False,
        )
    )


def _matches(
    fig: Any,
    data: SnapshotData,
    ov: model.Overview,
    v: views.View,
    found: np.ndarray,
    xy: np.ndarray,
    cx: np.ndarray,
    cy: np.ndarray,
    lang: str,
) -> None:
    """Search matches: drawn ones named (in red), closed groups holding some ringed."""
    row = np.full(len(ov.org_ids), -1, dtype=np.int64)
    row[v.orgs] = np.arange(len(v.orgs))
    drawn = found[row[found] >= 0][:MAX_MATCH_LABELS]
    for code in drawn:
        i = row[code]
        fig.add_annotation(
            x=float(xy[i, 0]),
            y=float(xy[i, 1]),
            text=short_text(data.org_label(str(ov.org_ids[code]), lang), 18),
            showarrow=True,
            arrowcolor="#d62728",
            arrowhead=0,
            ax=0,
            ay=-22,
            font={"size": 11, "color": "#d62728"},
            bgcolor="rgba(255,255,255,0.85)",
        )
    is_closed = np.zeros(len(ov.keys), dtype=bool)
    is_closed[v.collapsed] = True
    groups, counts = np.unique(ov.org_group[found], return_counts=True)
    keep = is_closed[groups]
    groups, counts = groups[keep], counts[keep]
    if not len(groups):
        return
    px = placement.marker_px(ov.members)[groups]
    names = state.names(data, ov, lang)[0]
    fig.add_trace(
        ui.trace(
            "scatter",
            x=cx[groups],
            y=cy[groups],
            mode="markers",
            marker={
                "size": px + 10,
                "symbol": "circle-open",
                "color": "#d62728",
                "line": {"width": 3, "color": "#d62728"},
            },
            customdata=[["group", ov.keys[g]] for g in groups],
            hovertext=[
                f"<b>{names[g]}</b><br>{t('net.matches_inside', lang, n=int(n))}"
                for g, n in zip(groups, counts, strict=True)
            ],
            hoverinfo="text",
            showlegend=False,
        )
    )


def _org_labels(
    fig: Any,
    data: SnapshotData,
    org_ids: np.ndarray,
    xy: np.ndarray,
    degree: np.ndarray,
    n: int,
    lang: str,
) -> None:
    """Names of the ``n`` drawn organizations of highest degree (annotations: drawn above the
    WebGL markers, on a light background)."""
    order = np.argsort(-np.nan_to_num(degree), kind="stable")[:n]
    for i in order:
        fig.add_annotation(
            x=float(xy[i, 0]),
            y=float(xy[i, 1]),
            text=short_text(data.org_label(str(org_ids[i]), lang), 16),
            showarrow=False,
            yshift=11,
            font={"size": 10, "color": "#222"},
            bgcolor="rgba(255,255,255,0.75)",
            borderpad=1,
        )
