"""The national map page's figure: Japan's outline, cluster bubbles, weighted arcs, the selection.

Plain longitude/latitude axes (no tile server or topojson download: the app works offline);
the static layers (places, bubbles) are cached per snapshot, colouring and language.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from kizuna.dashboard import components as ui
from kizuna.dashboard.data import SnapshotData
from kizuna.dashboard.i18n import t, term
from kizuna.dashboard.pages.national_map.model import cluster_of_place
from kizuna.graph.model import PHASES
from kizuna.plots import geo as geo_layout


def _colour_key(clusters: pd.DataFrame, color_by: str, lang: str) -> tuple[pd.Series, list[str]]:
    """(code per cluster, codes in colour order): the order, hence each colour, is the same
    in every language; only the legend's names are translated."""
    if color_by == "phase":
        return clusters["phase"].fillna("unknown"), [*PHASES, "unknown"]
    keys = clusters["field"].fillna("none")
    return keys, [*sorted(set(keys) - {"none"}), "none"]


def _key_name(color_by: str, key: str, lang: str) -> str:
    return term("phase" if color_by == "phase" else "field", key, lang)


def view_of(
    chosen: pd.DataFrame, arcs: pd.DataFrame, *, focus: bool
) -> tuple[list[float], list[float]]:
    """The map's (lon, lat) ranges: all of Japan, or around a selected cluster and the other
    ends of its arcs (at least 5° × 3.5°, so a dense area like Kanto opens up)."""
    if not focus or chosen.empty:
        return list(geo_layout.LON_RANGE), list(geo_layout.LAT_RANGE)
    lons = [*chosen["lon"].astype(float), *arcs["lon_a"].astype(float), *arcs["lon_b"]]
    lats = [*chosen["lat"].astype(float), *arcs["lat_a"].astype(float), *arcs["lat_b"]]
    lo, hi = float(np.nanmin(lons)), float(np.nanmax(lons))
    la, ha = float(np.nanmin(lats)), float(np.nanmax(lats))
    cx, cy = (lo + hi) / 2, (la + ha) / 2
    half_x = max((hi - lo) / 2 + 0.8, 2.5)
    half_y = max((ha - la) / 2 + 0.6, 1.75)
    return [cx - half_x, cx + half_x], [cy - half_y, cy + half_y]


def kind_names(kinds: str, lang: str) -> str:
    """ "joint_rd, supply" → "共同研究開発、取引（供給）" (the arcs table lists codes)."""
    sep = "、" if lang == "ja" else ", "
    return sep.join(term("tie_kind", k.strip(), lang) for k in str(kinds).split(",") if k.strip())


#: At most this many arcs are drawn (the strongest; a selection's own arcs always): with
#: 200 clusters there are ~13,000 place pairs, unreadable on one map and ~10 MB to send.
MAX_ARCS = 400


def map_figure(
    data: SnapshotData,
    arc_table: pd.DataFrame,
    *,
    color_by: str = "field",
    selection: dict[str, Any] | None = None,
    lang: str = "ja",
) -> Any:
    """Japan's outline, cluster bubbles and weighted arcs; the selection drawn in red."""
    selection = selection or {}
    fig = ui.Figure()
    _add_japan(fig, lang)
    selected = _selected_arcs(arc_table, selection)
    shown = _arcs_shown(arc_table, selected)
    highlight = shown[selected.reindex(shown.index, fill_value=False).to_numpy(dtype=bool)]
    if len(shown):
        _add_arcs(fig, data, shown, highlight, lang)
    if len(shown) < len(arc_table):
        fig.add_annotation(
            text=t("map.arcs_capped", lang, shown=f"{len(shown):,}", total=f"{len(arc_table):,}"),
            x=0.99,
            y=0.01,
            xref="paper",
            yref="paper",
            xanchor="right",
            showarrow=False,
            font={"color": "#555", "size": 11},
            bgcolor="rgba(255,255,255,0.8)",
        )
    for layer in static_traces(data, color_by, lang):
        fig.add_trace(layer)
    chosen = _chosen_clusters(data, selection)
    if len(chosen):
        fig.add_trace(_ring_trace(data, chosen, lang))
    mid_lat = math.radians(36.0)
    lon_range, lat_range = view_of(chosen, highlight, focus=selection.get("kind") == "cluster")
    fig.update_xaxes(range=lon_range, visible=False, fixedrange=False)
    fig.update_yaxes(
        range=lat_range,
        visible=False,
        scaleanchor="x",
        scaleratio=1 / math.cos(mid_lat),
    )
    return ui.base_layout(
        fig,
        legend={"title": {"text": t(f"map.color_{color_by}", lang)}, "x": 0.01, "y": 0.99},
        dragmode="pan",
        hovermode="closest",
    )


