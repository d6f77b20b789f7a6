"""Shortest-path work of one snapshot (betweenness and closeness), dealt into two parts.

:class:`PathPlan` says which sources (every node, or a seeded sample) and which closeness
vertices there are, dealt into :data:`PARTS` interleaved parts; :func:`run_part` runs
one part with igraph; :class:`BackgroundBetweenness` runs the parts in forked child
processes while the caller computes the other metrics.  The parts are always added in
part order, so the values are the same floats however they ran.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from kizuna.analytics.snapshot import Snapshot

log = logging.getLogger(__name__)

__all__ = [
    "PARTS",
    "BackgroundBetweenness",
    "PathPlan",
    "default_sample_size",
    "finish_betweenness",
    "finish_closeness",
    "plan_paths",
    "run_part",
]


def default_sample_size(n: int, m: int | None = None) -> int:
    """Count the sources sampled above the exact limit: a power of two in [32, 256].

    Deterministic in the graph size (never in machine speed): 256 while m ≤ 1.25M edges,
    then halving as m doubles (k·m ≲ 3.2e8 edge visits), 64 at 5M edges.
    """
    m = 5 * n if m is None else m
    k = 256
    while k > 32 and k * m > 320_000_000:
        k //= 2
    return k


@dataclass
class PathPlan:
    """What the all-pairs shortest-path work of one snapshot consists of.

    The betweenness sources (every node, or a seeded sample) and, when closeness is
    wanted, every node as a closeness vertex, are dealt into :data:`PARTS` interleaved
    parts, so that two processes can share them.  Computing the parts one after the
    other or in parallel gives the same floats: they are always added in part order.
    """

    n: int
    sources: np.ndarray
    sampled: bool
    k: int
    closeness: bool
    info: dict[str, Any] = field(default_factory=dict)

    def part(self, i: int) -> tuple[np.ndarray, np.ndarray | None]:
        """Return the sources and closeness vertices (None when not wanted) of part i."""
        vertices = np.arange(i, self.n, PARTS, dtype=np.int64) if self.closeness else None
        return self.sources[i::PARTS], vertices


#: Parts the shortest-path work is dealt into (one per process on the 2-core machines).
PARTS = 2


def plan_paths(
    snap: Snapshot,
    *,
    exact_max: int = 20_000,
    k: int | None = None,
    seed: int = 0,
    closeness: bool = False,
) -> PathPlan:
    """Plan the sources of betweenness (and closeness vertices) for one snapshot.

    Exact (every node a source) up to ``exact_max`` nodes; above it ``k`` sources drawn
    without replacement from ``numpy.random.default_rng(seed)`` (sorted), default
    :func:`default_sample_size`.  Closeness is planned only for exact graphs.
    """
    n = snap.n
    if n <= exact_max:
        plan = PathPlan(n, np.arange(n, dtype=np.int64), False, n, closeness, {"method": "exact"})
    else:
        kk = min(n, k or default_sample_size(n, snap.m))
        rng = np.random.default_rng(seed)
        sources = np.sort(rng.choice(n, size=kk, replace=False))
        info = {
            "method": "sampled",
            "k": int(kk),
            "seed": int(seed),
            "sources": [str(x) for x in snap.ids[sources]],
        }
        plan = PathPlan(n, sources, True, kk, False, info)
    if n <= 2 or snap.m == 0:
        plan.sources = plan.sources[:0]
    plan.closeness = plan.closeness and n > 1 and snap.m > 0
    return plan


def _local_graph(snap: Snapshot) -> tuple[Any, np.ndarray]:
    """S as an igraph Graph with nodes in reverse Cuthill–McKee order, with positions.

    Returns the graph and each node's position in it.  Neighbours sit close in memory:
    igraph's breadth-first searches run ~20 % faster at 100k organizations than in
    bundle order.
    """
    import igraph as ig
    from scipy.sparse.csgraph import reverse_cuthill_mckee

    order = np.asarray(reverse_cuthill_mckee(snap.S, symmetric_mode=True), dtype=np.int64)
    pos = np.empty(snap.n, dtype=np.int64)
    pos[order] = np.arange(snap.n)
    u, v = snap.edges
    g = ig.Graph(n=snap.n, edges=list(zip(pos[u].tolist(), pos[v].tolist(), strict=True)))
    return g, pos


def run_part(snap: Snapshot, plan: PathPlan, i: int) -> tuple[np.ndarray, np.ndarray | None]:
    """Run part i: raw betweenness sums over its sources, raw closeness of its vertices.

    Closeness is igraph's ``(r−1)/Σd``; both in bundle order.
    """
    sources, vertices = plan.part(i)
    n = snap.n
    raw = np.zeros(n)
    clo = None
    if len(sources) == 0 and vertices is None:
        return raw, clo
    g, pos = _local_graph(snap)
    if len(sources):
        raw = np.asarray(g.betweenness(directed=False, sources=pos[sources].tolist()), dtype=float)[
            pos
        ]
    if vertices is not None:
        clo = np.full(n, np.nan)
        if len(vertices):
            clo[vertices] = np.asarray(
                g.closeness(vertices=pos[vertices].tolist(), normalized=True), dtype=float
            )
    return raw, clo


def finish_betweenness(snap: Snapshot, plan: PathPlan, raws: list[np.ndarray]) -> np.ndarray:
    """Betweenness from the parts' raw sums (added in part order), normalised."""
    n = snap.n
    if len(plan.sources) == 0:
        return np.zeros(n)
    raw = raws[0].copy()
    for r in raws[1:]:
        raw += r
    if plan.sampled:
        raw *= n / plan.k
    return raw * (2.0 / ((n - 1) * (n - 2)))


