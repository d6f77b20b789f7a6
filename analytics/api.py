"""High-level analytics API used by the CLI, the dashboard and the reports.

``analyze(bundle)`` computes every node metric, cluster-pair gaps, bridges, local bridges,
the single-point-of-failure audit and communities once per snapshot, into a
:class:`NetworkAnalysis`; ``analyze(bundle, metrics={...})`` computes only some metric
groups of :data:`METRICS` (the what-if compares degree, betweenness, roles and cluster
pairs).  The partner finder and what-if scenarios live in :mod:`analytics.partners` and
:mod:`analytics.whatif` and are re-exported here.

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
from collections.abc import Callable, Collection
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

#: The metric groups of ``analyze(metrics=...)``, each with the contract node columns it
#: fills (cluster_pairs and bridges fill their own tables; degree is always computed).
METRICS: dict[str, tuple[str, ...]] = {
    "degree": ("degree",),
    "betweenness": ("betweenness",),
    "roles": ("participation", "within_module_z", "role"),
    "holes": ("constraint", "effective_size"),
    "articulation_points": ("articulation_point",),
    "brokerage": _brokerage.ROLES,
    "cluster_pairs": (),
    "bridges": (),
}

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
    """Return the bundle plus co_participation ties projected from participation.csv."""
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
    metrics: Collection[str] | None = None,
    progress: Callable[[str], None] | None = None,
) -> NetworkAnalysis:
    """Compute every metric of one network snapshot.

    Parameters
    ----------
    bundle : graph.bundle.Bundle
        The network: nodes with ``id`` (and optionally ``cluster``), ties with ``source``
        and ``target``.
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
    metrics : collection of str, optional
        Only these metric groups of :data:`METRICS` (e.g. ``{"degree", "roles",
        "cluster_pairs"}``), without extras; the contract columns of the others are NaN,
        their tables empty, and ``meta["skipped"]`` names them.  Default: every group.
    progress : callable, optional
        Called with the name of each step.

    Returns
    -------
    NetworkAnalysis
        The node table, cluster pairs, bridges, local bridges, failure audit,
        communities and meta of the snapshot.

    Raises
    ------
    graph.errors.BundleError
        Duplicate node ids or a tie endpoint that is not a node.
    ValueError
        A name in ``metrics`` that is not in :data:`METRICS`.

    Examples
    --------
    >>> import pandas as pd
    >>> from kizuna.graph.bundle import Bundle
    >>> b = Bundle(nodes=pd.DataFrame({"id": ["a", "b", "c"], "cluster": ["X", "X", "Y"]}),
    ...            ties=pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"]}))
    >>> analyze(b).nodes["degree"].tolist()
    [1, 2, 1]
    >>> analyze(b, metrics={"roles"}).nodes["role"].tolist()
    ['R1', 'R2', 'R1']
    """
    wanted = metric_groups(metrics)
    extras = extras and metrics is None
    if graph_filter is not None:
        bundle = graph_filter.apply(bundle)
    if with_programs:
        bundle = _with_program_ties(bundle)
    run = _Steps(progress)
    snap = run("snapshot", lambda: build_snapshot(bundle, with_weights=extras))
    n_ties = len(bundle.ties)
    bundle = _without_ties(bundle)
    job = None
    if "betweenness" in wanted:
        job = run(
            "betweenness_start",
            lambda: centrality.BackgroundBetweenness(
                snap, exact_max=exact_betweenness_max, k=betweenness_k, seed=seed, closeness=extras
            ),
        )
    side = _start_side_metrics(run, snap, seed) if extras else None
    nodes = _contract_nodes(run, snap, wanted)
    pairs = (
        run("cluster_pairs", lambda: gaps.cluster_pairs(snap))
        if "cluster_pairs" in wanted
        else _no_pairs()
    )
    brg = (
        run("bridges", lambda: connectivity.bridges(snap)) if "bridges" in wanted else _no_bridges()
    )
    meta = _meta(snap, n_ties, seed, with_programs, graph_filter, run.timings)
    meta["skipped"].extend(f"{name} (not asked for)" for name in METRICS if name not in wanted)
    local = pd.DataFrame({"source": [], "target": [], "span": []})
    audit = pd.DataFrame(columns=["id", "name", "separated_pairs", "largest_cut", "regions_cut"])
    if extras:
        local, audit = _add_extras(run, nodes, snap, bundle, meta, exact_betweenness_max)
    comm_info = {} if side is None else _add_side_metrics(run, nodes, snap, side)
    _add_betweenness(run, nodes, meta, job, closeness=extras)
    meta["communities"] = comm_info
    run.finish()
    return NetworkAnalysis(nodes, pairs, brg, local, audit, comm_info, meta, snap)


def metric_groups(metrics: Collection[str] | None) -> frozenset[str]:
    """Return the metric groups ``analyze(metrics=...)`` computes (all when ``None``).

    Parameters
    ----------
    metrics : collection of str, optional
        Names of :data:`METRICS`; ``"degree"`` is always computed.

    Returns
    -------
    frozenset of str
        The names, with ``"degree"``.

    Raises
    ------
    ValueError
        A name that is not in :data:`METRICS`.

    Examples
    --------
    >>> sorted(metric_groups(["roles"]))
    ['degree', 'roles']
    """
    if metrics is None:
        return frozenset(METRICS)
    if isinstance(metrics, str):
        metrics = [metrics]
    unknown = sorted(set(metrics) - set(METRICS))
    if unknown:
        raise ValueError(f"unknown metric group(s) {unknown}; known: {', '.join(METRICS)}")
    return frozenset(metrics) | {"degree"}


class _Steps:
    """Runs the named steps of one analysis: progress, seconds per step, log lines."""

    def __init__(self, progress: Callable[[str], None] | None) -> None:
        self.progress = progress
        self.timings: dict[str, float] = {}
        self._t0, self._c0 = time.perf_counter(), time.process_time()

    def __call__(self, name: str, fn: Callable[[], Any]) -> Any:
        """Run one step and note its seconds under ``name``."""
        if self.progress:
            self.progress(name)
        t0 = time.perf_counter()
        out = fn()
        self.timings[name] = round(time.perf_counter() - t0, 3)
        log.info("%s: %.2f s", name, self.timings[name])
        return out

    def finish(self) -> None:
        """Note the wall and CPU seconds of the whole analysis (CPU: this process only)."""
        self.timings["total"] = round(time.perf_counter() - self._t0, 3)
        self.timings["total_cpu"] = round(time.process_time() - self._c0, 3)


def _without_ties(bundle: Bundle) -> Bundle:
    """Return the bundle without its tie rows (they are in the snapshot now).

    Lets go of the caller's hold on the ties frame (5M rows at 1M organizations) before
    the background fork and the big steps.
    """
    n_ties = len(bundle.ties)
    bundle = bundle.with_frames(ties=bundle.ties.iloc[:0].copy())  # copy: no view of the rows
    if n_ties >= 500_000:
        gc.collect()
    return bundle


def _start_side_metrics(run: _Steps, snap: Snapshot, seed: int) -> Background:
    """Start communities and the spectral centralities in a side process.

    Leiden and the spectral centralities need nothing from the other steps: a third
    process computes them (on S's igraph graph, built once before the fork).
    """
    _ = run("igraph", lambda: snap.igraph if snap.m else None)
    return run(
        "side_start",
        lambda: Background(_side_metrics, snap, seed, parallel=snap.n >= SIDE_MIN_NODES),
    )


def _contract_nodes(run: _Steps, snap: Snapshot, wanted: frozenset[str]) -> pd.DataFrame:
    """id, degree and the wanted contract columns but betweenness (NaN when not wanted)."""
    nodes = pd.DataFrame({"id": snap.ids.astype(object), "degree": snap.degree})
    if "roles" in wanted:
        nodes[["participation", "within_module_z", "role"]] = run(
            "roles", lambda: roles.role_table(snap)
        )
    if "holes" in wanted:
        nodes["constraint"] = run("constraint", lambda: holes.constraint(snap))
        nodes["effective_size"] = run("effective_size", lambda: holes.effective_size(snap))
    if "articulation_points" in wanted:
        nodes["articulation_point"] = run(
            "articulation_points", lambda: connectivity.articulation_points(snap)
        )
    if "brokerage" in wanted:
        brk = run("brokerage", lambda: _brokerage.brokerage(snap))
        for col in _brokerage.ROLES:
            nodes[col] = brk[col].to_numpy()
    order = [c for c in CONTRACT_NODE_COLUMNS if c != "betweenness"]
    if list(nodes.columns) != order:
        nodes = nodes.reindex(columns=order)  # the columns not wanted: NaN
    return nodes


def _no_pairs() -> pd.DataFrame:
    """Return the cluster-pair table with no row (cluster pairs not asked for)."""
    return pd.DataFrame(
        {
            "cluster_a": pd.Series(dtype=object),
            "cluster_b": pd.Series(dtype=object),
            "observed": pd.Series(dtype=np.int64),
            "expected": pd.Series(dtype=float),
            "ratio": pd.Series(dtype=float),
        }
    )


def _no_bridges() -> pd.DataFrame:
    """Return the bridge table with no row (bridges not asked for)."""
    return pd.DataFrame({"source": pd.Series(dtype=object), "target": pd.Series(dtype=object)})


def _meta(
    snap: Snapshot,
    n_ties: int,
    seed: int,
    with_programs: bool,
    graph_filter: GraphFilter | None,
    timings: dict[str, float],
) -> dict[str, Any]:
    """Sizes, provenance and the (still growing) timings of one analysis."""
    return {
        "n": snap.n,
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


def _add_extras(
    run: _Steps,
    nodes: pd.DataFrame,
    snap: Snapshot,
    bundle: Bundle,
    meta: dict[str, Any],
    exact_betweenness_max: int,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Add the extra node columns; return the local bridges and the failure audit.

    Closeness, the spectral centralities and the communities are placeholders here:
    the betweenness and side processes fill them at the end.
    """
    n = snap.n
    _add_info_columns(nodes, bundle)
    nodes["closeness"] = np.nan  # from the betweenness processes, at the end
    if n > exact_betweenness_max:
        meta["skipped"].append(f"closeness (n > {exact_betweenness_max})")
    for col in ("eigenvector", "pagerank", "pagerank_weighted"):
        nodes[col] = np.nan  # from the side process
    nodes["strength"] = centrality.strength(snap)
    if n <= HIERARCHY_MAX:
        nodes["hierarchy"] = run("hierarchy", lambda: holes.hierarchy(snap))
    else:
        nodes["hierarchy"] = np.nan
        meta["skipped"].append(f"hierarchy (n > {HIERARCHY_MAX})")
    nodes["efficiency"] = holes.efficiency(snap, nodes["effective_size"].to_numpy(dtype=float))
    for col in ("community", "community_participation", "community_z", "community_role"):
        nodes[col] = None  # from the side process
    audit = _failure_audit(run, nodes, snap)
    local = pd.DataFrame({"source": [], "target": [], "span": []})
    if n <= LOCAL_BRIDGES_MAX:
        local = run("local_bridges", lambda: connectivity.local_bridges(snap))
    else:
        meta["skipped"].append(f"local bridges (n > {LOCAL_BRIDGES_MAX})")
    return local, audit


def _failure_audit(run: _Steps, nodes: pd.DataFrame, snap: Snapshot) -> pd.DataFrame:
    """Audit single points of failure (with names); add the separated_pairs column."""
    region = nodes["region"].to_numpy(dtype=object) if "region" in nodes else None
    audit = run("spof", lambda: connectivity.spof(snap, region))
    nodes["separated_pairs"] = connectivity.separated_pairs(snap, audit)
    names = nodes.get("name", nodes["id"]).to_numpy(dtype=object)
    audit.insert(1, "name", names[snap.index.get_indexer(pd.Index(audit["id"]))])
    return audit


def _add_side_metrics(
    run: _Steps, nodes: pd.DataFrame, snap: Snapshot, side: Background
) -> dict[str, Any]:
    """Fill the side process's columns and the community roles; return community info."""
    got = run("side", side.result)
    run.timings.update(got.pop("timings"))
    run.timings["side_elapsed"] = side.seconds
    run.timings["side_cpu"] = side.cpu
    comm, comm_info = got.pop("communities")
    for col, values in got.items():
        nodes[col] = values
    comm_info.update(communities.agreement(snap, comm))
    nodes["community"] = comm
    crt = run("community_roles", lambda: roles.role_table(snap, comm))
    nodes["community_participation"] = crt["participation"].to_numpy()
    nodes["community_z"] = crt["within_module_z"].to_numpy()
    nodes["community_role"] = crt["role"].to_numpy()
    return comm_info


def _add_betweenness(
    run: _Steps,
    nodes: pd.DataFrame,
    meta: dict[str, Any],
    job: centrality.BackgroundBetweenness | None,
    *,
    closeness: bool,
) -> None:
    """Insert the betweenness column (NaN without a job) and fill closeness."""
    if job is None:
        nodes.insert(2, "betweenness", np.nan)
        return
    btw, meta["betweenness"] = run("betweenness", job.result)
    run.timings.update(job.seconds)
    nodes.insert(2, "betweenness", btw)
    if closeness:
        nodes["closeness"] = job.closeness()


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


from kizuna.analytics.partners import PartnerFinder, suggest_partners  # noqa: E402
from kizuna.analytics.whatif import Scenario, WhatIfDiff, apply_scenario, compare  # noqa: E402

__all__ = [
    "CONTRACT_NODE_COLUMNS",
    "METRICS",
    "NetworkAnalysis",
    "PartnerFinder",
    "Scenario",
    "WhatIfDiff",
    "analyze",
    "apply_scenario",
    "compare",
    "metric_groups",
    "suggest_partners",
]
