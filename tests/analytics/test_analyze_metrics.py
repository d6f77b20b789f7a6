"""``analyze(metrics=...)``: only some metric groups, each equal to the full analysis."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from helpers_analytics import make_bundle
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_analytics_properties import networks

from kizuna.analytics.api import CONTRACT_NODE_COLUMNS, METRICS, analyze, compare
from kizuna.analytics.whatif import COMPARED_METRICS, Scenario, apply_scenario
from kizuna.loaders import open_bundle

SEED = Path(__file__).resolve().parents[2] / "data" / "seed"


def _same_columns(part: pd.DataFrame, full: pd.DataFrame, columns: list[str]) -> None:
    pd.testing.assert_frame_equal(
        part[columns].reset_index(drop=True),
        full[columns].reset_index(drop=True),
        check_dtype=False,
        rtol=1e-12,
        atol=1e-12,
    )


def _assert_groups_match(bundle, groups: set[str], full) -> None:
    part = analyze(bundle, metrics=groups)
    wanted = groups | {"degree"}
    computed = ["id", *[c for g in METRICS if g in wanted for c in METRICS[g]]]
    _same_columns(part.nodes, full.nodes, computed)
    others = [c for g in METRICS if g not in wanted for c in METRICS[g]]
    assert part.nodes[others].isna().all().all()
    assert list(part.nodes.columns) == list(CONTRACT_NODE_COLUMNS)
    if "cluster_pairs" in wanted:
        pd.testing.assert_frame_equal(part.cluster_pairs, full.cluster_pairs)
    else:
        assert part.cluster_pairs.empty
    if "bridges" in wanted:
        pd.testing.assert_frame_equal(part.bridges, full.bridges)
    else:
        assert part.bridges.empty
    assert {s.split(" ")[0] for s in part.meta["skipped"]} == set(METRICS) - wanted
    assert part.snapshot is not None and part.snapshot.n == len(bundle.nodes)


@pytest.fixture(scope="module")
def seed_bundle():
    return open_bundle(SEED, strict=True)


@pytest.fixture(scope="module")
def seed_full(seed_bundle):
    return analyze(seed_bundle)


@pytest.mark.parametrize(
    "groups",
    [
        set(COMPARED_METRICS),
        {"roles"},
        {"betweenness", "holes"},
        {"articulation_points", "brokerage", "bridges"},
        set(METRICS),
    ],
)
def test_groups_equal_the_full_analysis_on_the_seed(seed_bundle, seed_full, groups):
    _assert_groups_match(seed_bundle, groups, seed_full)


def test_the_full_set_of_groups_has_no_extras(seed_bundle, seed_full):
    part = analyze(seed_bundle, metrics=METRICS)
    contract = analyze(seed_bundle, extras=False)
    assert list(part.nodes.columns) == list(contract.nodes.columns)
    assert "closeness" in seed_full.nodes and part.spof.empty and part.local_bridges.empty


def test_unknown_group_is_refused(seed_bundle):
    with pytest.raises(ValueError, match="pagerank"):
        analyze(seed_bundle, metrics={"roles", "pagerank"})


def test_one_group_by_name_alone():
    b = make_bundle(["a", "b", "c"], ["X", "X", "Y"], [("a", "b", ""), ("b", "c", "")])
    res = analyze(b, metrics="roles")
    assert res.nodes["role"].notna().all() and res.nodes["betweenness"].isna().all()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(networks(), st.sets(st.sampled_from(list(METRICS))))
def test_groups_equal_the_full_analysis(net, groups):
    ids, clusters, ties = net
    bundle = make_bundle(ids, clusters, ties)
    _assert_groups_match(bundle, groups, analyze(bundle, extras=False))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(networks(), st.data())
def test_what_if_on_compared_groups_equals_full_compare(net, data):
    ids, clusters, ties = net
    bundle = make_bundle(ids, clusters, ties)
    a = data.draw(st.sampled_from(ids))
    b = data.draw(st.sampled_from(ids))
    after = apply_scenario(
        bundle,
        Scenario(
            add_nodes=[{"id": "new", "name": "new", "kind": "company", "cluster": "Z"}],
            add_ties=[
                {"source": a, "target": "new", "kind": "mou", "directed": ""},
                {"source": "new", "target": b, "kind": "mou", "directed": "true"},
            ],
        ),
    )
    light = compare(
        analyze(bundle, metrics=COMPARED_METRICS), analyze(after, metrics=COMPARED_METRICS)
    )
    full = compare(analyze(bundle), analyze(after))
    pd.testing.assert_frame_equal(light.nodes, full.nodes, rtol=1e-12, atol=1e-12)
    pd.testing.assert_frame_equal(light.cluster_pairs, full.cluster_pairs)
    assert light.reachability == full.reachability
    assert np.isfinite(light.nodes["degree_after"]).all()
