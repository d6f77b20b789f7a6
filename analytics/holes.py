"""Burt's structural holes on S (unweighted): constraint, effective size, efficiency, hierarchy.

Isolated nodes have no contacts: every measure here is NaN for them (never 0).  All of
them come from one listing of the triangles of S (:mod:`analytics.triangles`).
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from kizuna.analytics.snapshot import Snapshot
from kizuna.analytics.triangles import edge_triangles

__all__ = ["constraint", "dyadic_constraint", "effective_size", "efficiency", "hierarchy"]


def triangles(snap: Snapshot) -> np.ndarray:
    """Count the triangles through each node of S (ties among its neighbours)."""
    if snap.m == 0:
        return np.zeros(snap.n, dtype=np.int64)
    return edge_triangles(snap).per_node(snap.n)


def _shared_weight(snap: Snapshot) -> np.ndarray:
    """T_e = Σ_{q ∈ N(u) ∩ N(v)} 1/k_q for each edge e = (u, v) of S (float64)."""
    et = edge_triangles(snap)
    inv = 1.0 / np.maximum(snap.degree, 1)
    m = snap.m
    return (
        np.bincount(et.exy, weights=inv[et.z], minlength=m)
        + np.bincount(et.eyz, weights=inv[et.x], minlength=m)
        + np.bincount(et.exz, weights=inv[et.y], minlength=m)
    )


def constraint(snap: Snapshot) -> np.ndarray:
    """Burt's aggregate constraint c_i on S, unweighted; NaN for isolates.

    Notes
    -----
    c_i = Σ_{j ∈ N(i)} (p_ij + Σ_{q ≠ i, j} p_iq p_qj)², with p_ij = 1 / k_i when j is a
    neighbour of i and p_ij = 0 otherwise (networkx's ``constraint`` on the simple
    graph).  Only common neighbours q of i and j add to the inner sum, so
    c_i = Σ_{j ∈ N(i)} (1 + T_ij)² / k_i², T_ij = Σ_{q ∈ N(i) ∩ N(j)} 1/k_q, computed from
    the triangle list.

    References
    ----------
    R. S. Burt, *Structural Holes: The Social Structure of Competition*, Harvard
    University Press, 1992.

    Examples
    --------
    The centre of a star with 3 leaves: 3 · (1/3)² = 1/3.
    """
    if snap.m == 0:
        return np.full(snap.n, np.nan)
    u, v = snap.edges
    sq = (1.0 + _shared_weight(snap)) ** 2
    k = snap.degree.astype(float)
    total = np.bincount(u, weights=sq, minlength=snap.n) + np.bincount(
        v, weights=sq, minlength=snap.n
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(k > 0, total / (k * k), np.nan)


def effective_size(snap: Snapshot) -> np.ndarray:
    """Burt's effective size for unweighted graphs (Borgatti 1997): k − 2t/k; NaN for isolates.

    Notes
    -----
    t = ties among the k neighbours of i (triangles through i).

    References
    ----------
    S. P. Borgatti, "Structural holes: unpacking Burt's redundancy measures",
    Connections 20(1) (1997) 35–38.
    """
    k = snap.degree.astype(float)
    t = triangles(snap).astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        es = k - 2.0 * t / k
    return np.where(k > 0, es, np.nan)


def efficiency(snap: Snapshot, esize: np.ndarray | None = None) -> np.ndarray:
    """Burt's efficiency = effective size / degree; NaN for isolates."""
    es = effective_size(snap) if esize is None else esize
    k = snap.degree.astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(k > 0, es / k, np.nan)


def dyadic_constraint(snap: Snapshot) -> sp.csr_array:
    """c_ij = (p_ij + Σ_q p_iq p_qj)² for each tie (i, j) of S, as a CSR with S's pattern.

    With p_ij = 1/k_i: c_ij = ((1 + T_ij) / k_i)², T_ij = Σ_{q ∈ N(i) ∩ N(j)} 1/k_q,
    from the triangle list (:mod:`analytics.triangles`).
    """
    n, k = snap.n, snap.degree
    S = snap.S
    if snap.m == 0:
        return sp.csr_array((np.zeros(0), S.indices, S.indptr), shape=S.shape)
    u, v = snap.edges
    rows = np.repeat(np.arange(n, dtype=np.int64), k)
    cols = S.indices.astype(np.int64)
    nn = np.int64(n)
    arc_edge = np.searchsorted(u * nn + v, np.minimum(rows, cols) * nn + np.maximum(rows, cols))
    share = 1.0 + _shared_weight(snap)[arc_edge]
    data = (share / k[rows]) ** 2
    return sp.csr_array((data, S.indices, S.indptr), shape=S.shape)


def hierarchy(snap: Snapshot, cij: sp.csr_array | None = None) -> np.ndarray:
    """Burt's hierarchy: how much of i's constraint comes from one contact.

    Notes
    -----
    H_i = Σ_j (r_ij ln r_ij) / (N ln N), r_ij = c_ij / (C_i / N), C_i = Σ_j c_ij,
    N = k_i contacts.  0 when N = 1 (a single contact holds all constraint evenly);
    NaN for isolates.

    References
    ----------
    R. S. Burt, *Structural Holes*, 1992, p. 71.
    """
    c = dyadic_constraint(snap) if cij is None else cij
    n, k = snap.n, snap.degree
    rows = np.repeat(np.arange(n), np.diff(c.indptr))
    total = np.bincount(rows, weights=c.data, minlength=n)
    kk = k.astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        r = c.data / (total[rows] / kk[rows])
        term = np.where(r > 0, r * np.log(r), 0.0)
        num = np.bincount(rows, weights=term, minlength=n)
        h = num / (kk * np.log(kk))
    h = np.where(k == 1, 0.0, h)
    return np.where(k > 0, h, np.nan)
