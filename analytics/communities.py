"""Community detection (Leiden, seeded) and agreement with the official clusters."""

from __future__ import annotations

import random
from typing import Any

import numpy as np

from kizuna.analytics.snapshot import Snapshot

__all__ = ["agreement", "detect_communities"]


def detect_communities(
    snap: Snapshot, *, seed: int = 0, algorithm: str = "leiden", resolution: float = 1.0
) -> tuple[np.ndarray, dict[str, Any]]:
    """Communities of S maximising modularity (igraph Leiden or Louvain), seeded.

    Parameters
    ----------
    snap : Snapshot
        The network snapshot (:func:`analytics.snapshot.build_snapshot`).
    seed : int
        Seed of igraph's random generator (Python ``random``), restored afterwards.
    algorithm : {"leiden", "louvain"}
        igraph's Leiden (modularity objective) or multilevel (Louvain) method.
    resolution : float
        Modularity resolution γ.

    Returns
    -------
    (numpy.ndarray, dict)
        Community code per node (isolates get their own community), and
        ``{"algorithm", "seed", "modularity", "count"}``.

    Notes
    -----
    Q = (1/2m) Σ_ij (A_ij − γ k_i k_j / 2m) δ(c_i, c_j).

    References
    ----------
    V. A. Traag, L. Waltman and N. J. van Eck, "From Louvain to Leiden: guaranteeing
    well-connected communities", Sci. Rep. 9 (2019) 5233.
    """
    g = snap.igraph
    state = random.getstate()
    try:
        random.seed(seed)
        if snap.m == 0:
            membership = list(range(snap.n))
            q = float("nan")
        elif algorithm == "louvain":
            cl = g.community_multilevel(resolution=resolution)
            membership, q = cl.membership, cl.modularity
        else:
            cl = g.community_leiden(
                objective_function="modularity", resolution=resolution, n_iterations=2
            )
            membership, q = cl.membership, g.modularity(cl.membership)
    finally:
        random.setstate(state)
    comm = np.asarray(membership, dtype=np.int64)
    info = {
        "algorithm": algorithm,
        "seed": int(seed),
        "modularity": float(q),
        "count": int(comm.max()) + 1 if len(comm) else 0,
    }
    return comm, info


def agreement(snap: Snapshot, communities: np.ndarray) -> dict[str, float]:
    """NMI and ARI between detected communities and the official clusters.

    Only nodes with a non-empty cluster are compared.  NaN when fewer than 2 such nodes.

    References
    ----------
    L. Danon et al., "Comparing community structure identification", J. Stat. Mech.
    (2005) P09008 (NMI); L. Hubert and P. Arabie, "Comparing partitions", J.
    Classification 2 (1985) 193–218 (ARI).
    """
    import igraph as ig

    has = np.array([c is not None for c in snap.clusters.tolist()], dtype=bool)
    if has.sum() < 2:
        return {"nmi": float("nan"), "ari": float("nan")}
    a = snap.module[has].tolist()
    b = np.asarray(communities)[has].tolist()
    return {
        "nmi": float(ig.compare_communities(a, b, method="nmi")),
        "ari": float(ig.compare_communities(a, b, method="adjusted_rand")),
    }