def _add_japan(fig: ui.Figure, lang: str) -> None:
    """The prefecture outlines, the Okinawa inset's frame and the overseas box."""
    xs, ys = geo_layout.outline_xy()
    fig.add_trace(
        ui.trace(
            "scatter",
            x=xs,
            y=ys,
            mode="lines",
            fill="toself",
            fillcolor="#eef1f4",
            line={"color": "#9aa5b1", "width": 1},
            hoverinfo="skip",
            showlegend=False,
        )
    )
    lo, la = (
        geo_layout.REGION_CENTRES[geo_layout.OVERSEAS][1],
        geo_layout.REGION_CENTRES[geo_layout.OVERSEAS][0],
    )
    fig.add_shape(
        type="rect",
        x0=lo - 1.6,
        x1=lo + 1.6,
        y0=la - 1.2,
        y1=la + 1.2,
        line={"color": "#9aa5b1", "dash": "dot"},
        fillcolor="#f7f7f7",
        layer="below",
    )
    b = geo_layout.OKINAWA_BOX
    fig.add_shape(
        type="rect",
        x0=b[0],
        x1=b[1],
        y0=b[2],
        y1=b[3],
        layer="below",
        line={"color": "#9aa5b1", "dash": "dot"},
    )
    fig.add_annotation(
        x=b[0] + 0.1,
        y=b[3] - 0.1,
        text=t("map.okinawa", lang),
        showarrow=False,
        xanchor="left",
        yanchor="top",
        font={"color": "#666", "size": 11},
    )
    fig.add_annotation(
        x=lo, y=la + 1.45, text=t("map.overseas", lang), showarrow=False, font={"color": "#666"}
    )


def _selected_arcs(arc_table: pd.DataFrame, selection: dict[str, Any]) -> pd.Series:
    """Whether each arc belongs to the selection (a cluster's own arcs, or the pair's)."""
    if arc_table.empty:
        return pd.Series(False, index=arc_table.index, dtype=bool)
    a = arc_table["a"].map(cluster_of_place)
    b = arc_table["b"].map(cluster_of_place)
    if selection.get("kind") == "pair":
        pair = {selection.get("a"), selection.get("b")}
        return pd.Series([{x, y} == pair for x, y in zip(a, b, strict=True)], index=arc_table.index)
    if selection.get("kind") == "cluster":
        own = selection.get("id")
        return (a == own) | (b == own)
    return pd.Series(False, index=arc_table.index, dtype=bool)


def _arcs_shown(arc_table: pd.DataFrame, selected: pd.Series) -> pd.DataFrame:
    """The strongest :data:`MAX_ARCS` arcs (the table comes strongest first) and every arc
    of the selection."""
    if len(arc_table) <= MAX_ARCS:
        return arc_table
    keep = np.zeros(len(arc_table), dtype=bool)
    keep[:MAX_ARCS] = True
    return arc_table[keep | selected.to_numpy(dtype=bool)]


