"""The array view of one network snapshot, built once and shared by every metric.

A :class:`Snapshot` holds the simple undirected graph *S* and the digraph *D* of the
contract (issue 6) as CSR adjacency arrays, the node ids in bundle order and the module
(cluster) codes.  Every metric in :mod:`analytics` takes a snapshot first.

Definitions
-----------
S : undirected; two distinct nodes are adjacent if any tie joins them (direction and
    multiplicity ignored, self-ties dropped).
D : a tie with ``directed`` true gives one arc source→target, any other tie arcs both
    ways; multiplicity ignored; self-ties dropped.
Modules : the ``cluster`` column, stripped; an empty cluster makes the node its own
    singleton module.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp

from kizuna.graph.bundle import Bundle
from kizuna.graph.errors import BundleError, KizunaError, Problem

log = logging.getLogger(__name__)

__all__ = [
    "Snapshot",
    "UnknownEntity",
    "build_snapshot",
    "directed_mask",
    "strip_clusters",
    "unique_counts",
]


class UnknownEntity(KizunaError, KeyError):
    """An organization or cluster id that is not in the network."""

    def __str__(self) -> str:
        """Return the message alone (no quotes around it)."""
        return str(self.args[0]) if self.args else ""


def directed_mask(column: pd.Series | None, length: int) -> np.ndarray:
    """Boolean array: True only where the stripped, lower-cased cell is ``"true"``.

    A boolean column (the canonical Bundle dtype) is taken as it is; text goes through
    pyarrow's string kernels (millions of ties: no per-cell Python).
    """
    if column is None:
        return np.zeros(length, dtype=bool)
    if column.dtype == bool:
        return column.to_numpy(dtype=bool)
    import pyarrow as pa
    import pyarrow.compute as pc

    cells = column.astype(object).to_numpy()
    try:
        text = pa.array(cells, pa.string(), from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError):  # not all text: str() each cell
        text = pa.array([None if v is None or v != v else str(v) for v in cells], pa.string())
    flag = pc.equal(pc.utf8_lower(pc.utf8_trim_whitespace(text)), "true").fill_null(False)
    return np.asarray(flag.to_numpy(zero_copy_only=False), dtype=bool)


def strip_clusters(column: pd.Series | None, length: int) -> np.ndarray:
    """Cluster labels stripped of surrounding spaces; ``None`` where empty (object array)."""
    if column is None:
        return np.full(length, None, dtype=object)
    text = column.astype(object).where(column.notna(), "").astype(str).str.strip()
    out = text.to_numpy(dtype=object)
    out[text.to_numpy() == ""] = None
    return out


def unique_counts(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sorted distinct values and their counts.

    Sort-based: numpy 2.4's hash-based ``np.unique`` is ~25x slower on millions of int64
    keys.
    """
    s = np.sort(values, kind="stable" if values.dtype == object else None)
    if len(s) == 0:
        return s, np.zeros(0, dtype=np.int64)
    start = np.flatnonzero(np.r_[True, s[1:] != s[:-1]])
    counts = np.diff(np.r_[start, len(s)]).astype(np.int64)
    return s[start], counts


