"""High-level analytics API used by the CLI, the dashboard and the reports.

``analyze(bundle)`` computes every node metric, cluster-pair gaps, bridges, local bridges,
the single-point-of-failure audit and communities once per snapshot, into a
:class:`NetworkAnalysis`.  The partner finder and what-if scenarios live in
:mod:`analytics.partners` and :mod:`analytics.whatif` and are re-exported here.

Columns of ``NetworkAnalysis.nodes`` (one row per node, bundle order): the contract
columns id, degree, betweenness, participation, within_module_z, role, constraint,
effective_size, articulation_point, coordinator, itinerant, representative, gatekeeper,
liaison; then name, name_en, kind, cluster, region, prefecture, lat, lon, closeness,
eigenvector, pagerank, pagerank_weighted, strength, hierarchy, efficiency, community,
community_participation, community_z, community_role, separated_pairs.
"""

from __future__ import annotations

import datetime as _dt
import gc
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from kizuna.analytics import brokerage as _brokerage
from kizuna.analytics import centrality, communities, connectivity, gaps, holes, roles
from kizuna.analytics.background import Background
from kizuna.analytics.snapshot import Snapshot, build_snapshot
from kizuna.graph import __version__
from kizuna.graph.bundle import Bundle, GraphFilter

log = logging.getLogger(__name__)

CONTRACT_NODE_COLUMNS: tuple[str, ...] = (
    "id",
    "degree",
    "betweenness",
    "participation",
    "within_module_z",
    "role",
    "constraint",
    "effective_size",
    "articulation_point",
    "coordinator",
    "itinerant",
    "representative",
    "gatekeeper",
    "liaison",
)
CONTRACT_PAIR_COLUMNS: tuple[str, ...] = ("cluster_a", "cluster_b", "observed", "expected")
CONTRACT_BRIDGE_COLUMNS: tuple[str, ...] = ("source", "target")
NODE_INFO_COLUMNS: tuple[str, ...] = (
    "name",
    "name_en",
    "kind",
    "cluster",
    "region",
    "prefecture",
    "lat",
    "lon",
)

#: Above these sizes the costly extras are skipped (NaN / empty), and meta says so.
HIERARCHY_MAX = 200_000
LOCAL_BRIDGES_MAX = 50_000
#: From this many nodes on, communities, eigenvector and PageRank run in a side process.
SIDE_MIN_NODES = 20_000


@dataclass
class NetworkAnalysis:
    """Everything ``analyze`` computes for one snapshot (see the module docstring)."""

    nodes: pd.DataFrame
    cluster_pairs: pd.DataFrame
    bridges: pd.DataFrame
    local_bridges: pd.DataFrame
    spof: pd.DataFrame
    communities: dict[str, Any]
    meta: dict[str, Any]
    snapshot: Snapshot | None = field(default=None, repr=False)


def _with_program_ties(bundle: Bundle) -> Bundle:
    """The bundle plus co_participation ties projected from participation.csv."""
    if bundle.participation is None or len(bundle.participation) == 0:
        return bundle
    from kizuna.graph.projection import project_participation

    extra = project_participation(bundle)
    ties = pd.concat([bundle.ties, extra], ignore_index=True)
    return bundle.with_frames(ties=ties)


