"""Centralities on the simple graph S: degree, betweenness, closeness, eigenvector, PageRank.

Betweenness and closeness use igraph (C); PageRank and eigenvector use scipy on the CSR.
"""

from __future__ import annotations

import logging
import time
from typing import Any

import numpy as np
import scipy.sparse as sp
import scipy.sparse.linalg as spla

from kizuna.analytics.snapshot import Snapshot

log = logging.getLogger(__name__)

__all__ = [
    "BackgroundBetweenness",
    "betweenness",
    "closeness",
    "default_sample_size",
    "eigenvector",
    "pagerank",
    "strength",
]


def default_sample_size(n: int, m: int | None = None) -> int:
    """Sources sampled above the exact-betweenness limit: a power of two in [32, 256].

    Deterministic in the graph size (never in machine speed): 256 while m ≤ 1.25M edges,
    then halving as m doubles (k·m ≲ 3.2e8 edge visits), 64 at 5M edges.
    """
    m = 5 * n if m is None else m
    k = 256
    while k > 32 and k * m > 320_000_000:
        k //= 2
    return k


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
    scaled by n/k — an unbiased estimator (Brandes & Pich 2007).

    References
    ----------
    U. Brandes, "A faster algorithm for betweenness centrality", J. Math. Sociol. 25
    (2001) 163–177.  U. Brandes and C. Pich, "Centrality estimation in large networks",
    Int. J. Bifurcation and Chaos 17 (2007) 2303–2318.
    """
    n = snap.n
    if n <= 2 or snap.m == 0:
        return np.zeros(n), {"method": "exact"}
    g = snap.igraph
    t0 = time.perf_counter()
    scale = 2.0 / ((n - 1) * (n - 2))
    if n <= exact_max:
        raw = np.asarray(g.betweenness(directed=False), dtype=float)
        info: dict[str, Any] = {"method": "exact"}
    else:
        k = min(n, k or default_sample_size(n, snap.m))
        rng = np.random.default_rng(seed)
        sources = np.sort(rng.choice(n, size=k, replace=False))
        raw = np.asarray(g.betweenness(directed=False, sources=sources.tolist()), dtype=float)
        raw *= n / k
        info = {
            "method": "sampled",
            "k": int(k),
            "seed": int(seed),
            "sources": [str(x) for x in snap.ids[sources]],
        }
    info["seconds"] = round(time.perf_counter() - t0, 3)
    return raw * scale, info


def closeness(snap: Snapshot, *, exact_max: int = 20_000) -> np.ndarray:
    """Closeness as networkx's ``closeness_centrality`` (Wasserman–Faust for components).

    Notes
    -----
    C(u) = (r−1)/Σ_v d(u, v) · (r−1)/(n−1), r = nodes reachable from u (u included);
    0 for an isolate.  All-sources BFS: NaN (not computed) above ``exact_max`` nodes.
    """
    n = snap.n
    if n > exact_max:
        return np.full(n, np.nan)
    if n <= 1 or snap.m == 0:
        return np.zeros(n)
    g = snap.igraph
    raw = np.asarray(g.closeness(normalized=True), dtype=float)  # (r-1)/Σd
    comp = np.asarray(g.connected_components().membership)
    r = np.bincount(comp)[comp]
    out = np.nan_to_num(raw, nan=0.0) * (r - 1) / (n - 1)
    return out


def eigenvector(snap: Snapshot) -> np.ndarray:
    """Eigenvector centrality on S: principal eigenvector of A, unit Euclidean norm, ≥ 0.

    Notes
    -----
    A x = λ_max x (as networkx's ``eigenvector_centrality_numpy``).  On a disconnected
    graph the leading eigenvector lives on the component with the largest λ.
    """
    n = snap.n
    if snap.m == 0:
        return np.zeros(n)
    A = snap.S.astype(float)
    if n < 200:
        w, v = np.linalg.eigh(A.toarray())
        vec = v[:, int(np.argmax(w))]
    else:
        # A fixed positive start vector (the Perron vector is positive): reproducible runs.
        start = np.full(A.shape[0], 1.0 / np.sqrt(A.shape[0]))
        _, v = spla.eigsh(A, k=1, which="LA", tol=1e-10, maxiter=5000, v0=start)
        vec = v[:, 0]
    vec = np.abs(vec)
    return np.asarray(vec / np.linalg.norm(vec))


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


class BackgroundBetweenness:
    """Betweenness computed in a forked child process while the caller does other work.

    Betweenness is the longest step on big graphs and igraph holds one core; on a
    multi-core machine the other metrics run meanwhile.  Falls back to computing in
    :meth:`result` when ``fork`` is unavailable or the graph is small.

    Examples
    --------
    >>> job = BackgroundBetweenness(snap, exact_max=20_000, k=None, seed=0)  # doctest: +SKIP
    >>> values, info = job.result()  # doctest: +SKIP
    """

    MIN_NODES = 50_000

    def __init__(self, snap: Snapshot, *, exact_max: int, k: int | None, seed: int):
        import multiprocessing as mp
        import os

        self._args = (snap, exact_max, k, seed)
        self._proc: Any = None
        self._conn: Any = None
        parallel = (
            snap.n >= self.MIN_NODES
            and (os.cpu_count() or 1) > 1
            and "fork" in mp.get_all_start_methods()
        )
        if not parallel:
            return
        _ = snap.igraph  # build once, shared copy-on-write with the child
        ctx = mp.get_context("fork")
        recv, send = ctx.Pipe(duplex=False)
        self._proc = ctx.Process(target=self._child, args=(send, *self._args), daemon=True)
        self._proc.start()
        send.close()
        self._conn = recv

    @staticmethod
    def _child(conn: Any, snap: Snapshot, exact_max: int, k: int | None, seed: int) -> None:
        try:
            conn.send(("ok", betweenness(snap, exact_max=exact_max, k=k, seed=seed)))
        except BaseException as exc:  # report to the parent, never hang it
            conn.send(("error", repr(exc)))
        finally:
            conn.close()

    def result(self) -> tuple[np.ndarray, dict[str, Any]]:
        """The values and method info (waits for the child)."""
        snap, exact_max, k, seed = self._args
        if self._proc is None:
            return betweenness(snap, exact_max=exact_max, k=k, seed=seed)
        try:
            status, payload = self._conn.recv()
        except EOFError:
            status, payload = "error", "the betweenness process ended without a result"
        finally:
            self._conn.close()
            self._proc.join()
        if status != "ok":
            log.warning("background betweenness failed (%s); computing it here", payload)
            return betweenness(snap, exact_max=exact_max, k=k, seed=seed)
        values, info = payload
        info["process"] = "background"
        return values, info
