"""Cluster-pair gaps: observed ties between two clusters vs the configuration-model expectation."""

from __future__ import annotations

import numpy as np
import pandas as pd

from kizuna.analytics.snapshot import Snapshot, unique_counts

__all__ = ["cluster_pairs", "no_pairs"]


def cluster_pairs(snap: Snapshot) -> pd.DataFrame:
    """Observed and expected edges of S between every unordered pair of distinct clusters.

    Parameters
    ----------
    snap : Snapshot
        The network snapshot (:func:`analytics.snapshot.build_snapshot`).

    Returns
    -------
    pandas.DataFrame
        One row per unordered pair of distinct clusters (cluster_a < cluster_b in Python
        string order), sorted: cluster_a, cluster_b, observed (int), expected (float),
        ratio (observed / expected; NaN when expected is 0).

    Notes
    -----
    Only nodes with a non-empty cluster count as members; their edges to nodes without a
    cluster still count in m and in d_X.  observed(A, B) = edges of S with one end in A
    and the other in B; expected = d_A·d_B / (2m), d_X = Σ S-degree over X's nodes,
    m = edges of S (expected = 0 when m = 0).  A ratio far below 1 is a "bridge gap".

    References
    ----------
    M. E. J. Newman, "Modularity and community structure in networks", PNAS 103 (2006)
    8577–8582 (the configuration-model expectation).
    """
    # the cluster modules are the first codes (graph.snapshot): rank their labels
    n_cl = int(sum(1 for x in snap.module_labels.tolist() if x is not None))
    rank = np.argsort(np.argsort(snap.module_labels[:n_cl].astype(str), kind="stable"))
    labels = np.empty(n_cl, dtype=object)
    labels[rank] = snap.module_labels[:n_cl]
    K = len(labels)
    if K < 2:
        return no_pairs()
    mod = snap.module
    code = np.where(mod < n_cl, rank[np.minimum(mod, max(n_cl - 1, 0))], -1).astype(np.int64)
    d = np.bincount(code[code >= 0], weights=snap.degree[code >= 0], minlength=K)
    u, v = snap.edges
    cu, cv = code[u], code[v]
    keep = (cu >= 0) & (cv >= 0) & (cu != cv)
    a, b = np.minimum(cu[keep], cv[keep]), np.maximum(cu[keep], cv[keep])
    keys, counts = unique_counts(a * K + b)
    ia, ib = np.triu_indices(K, k=1)
    m = snap.m
    expected = d[ia] * d[ib] / (2.0 * m) if m else np.zeros(len(ia))
    want = ia.astype(np.int64) * K + ib
    observed = np.zeros(len(want), dtype=np.int64)
    if len(keys):
        observed[np.searchsorted(want, keys)] = counts
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(expected > 0, observed / np.where(expected > 0, expected, 1), np.nan)
    return pd.DataFrame(
        {
            "cluster_a": labels[ia],
            "cluster_b": labels[ib],
            "observed": observed,
            "expected": expected.astype(float),
            "ratio": ratio,
        }
    )


def no_pairs() -> pd.DataFrame:
    """Return the cluster-pair table with no row (fewer than two clusters, or not asked for)."""
    return pd.DataFrame(
        {
            "cluster_a": pd.Series(dtype=object),
            "cluster_b": pd.Series(dtype=object),
            "observed": pd.Series(dtype=np.int64),
            "expected": pd.Series(dtype=float),
            "ratio": pd.Series(dtype=float),
        }
    )
