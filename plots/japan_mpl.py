"""Japan's map drawn with matplotlib (reports): prefecture outlines, the Okinawa inset,
the overseas box and curved ties, on the geometry of :mod:`kizuna.plots.geo`.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import matplotlib.pyplot as plt
>>> fig, ax = plt.subplots()
>>> draw_japan(ax, okinawa_label="沖縄", highlight={"東京都"})
47
>>> plt.close(fig)
"""

from __future__ import annotations

import math
from collections.abc import Collection

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import PolyCollection
from matplotlib.patches import Rectangle

from kizuna.plots import geo

LAND = "#eef1f4"
LAND_HIGHLIGHT = "#f2b8b8"
BORDER = "#a3adb8"
BOX = "#9aa5b1"


def draw_japan(
    ax: Axes,
    *,
    okinawa_label: str = "",
    overseas_label: str = "",
    highlight: Collection[str] = (),
) -> int:
    """Draw the 47 prefectures (Okinawa in its inset) on ``ax`` and fit the axes to Japan.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Axes in map coordinates (longitude, latitude).
    okinawa_label, overseas_label : str
        Captions of the Okinawa inset and of the overseas box (no box when empty).
    highlight : collection of str
        Japanese prefecture names (``東京都``) filled in a light red.

    Returns
    -------
    int
        The number of prefectures drawn.
    """
    rings = geo.map_rings()
    colours = [LAND_HIGHLIGHT if name in highlight else LAND for name, _ in rings]
    ax.add_collection(
        PolyCollection(
            [np.asarray(r) for _, r in rings],
            facecolors=colours,
            edgecolors=BORDER,
            linewidths=0.35,
            zorder=0,
        )
    )
    b = geo.OKINAWA_BOX
    ax.add_patch(
        Rectangle((b[0], b[2]), b[1] - b[0], b[3] - b[2], fill=False, ls=":", ec=BOX, lw=0.8)
    )
    if okinawa_label:
        ax.text(b[0] + 0.1, b[3] - 0.1, okinawa_label, fontsize=6.5, color="#666", va="top")
    if overseas_label:
        o = geo.OVERSEAS_BOX
        ax.add_patch(
            Rectangle((o[0], o[2]), o[1] - o[0], o[3] - o[2], fc="#f7f7f7", ls=":", ec=BOX, lw=0.8)
        )
        ax.text(
            (o[0] + o[1]) / 2,
            o[3] + 0.15,
            overseas_label,
            fontsize=6.5,
            color="#666",
            ha="center",
            va="bottom",
        )
    ax.set_xlim(*geo.LON_RANGE)
    ax.set_ylim(*geo.LAT_RANGE)
    ax.set_aspect(1.0 / math.cos(math.radians(geo.MID_LAT)))
    ax.set_axis_off()
    return len({name for name, _ in rings})


def arc(
    a: tuple[float, float], b: tuple[float, float], *, bend: float = 0.2, n: int = 16
) -> np.ndarray:
    """Points of a quadratic Bézier arc from ``a`` to ``b`` bulging left by ``bend`` × length.

    Examples
    --------
    >>> pts = arc((0.0, 0.0), (1.0, 0.0), n=3)
    >>> pts.round(2).tolist()
    [[0.0, 0.0], [0.5, 0.1], [1.0, 0.0]]
    """
    (xa, ya), (xb, yb) = a, b
    dx, dy = xb - xa, yb - ya
    cx, cy = (xa + xb) / 2 - bend * dy, (ya + yb) / 2 + bend * dx
    s = np.linspace(0.0, 1.0, n)[:, None]
    return (
        (1 - s) ** 2 * np.array([xa, ya])
        + 2 * (1 - s) * s * np.array([cx, cy])
        + s**2 * np.array([xb, yb])
    )
