"""The national map's data: places, ties between places (arcs), filters, tie tables.

Plain functions over a :class:`dashboard.data.SnapshotData`; the map page draws them, the
network and gap pages reuse the tie tables (with their provenance).
"""

from __future__ import annotations

from itertools import groupby
from typing import Any

import numpy as np
import pandas as pd

from kizuna.dashboard.data import SnapshotData
from kizuna.dashboard.i18n import label_column, t, term
from kizuna.graph.bundle import Bundle, GraphFilter
from kizuna.graph.model import CONFIDENCE_LEVELS
from kizuna.plots import geo as geo_layout

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
    coords = place_coords(data)
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


def place_coords(data: SnapshotData) -> pd.DataFrame:
    """Mean position, region and a label for every map place."""

    def compute() -> pd.DataFrame:
        orgs = data.orgs_base.dropna(subset=["place"])
        frame = orgs.groupby("place").agg(
            lat=("place_lat", "mean"),
            lon=("place_lon", "mean"),
            region=("place_region", "first"),
            prefecture=("prefecture", "first"),
            orgs=("id", "size"),
        )
        return frame

    result: pd.DataFrame = data._cached("place_coords", compute)
    return result


def place_label(data: SnapshotData, place: str, lang: str) -> str:
    if place.startswith("cluster:"):
        return data.cluster_label(place.split(":", 1)[1], lang)
    if place == geo_layout.OVERSEAS:
        return t("map.overseas", lang)
    if place.startswith("region:"):
        return term("region", place.split(":", 1)[1], lang)
    return place.partition(":")[2] or place


def cluster_of_place(place: str) -> str | None:
    return place.split(":", 1)[1] if place.startswith("cluster:") else None


def ties_of_selection(
    data: SnapshotData, ties: pd.DataFrame, selection: dict[str, Any]
) -> pd.DataFrame:
    """The ties behind a selected arc or cluster pair, or the cross-cluster ties of a cluster."""
    kind = selection.get("kind")
    if kind == "pair":
        a, b = selection.get("a"), selection.get("b")
        mask = ((ties["source_group"] == a) & (ties["target_group"] == b)) | (
            (ties["source_group"] == b) & (ties["target_group"] == a)
        )
    elif kind == "arc":
        a, b = selection.get("a"), selection.get("b")
        mask = ((ties["source_place"] == a) & (ties["target_place"] == b)) | (
            (ties["source_place"] == b) & (ties["target_place"] == a)
        )
    elif kind == "cluster":
        c = selection.get("id")
        mask = (ties["source_group"] == c) ^ (ties["target_group"] == c)
    else:
        return ties.iloc[0:0]
    return tie_table(data, ties[mask])


def tie_table(data: SnapshotData, ties: pd.DataFrame) -> pd.DataFrame:
    """Ties with readable end names and their provenance."""
    orgs = data.orgs_base
    names = orgs[label_column()]
    out = pd.DataFrame(
        {
            "source": ties["source"].to_numpy(),
            "source_name": names.reindex(ties["source"]).to_numpy(),
            "target": ties["target"].to_numpy(),
            "target_name": names.reindex(ties["target"]).to_numpy(),
            "kind": ties["kind"].to_numpy(),
            "since": ties["since"].to_numpy(),
            "confidence": ties["confidence"].to_numpy(),
            "evidence": ties["evidence"].to_numpy(),
            "source_ref": ties["source_ref"].to_numpy(),
        }
    )
    return out


TIE_COLUMNS = (
    "source_name",
    "target_name",
    "kind",
    "since",
    "confidence",
    "evidence",
    "source_ref",
)
