"""Report figures drawn with matplotlib (offline, no browser): the P–z role map and the
national context map.  Each is returned as inline SVG (HTML/PDF) and PNG (Excel/Markdown).
"""

from __future__ import annotations

import io
import logging
import math
from collections.abc import Callable, Iterable
from functools import cache
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib import font_manager
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure as MplFigure

from kizuna.graph.geo import prefecture_coordinates, prefectures, region_coordinates
from kizuna.reports.i18n import Catalogue
from kizuna.reports.labels import place_labels, point_labels
from kizuna.reports.model import Figure

logger = logging.getLogger(__name__)

#: Preferred fonts, Japanese first; only the installed ones are passed to matplotlib.
FONT_PREFERENCE = ("Noto Sans CJK JP", "IPAexGothic", "IPAGothic", "TakaoGothic", "DejaVu Sans")
ROLE_COLOURS = {
    "R1": "#5f5f5f",
    "R2": "#4e79a7",
    "R3": "#59a14f",
    "R4": "#b07aa1",
    "R5": "#f28e2b",
    "R6": "#e15759",
    "R7": "#76b7b2",
}
HIGHLIGHT = "#d62728"
MUTED = "#c8c8c8"
#: Background points drawn at most (a fixed sample of larger networks).
BACKGROUND_LIMIT = 4000
#: Lines between other clusters drawn at most (the strongest), and partner labels.
LINE_LIMIT = 400
LABEL_LIMIT = 12
#: Japan's extent (longitude, latitude); overseas organizations are left off the map.
JAPAN_LON = (122.0, 149.0)
JAPAN_LAT = (24.0, 46.0)


@cache
def font_family() -> list[str]:
    """The installed fonts of :data:`FONT_PREFERENCE` (a warning when no Japanese one is)."""
    installed = {f.name for f in font_manager.fontManager.ttflist}
    found = [name for name in FONT_PREFERENCE if name in installed]
    if not any(name != "DejaVu Sans" for name in found):
        logger.warning(
            "No Japanese font found for figures; install fonts-noto-cjk "
            "(apt-get install fonts-noto-cjk) or Japanese labels show as boxes."
        )
    return found or ["DejaVu Sans"]


def _style() -> dict[str, Any]:
    return {
        "font.family": font_family(),
        "font.size": 9,
        "svg.fonttype": "path",
        "axes.spines.top": False,
        "axes.spines.right": False,
        "svg.hashsalt": "kizuna",
    }


def _render(draw: Callable[[], MplFigure], fmt: str) -> bytes:
    """Draw a figure and save it as ``fmt`` ("svg": inline-ready, no XML prolog; "png")."""
    with plt.rc_context(_style()):  # type: ignore[arg-type]
        fig = draw()
        buffer = io.BytesIO()
        if fmt == "svg":
            fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
        else:
            fig.savefig(buffer, format="png", dpi=150, bbox_inches="tight")
        plt.close(fig)
    data = buffer.getvalue()
    return data[data.index(b"<svg") :] if fmt == "svg" else data


def _figure(key: str, caption: str, draw: Callable[[], MplFigure]) -> Figure:
    return Figure(key=key, caption=caption, render=lambda fmt: _render(draw, fmt))


