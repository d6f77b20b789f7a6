"""The node table of one analysis, built column group by column group.

:func:`kizuna.analytics.api.analyze` runs these steps: the contract columns (roles, holes,
articulation points, brokerage), the extra columns (organization info, strength,
hierarchy, efficiency, the failure audit, local bridges), the side process's columns
(communities, eigenvector, PageRank) and betweenness with closeness last.  :class:`Steps`
times each step.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from kizuna.analytics import brokerage as _brokerage
from kizuna.analytics import centrality, communities, connectivity, holes, roles
from kizuna.analytics.background import Background
from kizuna.analytics.snapshot import Snapshot, strip_clusters
from kizuna.graph.bundle import Bundle

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


class Steps:
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


def start_side_metrics(run: Steps, snap: Snapshot, seed: int) -> Background:
    """Start communities and the spectral centralities in a side process.

    Leiden and the spectral centralities need nothing from the other steps: a third
    process computes them (on S's igraph graph, built once before the fork).
    """
    _ = run("igraph", lambda: snap.igraph if snap.m else None)
    return run(
        "side_start",
        lambda: Background(side_metrics, snap, seed, parallel=snap.n >= SIDE_MIN_NODES),
    )


def contract_nodes(run: Steps, snap: Snapshot, wanted: frozenset[str]) -> pd.DataFrame:
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


def no_bridges() -> pd.DataFrame:
    """Return the bridge table with no row (bridges not asked for)."""
    return pd.DataFrame({"source": pd.Series(dtype=object), "target": pd.Series(dtype=object)})


def add_extras(
    run: Steps,
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
    add_info_columns(nodes, bundle)
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
    audit = failure_audit(run, nodes, snap)
    local = pd.DataFrame({"source": [], "target": [], "span": []})
    if n <= LOCAL_BRIDGES_MAX:
        local = run("local_bridges", lambda: connectivity.local_bridges(snap))
    else:
        meta["skipped"].append(f"local bridges (n > {LOCAL_BRIDGES_MAX})")
    return local, audit


def failure_audit(run: Steps, nodes: pd.DataFrame, snap: Snapshot) -> pd.DataFrame:
    """Audit single points of failure (with names); add the separated_pairs column."""
    region = nodes["region"].to_numpy(dtype=object) if "region" in nodes else None
    audit = run("spof", lambda: connectivity.spof(snap, region))
    nodes["separated_pairs"] = connectivity.separated_pairs(snap, audit)
    names = nodes.get("name", nodes["id"]).to_numpy(dtype=object)
    audit.insert(1, "name", names[snap.index.get_indexer(pd.Index(audit["id"]))])
    return audit


def add_side_metrics(
    run: Steps, nodes: pd.DataFrame, snap: Snapshot, side: Background
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


def add_betweenness(
    run: Steps,
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


def side_metrics(snap: Snapshot, seed: int) -> dict[str, Any]:
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


def add_info_columns(nodes: pd.DataFrame, bundle: Bundle) -> None:
    """Add the organizations' own columns (name, kind, cluster, place) from the bundle."""
    src = bundle.nodes
    for col in NODE_INFO_COLUMNS:
        if col == "cluster":
            nodes[col] = cluster_text(src)
        elif col in src:
            nodes[col] = src[col].to_numpy()
        else:
            nodes[col] = np.full(len(nodes), None if col not in ("lat", "lon") else np.nan)


def cluster_text(src: pd.DataFrame) -> np.ndarray:
    """Return each organization's cluster as text (None where it has none)."""
    return strip_clusters(src.get("cluster", None), len(src))
