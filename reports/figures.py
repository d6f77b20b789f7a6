"""Report figures drawn with matplotlib (offline, no browser): the P–z role map and the
national context map.  Each is returned as inline SVG (HTML/PDF) and PNG (Excel/Markdown).
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable, Iterable
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib import patheffects
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure as MplFigure
from matplotlib.lines import Line2D

from kizuna.graph.model import ROLE_COLOURS
from kizuna.plots.geo import OVERSEAS
from kizuna.plots.japan_mpl import arc, draw_japan
from kizuna.reports.fonts import figure_families
from kizuna.reports.i18n import Catalogue
from kizuna.reports.labels import place_labels, point_labels
from kizuna.reports.model import Figure

logger = logging.getLogger(__name__)

HIGHLIGHT = "#d62728"
MUTED = "#c8c8c8"
#: Background points drawn at most (a fixed sample of larger networks).
BACKGROUND_LIMIT = 4000
#: Lines between other clusters drawn at most (the strongest), and partner labels.
LINE_LIMIT = 400
LABEL_LIMIT = 12


def font_family() -> list[str]:
    """Figure fonts: the Japanese font (system Noto CJK, else the bundled IPAexGothic)."""
    return figure_families()


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
        _role_regions(ax, zmin, zmax)
        is_member = nodes["id"].map(str).isin(member_set)
        rest = thin(nodes[~is_member])
        ax.scatter(rest["participation"], rest["within_module_z"], s=8, color=MUTED, lw=0, zorder=1)
        mem = nodes[is_member]
        seen = _members_by_role(ax, mem, cat)
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
            _ring(ax, nodes[nodes["id"].map(str) == focus])
        ax.set_xlabel(cat.t("fig.pz.x"))
        ax.set_ylabel(cat.t("fig.pz.y"))
        if seen:
            ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=7, frameon=False)
        return fig

    return _figure("pz", caption, draw)


def _role_regions(ax: Any, zmin: float, zmax: float) -> None:
    """The boundaries of the seven role regions of the P–z plane, each region named."""
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


def _members_by_role(ax: Any, mem: pd.DataFrame, cat: Catalogue) -> set[str]:
    """The members as dots coloured by role (one legend entry per role); the roles drawn."""
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
    return seen


def _ring(ax: Any, chosen: pd.DataFrame) -> None:
    """A red ring around the focused organization (nothing when it is not there)."""
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


def thin(frame: pd.DataFrame, limit: int = BACKGROUND_LIMIT) -> pd.DataFrame:
    """At most ``limit`` rows (a fixed random sample), so big networks keep small figures."""
    return frame if len(frame) <= limit else frame.sample(n=limit, random_state=0)


def _pair_frame(cluster_pairs: pd.DataFrame, placed: set[str]) -> pd.DataFrame:
    """Linked cluster pairs (observed > 0) whose both ends have a place on the map."""
    linked = cluster_pairs[cluster_pairs["observed"] > 0]
    pairs = pd.DataFrame(
        {
            "a": linked["cluster_a"].map(str).to_numpy(),
            "b": linked["cluster_b"].map(str).to_numpy(),
            "observed": linked["observed"].astype("float64").to_numpy(),
        }
    )
    return pairs[pairs["a"].isin(placed) & pairs["b"].isin(placed)]


def national_figure(
    places: pd.DataFrame,
    cluster_pairs: pd.DataFrame,
    highlight: str,
    *,
    cat: Catalogue,
    caption: str,
    cluster_names: dict[str, str] | None = None,
    prefectures_of_highlight: Iterable[str] = (),
    main_labels: int = 8,
) -> Figure:
    """Japan with its prefectures, the clusters as bubbles and their ties as arcs.

    Parameters
    ----------
    places : pandas.DataFrame
        :func:`kizuna.plots.geo.bundle_cluster_places` (``lat``, ``lon``, ``region``,
        ``orgs`` by cluster id): the placement the app uses.
    cluster_pairs : pandas.DataFrame
        The analysis' cluster pairs (``cluster_a``, ``cluster_b``, ``observed``).
    highlight : str
        The report's cluster: its bubble, its prefectures and its ties are drawn in red,
        ties to other regions solid, ties within its region dashed.
    prefectures_of_highlight : iterable of str
        Prefectures (Japanese names) where the highlighted cluster's members are.
    main_labels : int
        Besides the highlighted cluster and its strongest partners, the largest clusters
        named.
    """
    names = cluster_names or {}
    placed = places.dropna(subset=["lat", "lon"])
    home_prefs = set(prefectures_of_highlight)

    def draw() -> MplFigure:
        fig, ax = plt.subplots(figsize=(7.0, 6.6))
        draw_japan(
            ax,
            okinawa_label=cat.t("fig.national.okinawa"),
            overseas_label=cat.t("fig.national.overseas")
            if (placed["region"] == OVERSEAS).any()
            else "",
            highlight=home_prefs,
        )
        xy: dict[str, tuple[float, float]] = {
            str(c): (float(lon), float(lat))
            for c, lon, lat in zip(placed.index, placed["lon"], placed["lat"], strict=True)
        }
        region = {str(c): r for c, r in placed["region"].items()}
        pairs = _pair_frame(cluster_pairs, set(xy))
        top = float(pairs["observed"].max()) if len(pairs) else 1.0
        mine = (pairs["a"] == highlight) | (pairs["b"] == highlight)
        for part, colour, alpha, z, style in _tie_layers(pairs, mine, highlight, region):
            if part.empty:
                continue
            segments = [arc(xy[a], xy[b]) for a, b in zip(part["a"], part["b"], strict=True)]
            widths = 0.5 + 3.0 * np.sqrt(part["observed"].to_numpy() / top)
            ax.add_collection(
                LineCollection(
                    segments,
                    colors=colour,
                    alpha=alpha,
                    linewidths=widths,
                    zorder=z,
                    linestyles=style,
                )
            )
        _bubbles(ax, placed, highlight, xy)
        strongest = pairs[mine].nlargest(LABEL_LIMIT // 2, "observed")
        partners = [
            a if b == highlight else b for a, b in zip(strongest["a"], strongest["b"], strict=True)
        ]
        largest = [str(c) for c in placed["orgs"].nlargest(main_labels).index]
        named = list(dict.fromkeys([c for c in (highlight, *partners, *largest) if c in xy]))
        ax.apply_aspect()
        place_labels(fig, ax, [_cluster_label(cid, xy, names, highlight) for cid in named])
        handles = [
            Line2D([], [], color=HIGHLIGHT, lw=2, label=cat.t("fig.national.far")),
            Line2D([], [], color=HIGHLIGHT, lw=2, ls="--", label=cat.t("fig.national.near")),
            Line2D([], [], color="#8da2b8", lw=2, label=cat.t("fig.national.others")),
        ]
        ax.legend(handles=handles, loc="upper left", fontsize=7, frameon=False)
        return fig

    return _figure("national", caption, draw)


def _tie_layers(
    pairs: pd.DataFrame, mine: pd.Series, highlight: str, region: dict[str, Any]
) -> tuple[tuple[pd.DataFrame, str, float, int, str], ...]:
    """The arcs in three layers (pairs, colour, alpha, z order, line style): ties between
    other clusters (the strongest), the highlighted cluster's ties within its region
    (dashed) and to other regions (solid)."""
    other = pairs[~mine].nlargest(LINE_LIMIT, "observed")
    home_region = region.get(highlight)
    far = (
        pairs[mine].apply(
            lambda r: region.get(r["b"] if r["a"] == highlight else r["a"]) != home_region,
            axis=1,
        )
        if mine.any()
        else pd.Series(dtype=bool)
    )
    return (
        (other, "#8da2b8", 0.45, 1, "-"),
        (pairs[mine][~far] if len(far) else pairs[mine], HIGHLIGHT, 0.7, 2, "--"),
        (pairs[mine][far] if len(far) else pairs[mine].iloc[0:0], HIGHLIGHT, 0.9, 2, "-"),
    )


def _bubbles(
    ax: Any, placed: pd.DataFrame, highlight: str, xy: dict[str, tuple[float, float]]
) -> None:
    """A bubble per cluster, its area growing with its organizations; the highlighted one red."""
    sizes = 14 + 240 * np.sqrt(placed["orgs"] / max(float(placed["orgs"].max()), 1.0))
    rest = placed.index != highlight
    ax.scatter(
        placed.loc[rest, "lon"],
        placed.loc[rest, "lat"],
        s=sizes[rest],
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


def _cluster_label(
    cid: str, xy: dict[str, tuple[float, float]], names: dict[str, str], highlight: str
) -> tuple[float, float, str, float, dict[str, Any]]:
    """One cluster's name at its bubble (the highlighted one bold and larger)."""
    return (
        xy[cid][0],
        xy[cid][1],
        names.get(cid, cid),
        8.5 if cid == highlight else 6.5,
        {
            "fontweight": "bold" if cid == highlight else "normal",
            "color": "#111111" if cid == highlight else "#333333",
            "zorder": 6,
            "path_effects": [patheffects.withStroke(linewidth=2.2, foreground="white")],
        },
    )
