"""Positions of the network explorer: clusters as discs, organizations inside their disc.

Clusters (and the organizations without one, as one group) are laid out as super-nodes with
Fruchterman–Reingold on the cluster graph; each group's organizations are laid out inside a
disc of radius ∝ √size around their super-node, and centres are spread until discs do not
overlap.  The app (``dashboard.data.SnapshotData.positions``) and the GEXF export use the
same functions, so a network opened in Gephi looks like the app's explorer.

Seeded: the same bundle gives the same coordinates.
"""

from __future__ import annotations

import math
import random

import igraph as ig
import numpy as np
import pandas as pd

__all__ = ["NO_CLUSTER", "group_centres", "groups_of", "local_positions", "node_positions"]

SEED = 7
#: The group of the organizations without a cluster.
NO_CLUSTER = "(none)"


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


def groups_of(nodes: pd.DataFrame) -> pd.Series:
    """Return the layout group of every organization (cluster, else :data:`NO_CLUSTER`)."""
    cluster = nodes["cluster"] if "cluster" in nodes else pd.Series(None, index=nodes.index)
    groups = cluster.where(cluster.notna(), NO_CLUSTER)
    return pd.Series(groups.to_numpy(), index=pd.Index(nodes["id"].to_numpy(), name="id"))


def _tie_groups(groups: pd.Series, ties: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Return the groups of the source and target of every tie (NaN for an unknown end)."""
    if "source_group" in ties and "target_group" in ties:
        return ties["source_group"].to_numpy(), ties["target_group"].to_numpy()
    return (
        groups.reindex(ties["source"]).to_numpy(),
        groups.reindex(ties["target"]).to_numpy(),
    )


def group_centres(groups: pd.Series, ties: pd.DataFrame) -> pd.DataFrame:
    """Super-node position (x, y), radius and size of every group, indexed by group.

    Parameters
    ----------
    groups : pandas.Series
        The group of every organization, indexed by organization id (:func:`groups_of`).
    ties : pandas.DataFrame
        ``source`` and ``target`` (or precomputed ``source_group`` and ``target_group``).
    """
    counts = groups.value_counts()
    names = list(counts.index)
    index = {g: i for i, g in enumerate(names)}
    source, target = _tie_groups(groups, ties)
    cross = pd.DataFrame({"s": source, "t": target}).dropna()
    cross = cross[cross["s"] != cross["t"]]
    pairs = (
        cross.assign(a=cross[["s", "t"]].min(axis=1), b=cross[["s", "t"]].max(axis=1))
        .groupby(["a", "b"])
        .size()
    )
    edges = [(index[a], index[b]) for a, b in pairs.index]
    weights = [float(w) for w in pairs.to_numpy()]
    coords = _fr(len(names), edges, weights or None)
    sizes = counts.to_numpy(dtype=float)
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


def node_positions(
    groups: pd.Series, ties: pd.DataFrame, centres: pd.DataFrame | None = None
) -> pd.DataFrame:
    """x, y of every organization, indexed by id.

    Parameters
    ----------
    groups : pandas.Series
        The group of every organization, indexed by id (:func:`groups_of`).
    ties : pandas.DataFrame
        ``source``, ``target`` (and optionally ``source_group``, ``target_group``).
    centres : pandas.DataFrame, optional
        :func:`group_centres` of the same input (computed when not given).

    Examples
    --------
    >>> nodes = pd.DataFrame({"id": ["a", "b", "c"], "cluster": ["k", "k", None]})
    >>> ties = pd.DataFrame({"source": ["a"], "target": ["b"]})
    >>> node_positions(groups_of(nodes), ties).shape
    (3, 2)
    """
    if centres is None:
        centres = group_centres(groups, ties)
    source_group, target_group = _tie_groups(groups, ties)
    xs = pd.Series(0.0, index=groups.index)
    ys = pd.Series(0.0, index=groups.index)
    same = source_group == target_group
    within = pd.DataFrame(
        {
            "source": ties["source"].to_numpy()[same],
            "target": ties["target"].to_numpy()[same],
            "group": source_group[same],
        }
    )
    by_group = within.groupby("group")
    for group, members in groups.groupby(groups):
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
    """Lay out a small subgraph (ego networks) afresh with Fruchterman–Reingold, by id."""
    index = {node: i for i, node in enumerate(ids)}
    edges = [(index[s], index[t]) for s, t in pairs if s in index and t in index and s != t]
    coords = _fr(len(ids), edges)
    return pd.DataFrame({"x": coords[:, 0], "y": coords[:, 1]}, index=pd.Index(ids, name="id"))
