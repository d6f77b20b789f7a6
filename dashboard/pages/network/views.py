"""One view of the network overview: which super-nodes are open, what is drawn, where.

A view expands some super-nodes of an :class:`~.model.Overview` into their organizations
and keeps the others whole; the ties are then counted between whatever is drawn
(organization–organization, organization–super-node, super-node–super-node), and the
drawn things placed (:func:`positions`).  Search matches are organization codes of the
overview (:func:`matches`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from kizuna.dashboard.data import SnapshotData
from kizuna.dashboard.pages.network.model import Overview
from kizuna.dashboard.pages.network.placement import separate
from kizuna.dashboard.text import search

#: At most this many organizations are drawn (those of highest degree first).
MAX_DRAWN = 2500


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


#: At most this many search matches are marked on the overview.
MAX_MATCHES = 200


def matches(data: SnapshotData, ov: Overview, query: Any) -> np.ndarray:
    """Organization codes whose names match ``query`` (partial, width-insensitive), best first."""
    if not isinstance(query, str) or not query.strip():
        return np.zeros(0, dtype=np.int64)
    found = search(data.search_keys, query, rank=data.orgs["degree"], limit=MAX_MATCHES)
    position = pd.Series(np.arange(len(ov.org_ids)), index=ov.org_ids)
    return position.reindex(found).dropna().to_numpy(dtype=np.int64)