def _add_arcs(
    fig: ui.Figure, data: SnapshotData, shown: pd.DataFrame, highlight: pd.DataFrame, lang: str
) -> None:
    """Arcs binned by width (a few traces carry hundreds of arcs), the selection's own arcs
    in red over them, and a dot at each arc's middle that carries its hover and click."""
    alpha = 0.45 if len(shown) <= 40 else max(0.12, 0.45 * (40 / len(shown)) ** 0.5)
    widths = np.round(1.0 + 7.0 * np.sqrt(shown["count"] / float(shown["count"].max())))
    for width in sorted(set(widths)):
        xs, ys = _curves(shown[widths == width])
        fig.add_trace(
            ui.trace(
                "scatter",
                x=xs,
                y=ys,
                mode="lines",
                hoverinfo="skip",
                showlegend=False,
                line={"color": f"rgba(80,80,160,{alpha:.2f})", "width": float(width)},
            )
        )
    if len(highlight):
        xs, ys = _curves(highlight)
        fig.add_trace(
            ui.trace(
                "scatter",
                x=xs,
                y=ys,
                mode="lines",
                hoverinfo="skip",
                showlegend=False,
                line={"color": "rgba(214,39,40,0.75)", "width": 2.5},
            )
        )
    mid_x, mid_y = _curves(shown, n=3, separated=False)
    red = shown.index.isin(highlight.index)
    fig.add_trace(
        ui.trace(
            "scatter",
            x=mid_x[1::3],
            y=mid_y[1::3],
            mode="markers",
            marker={
                "size": 9,
                "color": np.where(red, "#d62728", "rgba(80,80,160,0.25)"),
            },
            customdata=[["arc", r.a, r.b] for r in ui.rows(shown)],
            hovertext=arc_hover(data, shown, lang),
            hoverinfo="text",
            name=t("map.arcs", lang),
            showlegend=False,
        )
    )


def arc_hover(data: SnapshotData, shown: pd.DataFrame, lang: str) -> list[str]:
    """ "TAMA ↔ 近畿<br>Ties: 3 (joint R&D, supply) · total weight 4": one per arc (the
    names and kind lists looked up once per distinct place and kind list)."""
    places = {p: data.place_label(p, lang) for p in {*shown["a"], *shown["b"]}}
    kinds = {k: kind_names(k, lang) for k in set(shown["kinds"])}
    ties, weight = t("map.ties", lang), t("map.weight", lang)
    return [
        f"{places[a]} ↔ {places[b]}<br>{ties}: {n} ({kinds[k]}) · {weight} {w:g}"
        for a, b, n, k, w in zip(
            shown["a"], shown["b"], shown["count"], shown["kinds"], shown["weight"], strict=True
        )
    ]


def _curves(
    arcs: pd.DataFrame, n: int = 16, *, separated: bool = True
) -> tuple[list[float | None], list[float | None]]:
    """Every arc as a quadratic Bézier curve bulging to the left of a→b by 20 % of its
    length, ``n`` points each, one arc after the other (None between two arcs)."""
    lon_a, lat_a = arcs["lon_a"].to_numpy(dtype=float), arcs["lat_a"].to_numpy(dtype=float)
    lon_b, lat_b = arcs["lon_b"].to_numpy(dtype=float), arcs["lat_b"].to_numpy(dtype=float)
    dx, dy = (lon_b - lon_a)[:, None], (lat_b - lat_a)[:, None]
    cx = (lon_a + lon_b)[:, None] / 2 - 0.2 * dy
    cy = (lat_a + lat_b)[:, None] / 2 + 0.2 * dx
    s = np.linspace(0, 1, n)[None, :]
    xs = (1 - s) ** 2 * lon_a[:, None] + 2 * (1 - s) * s * cx + s**2 * lon_b[:, None]
    ys = (1 - s) ** 2 * lat_a[:, None] + 2 * (1 - s) * s * cy + s**2 * lat_b[:, None]
    # 3 decimals (~100 m) is finer than the map can show and halves what is sent
    xs, ys = np.round(xs, 3), np.round(ys, 3)
    if separated:
        gap = np.full((len(arcs), 1), np.nan)
        xs, ys = np.hstack([xs, gap]), np.hstack([ys, gap])
    flat_x: list[float | None] = [None if v != v else v for v in xs.ravel().tolist()]
    flat_y: list[float | None] = [None if v != v else v for v in ys.ravel().tolist()]
    return flat_x, flat_y