def pz_figure(
    nodes: pd.DataFrame,
    members: Iterable[str],
    *,
    cat: Catalogue,
    caption: str,
    focus: str | None = None,
    names: dict[str, str] | None = None,
    max_labels: int = 12,
) -> Figure:
    """The Guimerà–Amaral P–z plane with the role regions drawn.

    Parameters
    ----------
    nodes : pandas.DataFrame
        Analysis nodes (``id``, ``participation``, ``within_module_z``, ``role``, ``degree``).
    members : iterable of str
        Organizations coloured by role and labelled; the others are grey dots.
    cat : Catalogue
        Axis labels and role names.
    focus : str, optional
        One organization drawn larger (organization reports).
    names : dict, optional
        Display names by id for the labels.

    Notes
    -----
    Region boundaries: z = 2.5 separates hubs; non-hubs at P = 0.05, 0.62, 0.80 (R1–R4),
    hubs at P = 0.30, 0.75 (R5–R7) (Guimerà & Amaral 2005).
    """
    names = names or {}
    member_set = set(members)

    def draw() -> MplFigure:
        fig, ax = plt.subplots(figsize=(7.0, 4.4))
        z = nodes["within_module_z"].astype("float64")
        zmax = max(3.5, float(z.max()) + 0.5 if len(z) else 3.5)
        zmin = min(-1.5, float(z.min()) - 0.3 if len(z) else -1.5)
        for x in (0.05, 0.62, 0.80):
            ax.plot([x, x], [zmin, 2.5], color="#dddddd", lw=0.8, zorder=0)
        for x in (0.30, 0.75):
            ax.plot([x, x], [2.5, zmax], color="#dddddd", lw=0.8, zorder=0)
        ax.axhline(2.5, color="#bbbbbb", lw=0.9, zorder=0)
        for role, x, y in (
            ("R1", 0.0, zmin),
            ("R2", 0.07, zmin),
            ("R3", 0.64, zmin),
            ("R4", 0.82, zmin),
            ("R5", 0.0, zmax),
            ("R6", 0.32, zmax),
            ("R7", 0.77, zmax),
        ):
            va = "bottom" if y == zmin else "top"
            ax.text(
                x + 0.005,
                y + (0.05 if va == "bottom" else -0.05),
                role,
                fontsize=7,
                color="#888888",
                va=va,
            )
        is_member = nodes["id"].map(str).isin(member_set)
        rest = thin(nodes[~is_member])
        ax.scatter(rest["participation"], rest["within_module_z"], s=8, color=MUTED, lw=0, zorder=1)
        mem = nodes[is_member]
        seen: set[str] = set()
        for role, colour in ROLE_COLOURS.items():
            part = mem[mem["role"] == role]
            if len(part) == 0:
                continue
            seen.add(role)
            ax.scatter(
                part["participation"],
                part["within_module_z"],
                s=28,
                color=colour,
                edgecolor="white",
                lw=0.5,
                zorder=3,
                label=f"{role} {cat.label('role', role)}",
            )
        ax.set_xlim(-0.02, 1.0)
        ax.set_ylim(zmin, zmax)
        place_labels(
            fig,
            ax,
            [
                (x, y, text, 7.0, {})
                for (x, y), text in point_labels(mem, names, max_labels, focus).items()
            ],
        )
        if focus is not None:
            chosen = nodes[nodes["id"].map(str) == focus]
            if len(chosen):
                ax.scatter(
                    chosen["participation"],
                    chosen["within_module_z"],
                    s=140,
                    facecolor="none",
                    edgecolor=HIGHLIGHT,
                    lw=2.0,
                    zorder=5,
                )
        ax.set_xlabel(cat.t("fig.pz.x"))
        ax.set_ylabel(cat.t("fig.pz.y"))
        if seen:
            ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=7, frameon=False)
        return fig

    return _figure("pz", caption, draw)


def located(nodes: pd.DataFrame) -> pd.DataFrame:
    """``nodes`` with lat/lon filled where missing: prefecture capital, else region centre."""
    frame = nodes.copy()
    lat = frame["lat"].astype("float64")
    lon = frame["lon"].astype("float64")
    missing = lat.isna() | lon.isna()
    if missing.any():
        empty = pd.Series([None] * len(frame), index=frame.index, dtype=object)
        prefs = frame.get("prefecture", empty)
        regions = frame.get("region", empty)
        keys = pd.Series(
            list(zip(prefs[missing], regions[missing], strict=True)), index=prefs[missing].index
        )
        points: dict[tuple[Any, Any], tuple[float, float] | None] = {}
        for pref, region in set(keys):
            point = prefecture_coordinates(pref if isinstance(pref, str) else None)
            if point is None and isinstance(region, str) and region != "overseas":
                point = region_coordinates(region)
            points[(pref, region)] = point
        found = keys.map(points)
        lat = lat.copy()
        lon = lon.copy()
        lat.loc[found.index] = pd.Series(
            [p[0] if p else math.nan for p in found], index=found.index
        )
        lon.loc[found.index] = pd.Series(
            [p[1] if p else math.nan for p in found], index=found.index
        )
    frame["lat"], frame["lon"] = lat, lon
    return frame


def thin(frame: pd.DataFrame, limit: int = BACKGROUND_LIMIT) -> pd.DataFrame:
    """At most ``limit`` rows (a fixed random sample), so big networks keep small figures."""
    return frame if len(frame) <= limit else frame.sample(n=limit, random_state=0)


def _cluster_positions(nodes: pd.DataFrame) -> pd.DataFrame:
    """Mean longitude/latitude and size of each cluster's organizations inside Japan."""
    frame = located(nodes)[["cluster", "lat", "lon"]].copy()
    frame["cluster"] = frame["cluster"].fillna("").map(str).str.strip()
    frame = frame[frame["cluster"] != ""]
    size = frame.groupby("cluster").size().rename("size")
    inside = frame.dropna(subset=["lat", "lon"])
    inside = inside[inside["lon"].between(*JAPAN_LON) & inside["lat"].between(*JAPAN_LAT)]
    pos = inside.groupby("cluster")[["lat", "lon"]].mean()
    return pos.join(size, how="inner")


