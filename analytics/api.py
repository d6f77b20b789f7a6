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
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from kizuna.analytics import brokerage as _brokerage
from kizuna.analytics import centrality, connectivity, gaps, node_table
from kizuna.analytics.node_table import CONTRACT_NODE_COLUMNS
from kizuna.analytics.snapshot import Snapshot, build_snapshot
from kizuna.graph import __version__
from kizuna.graph.bundle import Bundle, GraphFilter

CONTRACT_PAIR_COLUMNS: tuple[str, ...] = ("cluster_a", "cluster_b", "observed", "expected")
CONTRACT_BRIDGE_COLUMNS: tuple[str, ...] = ("source", "target")
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
    run = node_table.Steps(progress)
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
    side = node_table.start_side_metrics(run, snap, seed) if extras else None
    nodes = node_table.contract_nodes(run, snap, wanted)
    pairs = (
        run("cluster_pairs", lambda: gaps.cluster_pairs(snap))
        if "cluster_pairs" in wanted
        else gaps.no_pairs()
    )
    brg = (
        run("bridges", lambda: connectivity.bridges(snap))
        if "bridges" in wanted
        else node_table.no_bridges()
    )
    meta = _meta(snap, n_ties, seed, with_programs, graph_filter, run.timings)
    meta["skipped"].extend(f"{name} (not asked for)" for name in METRICS if name not in wanted)
    local = pd.DataFrame({"source": [], "target": [], "span": []})
    audit = pd.DataFrame(columns=["id", "name", "separated_pairs", "largest_cut", "regions_cut"])
    if extras:
        local, audit = node_table.add_extras(run, nodes, snap, bundle, meta, exact_betweenness_max)
    comm_info = {} if side is None else node_table.add_side_metrics(run, nodes, snap, side)
    node_table.add_betweenness(run, nodes, meta, job, closeness=extras)
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