def finish_closeness(snap: Snapshot, parts: list[np.ndarray | None]) -> np.ndarray:
    """Turn the parts' raw igraph closeness into networkx's closeness."""
    n = snap.n
    if n <= 1 or snap.m == 0:
        return np.zeros(n)
    raw = np.full(n, np.nan)
    for p in parts:
        if p is not None:
            have = ~np.isnan(p)
            raw[have] = p[have]
    comp = snap.components
    r = np.bincount(comp)[comp]
    return np.nan_to_num(raw, nan=0.0) * (r - 1) / (n - 1)


class BackgroundBetweenness:
    """Betweenness (and closeness) computed by two forked child processes.

    One process per part of the sources (:class:`PathPlan`), while the caller does
    other work.

    Betweenness is the longest step and igraph holds one core: the two parts use both
    cores of the machine, and the caller's own steps fill the gaps.  Falls back to
    computing the parts one after the other in :meth:`result` when ``fork`` is
    unavailable or the graph is small; the values are the same either way.

    Examples
    --------
    >>> job = BackgroundBetweenness(snap, exact_max=20_000, k=None, seed=0)  # doctest: +SKIP
    >>> values, info = job.result()  # doctest: +SKIP
    """

    MIN_NODES = 2_000

    def __init__(
        self,
        snap: Snapshot,
        *,
        exact_max: int,
        k: int | None,
        seed: int,
        closeness: bool = False,
    ):
        import multiprocessing as mp
        import os

        self._snap = snap
        self._t0 = time.perf_counter()
        self.plan = plan_paths(snap, exact_max=exact_max, k=k, seed=seed, closeness=closeness)
        self._jobs: list[tuple[Any, Any]] = []
        self._parts: list[tuple[np.ndarray, np.ndarray | None]] | None = None
        #: seconds each part took in its process
        self.part_seconds: list[float] = []
        #: CPU seconds each part used (what it would take alone on an idle core)
        self.part_cpu: list[float] = []
        busy = len(self.plan.sources) > 0 or self.plan.closeness
        parallel = (
            busy
            and snap.n >= self.MIN_NODES
            and (os.cpu_count() or 1) > 1
            and "fork" in mp.get_all_start_methods()
        )
        if not parallel:
            return
        _ = snap.edges  # computed once, shared copy-on-write with the children
        import igraph  # noqa: F401  (imported once: its import pulls in matplotlib, ~1 s)
        from scipy.sparse.csgraph import reverse_cuthill_mckee  # noqa: F401

        ctx = mp.get_context("fork")
        for i in range(PARTS):
            recv, send = ctx.Pipe(duplex=False)
            proc = ctx.Process(target=self._child, args=(send, snap, self.plan, i), daemon=True)
            proc.start()
            send.close()
            self._jobs.append((proc, recv))

    @staticmethod
    def _child(conn: Any, snap: Snapshot, plan: PathPlan, i: int) -> None:
        try:
            t0, c0 = time.perf_counter(), time.process_time()
            out = run_part(snap, plan, i)
            took = (round(time.perf_counter() - t0, 3), round(time.process_time() - c0, 3))
            conn.send(("ok", (*out, *took)))
        except BaseException as exc:  # report to the parent, never hang it
            conn.send(("error", repr(exc)))
        finally:
            conn.close()

    def _collect(self) -> list[tuple[np.ndarray, np.ndarray | None]]:
        if self._parts is not None:
            return self._parts
        parts: list[tuple[np.ndarray, np.ndarray | None]] = []
        for i, (proc, conn) in enumerate(self._jobs):
            try:
                status, payload = conn.recv()
            except EOFError:
                status, payload = "error", "the process ended without a result"
            finally:
                conn.close()
                proc.join()
            if status != "ok":
                log.warning("shortest-path part %d failed (%s); computing it here", i, payload)
                t0, c0 = time.perf_counter(), time.process_time()
                out = run_part(self._snap, self.plan, i)
                payload = (*out, time.perf_counter() - t0, time.process_time() - c0)
            parts.append(payload[:2])
            self.part_seconds.append(round(payload[2], 3))
            self.part_cpu.append(round(payload[3], 3))
        if not self._jobs:
            parts = [run_part(self._snap, self.plan, i) for i in range(PARTS)]
        self._parts = parts
        return parts

    def result(self) -> tuple[np.ndarray, dict[str, Any]]:
        """Return the betweenness values and method info (wait for the children)."""
        parts = self._collect()
        values = finish_betweenness(self._snap, self.plan, [p[0] for p in parts])
        info = dict(self.plan.info)
        info["process"] = f"{PARTS} background processes" if self._jobs else "inline"
        return values, info

    @property
    def seconds(self) -> dict[str, float]:
        """Seconds since the start and, per part, in its own process: wall and CPU.

        For the meta timings.
        """
        out = {"betweenness_elapsed": round(time.perf_counter() - self._t0, 3)}
        for i, (sec, cpu) in enumerate(zip(self.part_seconds, self.part_cpu, strict=True)):
            out[f"betweenness_part{i + 1}"] = sec
            out[f"betweenness_part{i + 1}_cpu"] = cpu
        return out

    def closeness(self) -> np.ndarray:
        """Return closeness (networkx's definition) from the same parts; NaN if not planned."""
        if self.plan.sampled:
            return np.full(self._snap.n, np.nan)
        return finish_closeness(self._snap, [p[1] for p in self._collect()])
