"""Where the network overview's super-nodes sit: force-directed or on the map, apart.

Pure geometry on arrays (computed once per snapshot by :mod:`.model`): marker sizes, the
force-directed centres spread so no two markers overlap, the geographic centres (map
coordinates, x = lon·cos 36°) and the disc-separation they both use.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from kizuna.dashboard.data import SnapshotData
from kizuna.plots import geo

#: Force-directed layout: pixels per layout unit at the figure's usual size, and the room
#: kept around each marker.
FORCE_PX_PER_UNIT = 210.0
FORCE_GAP_PX = 8.0
#: Radius of an expanded group's disc, smallest and largest group (layout units; map degrees).
OPEN_RADIUS: dict[str, tuple[float, float]] = {"force": (0.16, 0.6), "geo": (0.45, 1.6)}
#: Geographic layout: a closed marker's radius in map degrees, smallest and largest group.
GEO_RADIUS = (0.25, 0.6)
#: Geographic layout: where the groups that have no place (grouped by kind) are lined up.
GEO_UNPLACED = (148.6, 44.6)


def marker_px(members: np.ndarray) -> np.ndarray:
    """Diameter (pixels) of each super-node's marker: by its organizations (area ∝ count)."""
    top = max(int(members.max()) if len(members) else 1, 1)
    return np.round(16 + 44 * np.sqrt(members / top), 1)


def force_centres(centres: pd.DataFrame, members: np.ndarray) -> pd.DataFrame:
    """The force-directed super-node layout, scaled to about ±1 and pushed apart until no
    two markers (with room for a label) overlap at the figure's usual size.

    Columns: x, y; ``mark`` (a marker's radius) and ``radius`` (the disc an expanded group's
    organizations fill), in the same units.
    """
    xy = centres[["x", "y"]].to_numpy(dtype=float)
    px = marker_px(members)
    top = max(int(members.max()) if len(members) else 1, 1)
    for _ in range(3):  # separating grows the layout, which shrinks the markers' share
        span = float(np.abs(xy).max()) if len(xy) else 1.0
        xy = xy / (span or 1.0)
        xy = separate(xy, (px / 2 + FORCE_GAP_PX) / FORCE_PX_PER_UNIT)
    span = float(np.abs(xy).max()) if len(xy) else 1.0
    xy = xy / (span or 1.0)
    return pd.DataFrame(
        {
            "x": xy[:, 0],
            "y": xy[:, 1],
            "mark": (px / 2 + FORCE_GAP_PX) / FORCE_PX_PER_UNIT,
            "radius": OPEN_RADIUS["force"][0]
            + (OPEN_RADIUS["force"][1] - OPEN_RADIUS["force"][0]) * np.sqrt(members / top),
        }
    )


def geo_centres(
    data: SnapshotData,
    keys: list[str],
    loose: list[tuple[str, str] | None],
    members: np.ndarray,
) -> pd.DataFrame:
    """Geographic super-node positions (x = lon·cos 36°, y = lat, map coordinates).

    Clusters sit at their map bubble, region groups at the region's centre; groups with no
    place (organization kinds) are lined up east of Hokkaido.  Discs are then pushed apart
    until they do not overlap.
    """
    scale = math.cos(math.radians(geo.MID_LAT))
    places = {
        str(c): (float(lon), float(lat))
        for c, lat, lon in zip(
            data.clusters.index, data.clusters["lat"], data.clusters["lon"], strict=True
        )
        if pd.notna(lat) and pd.notna(lon)
    }
    top = max(int(members.max()) if len(members) else 1, 1)
    radius = GEO_RADIUS[0] + (GEO_RADIUS[1] - GEO_RADIUS[0]) * np.sqrt(members / top)
    xs, ys, fixed = [], [], []
    unplaced = 0
    for key, kind in zip(keys, loose, strict=True):
        place: tuple[float, float] | None = None
        if kind is None:
            place = places.get(key)
        elif kind[0] == "region" and kind[1] in geo.REGION_CENTRES:
            lat, lon = geo.REGION_CENTRES[kind[1]]
            place = geo.to_map(lon, lat)
        if place is None:
            place = (GEO_UNPLACED[0], GEO_UNPLACED[1] - 1.6 * unplaced)
            unplaced += 1
        xs.append(place[0] * scale)
        ys.append(place[1])
        fixed.append(kind is not None and kind[0] == "kind")
    xy = separate(np.column_stack([xs, ys]), radius, np.array(fixed, dtype=bool))
    low, high = OPEN_RADIUS["geo"]
    return pd.DataFrame(
        {
            "x": xy[:, 0],
            "y": xy[:, 1],
            "mark": radius,
            "radius": low + (high - low) * np.sqrt(members / top),
            "fixed": fixed,
        }
    )


def separate(
    xy: np.ndarray, radius: np.ndarray, fixed: np.ndarray | None = None, rounds: int = 80
) -> np.ndarray:
    """Push discs apart until none overlap (deterministic; ``fixed`` ones do not move).

    Examples
    --------
    >>> out = separate(np.array([[0.0, 0.0], [0.1, 0.0]]), np.array([1.0, 1.0]))
    >>> bool(np.hypot(*(out[0] - out[1])) >= 2.0 - 1e-6)
    True
    """
    pts = xy.astype(float).copy()
    n = len(pts)
    fixed = np.zeros(n, dtype=bool) if fixed is None else fixed
    angle = np.arange(n) * 2.399963  # golden angle: distinct directions for equal points
    need = (radius[:, None] + radius[None, :]) * 1.04
    for _ in range(rounds):
        diff = pts[:, None, :] - pts[None, :, :]
        dist = np.sqrt((diff**2).sum(axis=2))
        np.fill_diagonal(dist, np.inf)
        overlap = np.clip(need - dist, 0, None)
        np.fill_diagonal(overlap, 0)
        if not (overlap > 1e-9).any():
            break
        safe = np.where(dist < 1e-9, 1.0, dist)
        direction = diff / safe[:, :, None]
        tiny = dist < 1e-9
        if tiny.any():
            unit = np.column_stack([np.cos(angle), np.sin(angle)])
            direction[tiny] = unit[np.nonzero(tiny)[0]]
        share = np.where(fixed[None, :], 1.0, 0.5)  # a fixed neighbour: move the whole way
        push = (direction * (overlap * share)[:, :, None]).sum(axis=1)
        push[fixed] = 0.0
        pts += push
    return pts
