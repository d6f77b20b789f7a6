"""The national map figure: Japan's outline, cluster bubbles, weighted arcs, the selection.

Plain longitude/latitude axes (no tile server or topojson download: the app works offline);
the static layers (places, bubbles) are cached per snapshot, colouring and language.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from kizuna.dashboard import components as ui
from kizuna.dashboard.arcs import cluster_of_place, place_coords, place_label
from kizuna.dashboard.data import SnapshotData
from kizuna.dashboard.i18n import t, term
from kizuna.graph.model import PHASES
from kizuna.plots import geo as geo_layout


def _curve(
    lon_a: float, lat_a: float, lon_b: float, lat_b: float, n: int = 16
) -> tuple[list[float], list[float]]:
    """A quadratic Bézier arc bulging to the left of a→b by 20 % of its length."""
    dx, dy = lon_b - lon_a, lat_b - lat_a
    cx, cy = (lon_a + lon_b) / 2 - 0.2 * dy, (lat_a + lat_b) / 2 + 0.2 * dx
    s = np.linspace(0, 1, n)
    xs = (1 - s) ** 2 * lon_a + 2 * (1 - s) * s * cx + s**2 * lon_b
    ys = (1 - s) ** 2 * lat_a + 2 * (1 - s) * s * cy + s**2 * lat_b
    # 3 decimals (~100 m) is finer than the map can show and halves what is sent
    return np.round(xs, 3).tolist(), np.round(ys, 3).tolist()


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
    sel_pair = (
        {selection.get("a"), selection.get("b")} if selection.get("kind") == "pair" else set()
    )
    # arcs, binned by width so a few traces carry hundreds of arcs
    highlight = arc_table.iloc[0:0]
    if len(arc_table):
        alpha = 0.45 if len(arc_table) <= 40 else max(0.12, 0.45 * (40 / len(arc_table)) ** 0.5)
        top = float(arc_table["count"].max())
        widths = 1.0 + 7.0 * np.sqrt(arc_table["count"] / top)
        for width in sorted(set(np.round(widths))):
            part = arc_table[np.round(widths) == width]
            ax: list[float | None] = []
            ay: list[float | None] = []
            for row in ui.rows(part):
                cx, cy = _curve(row.lon_a, row.lat_a, row.lon_b, row.lat_b)
                ax += [*cx, None]
                ay += [*cy, None]
            fig.add_trace(
                ui.trace(
                    "scatter",
                    x=ax,
                    y=ay,
                    mode="lines",
                    hoverinfo="skip",
                    showlegend=False,
                    line={"color": f"rgba(80,80,160,{alpha:.2f})", "width": float(width)},
                )
            )
        mids = [_curve(r.lon_a, r.lat_a, r.lon_b, r.lat_b, 3) for r in ui.rows(arc_table)]
        hover = [
            f"{place_label(data, r.a, lang)} ↔ {place_label(data, r.b, lang)}<br>"
            f"{t('map.ties', lang)}: {r.count} ({kind_names(r.kinds, lang)}) · "
            f"{t('map.weight', lang)} {r.weight:g}"
            for r in ui.rows(arc_table)
        ]
        own = selection.get("id") if selection.get("kind") == "cluster" else None
        selected = [
            {cluster_of_place(r.a), cluster_of_place(r.b)} == sel_pair
            or (own is not None and own in (cluster_of_place(r.a), cluster_of_place(r.b)))
            for r in ui.rows(arc_table)
        ]
        highlight = arc_table[selected]
        if len(highlight):  # the selection's own arcs, drawn over the others
            hx: list[float | None] = []
            hy: list[float | None] = []
            for row in ui.rows(highlight):
                cx, cy = _curve(row.lon_a, row.lat_a, row.lon_b, row.lat_b)
                hx += [*cx, None]
                hy += [*cy, None]
            fig.add_trace(
                ui.trace(
                    "scatter",
                    x=hx,
                    y=hy,
                    mode="lines",
                    hoverinfo="skip",
                    showlegend=False,
                    line={"color": "rgba(214,39,40,0.75)", "width": 2.5},
                )
            )
        fig.add_trace(
            ui.trace(
                "scatter",
                x=[m[0][1] for m in mids],
                y=[m[1][1] for m in mids],
                mode="markers",
                marker={
                    "size": 9,
                    "color": ["#d62728" if s else "rgba(80,80,160,0.25)" for s in selected],
                },
                customdata=[["arc", r.a, r.b] for r in ui.rows(arc_table)],
                hovertext=hover,
                hoverinfo="text",
                name=t("map.arcs", lang),
                showlegend=False,
            )
        )
    for layer in static_traces(data, color_by, lang):
        fig.add_trace(layer)
    clusters = data.clusters.dropna(subset=["lat", "lon"])
    chosen = clusters[
        (clusters["id"] == selection.get("id"))
        if selection.get("kind") == "cluster"
        else clusters["id"].isin(sel_pair)
    ]
    if len(chosen):
        top = max(int(clusters["orgs"].max()), 1)
        fig.add_trace(
            ui.trace(
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
        )
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


def static_traces(data: SnapshotData, color_by: str, lang: str) -> list[ui.Node]:
    """Places and cluster bubbles: the same for every filter, cached per snapshot."""

    def build() -> list[ui.Node]:
        layers: list[ui.Node] = []
        places = place_coords(data)
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
                        f"{place_label(data, p, lang)}<br>{t('map.orgs', lang)}: {n}"
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
