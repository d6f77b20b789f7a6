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
from kizuna.dashboard.i18n import label_column, t, term
from kizuna.dashboard.pages.network import model, placement, state
from kizuna.plots import geo

#: Ties (or links) up to this many get a hover marker at their middle.
MAX_EDGE_HOVER = 800
#: Up to this many organizations drawn, each has its own line to the closed groups it has
#: ties with; above, those ties are one line per (expanded group, closed group).
MAX_ORG_LINKS = 300
#: At most this many drawn search matches are named.
MAX_MATCH_LABELS = 15
#: Up to this many organizations drawn, their hover tells kind, cluster, region and metrics.
MAX_FULL_HOVER = 600


EDGE_COLOUR = "rgba(120,120,120,0.35)"
LINK_COLOUR = "rgba(90,90,160,0.35)"


def _segments(x: np.ndarray, y: np.ndarray, a: np.ndarray, b: np.ndarray) -> tuple[Any, Any]:
    """x and y of line segments from point ``a[i]`` to ``b[i]``, NaN-separated
    (``a0, b0, nan, a1, b1, nan, …``), for a single lines trace."""
    gap = np.full(len(a), np.nan)
    xs = np.column_stack([x[a], x[b], gap]).ravel()
    ys = np.column_stack([y[a], y[b], gap]).ravel()
    return xs, ys


def _size(values: pd.Series | np.ndarray, top: float | None = None) -> np.ndarray:
    v = np.nan_to_num(np.asarray(values, dtype=float))
    top = float(v.max()) if top is None and len(v) else (top or 0.0)
    if top <= 0:
        return np.full(len(v), 9.0)
    return np.round(7 + 16 * np.sqrt(np.clip(v / top, 0, 1)), 1)


def tie_hover(data: SnapshotData, lang: str) -> np.ndarray:
    """Hover text of every tie (both names, kind, year, confidence, evidence, source), cached."""

    def build() -> np.ndarray:
        column = label_column(lang)
        labels = data.orgs[column].to_dict()
        ties = data.ties
        return np.asarray(
            [
                f"{labels.get(s, s)} — {labels.get(tg, tg)}<br>{term('tie_kind', k, lang)}"
                f"{' ' + str(int(y)) if pd.notna(y) else ''} · {term('confidence', c, lang)}<br>"
                f"{(e or '')[:80]}<br><i>{r or ''}</i>"
                for s, tg, k, y, c, e, r in zip(
                    ties["source"].tolist(),
                    ties["target"].tolist(),
                    ties["kind"].tolist(),
                    ties["since"].astype(object).tolist(),
                    ties["confidence"].tolist(),
                    ties["evidence"].tolist(),
                    ties["source_ref"].tolist(),
                    strict=True,
                )
            ],
            dtype=object,
        )

    result: np.ndarray = model.per_snapshot(data, f"tie_hover|{lang}", build)
    return result


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
    v: model.View,
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
    centres, xy = model.positions(ov, v, layout)
    fig = ui.Figure()
    if layout == "geo":
        _geo_backdrop(fig, data, ov, v, lang)
    cx, cy = centres["x"].to_numpy(), centres["y"].to_numpy()
    if len(v.orgs) <= MAX_ORG_LINKS:
        _group_links(fig, data, ov, v.group_links, cx, cy, lang)
        _org_links(fig, v, xy, cx, cy)
    else:  # many organizations: their ties to a closed group as one line from their group
        _group_links(fig, data, ov, pd.concat([v.group_links, _open_links(ov, v)]), cx, cy, lang)
    _org_ties(fig, data, ov, v, xy, lang)
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
    fig: Any, data: SnapshotData, ov: model.Overview, v: model.View, lang: str
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


def _open_links(ov: model.Overview, v: model.View) -> pd.DataFrame:
    """The organization–super-node links summed per (expanded group, closed group)."""
    links = v.org_links
    if links.empty:
        return pd.DataFrame({"a": [], "b": [], "ties": []}, dtype=np.int64)
    frame = pd.DataFrame(
        {
            "a": ov.org_group[links["org"].to_numpy()],
            "b": links["group"].to_numpy(),
            "ties": links["ties"].to_numpy(),
        }
    )
    summed: pd.DataFrame = frame.groupby(["a", "b"], as_index=False).agg(ties=("ties", "sum"))
    return summed