def national_figure(
    nodes: pd.DataFrame,
    cluster_pairs: pd.DataFrame,
    highlight: str,
    *,
    cat: Catalogue,
    caption: str,
    cluster_names: dict[str, str] | None = None,
) -> Figure:
    """Clusters on a longitude/latitude plane, cross-cluster ties as lines.

    Organizations with coordinates are light dots (they trace Japan's outline); each cluster
    is a bubble at its members' mean position sized by members; a line joins two clusters
    with observed ties (width by count).  ``highlight`` and its lines are drawn in red.
    """
    names = cluster_names or {}
    pos = _cluster_positions(nodes)

    def draw() -> MplFigure:
        fig, ax = plt.subplots(figsize=(7.0, 7.0))
        capitals = prefectures()
        ax.scatter(
            [p.lon for p in capitals],
            [p.lat for p in capitals],
            s=9,
            marker="s",
            color="#c5d0dc",
            lw=0,
            zorder=0,
        )
        dots = located(thin(nodes)).dropna(subset=["lat", "lon"])
        dots = dots[dots["lon"].between(*JAPAN_LON) & dots["lat"].between(*JAPAN_LAT)]
        ax.scatter(dots["lon"], dots["lat"], s=4, color="#e3e3e3", lw=0, zorder=0)
        linked = cluster_pairs[cluster_pairs["observed"] > 0]
        top = float(linked["observed"].max()) if len(linked) else 1.0
        xy: dict[str, tuple[float, float]] = {
            str(c): (float(lon), float(lat))
            for c, lon, lat in zip(pos.index, pos["lon"], pos["lat"], strict=True)
        }
        pairs = pd.DataFrame(
            {
                "a": linked["cluster_a"].map(str).to_numpy(),
                "b": linked["cluster_b"].map(str).to_numpy(),
                "observed": linked["observed"].astype("float64").to_numpy(),
            }
        )
        pairs = pairs[pairs["a"].isin(xy.keys()) & pairs["b"].isin(xy.keys())]
        mine = (pairs["a"] == highlight) | (pairs["b"] == highlight)
        rest = pairs[~mine].nlargest(LINE_LIMIT, "observed")
        for part, colour, alpha, z in (
            (rest, "#9fb3c8", 0.5, 1),
            (pairs[mine], HIGHLIGHT, 0.9, 2),
        ):
            segments = [[xy[a], xy[b]] for a, b in zip(part["a"], part["b"], strict=True)]
            widths = 0.6 + 3.0 * np.sqrt(part["observed"].to_numpy() / top)
            ax.add_collection(
                LineCollection(segments, colors=colour, alpha=alpha, linewidths=widths, zorder=z)
            )
        sizes = 15 + 260 * np.sqrt(pos["size"] / max(float(pos["size"].max()), 1.0))
        other = pos.index != highlight
        ax.scatter(
            pos.loc[other, "lon"],
            pos.loc[other, "lat"],
            s=sizes[other],
            color="#4e79a7",
            alpha=0.75,
            edgecolor="white",
            lw=0.6,
            zorder=3,
        )
        if highlight in xy:
            ax.scatter(
                [xy[highlight][0]],
                [xy[highlight][1]],
                s=[float(sizes[highlight])],
                color=HIGHLIGHT,
                edgecolor="black",
                lw=0.8,
                zorder=4,
            )
        strongest = pairs[mine].nlargest(LABEL_LIMIT, "observed")
        partners = {
            a if b == highlight else b for a, b in zip(strongest["a"], strongest["b"], strict=True)
        }
        ax.set_xlim(*JAPAN_LON)
        ax.set_ylim(*JAPAN_LAT)
        ax.set_aspect(1.0 / math.cos(math.radians(36.0)))
        ax.apply_aspect()
        labels = [
            (lon, lat, names.get(cid, cid), 8.5, {"fontweight": "bold"})
            for cid, (lon, lat) in xy.items()
            if cid == highlight
        ]
        labels += [  # only the highlighted cluster and its partners are named
            (lon, lat, names.get(cid, cid), 6.5, {"color": "#444444"})
            for cid, (lon, lat) in xy.items()
            if cid in partners and cid != highlight
        ]
        place_labels(fig, ax, labels)
        ax.set_xlabel(cat.t("fig.national.x"))
        ax.set_ylabel(cat.t("fig.national.y"))
        return fig

    return _figure("national", caption, draw)
