"""Gould–Fernandez brokerage roles on the digraph D, vectorised with scipy sparse products.

For a broker b, an ordered two-path a→b→c (a ≠ c) with no arc a→c is a brokerage act;
its role depends on the groups (modules) of a, b, c:

=============== ==========================
coordinator     g(a) = g(b) = g(c)
itinerant       g(a) = g(c) ≠ g(b)
representative  g(a) = g(b) ≠ g(c)
gatekeeper      g(a) ≠ g(b) = g(c)
liaison         g(a), g(b), g(c) all different
=============== ==========================

Counts = all two-paths (from per-group in/out neighbour counts, O(m)) − closed two-paths
(arc a→c exists).  Closed two-paths through the arc a→b are the common out-neighbours c of
a and b: the product D·Dᵀ masked by D, computed in row blocks.  One integer product per
block encodes the three counts needed (all, g(c)=g(a), g(c)=g(b)) in base B digits.

References
----------
R. V. Gould and R. M. Fernandez, "Structures of mediation: a formal approach to
brokerage in transaction networks", Sociological Methodology 19 (1989) 89–126.
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import scipy.sparse as sp

from kizuna.analytics.snapshot import Snapshot, unique_counts

log = logging.getLogger(__name__)

ROLES: tuple[str, ...] = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")

__all__ = ["ROLES", "brokerage"]

#: Work (wedges) per row block of the masked product.
BLOCK_WORK = 8_000_000
#: Largest base B (max out-degree + 1) for the one-product int64 encoding (B⁴ < 2⁶²).
MAX_ENCODED_BASE = 46_340


def _group_pair_counts(
    owner: np.ndarray, group: np.ndarray, n_groups: int
) -> tuple[np.ndarray, np.ndarray]:
    return unique_counts(owner * n_groups + group)


def _all_two_paths(D: sp.csr_array, g: np.ndarray) -> np.ndarray:
    """All ordered two-paths a→b→c, a ≠ c, per role and broker: shape (n, 5)."""
    n = D.shape[0]
    n_groups = int(g.max()) + 1 if n else 1
    src = np.repeat(np.arange(n, dtype=np.int64), np.diff(D.indptr))
    tgt = D.indices.astype(np.int64)
    out_tot = np.bincount(src, minlength=n).astype(np.int64)
    in_tot = np.bincount(tgt, minlength=n).astype(np.int64)
    out_own = np.bincount(src[g[tgt] == g[src]], minlength=n).astype(np.int64)
    in_own = np.bincount(tgt[g[src] == g[tgt]], minlength=n).astype(np.int64)
    # Σ_h I_b[h]·O_b[h] over groups h
    kin, cin = _group_pair_counts(tgt, g[src], n_groups)
    kout, cout = _group_pair_counts(src, g[tgt], n_groups)
    pos = np.minimum(np.searchsorted(kout, kin), max(len(kout) - 1, 0))
    hit = kout[pos] == kin if len(kout) else np.zeros(len(kin), dtype=bool)
    ii, io = np.flatnonzero(hit), pos[hit]
    diag = _sum_by(kin[ii] // n_groups, cin[ii] * cout[io], n)
    # mutual neighbours x (x→b and b→x): the a = c two-paths to exclude
    mutual = D.multiply(D.T).tocsr()
    msrc = np.repeat(np.arange(n, dtype=np.int64), np.diff(mutual.indptr))
    mtgt = mutual.indices.astype(np.int64)
    m_own = np.bincount(msrc[g[mtgt] == g[msrc]], minlength=n).astype(np.int64)
    m_tot = np.bincount(msrc, minlength=n).astype(np.int64)
    own_prod = in_own * out_own
    res = np.empty((n, 5), dtype=np.int64)
    res[:, 0] = own_prod - m_own
    res[:, 1] = (diag - own_prod) - (m_tot - m_own)
    res[:, 2] = in_own * (out_tot - out_own)
    res[:, 3] = (in_tot - in_own) * out_own
    res[:, 4] = (in_tot - in_own) * (out_tot - out_own) - (diag - own_prod)
    return res


def _closed_two_paths(D: sp.csr_array, g: np.ndarray) -> np.ndarray:
    """Closed two-paths a→b→c with arc a→c, per role and broker: shape (n, 5)."""
    n = D.shape[0]
    res = np.zeros((n, 5), dtype=np.int64)
    if D.nnz == 0:
        return res
    src = np.repeat(np.arange(n, dtype=np.int64), np.diff(D.indptr))
    tgt = D.indices.astype(np.int64)
    same = (g[src] == g[tgt]).astype(np.int64)
    max_deg = int(np.diff(D.indptr).max())
    base = max_deg + 1
    encoded = base <= MAX_ENCODED_BASE
    if encoded:
        # X[a,c] = 1 + B·[g(c)=g(a)],  Y[b,c] = 1 + B²·[g(c)=g(b)]
        X = sp.csr_array((1 + base * same, D.indices, D.indptr), shape=D.shape)
        Yt = sp.csr_array((1 + base * base * same, D.indices, D.indptr), shape=D.shape).T
        Yt = sp.csc_array(Yt)
    plain = sp.csr_array((np.ones(D.nnz, dtype=np.int64), D.indices, D.indptr), shape=D.shape)
    flag = sp.csr_array((same, D.indices, D.indptr), shape=D.shape)
    in_deg = np.bincount(tgt, minlength=n).astype(np.int64)
    work = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(src, weights=in_deg[tgt], minlength=n).astype(np.int64), out=work[1:])
    start = 0
    while start < n:
        stop = int(np.searchsorted(work, work[start] + BLOCK_WORK, side="right")) - 1
        stop = min(max(stop, start + 1), n)
        rows = slice(start, stop)
        mask = plain[rows]
        if encoded:
            prod = (X[rows] @ Yt).multiply(mask).tocoo()
            val = prod.data.astype(np.int64)
            tot, r = val % base, val // base
            cnt_ga, r = r % base, r // base
            cnt_gb = r % base
        else:  # very high degree: three separate products
            tot_m = (mask @ plain.T).multiply(mask).tocsr()
            ga_m = (flag[rows] @ plain.T).multiply(mask).tocsr()
            gb_m = (mask @ flag.T).multiply(mask).tocsr()
            prod = tot_m.tocoo()
            tot = prod.data.astype(np.int64)
            cnt_ga = _lookup(ga_m, prod.row, prod.col)
            cnt_gb = _lookup(gb_m, prod.row, prod.col)
        a = prod.row.astype(np.int64) + start
        b = prod.col.astype(np.int64)
        same_ab = g[a] == g[b]
        d = ~same_ab
        res[:, 0] += _sum_by(b[same_ab], cnt_gb[same_ab], n)
        res[:, 2] += _sum_by(b[same_ab], (tot - cnt_gb)[same_ab], n)
        res[:, 3] += _sum_by(b[d], cnt_gb[d], n)
        res[:, 1] += _sum_by(b[d], cnt_ga[d], n)
        res[:, 4] += _sum_by(b[d], (tot - cnt_ga - cnt_gb)[d], n)
        start = stop
    return res


def _sum_by(index: np.ndarray, values: np.ndarray, n: int) -> np.ndarray:
    # float64 sums are exact here (counts far below 2**53)
    return np.rint(np.bincount(index, weights=values, minlength=n)).astype(np.int64)


def _lookup(mat: sp.csr_array, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """Values of a sparse matrix at (row, col) positions (0 when absent)."""
    coo = mat.tocoo()
    n = mat.shape[1]
    out = np.zeros(len(rows), dtype=np.int64)
    if coo.nnz == 0:
        return out
    keys = coo.row.astype(np.int64) * n + coo.col
    order = np.argsort(keys, kind="stable")  # CSR products need not have sorted indices
    keys, data = keys[order], coo.data[order]
    want = rows.astype(np.int64) * n + cols
    pos = np.minimum(np.searchsorted(keys, want), len(keys) - 1)
    hit = keys[pos] == want
    out[hit] = data[pos[hit]]
    return out


def brokerage(snap: Snapshot, module: np.ndarray | None = None) -> pd.DataFrame:
    """Gould–Fernandez brokerage counts per node (columns :data:`ROLES`).

    Parameters
    ----------
    snap : Snapshot
        Uses its digraph D.
    module : int array, optional
        Group of each node (default: the snapshot's modules).

    Returns
    -------
    pandas.DataFrame
        One row per node (snapshot order), int64 columns coordinator, itinerant,
        representative, gatekeeper, liaison.

    Notes
    -----
    count_role(b) = #{(a, c): a→b→c, a ≠ c, no arc a→c, groups match role}.  An
    undirected tie is two arcs, so an open undirected triad a–b–c gives two two-paths.

    Examples
    --------
    >>> import pandas as pd
    >>> from graph.bundle import Bundle
    >>> from analytics.snapshot import build_snapshot
    >>> b = Bundle(nodes=pd.DataFrame({"id": ["a", "b", "c"], "cluster": ["X", "Y", "Z"]}),
    ...            ties=pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"],
    ...                               "directed": [True, True]}))
    >>> brokerage(build_snapshot(b))["liaison"].tolist()
    [0, 1, 0]
    """
    g = snap.module if module is None else np.asarray(module, dtype=np.int64)
    D = snap.D
    counts = _all_two_paths(D, g) - _closed_two_paths(D, g)
    return pd.DataFrame(counts, columns=list(ROLES))
