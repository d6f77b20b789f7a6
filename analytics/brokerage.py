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


def _role_of(ga: np.ndarray, gb: np.ndarray, gc: np.ndarray) -> np.ndarray:
    """Role index (position in :data:`ROLES`) of two-paths a→b→c from their groups."""
    role = np.full(len(ga), 4, dtype=np.int64)  # liaison
    role[gb == gc] = 3  # gatekeeper (g(a) ≠ g(b) where it stays)
    role[ga == gb] = 2  # representative
    role[ga == gc] = 1  # itinerant
    role[(ga == gb) & (gb == gc)] = 0  # coordinator
    return role


def _closed_two_paths(snap: Snapshot, g: np.ndarray) -> np.ndarray:
    """Closed two-paths a→b→c with arc a→c, per role and broker: shape (n, 5).

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
    u, v = snap.edges
    nn = np.int64(n)
    D = snap.D
    d_keys = np.repeat(np.arange(n, dtype=np.int64), np.diff(D.indptr)) * nn + D.indices
    fwd = _contains(d_keys, u * nn + v)  # arc u→v, u < v
    bwd = _contains(d_keys, v * nn + u)  # arc v→u
    x, y, z, exy, eyz, exz = et.x, et.y, et.z, et.exy, et.eyz, et.exz

    def arc(p: np.ndarray, q: np.ndarray, e: np.ndarray) -> np.ndarray:
        return np.where(p < q, fwd[e], bwd[e])

    sides = {(0, 1): exy, (1, 2): eyz, (0, 2): exz}
    corners = (x, y, z)
    for ia, ib, ic in ((0, 1, 2), (2, 1, 0), (0, 2, 1), (1, 2, 0), (1, 0, 2), (2, 0, 1)):
        a, b, c = corners[ia], corners[ib], corners[ic]
        ok = (
            arc(a, b, sides[tuple(sorted((ia, ib)))])  # type: ignore[index]
            & arc(b, c, sides[tuple(sorted((ib, ic)))])  # type: ignore[index]
            & arc(a, c, sides[tuple(sorted((ia, ic)))])  # type: ignore[index]
        )
        a, b, c = a[ok], b[ok], c[ok]
        role = _role_of(g[a], g[b], g[c])
        res += np.bincount(b * 5 + role, minlength=5 * n).reshape(n, 5)
    return res


def _contains(sorted_keys: np.ndarray, want: np.ndarray) -> np.ndarray:
    """Boolean: each wanted key is in the sorted key array."""
    if len(sorted_keys) == 0:
        return np.zeros(len(want), dtype=bool)
    pos = np.minimum(np.searchsorted(sorted_keys, want), len(sorted_keys) - 1)
    return np.asarray(sorted_keys[pos] == want, dtype=bool)


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
