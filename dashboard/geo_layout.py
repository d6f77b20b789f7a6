"""Where things sit on the national map: cluster places, organization places, Japan's outline.

The map is drawn on plain longitude/latitude axes (no tile server or topojson download, so
the app works offline); the coastline below is a coarse hand-drawn outline of the main
islands, accurate to a few tens of kilometres, enough to place regions at a glance.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

#: Approximate centres (lat, lon) of the bundle regions; overseas bodies are drawn in the
#: Pacific east of Honshu, in a labelled box.
REGION_CENTRES: dict[str, tuple[float, float]] = {
    "hokkaido": (43.2, 142.8),
    "tohoku": (39.3, 140.8),
    "kanto": (36.0, 139.6),
    "chubu": (36.2, 137.6),
    "kinki": (34.7, 135.6),
    "chugoku": (34.8, 132.8),
    "shikoku": (33.7, 133.5),
    "kyushu": (32.6, 130.9),
    "okinawa": (26.4, 127.9),  # drawn in the inset (see to_map)
    "overseas": (31.0, 144.5),
}
OVERSEAS = "overseas"

#: Map extent (lon, lat) after the Okinawa inset is moved in.
LON_RANGE = (127.5, 147.0)
LAT_RANGE = (29.8, 45.9)
#: Okinawa (south of 28.5° N, west of 131.5° E) is drawn in an inset box in the Sea of
#: Japan, shifted by this (lon, lat), as Japanese national maps do.
OKINAWA_SHIFT = (2.6, 12.0)
OKINAWA_BOX = (129.2, 131.6, 37.3, 39.9)  # lon0, lon1, lat0, lat1 after the shift


def to_map(lon: float, lat: float) -> tuple[float, float]:
    """Map coordinates of a real (lon, lat): Okinawa moves into its inset."""
    if lat < 28.5 and lon < 131.5:
        return lon + OKINAWA_SHIFT[0], lat + OKINAWA_SHIFT[1]
    return lon, lat


# Coarse coastlines, (lon, lat) vertices, closed.
_HOKKAIDO = [
    (141.94, 45.52),
    (142.6, 44.9),
    (143.3, 44.3),
    (144.3, 44.0),
    (145.33, 44.35),
    (145.19, 44.02),
    (145.58, 43.33),
    (145.82, 43.38),
    (144.38, 42.98),
    (143.25, 41.93),
    (141.6, 42.63),
    (140.97, 42.32),
    (140.73, 41.77),
    (140.2, 41.4),
    (140.1, 41.43),
    (140.1, 41.87),
    (139.85, 42.45),
    (140.35, 43.37),
    (141.0, 43.2),
    (141.3, 43.25),
    (141.65, 43.94),
    (141.68, 45.41),
]
_HONSHU = [
    (140.91, 41.53),
    (141.45, 41.43),
    (141.5, 40.5),
    (142.0, 39.65),
    (141.9, 39.27),
    (141.6, 38.9),
    (141.5, 38.28),
    (141.0, 38.25),
    (140.95, 37.8),
    (140.95, 37.0),
    (140.6, 36.4),
    (140.87, 35.7),
    (140.4, 35.2),
    (139.85, 34.9),
    (139.85, 35.3),
    (140.0, 35.6),
    (139.75, 35.6),
    (139.65, 35.15),
    (139.15, 35.25),
    (138.85, 34.6),
    (138.85, 35.1),
    (138.4, 34.95),
    (138.22, 34.6),
    (137.7, 34.65),
    (137.0, 34.6),
    (136.85, 34.9),
    (136.6, 34.7),
    (136.85, 34.3),
    (136.2, 34.05),
    (135.77, 33.43),
    (135.15, 34.2),
    (135.4, 34.65),
    (135.2, 34.68),
    (134.95, 34.65),
    (133.9, 34.5),
    (133.2, 34.4),
    (132.45, 34.35),
    (132.2, 34.15),
    (131.4, 34.0),
    (130.9, 33.95),
    (130.9, 34.35),
    (131.4, 34.45),
    (132.1, 34.9),
    (132.65, 35.45),
    (133.1, 35.6),
    (134.2, 35.55),
    (134.8, 35.65),
    (135.2, 35.75),
    (135.5, 35.5),
    (136.05, 35.65),
    (136.1, 36.1),
    (136.6, 36.6),
    (136.75, 37.2),
    (137.35, 37.5),
    (137.0, 37.0),
    (137.2, 36.75),
    (138.25, 37.2),
    (139.05, 37.95),
    (139.45, 38.25),
    (139.8, 38.9),
    (140.05, 39.7),
    (139.7, 39.9),
    (140.0, 40.2),
    (139.9, 40.6),
    (140.35, 41.25),
    (140.75, 40.85),
    (141.2, 41.2),
]
_SHIKOKU = [
    (134.05, 34.35),
    (134.6, 34.2),
    (134.6, 34.05),
    (134.18, 33.25),
    (133.55, 33.5),
    (132.95, 32.72),
    (132.5, 33.2),
    (132.0, 33.35),
    (132.7, 33.85),
    (133.0, 34.1),
    (133.3, 33.95),
    (133.65, 34.15),
]
_KYUSHU = [
    (130.9, 33.9),
    (130.4, 33.6),
    (129.95, 33.5),
    (129.5, 33.35),
    (129.7, 33.15),
    (129.85, 32.75),
    (130.3, 32.85),
    (130.55, 32.6),
    (130.4, 32.2),
    (130.2, 31.9),
    (130.2, 31.3),
    (130.65, 31.0),
    (130.8, 31.4),
    (131.1, 31.3),
    (131.45, 31.9),
    (131.7, 32.6),
    (131.9, 32.95),
    (131.6, 33.25),
    (131.7, 33.6),
    (131.2, 33.6),
]
_OKINAWA = [
    (127.68, 26.08),
    (127.9, 26.3),
    (128.0, 26.55),
    (128.27, 26.87),
    (128.1, 26.75),
    (127.75, 26.5),
    (127.65, 26.2),
]
_AWAJI = [(134.95, 34.6), (135.0, 34.45), (134.7, 34.2), (134.8, 34.45)]
_SADO = [(138.5, 38.33), (138.35, 38.0), (138.25, 37.85), (138.45, 38.0)]

ISLANDS: tuple[list[tuple[float, float]], ...] = (
    _HOKKAIDO,
    _HONSHU,
    _SHIKOKU,
    _KYUSHU,
    _OKINAWA,
    _AWAJI,
    _SADO,
)


def outline_xy() -> tuple[list[float | None], list[float | None]]:
    """Longitudes and latitudes of every island outline, closed, separated by None."""
    xs: list[float | None] = []
    ys: list[float | None] = []
    for island in ISLANDS:
        for lon, lat in [*island, island[0]]:
            x, y = to_map(lon, lat)
            xs.append(x)
            ys.append(y)
        xs.append(None)
        ys.append(None)
    return xs, ys


def _valid(lat: object, lon: object) -> bool:
    return (
        isinstance(lat, float | int)
        and isinstance(lon, float | int)
        and not pd.isna(lat)
        and not pd.isna(lon)
    )


def _on_map(lat: float, lon: float) -> bool:
    """In Japan (real coordinates, Okinawa included)."""
    return 24.0 <= lat <= 46.0 and 122.0 <= lon <= 149.0


def cluster_places(clusters: pd.DataFrame, nodes: pd.DataFrame) -> pd.DataFrame:
    """Map position and region of each cluster.

    The promotion body's coordinates when known, else the median of the members' (those in
    Japan), else the centre of the cluster's region.
    """
    by_id = nodes.set_index("id", drop=False) if len(nodes) else nodes
    rows = []
    for _, cluster in clusters.iterrows():
        members = nodes[nodes["cluster"] == cluster["id"]]
        region = cluster.get("region")
        if not (isinstance(region, str) and region):
            mode = members["region"].dropna().mode()
            region = str(mode.iloc[0]) if len(mode) else None
        lat = lon = None
        body = cluster.get("body")
        if isinstance(body, str) and body in by_id.index:
            b: Any = by_id.loc[body]
            if _valid(b["lat"], b["lon"]) and _on_map(float(b["lat"]), float(b["lon"])):
                lat, lon = float(b["lat"]), float(b["lon"])
        if lat is None:
            japan = members["lat"].between(24.0, 46.0) & members["lon"].between(122.0, 149.0)
            inside = members[japan]
            if len(inside):
                lat, lon = float(inside["lat"].median()), float(inside["lon"].median())
        if lat is None and region in REGION_CENTRES:
            lat, lon = REGION_CENTRES[region]
        if lat is not None and lon is not None:
            lon, lat = to_map(lon, lat)
        rows.append({"lat": lat, "lon": lon, "region": region})
    frame = pd.DataFrame(rows, columns=["lat", "lon", "region"], index=clusters.index)
    return spread(frame)


def spread(places: pd.DataFrame, *, gap: float = 0.8, rounds: int = 60) -> pd.DataFrame:
    """Push apart bubbles closer than ``gap`` degrees (several clusters in one prefecture).

    A few rounds of pairwise repulsion, deterministic; every bubble stays within about
    ``gap`` of where it belongs.  Skipped above 400 clusters (then bubbles may overlap).
    """
    ok = places["lat"].notna() & places["lon"].notna()
    if ok.sum() < 2 or ok.sum() > 400:
        return places
    pts = places.loc[ok, ["lon", "lat"]].to_numpy(dtype=float)
    home = pts.copy()
    n = len(pts)
    angle = np.arange(n) * 2.399963  # golden angle: distinct directions for equal points
    for _ in range(rounds):
        diff = pts[:, None, :] - pts[None, :, :]
        dist = np.sqrt((diff**2).sum(axis=2))
        np.fill_diagonal(dist, np.inf)
        close = dist < gap
        if not close.any():
            break
        push = np.zeros_like(pts)
        for i, j in zip(*np.nonzero(close), strict=True):
            if i >= j:
                continue
            d = dist[i, j]
            if d < 1e-9:
                direction = np.array([np.cos(angle[i]), np.sin(angle[i])])
            else:
                direction = diff[i, j] / d
            step = (gap - d) / 2 * direction
            push[i] += step
            push[j] -= step
        pts = pts + push
        pts = home + np.clip(pts - home, -1.5 * gap, 1.5 * gap)
    out = places.copy()
    out.loc[ok, "lon"] = pts[:, 0]
    out.loc[ok, "lat"] = pts[:, 1]
    return out


def org_places(orgs: pd.DataFrame, clusters: pd.DataFrame) -> pd.DataFrame:
    """Where each organization's ties start on the map.

    Members of a cluster sit at the cluster's bubble; overseas bodies in the overseas box;
    others at their own coordinates (grouped by prefecture), else at their region's centre.
    """
    places: list[str | None] = []
    lats: list[float | None] = []
    lons: list[float | None] = []
    regions: list[Any] = []
    for cluster, region, pref, lat, lon in zip(
        orgs["cluster"],
        orgs["region"],
        orgs["prefecture"],
        orgs["lat"],
        orgs["lon"],
        strict=True,
    ):
        if isinstance(cluster, str) and cluster in clusters.index:
            c: Any = clusters.loc[cluster]
            if _valid(c["lat"], c["lon"]):
                places.append(f"cluster:{cluster}")
                lats.append(float(c["lat"]))
                lons.append(float(c["lon"]))
                regions.append(c["region"] if isinstance(c["region"], str) else region)
                continue
        if region == OVERSEAS:
            places.append(OVERSEAS)
            lats.append(REGION_CENTRES[OVERSEAS][0])
            lons.append(REGION_CENTRES[OVERSEAS][1])
            regions.append(OVERSEAS)
        elif _valid(lat, lon) and _on_map(float(lat), float(lon)):
            key = pref if isinstance(pref, str) and pref else f"{lat:.1f},{lon:.1f}"
            places.append(f"pref:{key}")
            x, y = to_map(float(lon), float(lat))
            lats.append(y)
            lons.append(x)
            regions.append(region)
        elif isinstance(region, str) and region in REGION_CENTRES:
            places.append(f"region:{region}")
            x, y = to_map(REGION_CENTRES[region][1], REGION_CENTRES[region][0])
            lats.append(y)
            lons.append(x)
            regions.append(region)
        else:
            places.append(None)
            lats.append(None)
            lons.append(None)
            regions.append(region)
    return pd.DataFrame(
        {"place": places, "place_lat": lats, "place_lon": lons, "place_region": regions},
        index=orgs.index,
    )
