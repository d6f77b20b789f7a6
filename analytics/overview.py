"""A first look at a network: counts by kind and region, and ties by geographic scope."""

from __future__ import annotations

import numpy as np
import pandas as pd

from kizuna.graph.bundle import Bundle

__all__ = ["TIE_SCOPES", "network_overview", "tie_scopes"]

#: The scope of a tie, from the most local to the most distant.
TIE_SCOPES: tuple[str, ...] = (
    "within_cluster",
    "cross_cluster",
    "cross_region",
    "international",
    "unknown",
)


def tie_scopes(bundle: Bundle) -> pd.Series:
    """Return the geographic scope of every tie of ``bundle``, aligned with its ties.

    Parameters
    ----------
    bundle : Bundle
        The network (nodes with ``region``; ties with ``source`` and ``target``).

    Returns
    -------
    pandas.Series
        One of :data:`TIE_SCOPES` per tie:

        - ``international``: one end's region is ``overseas`` and the other's is not;
        - ``cross_region``: both ends in Japan, in different regions;
        - ``within_cluster``: both ends in the same (non-empty) cluster;
        - ``cross_cluster``: different clusters (or one without a cluster) in one region;
        - ``unknown``: an end without a region, and not in the same cluster.

    Examples
    --------
    >>> from kizuna.graph.bundle import Bundle, empty_frame
    >>> nodes = empty_frame("nodes").reindex(range(3))
    >>> nodes["id"], nodes["cluster"] = ["a", "b", "c"], ["tama", "tama", "kansai"]
    >>> nodes["region"] = ["kanto", "kanto", "kinki"]
    >>> ties = empty_frame("ties").reindex(range(2))
    >>> ties["source"], ties["target"] = ["a", "a"], ["b", "c"]
    >>> tie_scopes(Bundle(nodes=nodes, ties=ties)).tolist()
    ['within_cluster', 'cross_region']
    """
    ties = bundle.ties
    if ties.empty:
        return pd.Series([], dtype=object)
    nodes = bundle.nodes.set_index("id")
    region = nodes["region"]
    cluster = nodes["cluster"]
    rs = ties["source"].map(region).to_numpy(dtype=object)
    rt = ties["target"].map(region).to_numpy(dtype=object)
    cs = ties["source"].map(cluster).to_numpy(dtype=object)
    ct = ties["target"].map(cluster).to_numpy(dtype=object)

    def known(values: np.ndarray) -> np.ndarray:
        return np.array([isinstance(v, str) and v != "" for v in values], dtype=bool)

    has_r = known(rs) & known(rt)
    same_cluster = known(cs) & known(ct) & (cs == ct)
    overseas_s = rs == "overseas"
    overseas_t = rt == "overseas"
    scope = np.full(len(ties), "unknown", dtype=object)
    scope[has_r] = "cross_cluster"
    scope[has_r & (rs != rt)] = "cross_region"
    scope[same_cluster] = "within_cluster"
    scope[has_r & (overseas_s != overseas_t)] = "international"
    return pd.Series(scope, index=ties.index, name="scope")


def network_overview(bundle: Bundle) -> dict[str, object]:
    """Count what a newcomer wants first: organizations by kind and region, ties by scope.

    Parameters
    ----------
    bundle : Bundle
        The network (its nodes, ties, clusters and programs).

    Returns
    -------
    dict
        ``organizations``, ``ties``, ``clusters``, ``programs`` (ints), ``by_kind``,
        ``by_region``, ``ties_by_scope``, ``ties_by_kind``, ``ties_by_confidence``
        (dicts of counts, largest first; missing values counted under ``""``).
    """

    def counts(series: pd.Series) -> dict[str, int]:
        values = series.fillna("").astype(str)
        return {str(k): int(v) for k, v in values.value_counts().items()}

    clusters = (
        len(bundle.clusters)
        if "clusters" in bundle.present and not bundle.clusters.empty
        else int(bundle.nodes["cluster"].dropna().nunique())
    )
    return {
        "organizations": len(bundle.nodes),
        "ties": len(bundle.ties),
        "clusters": clusters,
        "programs": len(bundle.programs),
        "by_kind": counts(bundle.nodes["kind"]),
        "by_region": counts(bundle.nodes["region"]),
        "ties_by_scope": counts(tie_scopes(bundle)),
        "ties_by_kind": counts(bundle.ties["kind"]),
        "ties_by_confidence": counts(bundle.ties["confidence"]),
    }
