"""What-if scenarios of one browser session: build them, apply them, compare before/after.

A scenario is a plain dict kept in the browser (``dcc.Store``): ``add_ties``, ``add_nodes``
(rows of the bundle format) and a human-readable ``log``.  Both sides are measured the same
way with analytics' own functions — degree, participation, within-module z and role, cluster
pairs, reachability — and betweenness only up to :data:`EXACT_MAX` organizations (exact), so
a change answers in well under a second on big networks.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict

import pandas as pd

from kizuna.dashboard.data import SnapshotData
from kizuna.dashboard.i18n import t, term
from kizuna.graph.bundle import Bundle
from kizuna.graph.model import DIRECTED_TIE_KINDS, TIE_KINDS

if TYPE_CHECKING:
    from kizuna.analytics.api import NetworkAnalysis, WhatIfDiff

EXACT_MAX = 3000


class SessionScenario(TypedDict):
    """A what-if scenario as the browser keeps it (JSON in a ``dcc.Store``)."""

    #: Rows of ties.csv added by the scenario.
    add_ties: list[dict[str, Any]]
    #: Rows of nodes.csv added by the scenario (dispatched coordinators).
    add_nodes: list[dict[str, Any]]
    #: What the user did, one entry per change (ids and a message key; text in older versions).
    log: list[dict[str, Any] | str]


def scenario_of(value: object) -> SessionScenario:
    """The scenario held in a store value (an empty one for anything else)."""
    if not isinstance(value, dict):
        return {"add_ties": [], "add_nodes": [], "log": []}
    return {
        "add_ties": list(value.get("add_ties") or []),
        "add_nodes": list(value.get("add_nodes") or []),
        "log": list(value.get("log") or []),
    }


def add_tie(
    scenario: object, source: str, target: str, kind: str, data: SnapshotData, lang: str
) -> SessionScenario:
    """The scenario plus one tie (refused silently when an end is missing or both are one)."""
    out = scenario_of(scenario)
    known = set(data.orgs.index) | {n["id"] for n in out["add_nodes"]}
    if not source or not target or source == target or source not in known or target not in known:
        return out
    kind = kind if kind in TIE_KINDS else "partnership"
    out["add_ties"].append(
        {
            "source": source,
            "target": target,
            "kind": kind,
            "directed": kind in DIRECTED_TIE_KINDS,
            "confidence": "uncertain",
            "source_ref": "what-if",
            "note": "what-if scenario",
        }
    )
    out["log"].append({"msg": "whatif.log_tie", "a": source, "b": target, "kind": kind})
    return out


def _anchor(data: SnapshotData, cluster: str) -> str | None:
    """The promotion body of a cluster, else its best-connected member."""
    clusters = data.clusters
    body = clusters.at[cluster, "body"] if cluster in clusters.index else None
    if isinstance(body, str) and body in data.orgs.index:
        return body
    members = data.orgs[data.orgs["group"] == cluster]
    if members.empty:
        return None
    return str(members["degree"].astype(float).idxmax())


def dispatch(
    scenario: object, from_cluster: str, to_cluster: str, data: SnapshotData, lang: str
) -> SessionScenario:
    """The scenario plus a coordinator of ``from_cluster`` dispatched to ``to_cluster``.

    A new coordinator role node (kind coordinator, cluster ``from_cluster``) tied to its own
    cluster's body (membership) and dispatched to the other cluster's body
    (coordinator_dispatch, directed).
    """
    out = scenario_of(scenario)
    if not from_cluster or not to_cluster or from_cluster == to_cluster:
        return out
    home, away = _anchor(data, from_cluster), _anchor(data, to_cluster)
    if home is None or away is None:
        return out
    n = len(out["add_nodes"]) + 1
    node_id = f"whatif_coord_{from_cluster}_{to_cluster}_{n}"
    region = (
        data.clusters.at[from_cluster, "region"] if from_cluster in data.clusters.index else None
    )
    name = f"{data.clusters.at[from_cluster, 'name']!s}コーディネータ（派遣案 {n}）"
    out["add_nodes"].append(
        {
            "id": node_id,
            "name": name,
            "name_en": f"{from_cluster} coordinator (what-if {n})",
            "kind": "coordinator",
            "cluster": from_cluster,
            "region": region,
            "source_ref": "what-if",
            "confidence": "uncertain",
        }
    )
    out["add_ties"].append(
        {
            "source": home,
            "target": node_id,
            "kind": "membership",
            "directed": False,
            "source_ref": "what-if",
            "confidence": "uncertain",
        }
    )
    out["add_ties"].append(
        {
            "source": node_id,
            "target": away,
            "kind": "coordinator_dispatch",
            "directed": True,
            "source_ref": "what-if",
            "confidence": "uncertain",
        }
    )
    out["log"].append({"msg": "whatif.log_dispatch", "a": from_cluster, "b": to_cluster})
    return out


def log_text(data: SnapshotData, entry: dict[str, Any] | str, lang: str) -> str:
    """One change of the scenario, in ``lang`` (entries keep ids; the text follows the
    language the user reads in now)."""
    if not isinstance(entry, dict):  # a scenario saved by an older version
        return str(entry)
    if entry.get("msg") == "whatif.log_dispatch":
        return t(
            "whatif.log_dispatch",
            lang,
            a=data.cluster_label(entry.get("a"), lang),
            b=data.cluster_label(entry.get("b"), lang),
        )
    return t(
        "whatif.log_tie",
        lang,
        a=data.org_label(str(entry.get("a")), lang),
        b=data.org_label(str(entry.get("b")), lang),
        kind=term("tie_kind", entry.get("kind"), lang),
    )


def _key(scenario: SessionScenario) -> str:
    body = json.dumps(
        {"add_ties": scenario["add_ties"], "add_nodes": scenario["add_nodes"]},
        sort_keys=True,
        default=str,
    )
    return hashlib.sha1(body.encode()).hexdigest()[:16]


def after_bundle(data: SnapshotData, scenario: SessionScenario) -> Bundle:
    from kizuna.analytics.api import Scenario, apply_scenario

    return apply_scenario(
        data.bundle, Scenario(add_ties=scenario["add_ties"], add_nodes=scenario["add_nodes"])
    )


def measure(bundle: Bundle) -> NetworkAnalysis:
    """What a what-if compares: analytics' analyze with the groups compare reads (degree,
    betweenness, roles, cluster pairs); betweenness only when exact is cheap (at most
    EXACT_MAX organizations; NaN above, said on the page)."""
    from kizuna.analytics.api import analyze
    from kizuna.analytics.whatif import COMPARED_METRICS

    small = len(bundle.nodes) <= EXACT_MAX
    metrics = [m for m in COMPARED_METRICS if small or m != "betweenness"]
    return analyze(bundle, metrics=metrics, exact_betweenness_max=EXACT_MAX)


def baseline(data: SnapshotData) -> NetworkAnalysis:
    """The "before" of every what-if of a snapshot: the snapshot's own analysis.

    Not a second analysis of the same network (one adjacency per snapshot): it has every
    group :func:`measure` computes, with the same values; only its betweenness is blanked
    above EXACT_MAX organizations, where :func:`measure` does not compute it.
    """
    analysis = data.analysis
    if len(data.bundle.nodes) <= EXACT_MAX:
        return analysis
    return dataclasses.replace(analysis, nodes=analysis.nodes.assign(betweenness=float("nan")))


def outcome(data: SnapshotData, scenario: object) -> WhatIfDiff:
    """analytics' compare(before, after) for the scenario, cached per snapshot + scenario."""
    from kizuna.analytics.api import compare

    sc = scenario_of(scenario)
    before = baseline(data)
    return data.memo(f"whatif|{_key(sc)}", lambda: compare(before, measure(after_bundle(data, sc))))


