"""The network overview's model: super-nodes, the ties between them, expansion and filters.

Every cluster is one super-node; the organizations without a cluster are grouped into
super-nodes by their kind or by their region (the user chooses).  A view expands some
super-nodes into their organizations and keeps the others whole; ties are then counted
between whatever is drawn: organization–organization, organization–super-node and
super-node–super-node.

What does not depend on the user's choices (the super-node of every organization, the ties
as integer codes, the positions of both layouts) is computed once per snapshot and grouping
(:func:`overview`), so a view costs a few vectorized passes over the ties.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from kizuna.analytics.layout import group_centres, local_positions
from kizuna.dashboard.data import NO_CLUSTER, SnapshotData
from kizuna.dashboard.i18n import t, term
from kizuna.graph.model import CLUSTER_PALETTE
from kizuna.plots import geo

#: How the organizations without a cluster are grouped.
GROUP_BY: tuple[str, ...] = ("kind", "region")
#: Where super-nodes sit: a force-directed layout of the cluster graph, or the map.
LAYOUTS: tuple[str, ...] = ("force", "geo")
#: Which names are written on the figure.
LABEL_MODES: tuple[str, ...] = ("none", "groups", "top10", "top25")
#: Choices of the minimum-degree filter.
MIN_DEGREES: tuple[int, ...] = (0, 1, 2, 3, 5, 10, 20)
#: At most this many organizations are drawn (those of highest degree first).
MAX_DRAWN = 2500
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


def overview(data: SnapshotData, by: str = "kind") -> Overview:
    """The :class:`Overview` of ``data`` grouped ``by`` kind or region, cached per snapshot."""
    by = by if by in GROUP_BY else "kind"
    result: Overview = data.memo(f"net_overview|{by}", lambda: build_overview(data, by))
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
        centres={"force": force, "geo": geo_centres(data, keys, members)},
        offsets=disc_offsets(data, groups, ties_frame),
        colours=colours,
        code=code,
    )


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
    return np.nan_to_num(off)


def geo_centres(data: SnapshotData, keys: list[str], members: np.ndarray) -> pd.DataFrame:
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
    for key in keys:
        loose = parse_loose(key)
        place: tuple[float, float] | None = None
        if loose is None:
            place = places.get(key)
        elif loose is not None and loose[0] == "region" and loose[1] in geo.REGION_CENTRES:
            lat, lon = geo.REGION_CENTRES[loose[1]]
            place = geo.to_map(lon, lat)
        if place is None:
            place = (GEO_UNPLACED[0], GEO_UNPLACED[1] - 1.6 * unplaced)
            unplaced += 1
        xs.append(place[0] * scale)
        ys.append(place[1])
        fixed.append(loose is not None and loose[0] == "kind")
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


# -- one view ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class View:
    """What one view draws (codes of :class:`Overview`)."""

    expanded: np.ndarray
    collapsed: np.ndarray
    orgs: np.ndarray
    org_ties: np.ndarray
    org_links: pd.DataFrame
    group_links: pd.DataFrame
    hidden: int
    capped: int


def expanded_codes(ov: Overview, expanded: Any) -> np.ndarray:
    """Codes of the known super-nodes among ``expanded`` (unknown keys ignored)."""
    keys = expanded if isinstance(expanded, list | tuple) else []
    return np.array(sorted({ov.code[k] for k in keys if k in ov.code}), dtype=np.int64)


def view(ov: Overview, expanded: Any = (), min_degree: int = 0) -> View:
    """The view with ``expanded`` super-nodes opened, organizations below ``min_degree``
    hidden (at most :data:`MAX_DRAWN` drawn, highest degree first)."""
    codes = expanded_codes(ov, expanded)
    is_open = np.zeros(len(ov.keys), dtype=bool)
    is_open[codes] = True
    inside = is_open[ov.org_group]
    shown = inside & (ov.degree >= max(0, int(min_degree or 0)))
    hidden = int(inside.sum() - shown.sum())
    capped = 0
    if shown.sum() > MAX_DRAWN:
        candidates = np.nonzero(shown)[0]
        keep = candidates[np.argsort(-ov.degree[candidates], kind="stable")[:MAX_DRAWN]]
        capped = int(shown.sum()) - MAX_DRAWN
        shown = np.zeros_like(shown)
        shown[keep] = True
    ga, gb = ov.group_a, ov.group_b
    open_a, open_b = is_open[ga], is_open[gb]
    seen_a, seen_b = shown[ov.tie_a], shown[ov.tie_b]
    org_ties = np.nonzero(seen_a & seen_b)[0]
    # an organization drawn, the other end inside a super-node still closed
    one = seen_a & ~open_b
    two = seen_b & ~open_a
    org_links = _org_links(
        np.concatenate([ov.tie_a[one], ov.tie_b[two]]), np.concatenate([gb[one], ga[two]])
    )
    closed = ~is_open[ov.links["a"].to_numpy()] & ~is_open[ov.links["b"].to_numpy()]
    return View(
        expanded=codes,
        collapsed=np.nonzero(~is_open)[0],
        orgs=np.nonzero(shown)[0],
        org_ties=org_ties,
        org_links=_org_links_frame(org_links),
        group_links=ov.links[closed].reset_index(drop=True),
        hidden=hidden,
        capped=capped,
    )


def _org_links(org: np.ndarray, group: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return org.astype(np.int64), group.astype(np.int64)


def _org_links_frame(links: tuple[np.ndarray, np.ndarray]) -> pd.DataFrame:
    """(organization, super-node) pairs with their tie counts."""
    org, group = links
    if not len(org):
        return pd.DataFrame({"org": [], "group": [], "ties": []}, dtype=np.int64)
    width = int(group.max()) + 1
    pairs, counts = np.unique(org * width + group, return_counts=True)
    return pd.DataFrame({"org": pairs // width, "group": pairs % width, "ties": counts})


def positions(ov: Overview, v: View, layout: str) -> tuple[pd.DataFrame, np.ndarray]:
    """(super-node centres x, y, radius by code; x, y of every drawn organization).

    An expanded group takes the room of its disc: the centres are pushed apart again
    (a few milliseconds for a few hundred groups) so it covers no other marker.
    """
    centres = ov.centres.get(layout, ov.centres["force"])
    if len(v.expanded):
        is_open = np.zeros(len(centres), dtype=bool)
        is_open[v.expanded] = True
        room = np.where(is_open, centres["radius"], centres["mark"]).astype(float)
        fixed = centres["fixed"].to_numpy(dtype=bool) if "fixed" in centres else None
        xy0 = centres[["x", "y"]].to_numpy(dtype=float)
        xy0 = separate(xy0, room, fixed)
        centres = centres.assign(x=xy0[:, 0], y=xy0[:, 1])
    centres = centres.assign(x=centres["x"].round(3), y=centres["y"].round(3))
    g = ov.org_group[v.orgs]
    cx = centres["x"].to_numpy()[g]
    cy = centres["y"].to_numpy()[g]
    r = centres["radius"].to_numpy()[g] * 0.92
    xy = np.column_stack([cx + ov.offsets[v.orgs, 0] * r, cy + ov.offsets[v.orgs, 1] * r])
    return centres, xy.round(3)  # a thousandth of a unit is under a pixel: a lighter JSON


# -- names -------------------------------------------------------------------------------------
def supernode_label(data: SnapshotData, key: str, lang: str) -> str:
    """A super-node's name: the cluster's, or "No cluster · Universities" / "… · Kanto"."""
    loose = parse_loose(key)
    if loose is None:
        return data.cluster_label(key, lang)
    by, value = loose
    vocabulary = "region" if by == "region" else "org_kind"
    name = term(vocabulary, "none" if value == "unknown" else value, lang)
    none = t("cluster.none", lang)
    return f"{none[:1].upper()}{none[1:]} · {name}"


def short_name(data: SnapshotData, key: str, lang: str, limit: int = 14) -> str:
    """A super-node's name written on the figure: the name in ``lang`` only, shortened."""
    loose = parse_loose(key)
    if loose is None and key in data.clusters.index:
        row = data.clusters.loc[key]
        en = row["name_en"] if isinstance(row["name_en"], str) and row["name_en"] else None
        name = str(en if lang == "en" and en else row["name"] or key)
    else:
        name = supernode_label(data, key, lang)
        limit += 12  # "No cluster · " and the kind or region, whole
    return name if len(name) <= limit else name[: limit - 1] + "…"


