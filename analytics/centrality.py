"""Centralities on the simple graph S: degree, betweenness, closeness, eigenvector, PageRank.

Betweenness and closeness use igraph (C), in two parts (:mod:`analytics.paths`); PageRank
and eigenvector use scipy on the CSR.
"""

from __future__ import annotations

import logging
from typing import Any

import numpy as np
import scipy.sparse as sp
import scipy.sparse.linalg as spla

from kizuna.analytics.paths import (
    PARTS,
    BackgroundBetweenness,
    PathPlan,
    default_sample_size,
    finish_betweenness,
    finish_closeness,
    plan_paths,
    run_part,
)
from kizuna.analytics.snapshot import Snapshot

log = logging.getLogger(__name__)

__all__ = [
    "BackgroundBetweenness",
    "PathPlan",
    "betweenness",
    "closeness",
    "default_sample_size",
    "eigenvector",
    "pagerank",
    "strength",
]


def betweenness(
    snap: Snapshot,
    *,
    exact_max: int = 20_000,
    k: int | None = None,
    seed: int = 0,
) -> tuple[np.ndarray, dict[str, Any]]:
    """Shortest-path betweenness on S, normalized as networkx does for undirected graphs.

    Parameters
    ----------
    snap : Snapshot
        The network snapshot (:func:`analytics.snapshot.build_snapshot`).
    exact_max : int
        Exact (Brandes, every source) when the graph has at most this many nodes;
        above it, source sampling.
    k : int, optional
        Sources to sample (default :func:`default_sample_size`: 256, fewer above 1.25M
        edges).  Ignored when exact.
    seed : int
        Seed of the source sample (numpy ``default_rng``).

    Returns
    -------
    (numpy.ndarray, dict)
        Values per node, and the method: ``{"method": "exact"}`` or
        ``{"method": "sampled", "k": k, "seed": seed, "sources": [ids]}``.

    Notes
    -----
    c_B(v) = 2 / ((n−1)(n−2)) · Σ_{s<t} σ_st(v) / σ_st, n = all nodes (isolates
    included); 0 when n ≤ 2.  Sampled: the sum over k random sources s (every target t),
    scaled by n/k — an unbiased estimator (Brandes & Pich 2007).  The sources are dealt
    into two parts (:class:`PathPlan`); :class:`BackgroundBetweenness` runs them in two processes.

    References
    ----------
    U. Brandes, "A faster algorithm for betweenness centrality", J. Math. Sociol. 25
    (2001) 163–177.  U. Brandes and C. Pich, "Centrality estimation in large networks",
    Int. J. Bifurcation and Chaos 17 (2007) 2303–2318.
    """
    plan = plan_paths(snap, exact_max=exact_max, k=k, seed=seed)
    raws = [run_part(snap, plan, i)[0] for i in range(PARTS)]
    return finish_betweenness(snap, plan, raws), dict(plan.info)


def closeness(snap: Snapshot, *, exact_max: int = 20_000) -> np.ndarray:
    """Compute closeness as networkx's ``closeness_centrality`` (Wasserman–Faust).

    Notes
    -----
    C(u) = (r−1)/Σ_v d(u, v) · (r−1)/(n−1), r = nodes reachable from u (u included);
    0 for an isolate.  All-sources BFS: NaN (not computed) above ``exact_max`` nodes.
    """
    n = snap.n
    if n > exact_max:
        return np.full(n, np.nan)
    plan = plan_paths(snap, exact_max=exact_max, closeness=True)
    plan.sources = plan.sources[:0]
    if not plan.closeness:
        return np.zeros(n)
    return finish_closeness(snap, [run_part(snap, plan, i)[1] for i in range(PARTS)])


#: Components below this many nodes use a dense eigensolver (``numpy.linalg.eigh``).
DENSE_MAX = 200
#: Relative gap under which two components' largest eigenvalues count as tied.
EIGEN_TIE = 1e-9


def _perron(A: sp.csr_array) -> tuple[float, np.ndarray]:
    """Largest eigenvalue of a connected component's adjacency, and its eigenvector.

    The eigenvector is ≥ 0, with unit norm.
    """
    size = A.shape[0]
    if size < DENSE_MAX:
        w, v = np.linalg.eigh(A.toarray())
        lam, vec = float(w[-1]), v[:, -1]
    else:
        # a fixed positive start vector (the Perron vector is positive): reproducible
        start = np.full(size, 1.0 / np.sqrt(size))
        w, v = spla.eigsh(A, k=1, which="LA", tol=1e-10, maxiter=5000, v0=start)
        lam, vec = float(w[0]), v[:, 0]
    vec = np.abs(vec)
    return lam, vec / np.linalg.norm(vec)


