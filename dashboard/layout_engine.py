"""Positions for the network explorer, computed once per snapshot.

Clusters (and the organizations without one, as one group) are laid out as super-nodes with
Fruchterman–Reingold on the cluster graph; each group's organizations are laid out inside a
disc of radius ∝ √size around their super-node, and centres are spread until discs do not
overlap.  The same coordinates serve the aggregated view, the zoom into one cluster and the
ego networks, so a user keeps their bearings when switching views.
"""

from __future__ import annotations

import math
import random
from typing import TYPE_CHECKING

import igraph as ig
import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from kizuna.dashboard.data import SnapshotData

SEED = 7


def _fr(n: int, edges: list[tuple[int, int]], weights: list[float] | None = None) -> np.ndarray:
    """Fruchterman–Reingold coordinates (n × 2) centred at 0, max radius 1 (seeded)."""
    if n == 0:
        return np.zeros((0, 2))
    if n == 1:
        return np.zeros((1, 2))
    random.seed(SEED)
    graph = ig.Graph(n=n, edges=edges)
    if n > 3000:
        coords = np.asarray(graph.layout_drl().coords, dtype=float)
    else:
        angles = np.linspace(0, 2 * math.pi, n, endpoint=False)
        start = np.column_stack([np.cos(angles), np.sin(angles)]) * math.sqrt(n)
        coords = np.asarray(
            graph.layout_fruchterman_reingold(
                weights=weights, seed=start.tolist(), niter=300, grid="auto"
            ).coords,
            dtype=float,
        )
    coords -= coords.mean(axis=0)
    radius = np.sqrt((coords**2).sum(axis=1)).max()
    return coords / radius if radius > 0 else coords


def group_centres(data: SnapshotData) -> pd.DataFrame:
    """Super-node position (x, y), radius and size of every group, indexed by group."""
    orgs = data.orgs
    groups = orgs["group"].value_counts()
    names = list(groups.index)
    index = {g: i for i, g in enumerate(names)}
    ties = data.ties
    cross = ties[ties["source_group"] != ties["target_group"]]
    pairs = (
        cross.dropna(subset=["source_group", "target_group"])
        .assign(
            a=lambda f: f[["source_group", "target_group"]].min(axis=1),
            b=lambda f: f[["source_group", "target_group"]].max(axis=1),
        )
        .groupby(["a", "b"])
        .size()
    )
    edges = [(index[a], index[b]) for a, b in pairs.index]
    weights = [float(w) for w in pairs.to_numpy()]
    coords = _fr(len(names), edges, weights or None)
    sizes = groups.to_numpy(dtype=float)
    radius = np.sqrt(sizes) / math.sqrt(max(sizes.max(), 1.0)) if len(sizes) else sizes
    radius = np.maximum(radius, 0.08)
    # spread the centres until no two discs overlap
    scale = 1.0
    if len(names) > 1:
        diff = coords[:, None, :] - coords[None, :, :]
        dist = np.sqrt((diff**2).sum(axis=2))
        need = radius[:, None] + radius[None, :]
        np.fill_diagonal(dist, np.inf)
        scale = max(1.0, float(np.max(need / np.maximum(dist, 1e-6))) * 1.1)
        scale = min(scale, 50.0)
    return pd.DataFrame(
        {
            "x": coords[:, 0] * scale,
            "y": coords[:, 1] * scale,
            "radius": radius,
            "orgs": sizes.astype(int),
        },
        index=pd.Index(names, name="group"),
    )


def node_positions(data: SnapshotData) -> pd.DataFrame:
    """x, y of every organization, indexed by id."""
    orgs = data.orgs
    centres = data.cluster_positions
    ties = data.ties
    xs = pd.Series(0.0, index=orgs.index)
    ys = pd.Series(0.0, index=orgs.index)
    within = ties[ties["source_group"] == ties["target_group"]]
    by_group = within.groupby("source_group")
    for group, members in orgs.groupby("group"):
        ids = list(members.index)
        local = {m: i for i, m in enumerate(ids)}
        edges: list[tuple[int, int]] = []
        if group in by_group.groups:
            sub = by_group.get_group(group)
            edges = [
                (local[s], local[t])
                for s, t in zip(sub["source"], sub["target"], strict=True)
                if s != t and s in local and t in local
            ]
        coords = _fr(len(ids), edges)
        centre = centres.loc[group]
        xs[ids] = centre["x"] + coords[:, 0] * centre["radius"]
        ys[ids] = centre["y"] + coords[:, 1] * centre["radius"]
    return pd.DataFrame({"x": xs, "y": ys})


def local_positions(ids: list[str], pairs: list[tuple[str, str]]) -> pd.DataFrame:
    """A fresh Fruchterman–Reingold layout of a small subgraph (ego networks), indexed by id."""
    index = {node: i for i, node in enumerate(ids)}
    edges = [(index[s], index[t]) for s, t in pairs if s in index and t in index and s != t]
    coords = _fr(len(ids), edges)
    return pd.DataFrame({"x": coords[:, 0], "y": coords[:, 1]}, index=pd.Index(ids, name="id"))
