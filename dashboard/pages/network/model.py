"""The network overview's model: super-nodes, the ties between them, expansion and filters.

Every cluster is one super-node; the organizations without a cluster are grouped into
super-nodes by their kind or by their region (the user chooses).  A view expands some
super-nodes into their organizations and keeps the others whole; ties are then counted
between whatever is drawn: organization–organization, organization–super-node and
super-node–super-node.

What does not depend on the user's choices (the super-node of every organization, the ties
as integer codes, the positions of both layouts) is computed once per snapshot and grouping
(:func:`overview`), so a view (:mod:`.views`) costs a few vectorized passes over the ties.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import numpy as np
import pandas as pd

from kizuna.analytics.layout import NO_CLUSTER, group_centres, local_positions
from kizuna.dashboard.data import SnapshotData
from kizuna.dashboard.pages.network.placement import force_centres, geo_centres
from kizuna.graph.model import CLUSTER_PALETTE

T = TypeVar("T")

#: How the organizations without a cluster are grouped.
GROUP_BY: tuple[str, ...] = ("kind", "region")
#: Where super-nodes sit: a force-directed layout of the cluster graph, or the map.
LAYOUTS: tuple[str, ...] = ("force", "geo")
#: Which names are written on the figure.
LABEL_MODES: tuple[str, ...] = ("none", "groups", "top10", "top25")
#: Choices of the minimum-degree filter.
MIN_DEGREES: tuple[int, ...] = (0, 1, 2, 3, 5, 10, 20)
#: Colours of the groups of organizations without a cluster (muted, never the clusters').
LOOSE_COLOURS: tuple[str, ...] = (
    "#8c6d31",
    "#7b4173",
    "#637939",
    "#843c39",
    "#5254a3",
    "#bd9e39",
    "#ad494a",
    "#3182bd",
    "#636363",
    "#a55194",
    "#31a354",
)


def loose_key(by: str, value: object) -> str:
    """The super-node of organizations without a cluster: ``(none):kind:university``.

    Examples
    --------
    >>> loose_key("region", "kanto")
    '(none):region:kanto'
    """
    text = str(value) if isinstance(value, str) and value else "unknown"
    return f"{NO_CLUSTER}:{by}:{text}"


def parse_loose(key: str) -> tuple[str, str] | None:
    """``(by, value)`` of a :func:`loose_key`, None for a cluster id.

    Examples
    --------
    >>> parse_loose("(none):kind:bank"), parse_loose("tama")
    (('kind', 'bank'), None)
    """
    head, _, rest = str(key).partition(":")
    if head != NO_CLUSTER or ":" not in rest:
        return None
    by, _, value = rest.partition(":")
    return by, value


def supernode_of(orgs: pd.DataFrame, by: str) -> pd.Series:
    """The super-node key of every organization: its cluster, else :func:`loose_key`."""
    cluster = orgs["cluster"]
    if by == "region":
        region = orgs["region"].where(orgs["region"].notna(), orgs.get("place_region"))
        other = [loose_key("region", r) for r in region]
    else:
        other = [loose_key("kind", k if isinstance(k, str) else "other") for k in orgs["kind"]]
    clustered = cluster.notna() & (cluster.astype(str) != "")
    keys = np.where(clustered.to_numpy(), cluster.astype(str).to_numpy(), np.asarray(other))
    return pd.Series(keys, index=orgs.index, name="supernode")


@dataclass(frozen=True)
class Overview:
    """Everything a view needs for one snapshot and grouping (computed once).

    Organizations and super-nodes are integer codes (positions in ``org_ids`` and ``keys``).
    """

    by: str
    keys: list[str]
    members: np.ndarray
    internal: np.ndarray
    is_cluster: np.ndarray
    org_ids: np.ndarray
    org_group: np.ndarray
    degree: np.ndarray
    tie_a: np.ndarray
    tie_b: np.ndarray
    tie_rows: np.ndarray
    links: pd.DataFrame
    centres: dict[str, pd.DataFrame]
    offsets: np.ndarray
    colours: list[str]
    code: dict[str, int] = field(default_factory=dict)

    @property
    def group_a(self) -> np.ndarray:
        return self.org_group[self.tie_a]

    @property
    def group_b(self) -> np.ndarray:
        return self.org_group[self.tie_b]


_KEPT: weakref.WeakKeyDictionary[SnapshotData, dict[str, Any]] = weakref.WeakKeyDictionary()
_KEPT_LOCK = threading.Lock()
_PART_LOCKS: dict[tuple[int, str], threading.Lock] = {}


def per_snapshot(data: SnapshotData, name: str, compute: Callable[[], T]) -> T:
    """``compute()`` once per snapshot and ``name``, kept as long as the snapshot lives.

    Unlike :meth:`SnapshotData.memo` (a bounded cache shared with per-query results, where
    many users' queries could push these out) nothing here is evicted; two requests asking at
    once compute it once.
    """
    with _KEPT_LOCK:
        parts = _KEPT.setdefault(data, {})
        if name in parts:
            return parts[name]
        lock = _PART_LOCKS.setdefault((id(data), name), threading.Lock())
    with lock:
        with _KEPT_LOCK:
            if name in parts:
                return parts[name]
        value = compute()
        with _KEPT_LOCK:
            parts[name] = value
            _PART_LOCKS.pop((id(data), name), None)
        return value


def overview(data: SnapshotData, by: str = "kind") -> Overview:
    """The :class:`Overview` of ``data`` grouped ``by`` kind or region, cached per snapshot."""
    by = by if by in GROUP_BY else "kind"
    result: Overview = per_snapshot(data, f"overview|{by}", lambda: build_overview(data, by))
    return result


def _tie_codes(data: SnapshotData, code_of: pd.Series) -> tuple[np.ndarray, ...]:
    """Organization codes of both ends of every tie (self-ties and unknown ends dropped)."""
    ties = data.ties
    a = code_of.reindex(ties["source"]).to_numpy(dtype=float)
    b = code_of.reindex(ties["target"]).to_numpy(dtype=float)
    keep = ~np.isnan(a) & ~np.isnan(b) & (a != b)
    return a[keep].astype(np.int64), b[keep].astype(np.int64), np.nonzero(keep)[0]


def build_overview(data: SnapshotData, by: str = "kind") -> Overview:
    """Super-nodes, tie codes, links and positions of ``data`` grouped ``by`` (uncached)."""
    orgs = data.orgs
    groups = supernode_of(orgs, by)
    counts = groups.value_counts()
    clusters = [str(c) for c in data.clusters.index if c in counts.index]
    loose = sorted(k for k in counts.index if parse_loose(k) is not None)
    keys = [*clusters, *[k for k in counts.index if k not in clusters and k not in loose], *loose]
    code = {k: i for i, k in enumerate(keys)}
    org_group = groups.map(code).to_numpy(dtype=np.int64)
    code_of = pd.Series(np.arange(len(orgs)), index=orgs.index)
    tie_a, tie_b, rows = _tie_codes(data, code_of)
    ga, gb = org_group[tie_a], org_group[tie_b]
    same = ga == gb
    internal = np.bincount(ga[same], minlength=len(keys))
    links = count_pairs(ga[~same], gb[~same])
    degree = orgs["degree"].fillna(0).to_numpy(dtype=float) if "degree" in orgs else None
    if degree is None:
        degree = np.bincount(np.concatenate([tie_a, tie_b]), minlength=len(orgs)).astype(float)
    palette = {
        str(c): CLUSTER_PALETTE[i % len(CLUSTER_PALETTE)] for i, c in enumerate(data.clusters.index)
    }
    colours = [palette.get(k) or LOOSE_COLOURS[i % len(LOOSE_COLOURS)] for i, k in enumerate(keys)]
    members = counts.reindex(keys).to_numpy(dtype=np.int64)
    ties_frame = pd.DataFrame(
        {"source": orgs.index.to_numpy()[tie_a], "target": orgs.index.to_numpy()[tie_b]}
    )
    force = force_centres(group_centres(groups, ties_frame).reindex(keys), members)
    return Overview(
        by=by,
        keys=keys,
        members=members,
        internal=internal,
        is_cluster=np.array([parse_loose(k) is None for k in keys]),
        org_ids=orgs.index.to_numpy(dtype=object),
        org_group=org_group,
        degree=degree,
        tie_a=tie_a,
        tie_b=tie_b,
        tie_rows=rows,
        links=links,
        centres={
            "force": force,
            "geo": geo_centres(data, keys, [parse_loose(k) for k in keys], members),
        },
        offsets=disc_offsets(data, groups, ties_frame),
        colours=colours,
        code=code,
    )


def count_pairs(a: np.ndarray, b: np.ndarray) -> pd.DataFrame:
    """Undirected pair counts of two code arrays: columns ``a < b`` and ``ties``.

    Examples
    --------
    >>> count_pairs(np.array([0, 1, 2]), np.array([1, 0, 1])).to_dict("list")
    {'a': [0, 1], 'b': [1, 2], 'ties': [2, 1]}
    """
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    if not len(lo):
        return pd.DataFrame({"a": [], "b": [], "ties": []}, dtype=np.int64)
    width = int(hi.max()) + 1
    pairs, counts = np.unique(lo.astype(np.int64) * width + hi, return_counts=True)
    return pd.DataFrame({"a": pairs // width, "b": pairs % width, "ties": counts})


def disc_offsets(data: SnapshotData, groups: pd.Series, ties: pd.DataFrame) -> np.ndarray:
    """Every organization's place inside its super-node's unit disc (n × 2).

    Members of a cluster keep the explorer's layout (:attr:`SnapshotData.positions`);
    other groups get a layout of their own when the grouping differs from the explorer's.
    """
    orgs = data.orgs
    own = orgs["group"]
    centre = data.cluster_positions.reindex(own)
    pos = data.positions.reindex(orgs.index)
    radius = centre["radius"].to_numpy(dtype=float)
    off = np.column_stack(
        [
            (pos["x"].to_numpy(dtype=float) - centre["x"].to_numpy(dtype=float)) / radius,
            (pos["y"].to_numpy(dtype=float) - centre["y"].to_numpy(dtype=float)) / radius,
        ]
    )
    loose = groups.map(lambda k: parse_loose(k) is not None).to_numpy(dtype=bool)
    if loose.any() and parse_loose(str(groups[loose].iloc[0]))[0] == "region":  # type: ignore[index]
        index = {o: i for i, o in enumerate(orgs.index)}
        same = (
            groups.reindex(ties["source"]).to_numpy() == groups.reindex(ties["target"]).to_numpy()
        )
        inside = ties[same]
        for _key, part in groups[loose].groupby(groups[loose]):
            ids = list(part.index)
            mine = inside[inside["source"].isin(set(ids))]
            local = local_positions(ids, list(zip(mine["source"], mine["target"], strict=True)))
            off[[index[i] for i in ids]] = local[["x", "y"]].to_numpy(dtype=float)
    codes = pd.factorize(groups)[0]
    return even_out(np.nan_to_num(off), codes)


def even_out(off: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """Spread each group's points evenly over its unit disc: the angles stay, the distances
    from the centre become the area quantiles of their rank.

    A force-directed layout packs most organizations of a big cluster near its centre (a few
    loosely tied ones set the scale); this keeps who is beside whom and fills the disc.

    Examples
    --------
    >>> pts = even_out(np.array([[0.01, 0.0], [0.02, 0.0], [1.0, 0.0]]), np.zeros(3, int))
    >>> np.round(pts[:, 0], 3).tolist()
    [0.408, 0.707, 0.913]
    """
    out = off.copy()
    dist = np.hypot(off[:, 0], off[:, 1])
    order = np.lexsort((dist, groups))
    sorted_groups = groups[order]
    starts = np.searchsorted(sorted_groups, sorted_groups, side="left")
    sizes = np.bincount(groups)[sorted_groups]
    rank = np.arange(len(order)) - starts
    target = np.empty(len(order))
    target[order] = np.sqrt((rank + 0.5) / sizes)
    scale = np.where(dist > 1e-12, target / np.maximum(dist, 1e-12), 0.0)
    out[:, 0] *= scale
    out[:, 1] *= scale
    alone = dist <= 1e-12  # a point at the very centre keeps it
    out[alone] = 0.0
    return out
