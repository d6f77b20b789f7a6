"""Burt's structural holes on S (unweighted): constraint, effective size, efficiency, hierarchy.

Isolated nodes have no contacts: every measure here is NaN for them (never 0).
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from kizuna.analytics.snapshot import Snapshot

__all__ = ["constraint", "dyadic_constraint", "effective_size", "efficiency", "hierarchy"]

#: Work (wedges) per row block of the masked product.
BLOCK_WORK = 8_000_000


def triangles(snap: Snapshot) -> np.ndarray:
    """Number of triangles through each node of S (ties among its neighbours)."""
    k = snap.degree
    if snap.m == 0:
        return np.zeros(snap.n, dtype=np.int64)
    local = np.asarray(snap.igraph.transitivity_local_undirected(mode="zero"), dtype=float)
    return np.rint(local * k * (k - 1) / 2).astype(np.int64)


def constraint(snap: Snapshot) -> np.ndarray:
    """Burt's aggregate constraint c_i on S, unweighted; NaN for isolates.

    Notes
    -----
    c_i = Σ_{j ∈ N(i)} (p_ij + Σ_{q ≠ i, j} p_iq p_qj)², p_ij = 1 / k_i for a neighbour j
    (networkx's ``constraint`` on the simple graph).

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
    c = np.asarray(snap.igraph.constraint(), dtype=float)
    c[snap.degree == 0] = np.nan
    return c


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

    Computed as (P + P·P) masked by S in row blocks, P = D⁻¹A.
    """
    n, k = snap.n, snap.degree
    S = snap.S
    inv = np.where(k > 0, 1.0 / np.maximum(k, 1), 0.0)
    P = sp.csr_array((np.repeat(inv, k), S.indices, S.indptr), shape=S.shape)
    rows_src = np.repeat(np.arange(n), k)
    work = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(
        np.bincount(rows_src, weights=k[S.indices], minlength=n).astype(np.int64), out=work[1:]
    )
    mask = sp.csr_array((np.ones(S.nnz), S.indices, S.indptr), shape=S.shape)
    blocks = []
    start = 0
    while start < n:
        stop = int(np.searchsorted(work, work[start] + BLOCK_WORK, side="right")) - 1
        stop = min(max(stop, start + 1), n)
        pp = (P[start:stop] @ P).multiply(mask[start:stop])
        blocks.append(sp.csr_array(P[start:stop] + pp))
        start = stop
    out = sp.csr_array(sp.vstack(blocks, format="csr")) if blocks else sp.csr_array((n, n))
    out.data = out.data**2
    return out


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
