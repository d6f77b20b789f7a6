"""Where things sit on the national map: prefecture outlines, cluster places, organization places.

One geometry for the app's plotly map (:mod:`kizuna.dashboard.pages.national_map.figures`) and
the reports' matplotlib map (:mod:`kizuna.plots.japan_mpl`).  The map is drawn on plain
longitude/latitude axes (no tile server, so everything works offline).  The prefecture outlines
are package data (``graph/data/prefecture_outlines.json``: the PyPI package ``japanmap``
0.6.0's boundaries, Apache-2.0, simplified by ``scripts/make_prefecture_outlines.py``);
Okinawa is moved into an inset box in the Sea of Japan, as Japanese national maps do.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources
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
#: The overseas box (lon0, lon1, lat0, lat1) around REGION_CENTRES["overseas"].
OVERSEAS_BOX = (142.9, 146.1, 29.8, 32.2)
#: Latitude whose cosine sets the map's aspect (lon degrees are shorter than lat degrees).
MID_LAT = 36.0


def to_map(lon: float, lat: float) -> tuple[float, float]:
    """Map coordinates of a real (lon, lat): Okinawa moves into its inset.

    Examples
    --------
    >>> to_map(127.68, 26.21)  # Naha
    (130.28, 38.21)
    >>> to_map(139.69, 35.69)  # Tokyo stays
    (139.69, 35.69)
    """
    if lat < 28.5 and lon < 131.5:
        return round(lon + OKINAWA_SHIFT[0], 6), round(lat + OKINAWA_SHIFT[1], 6)
    return lon, lat


@dataclass(frozen=True)
class PrefectureOutline:
    """One prefecture's outline (the area holding its capital), in real (lon, lat)."""

    code: int
    name: str
    name_en: str
    rings: tuple[tuple[tuple[float, float], ...], ...]


# Two islands the boundary data leaves out (it keeps the area holding each capital):
# Awaji (兵庫県) and Sado (新潟県), coarse hand-drawn outlines.
_EXTRA_ISLANDS: dict[int, tuple[tuple[float, float], ...]] = {
    28: ((134.95, 34.6), (135.0, 34.45), (134.7, 34.2), (134.8, 34.45)),
    15: ((138.5, 38.33), (138.35, 38.0), (138.25, 37.85), (138.45, 38.0)),
}


@functools.cache
def prefecture_outlines() -> tuple[PrefectureOutline, ...]:
    """The 47 prefecture outlines in JIS order (北海道 first, 沖縄県 last), real coordinates.

    Examples
    --------
    >>> outlines = prefecture_outlines()
    >>> len(outlines), outlines[12].name
    (47, '東京都')
    """
    text = (
        resources.files("kizuna.graph").joinpath("data/prefecture_outlines.json").read_text("utf-8")
    )
    data = json.loads(text)
    out = []
    for row in data["prefectures"]:
        ring = tuple((float(x), float(y)) for x, y in row["ring"])
        extra = _EXTRA_ISLANDS.get(int(row["code"]))
        rings = (ring, extra) if extra else (ring,)
        out.append(PrefectureOutline(int(row["code"]), row["name"], row["name_en"], rings))
    return tuple(out)


def map_rings() -> list[tuple[str, list[tuple[float, float]]]]:
    """Every outline ring in map coordinates (Okinawa in its inset), with its prefecture."""
    rings = []
    for pref in prefecture_outlines():
        for ring in pref.rings:
            rings.append((pref.name, [to_map(lon, lat) for lon, lat in ring]))
    return rings


def outline_xy() -> tuple[list[float | None], list[float | None]]:
    """Longitudes and latitudes of every prefecture outline, closed, separated by None
    (one plotly scatter trace with ``fill="toself"`` draws them all)."""
    xs: list[float | None] = []
    ys: list[float | None] = []
    for _, ring in map_rings():
        for x, y in [*ring, ring[0]]:
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
    # one dict lookup per organization (a .loc per row costs seconds at 10k organizations)
    bubbles = {
        str(cid): (lat, lon, region)
        for cid, lat, lon, region in zip(
            clusters.index, clusters["lat"], clusters["lon"], clusters["region"], strict=True
        )
        if _valid(lat, lon)
    }
    for cluster, region, pref, lat, lon in zip(
        orgs["cluster"],
        orgs["region"],
        orgs["prefecture"],
        orgs["lat"],
        orgs["lon"],
        strict=True,
    ):
        bubble = bubbles.get(cluster) if isinstance(cluster, str) else None
        if bubble is not None:
            places.append(f"cluster:{cluster}")
            lats.append(float(bubble[0]))
            lons.append(float(bubble[1]))
            regions.append(bubble[2] if isinstance(bubble[2], str) else region)
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


def bundle_cluster_places(bundle: Any) -> pd.DataFrame:
    """Map place of every cluster of a bundle (clusters.csv ids, then members' other values).

    Returns a frame indexed by cluster id with ``lat``, ``lon`` (map coordinates, Okinawa in
    its inset), ``region`` and ``orgs`` (members); placed by :func:`cluster_places`, the one
    rule the app and the reports share.
    """
    nodes = bundle.nodes
    declared = bundle.clusters.drop_duplicates("id")
    members = nodes["cluster"].dropna().map(str)
    ids = list(dict.fromkeys([*declared["id"].dropna().map(str), *members]))
    info = declared.assign(id=declared["id"].map(str)).set_index("id")
    frame = pd.DataFrame(
        {
            "id": ids,
            "region": [info["region"].get(c) if "region" in info else None for c in ids],
            "body": [info["body"].get(c) if "body" in info else None for c in ids],
        }
    )
    frame["region"] = frame["region"].where(frame["region"].map(lambda v: isinstance(v, str)))
    places = cluster_places(frame, nodes)
    counts = members.value_counts()
    places["orgs"] = [int(counts.get(c, 0)) for c in ids]
    places.index = pd.Index(ids, name="id")
    return places