def names(data: SnapshotData, ov: Overview, lang: str) -> tuple[list[str], list[str]]:
    """(full names, names written on the figure) of every super-node, cached per language."""

    def build() -> tuple[list[str], list[str]]:
        return (
            [supernode_label(data, k, lang) for k in ov.keys],
            [short_name(data, k, lang) for k in ov.keys],
        )

    result: tuple[list[str], list[str]] = data.memo(f"net_names|{ov.by}|{lang}", build)
    return result


def options(data: SnapshotData, ov: Overview, lang: str) -> list[dict[str, Any]]:
    """The expanded-groups picker's options: every super-node by name, largest first."""
    order = np.argsort(-ov.members, kind="stable")
    return [
        {
            "label": f"{supernode_label(data, ov.keys[i], lang)} ({int(ov.members[i])})",
            "value": ov.keys[i],
            "search": f"{supernode_label(data, ov.keys[i], 'ja')} "
            f"{supernode_label(data, ov.keys[i], 'en')}",
        }
        for i in order
    ]


def toggle(expanded: Any, key: str) -> list[str]:
    """``expanded`` with ``key`` opened, or closed when it was open.

    Examples
    --------
    >>> toggle(["tama"], "kansai"), toggle(["tama", "kansai"], "tama")
    (['tama', 'kansai'], ['kansai'])
    """
    keys = [k for k in (expanded or []) if isinstance(k, str)]
    return [k for k in keys if k != key] if key in keys else [*keys, key]