def analyze(
    bundle: Bundle,
    *,
    with_programs: bool = False,
    seed: int = 0,
    exact_betweenness_max: int = 20_000,
    betweenness_k: int | None = None,
    graph_filter: GraphFilter | None = None,
    extras: bool = True,
    progress: Callable[[str], None] | None = None,
) -> NetworkAnalysis:
    """Compute every metric of one network snapshot.

    Parameters
    ----------
    bundle : graph.bundle.Bundle
    with_programs : bool
        Add co_participation ties projected from participation.csv.
    seed : int
        Seed of sampled betweenness and of community detection.
    exact_betweenness_max : int
        Exact betweenness (and closeness) up to this many nodes; sampled above.
    betweenness_k : int, optional
        Sources sampled above the limit (default: 256, halved per doubling of m above
        1.25M edges: 64 at 5M).
    graph_filter : GraphFilter, optional
        Time slice / part of the network to analyse (e.g. ``GraphFilter(since=2005,
        until=2009)``).
    extras : bool
        Also closeness, eigenvector, PageRank, hierarchy, communities, local bridges and
        the failure audit (False: the contract columns only).
    progress : callable, optional
        Called with the name of each step.

    Returns
    -------
    NetworkAnalysis

    Raises
    ------
    graph.errors.BundleError
        Duplicate node ids or a tie endpoint that is not a node.

    Examples
    --------
    >>> import pandas as pd
    >>> from kizuna.graph.bundle import Bundle
    >>> b = Bundle(nodes=pd.DataFrame({"id": ["a", "b", "c"], "cluster": ["X", "X", "Y"]}),
    ...            ties=pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"]}))
    >>> analyze(b).nodes["degree"].tolist()
    [1, 2, 1]
    """
    if graph_filter is not None:
        bundle = graph_filter.apply(bundle)
    if with_programs:
        bundle = _with_program_ties(bundle)
    timings: dict[str, float] = {}
    t_all, c_all = time.perf_counter(), time.process_time()

    def step(name: str, fn: Callable[[], Any]) -> Any:
        if progress:
            progress(name)
        t0 = time.perf_counter()
        out = fn()
        timings[name] = round(time.perf_counter() - t0, 3)
        log.info("%s: %.2f s", name, timings[name])
        return out

    snap = step("snapshot", lambda: build_snapshot(bundle, with_weights=extras))
    n_ties = len(bundle.ties)
    # the ties are in the snapshot now: let go of this function's hold on their frame
    # (5M rows at 1M organizations), before the background fork and the big steps
    bundle = bundle.with_frames(ties=bundle.ties.iloc[:0].copy())  # copy: no view of the rows
    if n_ties >= 500_000:
        gc.collect()
    n = snap.n
    nodes = pd.DataFrame({"id": snap.ids.astype(object), "degree": snap.degree})
    job = step(
        "betweenness_start",
        lambda: centrality.BackgroundBetweenness(
            snap, exact_max=exact_betweenness_max, k=betweenness_k, seed=seed, closeness=extras
        ),
    )
    side = None
    if extras:
        # Leiden and the spectral centralities need nothing from the steps below: a
        # third process computes them (on S's igraph graph, built once before the fork)
        _ = step("igraph", lambda: snap.igraph if snap.m else None)
        side = step(
            "side_start",
            lambda: Background(_side_metrics, snap, seed, parallel=n >= SIDE_MIN_NODES),
        )
    rt = step("roles", lambda: roles.role_table(snap))
    nodes[["participation", "within_module_z", "role"]] = rt
    nodes["constraint"] = step("constraint", lambda: holes.constraint(snap))
    esize = step("effective_size", lambda: holes.effective_size(snap))
    nodes["effective_size"] = esize
    nodes["articulation_point"] = step(
        "articulation_points", lambda: connectivity.articulation_points(snap)
    )
    brk = step("brokerage", lambda: _brokerage.brokerage(snap))
    for col in _brokerage.ROLES:
        nodes[col] = brk[col].to_numpy()
    pairs = step("cluster_pairs", lambda: gaps.cluster_pairs(snap))
    brg = step("bridges", lambda: connectivity.bridges(snap))
    meta: dict[str, Any] = {
        "n": n,
        "m": snap.m,
        "arcs": int(snap.D.nnz),
        "ties": n_ties,
        "clusters": int(sum(1 for c in set(snap.clusters.tolist()) if c is not None)),
        "betweenness": {},
        "seed": seed,
        "version": __version__,
        "computed_at": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
        "with_programs": with_programs,
        "filter": None if graph_filter is None else graph_filter.__dict__,
        "timings": timings,
        "skipped": [],
    }
    local = pd.DataFrame({"source": [], "target": [], "span": []})
    audit = pd.DataFrame(columns=["id", "name", "separated_pairs", "largest_cut", "regions_cut"])
    comm_info: dict[str, Any] = {}
    if extras:
        _add_info_columns(nodes, bundle)
        nodes["closeness"] = np.nan  # from the betweenness processes, at the end
        if n > exact_betweenness_max:
            meta["skipped"].append(f"closeness (n > {exact_betweenness_max})")
        for col in ("eigenvector", "pagerank", "pagerank_weighted"):
            nodes[col] = np.nan  # from the side process, below
        nodes["strength"] = centrality.strength(snap)
        if n <= HIERARCHY_MAX:
            nodes["hierarchy"] = step("hierarchy", lambda: holes.hierarchy(snap))
        else:
            nodes["hierarchy"] = np.nan
            meta["skipped"].append(f"hierarchy (n > {HIERARCHY_MAX})")
        nodes["efficiency"] = holes.efficiency(snap, esize)
        for col in ("community", "community_participation", "community_z", "community_role"):
            nodes[col] = None  # from the side process, below
        region = nodes["region"].to_numpy(dtype=object) if "region" in nodes else None
        audit = step("spof", lambda: connectivity.spof(snap, region))
        nodes["separated_pairs"] = connectivity.separated_pairs(snap, audit)
        names = nodes.get("name", nodes["id"]).to_numpy(dtype=object)
        audit.insert(1, "name", names[snap.index.get_indexer(pd.Index(audit["id"]))])
        if n <= LOCAL_BRIDGES_MAX:
            local = step("local_bridges", lambda: connectivity.local_bridges(snap))
        else:
            meta["skipped"].append(f"local bridges (n > {LOCAL_BRIDGES_MAX})")
    if side is not None:
        got = step("side", side.result)
        timings.update(got.pop("timings"))
        timings["side_elapsed"] = side.seconds
        timings["side_cpu"] = side.cpu
        comm, comm_info = got.pop("communities")
        for col, values in got.items():
            nodes[col] = values
        comm_info.update(communities.agreement(snap, comm))
        nodes["community"] = comm
        crt = step("community_roles", lambda: roles.role_table(snap, comm))
        nodes["community_participation"] = crt["participation"].to_numpy()
        nodes["community_z"] = crt["within_module_z"].to_numpy()
        nodes["community_role"] = crt["role"].to_numpy()
    btw, meta["betweenness"] = step("betweenness", job.result)
    timings.update(job.seconds)
    nodes.insert(2, "betweenness", btw)
    if extras:
        nodes["closeness"] = job.closeness()
    meta["communities"] = comm_info
    timings["total"] = round(time.perf_counter() - t_all, 3)
    timings["total_cpu"] = round(time.process_time() - c_all, 3)  # this process only
    return NetworkAnalysis(nodes, pairs, brg, local, audit, comm_info, meta, snap)