def _chosen_clusters(data: SnapshotData, selection: dict[str, Any]) -> pd.DataFrame:
    """The selected cluster, or both clusters of a selected pair (those with a place)."""
    clusters = data.clusters.dropna(subset=["lat", "lon"])
    if selection.get("kind") == "cluster":
        return clusters[clusters["id"] == selection.get("id")]
    return clusters[clusters["id"].isin({selection.get("a"), selection.get("b")} - {None})]


def _ring_trace(data: SnapshotData, chosen: pd.DataFrame, lang: str) -> ui.Node:
    """Red rings around the selected clusters' bubbles."""
    clusters = data.clusters.dropna(subset=["lat", "lon"])
    top = max(int(clusters["orgs"].max()), 1)
    return ui.trace(
        "scatter",
        x=chosen["lon"].to_numpy(dtype=float),
        y=chosen["lat"].to_numpy(dtype=float),
        mode="markers",
        name=t("roles.selected", lang),
        showlegend=False,
        marker={
            "size": (16 + 38 * np.sqrt(chosen["orgs"] / top)).to_numpy(dtype=float),
            "color": "rgba(0,0,0,0)",
            "line": {"width": 4, "color": "#d62728"},
        },
        customdata=[["cluster", c, ""] for c in chosen["id"]],
        hovertext=[data.cluster_label(c, lang) for c in chosen["id"]],
        hoverinfo="text",
    )


def static_traces(data: SnapshotData, color_by: str, lang: str) -> list[ui.Node]:
    """Places and cluster bubbles: the same for every filter, cached per snapshot."""

    def build() -> list[ui.Node]:
        layers: list[ui.Node] = []
        places = data.place_coords
        others = places[~places.index.str.startswith("cluster:")]
        if len(others):
            layers.append(
                ui.trace(
                    "scatter",
                    x=others["lon"].to_numpy(dtype=float),
                    y=others["lat"].to_numpy(dtype=float),
                    mode="markers",
                    marker={"symbol": "square", "size": 7, "color": "#7f7f7f"},
                    customdata=[["place", p, ""] for p in others.index],
                    hovertext=[
                        f"{data.place_label(p, lang)}<br>{t('map.orgs', lang)}: {n}"
                        for p, n in zip(others.index, others["orgs"], strict=True)
                    ],
                    hoverinfo="text",
                    name=t("map.other_places", lang),
                )
            )
        clusters = data.clusters.dropna(subset=["lat", "lon"])
        if clusters.empty:
            return layers
        keys, order = _colour_key(clusters, color_by, lang)
        top = max(int(clusters["orgs"].max()), 1)
        for i, key in enumerate(order):
            part = clusters[keys == key]
            if part.empty:
                continue
            layers.append(
                ui.trace(
                    "scatter",
                    x=part["lon"].to_numpy(dtype=float),
                    y=part["lat"].to_numpy(dtype=float),
                    mode="markers",
                    name=_key_name(color_by, key, lang),
                    marker={
                        "size": (12 + 38 * np.sqrt(part["orgs"] / top)).to_numpy(dtype=float),
                        "color": ui.colour_of(i),
                        "opacity": 0.8,
                        "line": {"width": 1, "color": "white"},
                    },
                    customdata=[["cluster", c, ""] for c in part["id"]],
                    hovertext=[
                        f"<b>{data.cluster_label(r.id, lang)}</b><br>"
                        f"{term('region', r.region, lang)}"
                        f" · {term('field', r.field, lang)}<br>{t('map.orgs', lang)}: {r.orgs}"
                        for r in ui.rows(part)
                    ],
                    hoverinfo="text",
                )
            )
        return layers

    layers: list[ui.Node] = data.memo(f"map_static|{color_by}|{lang}", build)
    return layers
