"""What-if scenarios: add or remove ties and organizations, recompute, compare."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import scipy.sparse as sp

from kizuna.graph.bundle import Bundle

if TYPE_CHECKING:
    from kizuna.analytics.api import NetworkAnalysis
    from kizuna.analytics.snapshot import Snapshot

__all__ = [
    "COMPARED_METRICS",
    "Scenario",
    "WhatIfDiff",
    "apply_scenario",
    "compare",
    "reachability",
]

#: The metric groups :func:`compare` reads: ``analyze(bundle, metrics=COMPARED_METRICS)``
#: is all a before/after comparison needs.
COMPARED_METRICS: tuple[str, ...] = ("degree", "betweenness", "roles", "cluster_pairs")


@dataclass
class Scenario:
    """Changes to a network.

    Attributes
    ----------
    add_ties : rows of ties.csv (dicts with at least source, target, kind).
    remove_ties : (a, b) pairs; every tie joining a and b (either direction) is removed.
    add_nodes : rows of nodes.csv (dicts with at least id, name, kind).
    remove_nodes : ids; the organizations and all their ties are removed.

    Examples
    --------
    A coordinator dispatched to a cluster:

    >>> s = Scenario(add_nodes=[{"id": "coord_x", "name": "X coordinators",
    ...                          "kind": "coordinator", "cluster": "X"}],
    ...              add_ties=[{"source": "coord_x", "target": "org_y",
    ...                         "kind": "coordinator_dispatch", "directed": True}])
    """

    add_ties: list[dict[str, Any]] = field(default_factory=list)
    remove_ties: list[tuple[str, str]] = field(default_factory=list)
    add_nodes: list[dict[str, Any]] = field(default_factory=list)
    remove_nodes: list[str] = field(default_factory=list)


@dataclass
class WhatIfDiff:
    """Differences between two analyses of the same network before and after a scenario.

    Attributes
    ----------
    nodes : id, then before/after/delta of degree, betweenness, participation, and
        role_before/role_after (organizations present on either side; NaN where absent).
    cluster_pairs : cluster_a, cluster_b, ratio_before, ratio_after, delta.
    reachability : components and connected_pairs before and after.
    """

    nodes: pd.DataFrame
    cluster_pairs: pd.DataFrame
    reachability: dict[str, int]


def _append(frame: pd.DataFrame, rows: list[dict[str, Any]]) -> pd.DataFrame:
    if not rows:
        return frame
    extra = pd.DataFrame(rows)
    for col in frame.columns:
        if col not in extra:
            extra[col] = None
    extra = extra[[c for c in frame.columns] + [c for c in extra.columns if c not in frame]]
    if "directed" in frame and frame["directed"].dtype == bool:
        extra["directed"] = extra["directed"].map(
            lambda v: v is True or str(v).strip().lower() == "true"
        )
    return pd.concat(
        [
            frame,
            extra.astype({c: frame[c].dtype for c in frame.columns if frame[c].dtype == object}),
        ],
        ignore_index=True,
    )


def apply_scenario(bundle: Bundle, scenario: Scenario) -> Bundle:
    """Return the bundle after the scenario (a new object; the input is not changed)."""
    nodes = _append(bundle.nodes, scenario.add_nodes)
    ties = _append(bundle.ties, scenario.add_ties)
    if scenario.remove_nodes:
        gone = set(scenario.remove_nodes)
        nodes = nodes[~nodes["id"].isin(gone)]
        ties = ties[~(ties["source"].isin(gone) | ties["target"].isin(gone))]
    if scenario.remove_ties:
        pairs = {frozenset((str(a), str(b))) for a, b in scenario.remove_ties}
        hit = [
            frozenset((s, t)) in pairs for s, t in zip(ties["source"], ties["target"], strict=True)
        ]
        ties = ties[~np.asarray(hit, dtype=bool)]
    part = bundle.participation
    if scenario.remove_nodes and len(part):
        part = part[~part["organization"].isin(set(scenario.remove_nodes))]
    return bundle.with_frames(
        nodes=nodes.reset_index(drop=True),
        ties=ties.reset_index(drop=True),
        participation=part.reset_index(drop=True),
    )


def reachability(snap: Snapshot) -> dict[str, int]:
    """Components of S and the number of node pairs connected by a path."""
    if snap.n == 0:
        return {"components": 0, "connected_pairs": 0}
    count, labels = sp.csgraph.connected_components(snap.S, directed=False)
    sizes = np.bincount(labels).astype(np.int64)
    return {"components": int(count), "connected_pairs": int((sizes * (sizes - 1) // 2).sum())}


def compare(before: NetworkAnalysis, after: NetworkAnalysis) -> WhatIfDiff:
    """Differences of the main metrics between two analyses (after − before).

    Both analyses need the groups :data:`COMPARED_METRICS` of ``analyze`` (and their
    snapshot, for reachability).
    """
    cols = ["degree", "betweenness", "participation"]
    b = before.nodes[["id", *cols, "role"]].set_index("id")
    a = after.nodes[["id", *cols, "role"]].set_index("id")
    ids = list(b.index) + [i for i in a.index if i not in b.index]
    b, a = b.reindex(ids), a.reindex(ids)
    out = pd.DataFrame({"id": ids})
    for col in cols:
        out[f"{col}_before"] = b[col].to_numpy(dtype=float)
        out[f"{col}_after"] = a[col].to_numpy(dtype=float)
        out[f"{col}_delta"] = out[f"{col}_after"] - out[f"{col}_before"]
    out["role_before"] = b["role"].to_numpy()
    out["role_after"] = a["role"].to_numpy()
    key = ["cluster_a", "cluster_b"]
    cp = before.cluster_pairs[[*key, "ratio"]].merge(
        after.cluster_pairs[[*key, "ratio"]], on=key, how="outer", suffixes=("_before", "_after")
    )
    cp["delta"] = cp["ratio_after"] - cp["ratio_before"]
    reach: dict[str, int] = {}
    for side, res in (("before", before), ("after", after)):
        if res.snapshot is not None:
            for k, v in reachability(res.snapshot).items():
                reach[f"{k}_{side}"] = v
    return WhatIfDiff(out, cp.sort_values(key).reset_index(drop=True), reach)
