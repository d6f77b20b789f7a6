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
(arc a→c exists).  The three nodes of a closed two-path form a triangle of S, so the
closed ones come from the triangle list of :mod:`analytics.triangles` (each triangle's six
orderings, checked against the arcs of D): linear in the number of triangles, where the
masked product D·Dᵀ ⊙ D costs Σ deg².

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
from kizuna.analytics.triangles import edge_triangles

log = logging.getLogger(__name__)

ROLES: tuple[str, ...] = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")

__all__ = ["ROLES", "brokerage"]


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


def _closed_two_paths(snap: Snapshot, g: np.ndarray) -> np.ndarray:
    """Count closed two-paths a→b→c with arc a→c, per role and broker: shape (n, 5).

    Their three nodes are a triangle of S, so they come from the triangle list: each
    triangle has six orderings (a, b, c), each counted when D has the three arcs.
    """
    n = snap.n
    res = np.zeros((n, 5), dtype=np.int64)
    if snap.D.nnz == 0 or snap.m < 3:
        return res
    et = edge_triangles(snap)
    if len(et.x) == 0:
        return res
    fwd, bwd = _edge_arcs(snap)
    corner = (et.x, et.y, et.z)
    # arcs[(i, j)]: D has the arc corner i → corner j; same[(i, j)]: same group
    arcs: dict[tuple[int, int], np.ndarray] = {}
    same: dict[tuple[int, int], np.ndarray] = {}
    for (i, j), e in (((0, 1), et.exy), ((1, 2), et.eyz), ((0, 2), et.exz)):
        up = corner[i] < corner[j]
        f, b = fwd[e], bwd[e]
        arcs[(i, j)] = np.where(up, f, b)
        arcs[(j, i)] = np.where(up, b, f)
        same[(i, j)] = same[(j, i)] = g[corner[i]] == g[corner[j]]
    for ia, ib, ic in ((0, 1, 2), (2, 1, 0), (0, 2, 1), (1, 2, 0), (1, 0, 2), (2, 0, 1)):
        ok = np.flatnonzero(arcs[(ia, ib)] & arcs[(ib, ic)] & arcs[(ia, ic)])
        ab, bc, ac = same[(ia, ib)][ok], same[(ib, ic)][ok], same[(ia, ic)][ok]
        role = np.full(len(ok), 4, dtype=np.int64)  # liaison: all groups different
        role[bc] = 3  # gatekeeper: g(a) ≠ g(b) = g(c)
        role[ab] = 2  # representative: g(a) = g(b) ≠ g(c)
        role[ac] = 1  # itinerant: g(a) = g(c) ≠ g(b)
        role[ab & bc] = 0  # coordinator: all three the same
        res += np.bincount(corner[ib][ok] * 5 + role, minlength=5 * n).reshape(n, 5)
    return res


def _edge_arcs(snap: Snapshot) -> tuple[np.ndarray, np.ndarray]:
    """Tell, for each edge (u, v), u < v, of S, whether D has u→v and v→u.

    D's arcs are a subset of S's, so S + 2·D (and S + 2·Dᵀ) has S's pattern, in S's
    order, with 3 exactly where D has the arc: no search needed.
    """
    if "edge_arcs" in snap.info:
        fwd, bwd = snap.info["edge_arcs"]
        return fwd, bwd
    S, D = snap.S, snap.D
    n = snap.n
    one = sp.csr_array((np.ones(S.nnz), S.indices, S.indptr), shape=S.shape)
    two = sp.csr_array((np.full(D.nnz, 2.0), D.indices, D.indptr), shape=D.shape)
    rows = np.repeat(np.arange(n, dtype=np.int64), np.diff(S.indptr))
    upper = rows < S.indices
    out = []
    for arcs in (two, sp.csr_array(two.T)):
        summed = sp.csr_array(one + arcs)
        summed.sort_indices()
        out.append(summed.data[upper] == 3)
    return out[0], out[1]


def _sum_by(index: np.ndarray, values: np.ndarray, n: int) -> np.ndarray:
    # float64 sums are exact here (counts far below 2**53)
    return np.rint(np.bincount(index, weights=values, minlength=n)).astype(np.int64)


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
    >>> from kizuna.graph.bundle import Bundle
    >>> from kizuna.analytics.snapshot import build_snapshot
    >>> b = Bundle(nodes=pd.DataFrame({"id": ["a", "b", "c"], "cluster": ["X", "Y", "Z"]}),
    ...            ties=pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"],
    ...                               "directed": [True, True]}))
    >>> brokerage(build_snapshot(b))["liaison"].tolist()
    [0, 1, 0]
    """
    g = snap.module if module is None else np.asarray(module, dtype=np.int64)
    D = snap.D
    counts = _all_two_paths(D, g) - _closed_two_paths(snap, g)
    return pd.DataFrame(counts, columns=list(ROLES))