@dataclass
class Snapshot:
    """Array view of a network: S and D as CSR, ids, modules.

    Attributes
    ----------
    ids : numpy object array of node ids, in bundle order.
    S : symmetric 0/1 CSR of the simple undirected graph.
    D : 0/1 CSR of the digraph (row = source, column = target).
    clusters : stripped cluster label per node, ``None`` when empty.
    module : int64 module code per node (clusters first, then one singleton per
        node without a cluster).
    module_labels : label of each module code (``None`` for singletons).
    weights : optional CSR of summed tie weights on S (missing weight counts 1).
    """

    ids: np.ndarray
    S: sp.csr_array
    D: sp.csr_array
    clusters: np.ndarray
    module: np.ndarray
    module_labels: np.ndarray
    weights: sp.csr_array | None = None
    info: dict[str, Any] = field(default_factory=dict)

    @property
    def n(self) -> int:
        """Number of nodes (organizations)."""
        return len(self.ids)

    @property
    def m(self) -> int:
        """Number of edges of S."""
        return int(self.S.nnz // 2)

    @cached_property
    def degree(self) -> np.ndarray:
        """Degree of each node in S (distinct neighbours)."""
        return np.diff(self.S.indptr).astype(np.int64)

    @cached_property
    def edges(self) -> tuple[np.ndarray, np.ndarray]:
        """Edges of S as (u, v) index arrays with u < v, sorted."""
        if "edges" in self.info:
            u, v = self.info["edges"]
            return u.astype(np.int64), v.astype(np.int64)
        coo = sp.triu(self.S, k=1, format="coo")
        order = np.lexsort((coo.col, coo.row))
        return coo.row[order].astype(np.int64), coo.col[order].astype(np.int64)

    @cached_property
    def components(self) -> np.ndarray:
        """Connected component label of each node of S (int64)."""
        from scipy.sparse.csgraph import connected_components

        if self.n == 0:
            return np.zeros(0, dtype=np.int64)
        return np.asarray(connected_components(self.S, directed=False)[1], dtype=np.int64)

    @cached_property
    def index(self) -> pd.Index:
        """The node ids as a pandas Index (position of an id: ``get_indexer``)."""
        return pd.Index(self.ids)

    @cached_property
    def igraph(self) -> Any:
        """The simple undirected graph S as an ``igraph.Graph`` (built once)."""
        import igraph as ig

        u, v = self.edges
        # a list of Python pairs converts ~3x faster than a numpy (m, 2) array
        return ig.Graph(n=self.n, edges=list(zip(u.tolist(), v.tolist(), strict=True)))

    def position(self, node_id: str) -> int:
        """Row index of a node id; KeyError with a plain message when unknown."""
        loc = self.index.get_indexer(pd.Index([node_id]))[0]
        if loc < 0:
            raise UnknownEntity(
                f"{node_id!r} is not an organization of this network — check the id "
                "(column 'id' of nodes.csv)"
            )
        return int(loc)


def _positions(ids: np.ndarray, values: pd.Series) -> np.ndarray:
    """Position of each value in ids (-1 when absent).

    pyarrow's C++ hash lookup when every id is a str (~2-3x faster than pandas'
    object hash table on millions of ties); pandas otherwise.
    """
    if len(values) > 100_000:
        try:
            import pyarrow as pa
            import pyarrow.compute as pc

            keys = pa.array(ids, pa.string())
            found = pc.index_in(pa.array(values.to_numpy(dtype=object), pa.string()), keys)
            return np.asarray(found.fill_null(-1).to_numpy(zero_copy_only=False), np.int64)
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            pass
    return pd.Index(ids).get_indexer(pd.Index(values.astype(object)))


def _endpoint_codes(ids: np.ndarray, ties: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    src = _positions(ids, ties["source"])
    tgt = _positions(ids, ties["target"])
    bad = (src < 0) | (tgt < 0)
    if bad.any():
        problems: list[Problem] = []
        for row in np.flatnonzero(bad)[:50]:
            col = "source" if src[row] < 0 else "target"
            value = ties[col].iloc[row]
            problems.append(
                Problem(
                    "ties.csv",
                    int(row) + 2,
                    col,
                    f"{value!r} is not an organization in nodes.csv",
                    "add that organization to nodes.csv or fix the id",
                )
            )
        if bad.sum() > 50:
            problems.append(
                Problem("ties.csv", None, None, f"… and {int(bad.sum()) - 50} more such rows")
            )
        raise BundleError(problems)
    return src.astype(np.int64), tgt.astype(np.int64)


def build_snapshot(bundle: Bundle, *, with_weights: bool = False) -> Snapshot:
    """Build the :class:`Snapshot` of a bundle (all its ties, no time filter).

    Parameters
    ----------
    bundle : graph.bundle.Bundle
        Nodes need ``id`` (and optionally ``cluster``); ties need ``source``, ``target``
        (and optionally ``directed``, ``weight``).
    with_weights : bool
        Also build the weighted S (sum of tie weights per adjacent pair; empty weight = 1).

    Raises
    ------
    graph.errors.BundleError
        A duplicate node id, or a tie endpoint that is not a node.
    """
    nodes, ties = bundle.nodes, bundle.ties
    ids = nodes["id"].astype(object).to_numpy()
    index = pd.Index(ids)
    if not index.is_unique:
        dup = index[index.duplicated()].unique()
        raise BundleError(
            [
                Problem(
                    "nodes.csv",
                    int(np.flatnonzero(ids == d)[1]) + 2,
                    "id",
                    f"the id {d!r} is used by more than one organization",
                    "give each organization its own id",
                )
                for d in dup[:50]
            ]
        )
    n = len(ids)
    src, tgt = _endpoint_codes(ids, ties)
    directed = directed_mask(ties.get("directed", None), len(ties))
    keep = src != tgt
    s, t, dflag = src[keep], tgt[keep], directed[keep]
    pairs = _tie_pairs(s, t, dflag, n)
    S = _symmetric_csr(pairs, n, np.ones(pairs.m, dtype=np.int8))
    D = _symmetric_csr(pairs, n, np.ones(pairs.m, dtype=np.int8), keep=(pairs.fwd, pairs.bwd))
    clusters = strip_clusters(nodes.get("cluster", None), n)
    has = np.array([c is not None for c in clusters], dtype=bool)
    codes = np.empty(n, dtype=np.int64)
    cl_codes, uniques = pd.factorize(pd.Series(clusters[has], dtype=object))
    codes[has] = cl_codes
    k = len(uniques)
    codes[~has] = k + np.arange(int((~has).sum()))
    labels = np.empty(k + int((~has).sum()), dtype=object)
    labels[:k] = np.asarray(uniques, dtype=object)
    labels[k:] = None
    weights = None
    if with_weights and n:
        if "weight" in ties:
            w = pd.to_numeric(ties["weight"], errors="coerce").to_numpy(dtype=float)[keep]
        else:
            w = np.ones(len(s))
        w = np.where(np.isfinite(w) & (w > 0), w, 1.0)
        weights = _symmetric_csr(pairs, n, np.bincount(pairs.edge_of_tie, w, pairs.m))
    log.debug("snapshot: n=%d, m=%d, arcs=%d, modules=%d", n, S.nnz // 2, D.nnz, len(labels))
    info: dict[str, Any] = {"edges": (pairs.u, pairs.v), "edge_arcs": (pairs.fwd, pairs.bwd)}
    return Snapshot(ids, S, D, clusters, codes, labels, weights, info)


@dataclass
class _TiePairs:
    """The distinct node pairs of the ties.

    Edges (u, v), u < v, sorted; the edge of each tie; whether D has the arc u→v (fwd)
    and v→u (bwd).
    """

    u: np.ndarray
    v: np.ndarray
    edge_of_tie: np.ndarray
    fwd: np.ndarray
    bwd: np.ndarray

    @property
    def m(self) -> int:
        return len(self.u)


def _tie_pairs(s: np.ndarray, t: np.ndarray, directed: np.ndarray, n: int) -> _TiePairs:
    """Group the ties (no self-ties) by node pair with one sort of their keys."""
    lo, hi = np.minimum(s, t), np.maximum(s, t)
    key = lo * np.int64(n) + hi
    order = np.argsort(key)
    sk = key[order]
    first = np.ones(len(sk), dtype=bool)
    first[1:] = sk[1:] != sk[:-1]
    edge_of_tie = np.empty(len(key), dtype=np.int64)
    edge_of_tie[order] = np.cumsum(first) - 1
    uniq = sk[first]
    m = len(uniq)
    # a tie gives the arc lo→hi when it runs lo→hi or is undirected; hi→lo likewise
    fwd = np.bincount(edge_of_tie, (s == lo) | ~directed, m) > 0
    bwd = np.bincount(edge_of_tie, (s == hi) | ~directed, m) > 0
    return _TiePairs(uniq // n, uniq % n, edge_of_tie, fwd, bwd)


def _symmetric_csr(
    pairs: _TiePairs,
    n: int,
    values: np.ndarray,
    *,
    keep: tuple[np.ndarray, np.ndarray] | None = None,
) -> sp.csr_array:
    """CSR with the entries (v, u) and (u, v) of every edge, with sorted indices.

    ``values`` per edge; no sort: lower entries first, each group already in (row, col)
    order, so the counting sort of COO → CSR leaves every row sorted.  ``keep`` =
    (upper, lower) masks: only the arcs u→v where upper, v→u where lower (the digraph D).
    """
    if n == 0:
        return sp.csr_array((0, 0), dtype=values.dtype)
    up, low = (slice(None), slice(None)) if keep is None else keep
    rows = np.concatenate([pairs.v[low], pairs.u[up]]).astype(np.int32)
    cols = np.concatenate([pairs.u[low], pairs.v[up]]).astype(np.int32)
    data = np.concatenate([values[low], values[up]])
    out = sp.csr_array(sp.coo_array((data, (rows, cols)), shape=(n, n)).tocsr())
    out.has_sorted_indices = True
    return out