def initial_expanded(selection: dict[str, Any], query: dict[str, str]) -> list[str]:
    """Groups open when the page is drawn: the URL's ``open``, else the selected cluster(s).

    Examples
    --------
    >>> initial_expanded({"kind": "cluster", "id": "tama"}, {})
    ['tama']
    >>> initial_expanded({"kind": "cluster", "id": "tama"}, {"open": "a|b"})
    ['a', 'b']
    """
    if "open" in query:
        return [k for k in query["open"].split("|") if k and k != "-"]
    if selection.get("kind") == "cluster" and selection.get("id"):
        return [str(selection["id"])]
    if selection.get("kind") == "pair":
        return [str(selection[k]) for k in ("a", "b") if selection.get(k)]
    return []


def view_query(
    expanded: Any, group_by: Any, layout: Any, labels: Any, min_degree: Any, selection: Any
) -> dict[str, str]:
    """The page's choices as URL query values; defaults are left out.

    Examples
    --------
    >>> view_query(["tama"], "region", "geo", "groups", 2, {})
    {'open': 'tama', 'group': 'region', 'layout': 'geo', 'labels': '', 'mindeg': '2'}
    >>> view_query([], "kind", "force", "groups", 0, {"kind": "cluster", "id": "tama"})["open"]
    '-'
    """
    keys = [k for k in (expanded or []) if isinstance(k, str)]
    default = initial_expanded(selection if isinstance(selection, dict) else {}, {})
    opened = "" if keys == default else ("|".join(keys) or "-")
    return {
        "open": opened,
        "group": group_by if group_by == "region" else "",
        "layout": layout if layout == "geo" else "",
        "labels": labels if labels in LABEL_MODES and labels != "groups" else "",
        "mindeg": str(int(min_degree)) if min_degree else "",
    }


def choices_of_query(query: dict[str, str]) -> dict[str, Any]:
    """The page's choices a URL query asks for (defaults for anything missing or unknown)."""
    degree = query.get("mindeg", "0")
    return {
        "group_by": query.get("group") if query.get("group") in GROUP_BY else "kind",
        "layout": query.get("layout") if query.get("layout") in LAYOUTS else "force",
        "labels": query.get("labels") if query.get("labels") in LABEL_MODES else "groups",
        "min_degree": int(degree) if degree.isdigit() and int(degree) in MIN_DEGREES else 0,
    }
