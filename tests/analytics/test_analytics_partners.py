"""Partner finder and what-if scenarios."""

from __future__ import annotations

import pandas as pd
import pytest
from helpers_analytics import make_bundle, und

from kizuna.analytics.api import Scenario, analyze, apply_scenario, compare, suggest_partners


def chain_bundle():
    # a(X) – b(X) – c(Y) – d(Z) – e(W); f(Y) isolated; b is the only X–Y broker
    ids = ["a", "b", "c", "d", "e", "f"]
    return make_bundle(ids, ["X", "X", "Y", "Z", "W", "Y"], und("a-b", "b-c", "c-d", "d-e"))


def test_candidates_are_in_other_clusters_and_not_partners_yet():
    res = suggest_partners(chain_bundle(), org="a", k=10)
    assert set(res["candidate"]) == {"c", "d", "e", "f"}
    assert "b" not in set(res["candidate"])
    assert res["rank"].tolist() == list(range(1, len(res) + 1))
    assert res["score"].is_monotonic_decreasing


def test_distance_three_and_more_are_found_with_a_broker_path():
    res = suggest_partners(chain_bundle(), org="a", k=10).set_index("candidate")
    assert res.loc["d", "distance"] == 3
    assert res.loc["d", "path"] == ["a", "b", "c", "d"]
    assert res.loc["d", "broker"] in {"b", "c"}
    assert any("3 steps" in r for r in res.loc["d", "reasons_en"])
    assert any("3ステップ" in r for r in res.loc["d", "reasons_ja"])
    assert res.loc["e", "distance"] == 4
    assert res.loc["f", "distance"] == -1 and res.loc["f", "path"] == []


def test_deterministic_and_k():
    a = suggest_partners(chain_bundle(), org="a", k=2)
    b = suggest_partners(chain_bundle(), org="a", k=2)
    assert len(a) == 2
    pd.testing.assert_frame_equal(a, b)


def test_shared_programs_and_gap_gain_numbers():
    b = chain_bundle()
    b = b.with_frames(
        participation=pd.DataFrame(
            {"program": ["p1", "p1", "p2"], "organization": ["a", "e", "a"]}, dtype=object
        )
    )
    res = suggest_partners(b, org="a", k=10).set_index("candidate")
    assert any("1 of the same program" in r for r in res.loc["e", "reasons_en"])
    plain = suggest_partners(chain_bundle(), org="a", k=10).set_index("candidate")
    assert res.loc["e", "score"] > plain.loc["e", "score"]  # the shared program counts
    assert res.loc["d", "score"] == pytest.approx(plain.loc["d", "score"])
    # X–W: observed 0, d_X = 1 + 2 = 3, d_W = 1, m = 4 → (0 + 1)/((4·2)/(2·5)) − 0
    assert res.loc["e", "gap_gain"] == pytest.approx(1 / (4 * 2 / 10))


def test_cluster_query_and_unknown_ids():
    res = suggest_partners(chain_bundle(), cluster="X", k=10)
    assert not set(res["cluster"]) & {"X"}
    with pytest.raises(KeyError):
        suggest_partners(chain_bundle(), org="nope")
    with pytest.raises(KeyError):
        suggest_partners(chain_bundle(), cluster="nope")


def test_reuses_an_analysis():
    b = chain_bundle()
    res = analyze(b)
    pd.testing.assert_frame_equal(
        suggest_partners(b, org="a", analysis=res), suggest_partners(b, org="a")
    )


def test_what_if_dispatch_a_coordinator():
    b = chain_bundle()
    before = analyze(b)
    scenario = Scenario(
        add_nodes=[{"id": "coord", "name": "Coordinators", "kind": "coordinator", "cluster": "X"}],
        add_ties=[
            {"source": "coord", "target": "a", "kind": "coordinator_dispatch", "directed": "true"},
            {"source": "coord", "target": "f", "kind": "coordinator_dispatch", "directed": "true"},
        ],
        remove_ties=[("d", "c")],
    )
    after_bundle = apply_scenario(b, scenario)
    assert len(b.nodes) == 6 and len(after_bundle.nodes) == 7  # input unchanged
    after = analyze(after_bundle)
    diff = compare(before, after)
    rows = diff.nodes.set_index("id")
    assert rows.loc["f", "degree_before"] == 0 and rows.loc["f", "degree_after"] == 1
    assert rows.loc["d", "degree_delta"] == -1
    assert pd.isna(rows.loc["coord", "degree_before"])
    assert diff.reachability["components_before"] == 2
    assert diff.reachability["components_after"] == 2  # {a,b,c,f,coord} and {d,e}
    assert diff.reachability["connected_pairs_after"] == 10 + 1
    xy = diff.cluster_pairs.set_index(["cluster_a", "cluster_b"]).loc[("X", "Y")]
    assert xy["ratio_after"] > 0


def test_what_if_remove_an_organization():
    b = chain_bundle()
    after = apply_scenario(b, Scenario(remove_nodes=["c"]))
    assert "c" not in set(after.nodes["id"])
    assert "c" not in set(after.ties["source"]) | set(after.ties["target"])
    res = analyze(after)
    assert res.meta["m"] == 2
