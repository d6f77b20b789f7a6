"""Contract metrics on tiny graphs whose answers are known by hand (issue 6)."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
from helpers_analytics import arc, make_bundle, und

from kizuna.analytics.api import analyze
from kizuna.analytics.brokerage import brokerage
from kizuna.analytics.roles import ModuleDegrees, hub_roles, within_module_z
from kizuna.analytics.snapshot import build_snapshot
from kizuna.graph.errors import BundleError


def nodes_of(bundle):
    return analyze(bundle, extras=False).nodes.set_index("id")


def test_star():
    ids = ["c", "l1", "l2", "l3", "l4"]
    t = nodes_of(make_bundle(ids, ties=und("c-l1", "c-l2", "c-l3", "c-l4")))
    assert t.loc["c", "degree"] == 4
    assert t.loc["c", "betweenness"] == pytest.approx(1.0)  # 6 leaf pairs / C(4,2)
    assert t.loc["l1", "betweenness"] == 0
    assert t.loc["c", "constraint"] == pytest.approx(4 * (1 / 4) ** 2)
    assert t.loc["l1", "constraint"] == pytest.approx(1.0)
    assert t.loc["c", "effective_size"] == pytest.approx(4.0)
    assert t.loc["l1", "effective_size"] == pytest.approx(1.0)
    assert bool(t.loc["c", "articulation_point"]) and not t.loc["l1", "articulation_point"]
    res = analyze(make_bundle(ids, ties=und("c-l1", "c-l2", "c-l3", "c-l4")), extras=False)
    assert len(res.bridges) == 4


def test_path():
    ids = ["a", "b", "c", "d"]
    t = nodes_of(make_bundle(ids, ties=und("a-b", "b-c", "c-d")))
    # b lies on a–c and a–d: 2 pairs × 2 / ((n−1)(n−2)) = 4/6
    assert t.loc["b", "betweenness"] == pytest.approx(2 / 3)
    assert t.loc["a", "betweenness"] == 0
    assert t.loc["b", "constraint"] == pytest.approx(0.5)
    assert t.loc["a", "constraint"] == pytest.approx(1.0)
    assert list(t["articulation_point"]) == [False, True, True, False]


def test_two_cliques_joined_by_a_bridge():
    left = ["a1", "a2", "a3", "a4"]
    right = ["b1", "b2", "b3", "b4"]
    ties = [(x, y, "") for grp in (left, right) for i, x in enumerate(grp) for y in grp[i + 1 :]]
    ties.append(("a1", "b1", ""))
    b = make_bundle(left + right, ["A"] * 4 + ["B"] * 4, ties)
    res = analyze(b, extras=False)
    assert res.bridges.values.tolist() == [["a1", "b1"]]
    t = res.nodes.set_index("id")
    assert set(t.index[t["articulation_point"]]) == {"a1", "b1"}
    # a1: 3 neighbours in A, 1 in B → P = 1 − (9 + 1)/16
    assert t.loc["a1", "participation"] == pytest.approx(1 - 10 / 16)
    assert t.loc["a2", "participation"] == 0
    # a1 betweenness: 3 (a2..a4) × 4 (b side) pairs, n = 8
    assert t.loc["a1", "betweenness"] == pytest.approx(12 * 2 / (7 * 6))
    # effective size of a2: 3 contacts, 3 ties among them → 3 − 2·3/3 = 1
    assert t.loc["a2", "effective_size"] == pytest.approx(1.0)
    pairs = res.cluster_pairs
    assert pairs[["cluster_a", "cluster_b", "observed"]].values.tolist() == [["A", "B", 1]]
    assert pairs["expected"].iloc[0] == pytest.approx(13 * 13 / (2 * 13))


@pytest.mark.parametrize(
    ("groups", "role"),
    [
        (("X", "X", "X"), "coordinator"),
        (("X", "Y", "X"), "itinerant"),
        (("X", "X", "Y"), "representative"),
        (("X", "Y", "Y"), "gatekeeper"),
        (("X", "Y", "Z"), "liaison"),
    ],
)
def test_broker_triad_each_role(groups, role):
    b = make_bundle(["a", "b", "c"], list(groups), arc("a>b", "b>c"))
    counts = brokerage(build_snapshot(b)).set_index(np.array(["a", "b", "c"]))
    assert counts.loc["b", role] == 1
    assert counts.loc["b"].sum() == 1
    assert counts.loc[["a", "c"]].to_numpy().sum() == 0


def test_broker_closed_by_arc_a_to_c_only():
    # a→b→c closed by a→c; c→a does not close it
    closed = make_bundle(["a", "b", "c"], ["X", "Y", "Z"], arc("a>b", "b>c", "a>c"))
    opened = make_bundle(["a", "b", "c"], ["X", "Y", "Z"], arc("a>b", "b>c", "c>a"))
    assert brokerage(build_snapshot(closed))["liaison"].tolist()[1] == 0
    assert brokerage(build_snapshot(opened))["liaison"].tolist()[1] == 1


def test_undirected_open_triad_counts_two_paths():
    b = make_bundle(["a", "b", "c"], ["X", "Y", "X"], und("a-b", "b-c"))
    assert brokerage(build_snapshot(b))["itinerant"].tolist() == [0, 2, 0]


@pytest.mark.parametrize("cell", ["TRUE ", " true", "True"])
def test_directed_true_cells(cell):
    b = make_bundle(["a", "b", "c"], ["X", "Y", "Z"], [("a", "b", cell), ("b", "c", cell)])
    assert build_snapshot(b).D.nnz == 2


@pytest.mark.parametrize("cell", ["1", "yes", "", "false", "t", "TRUE!"])
def test_directed_other_cells_are_undirected(cell):
    b = make_bundle(["a", "b", "c"], ["X", "Y", "Z"], [("a", "b", cell), ("b", "c", cell)])
    snap = build_snapshot(b)
    assert snap.D.nnz == 4
    assert brokerage(snap)["liaison"].tolist() == [0, 2, 0]


def test_isolated_node_row():
    b = make_bundle(["a", "b", "iso"], ["X", "X", "X"], und("a-b"))
    res = analyze(b, extras=False)
    row = res.nodes.set_index("id").loc["iso"]
    assert row["degree"] == 0 and row["betweenness"] == 0 and row["participation"] == 0
    assert math.isnan(row["constraint"]) and math.isnan(row["effective_size"])
    assert not row["articulation_point"]
    assert row[["coordinator", "itinerant", "representative", "gatekeeper", "liaison"]].sum() == 0
    # module X: κ = 1, 1, 0 → z(iso) = (0 − 2/3)/sqrt(2/9)
    assert row["within_module_z"] == pytest.approx((0 - 2 / 3) / math.sqrt(2 / 9))
    assert row["role"] == "R1"
    assert len(res.nodes) == 3


def test_multi_and_self_ties_ignored():
    ties = [("a", "b", ""), ("b", "a", "true"), ("a", "b", ""), ("a", "a", ""), ("b", "c", "")]
    res = analyze(make_bundle(["a", "b", "c"], ["X", "Y", "Y"], ties), extras=False)
    t = res.nodes.set_index("id")
    assert t["degree"].tolist() == [1, 2, 1]
    assert res.meta["m"] == 2


def test_empty_clusters_and_spaces():
    ids = ["a", "b", "c", "d"]
    b = make_bundle(ids, [" X", "X ", "", "  "], und("a-b", "b-c", "c-d", "a-d"))
    res = analyze(b, extras=False)
    # only cluster X exists: no pair of distinct clusters
    assert res.cluster_pairs.empty
    t = res.nodes.set_index("id")
    # b: neighbours a (X) and c (own singleton) → P = 1 − 1/4 − 1/4
    assert t.loc["b", "participation"] == pytest.approx(0.5)
    # c and d: separate singleton modules, not one "empty" module
    assert t.loc["c", "participation"] == pytest.approx(0.5)


def test_empty_cluster_edges_count_in_m_and_degree_sums():
    ids = ["a", "b", "x"]
    res = analyze(make_bundle(ids, ["A", "B", ""], und("a-b", "a-x", "b-x")), extras=False)
    row = res.cluster_pairs.iloc[0]
    assert row["observed"] == 1
    assert row["expected"] == pytest.approx(2 * 2 / (2 * 3))


def test_no_edges_expected_zero():
    res = analyze(make_bundle(["a", "b"], ["A", "B"]), extras=False)
    assert res.cluster_pairs[["observed", "expected"]].values.tolist() == [[0, 0.0]]


def test_cluster_pair_order_is_code_point_order():
    ids = ["p", "q", "r"]
    res = analyze(make_bundle(ids, ["b", "B", "a"], und("p-q", "q-r")), extras=False)
    pairs = res.cluster_pairs[["cluster_a", "cluster_b"]].values.tolist()
    assert pairs == [["B", "a"], ["B", "b"], ["a", "b"]]


def _star_with_modules(own: int, others: list[int], padding: int):
    """Centre h in module H with `own` in-module leaves, `others[i]` leaves in module Mi."""
    ids, cl, ties = ["h"], ["H"], []
    for j in range(own):
        ids.append(f"o{j}")
        cl.append("H")
        ties.append(("h", f"o{j}", ""))
    for i, cnt in enumerate(others):
        for j in range(cnt):
            ids.append(f"m{i}_{j}")
            cl.append(f"M{i}")
            ties.append(("h", f"m{i}_{j}", ""))
    for j in range(padding):
        ids.append(f"pad{j}")
        cl.append("H")
    return make_bundle(ids, cl, ties)


def _partitions(k: int, target: int, largest: int):
    """Partitions of k (parts ≤ largest, non-increasing) whose squares sum to target."""
    if k == 0:
        if target == 0:
            yield []
        return
    for a in range(min(k, largest), 0, -1):
        if a * a > target or a * k < target:  # Σ squares ≤ a·k with parts ≤ a
            continue
        for rest in _partitions(k - a, target - a * a, a):
            yield [a, *rest]


def _find_split(t: Fraction, kmax: int = 61):
    """Module counts (own first) with P exactly t, or None."""
    for k in range(2, kmax):
        target = (1 - t) * k * k
        if target.denominator == 1:
            for parts in _partitions(k, int(target), k):
                return parts[0], parts[1:]
    return None


@pytest.mark.parametrize(
    ("t", "hub", "role"),
    [
        (Fraction(62, 100), False, "R2"),
        (Fraction(80, 100), False, "R3"),
        (Fraction(30, 100), True, "R5"),
        (Fraction(75, 100), True, "R6"),
    ],
)
def test_role_threshold_exact(t, hub, role):
    split = _find_split(t)
    assert split is not None
    own, others = split
    b = _star_with_modules(own, others, padding=60 if hub else 0)
    row = analyze(b, extras=False).nodes.set_index("id").loc["h"]
    k = own + sum(others)
    assert Fraction(k * k - own * own - sum(x * x for x in others), k * k) == t
    assert (row["within_module_z"] >= 2.5) == hub
    assert row["role"] == role


def test_hub_exactly_at_z_2_5():
    # module of 29 nodes: a K4 (κ = 3) and 25 nodes with κ = 0 → z = 2.5 for the K4
    k4 = ["k0", "k1", "k2", "k3"]
    ids = k4 + [f"z{i}" for i in range(25)]
    ties = [(a, b, "") for i, a in enumerate(k4) for b in k4[i + 1 :]]
    row = analyze(make_bundle(ids, ["M"] * 29, ties), extras=False).nodes.iloc[0]
    assert row["within_module_z"] == pytest.approx(2.5)
    assert row["role"] == "R5"  # hub, P = 0


def test_duplicate_node_and_unknown_endpoint_are_errors():
    with pytest.raises(BundleError, match="more than one"):
        build_snapshot(make_bundle(["a", "a"]))
    with pytest.raises(BundleError, match="not an organization"):
        build_snapshot(make_bundle(["a"], ties=und("a-zz")))


@pytest.mark.parametrize(
    ("k", "sum_sq", "role"),
    [
        (20, 380, "R1"),  # P = 0.05 exactly
        (20, 379, "R2"),  # just above
        (10, 38, "R2"),  # P = 0.62
        (10, 37, "R3"),
        (10, 20, "R3"),  # P = 0.80
        (10, 19, "R4"),
        (0, 0, "R1"),
    ],
)
def test_nonhub_thresholds_on_integer_counts(k, sum_sq, role):
    md = ModuleDegrees(
        k=np.array([k]),
        sum_sq=np.array([sum_sq]),
        kappa=np.array([0]),
        size=np.array([1]),
        s1=np.array([0]),
        s2=np.array([0]),
    )
    assert hub_roles(md).tolist() == [role]


def test_hub_thresholds_with_huge_modules_do_not_overflow():
    # one module of 10**7 nodes; the node's κ far above the mean (int64 would overflow)
    n, kappa = 10**7, 10**6
    s1, s2 = kappa, kappa * kappa
    md = ModuleDegrees(
        k=np.array([10**6]),
        sum_sq=np.array([7 * 10**11]),  # P = 0.30 exactly
        kappa=np.array([kappa]),
        size=np.array([n]),
        s1=np.array([s1]),
        s2=np.array([s2]),
    )
    assert hub_roles(md).tolist() == ["R5"]
    assert within_module_z(md)[0] > 2.5