def eigenvector(snap: Snapshot) -> np.ndarray:
    """Eigenvector centrality on S: principal eigenvector of A, unit Euclidean norm, ≥ 0.

    Notes
    -----
    A x = λ_max x (as networkx's ``eigenvector_centrality_numpy`` on a connected graph).
    On a disconnected graph the eigenvector lives on the component with the largest λ
    (0 elsewhere).  When several components tie for the largest λ (within a relative
    1e-9, e.g. two copies of one network), the eigenvector of A is not unique and a
    solver's answer would depend on the row order; here each tied component gets its
    own eigenvector, normalised, and the tied components share the unit norm equally
    (each scaled by 1/√t for t tied components), whatever the order of the rows.
    Components under 200 nodes use a dense eigensolver, larger ones ARPACK (``eigsh``).
    Only components that can reach the largest λ are solved: λ ≤ min(max degree,
    √(2·edges)) rules the others out.
    """
    n = snap.n
    if snap.m == 0:
        return np.zeros(n)
    comp = snap.components
    order = np.argsort(comp, kind="stable")
    n_comp = int(comp.max()) + 1
    starts = np.searchsorted(comp[order], np.arange(n_comp + 1))
    k = snap.degree
    edges2 = np.bincount(comp, weights=k, minlength=n_comp)  # 2 · edges per component
    maxdeg = np.zeros(n_comp)
    np.maximum.at(maxdeg, comp, k)
    bound = np.minimum(maxdeg, np.sqrt(edges2))
    A = snap.S.astype(float)

    def solve(c: int) -> tuple[float, np.ndarray]:
        members = order[starts[c] : starts[c + 1]]
        return _perron(sp.csr_array(A[members][:, members]))

    best = int(np.argmax(edges2))
    found = {best: solve(best)}
    lam = found[best][0]
    for c in np.flatnonzero(bound >= lam * (1 - EIGEN_TIE)).tolist():
        if c not in found:
            found[c] = solve(c)
            lam = max(lam, found[c][0])
    tied = [c for c, (lc, _) in found.items() if lc >= lam * (1 - EIGEN_TIE)]
    out = np.zeros(n)
    for c in tied:
        out[order[starts[c] : starts[c + 1]]] = found[c][1] / np.sqrt(len(tied))
    return out


def strength(snap: Snapshot) -> np.ndarray:
    """Weighted degree on S: Σ of the weights of all ties at a node (empty weight = 1).

    Repeated ties between one pair add up; self-ties are dropped.  Equals the degree when
    the snapshot was built without weights.
    """
    if snap.weights is None:
        return snap.degree.astype(float)
    return np.asarray(snap.weights.sum(axis=1)).ravel().astype(float)


def pagerank(
    snap: Snapshot, *, alpha: float = 0.85, weighted: bool = False, tol: float = 1e-12
) -> np.ndarray:
    """PageRank on S (each edge both ways), networkx's rule for dangling nodes.

    Notes
    -----
    x ← α (x / s) A + α Σ_{dangling} x / n + (1 − α) / n, s = (weighted) degree;
    iterated until the L1 change is below ``n·tol``.

    References
    ----------
    S. Brin and L. Page, "The anatomy of a large-scale hypertextual web search engine" (1998).
    """
    n = snap.n
    if n == 0:
        return np.zeros(0)
    A = snap.weights if (weighted and snap.weights is not None) else snap.S
    A = sp.csr_array(A, dtype=float)
    s = np.asarray(A.sum(axis=1)).ravel()
    dangling = s == 0
    inv = np.where(dangling, 0.0, 1.0 / np.where(dangling, 1.0, s))
    AT = sp.csr_array(A.T)
    x = np.full(n, 1.0 / n)
    for _ in range(1000):
        prev = x
        x = alpha * (AT @ (x * inv)) + (alpha * x[dangling].sum() + 1 - alpha) / n
        if np.abs(x - prev).sum() < n * tol:
            break
    return np.asarray(x / x.sum())
