"""The national map page: the data it shows, as plain functions of a snapshot.

The ties between two map places passing the map's filters (:func:`filter_ties`), one arc per
pair of places (:func:`arcs`), the year slider's range and phases, what a click selects and
the cluster picker's options.
"""

from __future__ import annotations

from itertools import groupby
from typing import Any

import numpy as np
import pandas as pd

from kizuna.dashboard.data import SnapshotData
from kizuna.dashboard.i18n import term
from kizuna.graph.bundle import Bundle, GraphFilter
from kizuna.graph.model import CONFIDENCE_LEVELS

SCOPES = ("cross_region", "cross_cluster")
PHASE_PRESETS: dict[str, tuple[int, int]] = {
    "launch": (2001, 2005),
    "growth": (2006, 2009),
    "self_reliance": (2010, 2015),
}


def year_bounds(data: SnapshotData) -> tuple[int, int]:
    """The slider's range: the ties' years, at least 2000–2012."""
    years = pd.concat([data.bundle.ties["since"], data.bundle.ties["until"]]).dropna()
    low = min(2000, int(years.min())) if len(years) else 2000
    high = max(2012, int(years.max())) if len(years) else 2012
    return low, high


def filter_ties(
    data: SnapshotData,
    *,
    tie_kinds: list[str] | None = None,
    confidence: list[str] | None = None,
    years: list[int] | None = None,
) -> pd.DataFrame:
    """The ties between two different map places passing the map's filters.

    Extended with places, clusters and regions; ties inside one place (one cluster, one
    prefecture) never draw an arc and are left out once per snapshot.
    """
    low, high = year_bounds(data)
    since, until = (years or [low, high])[:2]
    conf = tuple(confidence or ())
    graph_filter = GraphFilter(
        tie_kinds=tuple(tie_kinds or ()),
        confidence=() if set(conf) >= set(CONFIDENCE_LEVELS) else conf,
        since=None if since <= low else int(since),
        until=None if until >= high else int(until),
    )
    ties = placed_ties(data)
    if graph_filter.is_empty:
        return ties
    filtered = graph_filter.apply(Bundle(nodes=data.bundle.nodes, ties=ties))
    return filtered.ties


def placed_ties(data: SnapshotData) -> pd.DataFrame:
    """Ties whose two ends sit at different map places (cached per snapshot)."""

    def build() -> pd.DataFrame:
        ties = data.ties.dropna(subset=["source_place", "target_place"])
        ties = ties[ties["source_place"] != ties["target_place"]]
        for col in (
            "source_place",
            "target_place",
            "source_region",
            "target_region",
            "kind",
            "source_group",
            "target_group",
        ):
            ties = ties.assign(**{col: ties[col].astype(object)})
        return ties.reset_index(drop=True)

    result: pd.DataFrame = data.memo("placed_ties", build)
    return result


def arcs(data: SnapshotData, ties: pd.DataFrame, *, scope: str = "cross_region") -> pd.DataFrame:
    """Ties between different map places, one row per unordered pair of places.

    Columns: a, b (places), count, weight, kinds, lat_a, lon_a, lat_b, lon_b.  With scope
    ``cross_region`` only ties whose ends lie in different regions are kept.
    """
    cols = ["a", "b", "count", "weight", "kinds", "lat_a", "lon_a", "lat_b", "lon_b"]
    use = ties.dropna(subset=["source_place", "target_place"])
    use = use[use["source_place"] != use["target_place"]]
    if scope == "cross_region":
        use = use[use["source_region"].fillna("?") != use["target_region"].fillna("?")]
    if use.empty:
        return pd.DataFrame(columns=cols)
    src = use["source_place"].to_numpy(dtype=object)
    dst = use["target_place"].to_numpy(dtype=object)
    first = src < dst
    keyed = pd.DataFrame(
        {
            "a": np.where(first, src, dst),
            "b": np.where(first, dst, src),
            "w": use["weight"].fillna(1.0).to_numpy(dtype=float),
            "kind": use["kind"].to_numpy(dtype=object),
        }
    )
    grouped = keyed.groupby(["a", "b"], sort=False).agg(count=("w", "size"), weight=("w", "sum"))
    kinds = _kinds_per_pair(keyed)
    grouped = grouped.join(kinds.rename("kinds")).reset_index()
    coords = data.place_coords
    for end in ("a", "b"):
        grouped[f"lat_{end}"] = coords["lat"].reindex(grouped[end]).to_numpy()
        grouped[f"lon_{end}"] = coords["lon"].reindex(grouped[end]).to_numpy()
    return grouped[cols].sort_values("count", ascending=False, kind="stable").reset_index(drop=True)


