"""Property tests: the vectorised engine against the slow reference from the definitions."""

from __future__ import annotations

import math

from analytics_reference import bridges as ref_bridges
from analytics_reference import cluster_pairs as ref_pairs
from analytics_reference import contract_nodes
from helpers_analytics import make_bundle
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kizuna.analytics.api import analyze
from kizuna.analytics.brokerage import brokerage
from kizuna.analytics.snapshot import build_snapshot

CLUSTERS = ["A", " A", "B ", "B", "", "  ", "C", "a"]
DIRECTED = ["", "true", "TRUE ", " True", "1", "yes", "false"]


@st.composite
def networks(draw, max_nodes=12, max_ties=30):
    n = draw(st.integers(1, max_nodes))
    ids = [f"n{i}" for i in range(n)]
    clusters = draw(st.lists(st.sampled_from(CLUSTERS), min_size=n, max_size=n))
    ties = draw(
        st.lists(
            st.tuples(st.sampled_from(ids), st.sampled_from(ids), st.sampled_from(DIRECTED)),
            max_size=max_ties,
        )
    )
    return ids, clusters, ties


def _close(a, b):
    if isinstance(b, float) and math.isnan(b):
        return isinstance(a, float) and math.isnan(a)
    if isinstance(b, bool | str):
        return a == b
    return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-12)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(networks())
def test_contract_nodes_match_reference(net):
    ids, clusters, ties = net
    res = analyze(make_bundle(ids, clusters, ties), extras=False)
    ref = contract_nodes(ids, clusters, ties)
    got = res.nodes.set_index("id")
    assert list(res.nodes["id"]) == ids
    for v in ids:
        for col, want in ref[v].items():
            have = got.loc[v, col]
            have = bool(have) if col == "articulation_point" else have
            assert _close(have, want), (v, col, have, want)


@settings(max_examples=150, deadline=None)
@given(networks())
def test_cluster_pairs_and_bridges_match_reference(net):
    ids, clusters, ties = net
    res = analyze(make_bundle(ids, clusters, ties), extras=False)
    ref = ref_pairs(ids, clusters, ties)
    got = {
        (a, b): (o, e)
        for a, b, o, e in res.cluster_pairs[["cluster_a", "cluster_b", "observed", "expected"]]
        .itertuples(index=False)
        .__iter__()
    }
    assert list(got) == sorted(ref)
    for key, (obs, exp) in ref.items():
        assert got[key][0] == obs
        assert math.isclose(got[key][1], exp, rel_tol=1e-12, abs_tol=1e-15)
    pairs = list(res.cluster_pairs[["cluster_a", "cluster_b"]].itertuples(index=False))
    assert all(a < b for a, b in pairs)
    assert {frozenset(r) for r in res.bridges.values.tolist()} == ref_bridges(ids, ties)


@settings(max_examples=60, deadline=None)
@given(networks(max_nodes=40, max_ties=160))
def test_brokerage_matches_brute_force_on_denser_networks(net):
    """Many triangles (the closed two-paths come from the triangle list)."""
    from analytics_reference import brokerage_one, modules

    ids, clusters, ties = net
    full = brokerage(build_snapshot(make_bundle(ids, clusters, ties))).to_numpy()
    mod = modules(ids, clusters)
    for i, v in enumerate(ids):
        assert list(brokerage_one(v, ties, mod).values()) == full[i].tolist()