def pair_changes(data: SnapshotData, diff: WhatIfDiff) -> pd.DataFrame:
    cp = diff.cluster_pairs
    changed = cp[
        (cp["delta"].fillna(0).abs() > 1e-12) | cp["ratio_before"].isna() ^ cp["ratio_after"].isna()
    ].copy()
    changed["a_name"] = [data.cluster_label(c) for c in changed["cluster_a"]]
    changed["b_name"] = [data.cluster_label(c) for c in changed["cluster_b"]]
    for col in ("ratio_before", "ratio_after", "delta"):
        changed[col] = changed[col].astype(float).round(3)
    return changed.sort_values("delta", ascending=False, kind="stable").reset_index(drop=True)


def node_changes(data: SnapshotData, diff: WhatIfDiff, scenario: SessionScenario) -> pd.DataFrame:
    nodes = diff.nodes
    mask = (nodes["degree_delta"].fillna(1) != 0) | (nodes["role_before"] != nodes["role_after"])
    changed = nodes[mask].copy()
    new_names = {n["id"]: n["name"] for n in scenario["add_nodes"]}
    changed["name"] = [new_names.get(i) or data.org_label(i) for i in changed["id"]]
    for col in (
        "betweenness_before",
        "betweenness_after",
        "betweenness_delta",
        "participation_before",
        "participation_after",
        "participation_delta",
    ):
        changed[col] = changed[col].astype(float).round(4)
    return changed.sort_values("betweenness_delta", ascending=False, kind="stable").reset_index(
        drop=True
    )


def export_zip(bundle: Bundle) -> bytes:
    """The scenario's bundle as a zip of CSV files (kizuna's bundle format, loadable again)."""
    from kizuna.loaders.writers import write_bundle

    with tempfile.TemporaryDirectory() as tmp:
        path = write_bundle(bundle, Path(tmp) / "scenario.zip", fmt="zip")
        return path.read_bytes()