def _group_links(
    fig: Any,
    data: SnapshotData,
    ov: model.Overview,
    links: pd.DataFrame,
    cx: np.ndarray,
    cy: np.ndarray,
    lang: str,
) -> None:
    """Super-node to super-node lines, width by the number of ties (one trace per width)."""
    if links.empty:
        return
    a, b, n = links["a"].to_numpy(), links["b"].to_numpy(), links["ties"].to_numpy()
    width = np.round(1 + 7 * np.sqrt(n / n.max()))
    for w in np.unique(width):
        part = width == w
        xs, ys = _segments(cx, cy, a[part], b[part])
        fig.add_trace(
            ui.trace(
                "scatter",
                x=xs,
                y=ys,
                mode="lines",
                hoverinfo="skip",
                showlegend=False,
                line={"width": float(w), "color": LINK_COLOUR},
            )
        )
    if len(links) <= MAX_EDGE_HOVER:
        names = state.names(data, ov, lang)[0]
        fig.add_trace(
            ui.trace(
                "scatter",
                x=(cx[a] + cx[b]) / 2,
                y=(cy[a] + cy[b]) / 2,
                mode="markers",
                marker={"size": 8, "color": "rgba(90,90,160,0.15)"},
                hovertext=[
                    t("net.link_hover", lang, a=names[i], b=names[j], n=int(k))
                    for i, j, k in zip(a, b, n, strict=True)
                ],
                hoverinfo="text",
                showlegend=False,
            )
        )


def _org_links(fig: Any, v: model.View, xy: np.ndarray, cx: np.ndarray, cy: np.ndarray) -> None:
    """Lines from drawn organizations to the closed super-nodes they have ties with."""
    if v.org_links.empty:
        return
    row = np.full(int(v.orgs.max()) + 1, -1, dtype=np.int64)
    row[v.orgs] = np.arange(len(v.orgs))
    at = row[v.org_links["org"].to_numpy()]
    group = v.org_links["group"].to_numpy()
    gap = np.full(len(at), np.nan)
    fig.add_trace(
        ui.trace(
            "scattergl",
            x=np.column_stack([xy[at, 0], cx[group], gap]).ravel(),
            y=np.column_stack([xy[at, 1], cy[group], gap]).ravel(),
            mode="lines",
            hoverinfo="skip",
            showlegend=False,
            line={"color": "rgba(90,90,160,0.22)", "width": 1},
        )
    )


def _org_ties(
    fig: Any, data: SnapshotData, ov: model.Overview, v: model.View, xy: np.ndarray, lang: str
) -> None:
    """Ties between drawn organizations (hover with the evidence when there are few)."""
    if not len(v.org_ties):
        return
    row = np.full(len(ov.org_ids), -1, dtype=np.int64)
    row[v.orgs] = np.arange(len(v.orgs))
    a = row[ov.tie_a[v.org_ties]]
    b = row[ov.tie_b[v.org_ties]]
    xs, ys = _segments(xy[:, 0], xy[:, 1], a, b)
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
    if len(a) <= MAX_EDGE_HOVER:
        fig.add_trace(_tie_midpoints(xs, ys, tie_hover(data, lang)[ov.tie_rows[v.org_ties]], lang))


def _tie_midpoints(xs: np.ndarray, ys: np.ndarray, hover: Any, lang: str) -> Any:
    return ui.trace(
        "scattergl",
        x=(xs[0::3] + xs[1::3]) / 2,
        y=(ys[0::3] + ys[1::3]) / 2,
        mode="markers",
        marker={"size": 6, "color": "rgba(120,120,120,0.25)"},
        showlegend=False,
        hovertext=hover,
        hoverinfo="text",
        name=t("net.ties", lang),
    )


def _supernodes(
    fig: Any,
    data: SnapshotData,
    ov: model.Overview,
    v: model.View,
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
    v: model.View,
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
    v: model.View,
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
    v: model.View,
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