def _side_metrics(snap: Snapshot, seed: int) -> dict[str, Any]:
    """Communities, eigenvector and both PageRanks, with their seconds (one process)."""
    out: dict[str, Any] = {"timings": {}}
    for name, fn in (
        ("communities", lambda: communities.detect_communities(snap, seed=seed)),
        ("eigenvector", lambda: centrality.eigenvector(snap)),
        ("pagerank", lambda: centrality.pagerank(snap)),
        ("pagerank_weighted", lambda: centrality.pagerank(snap, weighted=True)),
    ):
        t0 = time.perf_counter()
        out[name] = fn()
        out["timings"][name] = round(time.perf_counter() - t0, 3)
    return out


def _add_info_columns(nodes: pd.DataFrame, bundle: Bundle) -> None:
    src = bundle.nodes
    for col in NODE_INFO_COLUMNS:
        if col == "cluster":
            nodes[col] = _cluster_text(src)
        elif col in src:
            nodes[col] = src[col].to_numpy()
        else:
            nodes[col] = np.full(len(nodes), None if col not in ("lat", "lon") else np.nan)


def _cluster_text(src: pd.DataFrame) -> np.ndarray:
    from kizuna.analytics.snapshot import strip_clusters

    return strip_clusters(src.get("cluster", None), len(src))


from kizuna.analytics.partners import suggest_partners  # noqa: E402
from kizuna.analytics.whatif import Scenario, WhatIfDiff, apply_scenario, compare  # noqa: E402

__all__ = [
    "CONTRACT_NODE_COLUMNS",
    "NetworkAnalysis",
    "Scenario",
    "WhatIfDiff",
    "analyze",
    "apply_scenario",
    "compare",
    "suggest_partners",
]