def _kinds_per_pair(keyed: pd.DataFrame) -> pd.Series:
    """ "joint_rd, supply": the tie kinds of each (a, b) pair, sorted, comma-separated."""
    kinds = keyed.drop_duplicates(["a", "b", "kind"]).sort_values(["a", "b", "kind"])
    a = kinds["a"].to_numpy(dtype=object)
    b = kinds["b"].to_numpy(dtype=object)
    kind = kinds["kind"].astype(str).to_numpy(dtype=object)
    joined: dict[tuple[Any, Any], str] = {}
    for key, rows in groupby(range(len(kinds)), key=lambda i: (a[i], b[i])):
        joined[key] = ", ".join(kind[i] for i in rows)
    index = pd.MultiIndex.from_tuples(list(joined), names=["a", "b"])
    return pd.Series(list(joined.values()), index=index, dtype=object)


def cluster_of_place(place: str) -> str | None:
    return place.split(":", 1)[1] if place.startswith("cluster:") else None


def selection_from_click(click: dict[str, Any] | None) -> dict[str, Any] | None:
    """The selection a click on the map makes (None when it hit nothing selectable)."""
    if not click or not click.get("points"):
        return None
    custom = click["points"][0].get("customdata")
    if not isinstance(custom, list) or len(custom) < 2:
        return None
    kind, a = custom[0], custom[1]
    if kind == "cluster":
        return {"kind": "cluster", "id": a}
    if kind == "arc":
        b = custom[2]
        ca, cb = cluster_of_place(a), cluster_of_place(b)
        if ca and cb:
            return {"kind": "pair", "a": min(ca, cb), "b": max(ca, cb)}
        return {"kind": "arc", "a": a, "b": b}
    return None


#: A time control acts only when at least this share of the ties (clusters) carries a year.
YEAR_MIN_SHARE = 0.10


def year_coverage(data: SnapshotData) -> tuple[int, int]:
    """(ties carrying a year, all ties): the year slider and phase filter act on the first."""
    ties = data.bundle.ties
    dated = int((ties["since"].notna() | ties["until"].notna()).sum()) if len(ties) else 0
    return dated, len(ties)


def phase_coverage(data: SnapshotData) -> tuple[int, int]:
    """(clusters with a start year, all clusters): "colour by phase" needs the first."""
    clusters = data.clusters
    return int(clusters["since"].notna().sum()), len(clusters)


def enough_share(part: int, whole: int) -> bool:
    """Whether ``part`` of ``whole`` is enough to offer a filter (:data:`YEAR_MIN_SHARE`)."""
    return whole > 0 and part / whole >= YEAR_MIN_SHARE


def cluster_options(data: SnapshotData, lang: str) -> list[dict[str, Any]]:
    """Every cluster for the picker, by name (Japanese and English searchable), A→Z."""
    clusters = data.clusters
    options = [
        {
            "label": f"{data.cluster_label(c, lang)} — {term('region', r, lang)}",
            "value": c,
            "search": f"{data.cluster_label(c, 'ja')} {data.cluster_label(c, 'en')} {c}",
        }
        for c, r in zip(clusters["id"], clusters["region"], strict=True)
    ]
    return sorted(options, key=lambda o: str(o["label"]).casefold())
