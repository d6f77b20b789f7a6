"""Beyond the contract: centralities, holes, local bridges, failure audit, communities."""

from __future__ import annotations

import math
from itertools import combinations

import networkx as nx
import numpy as np
import pytest
from analytics_reference import simple_graph
from helpers_analytics import make_bundle, und
from hypothesis import given, settings
from hypothesis import strategies as st

from kizuna.analytics import centrality, communities, connectivity, holes
from kizuna.analytics.api import analyze
from kizuna.analytics.snapshot import build_snapshot
from kizuna.graph.bundle import GraphFilter


@st.composite
def graphs(draw, max_nodes=14):
    n = draw(st.integers(1, max_nodes))
    ids = [f"v{i}" for i in range(n)]
    edges = draw(st.lists(st.tuples(st.sampled_from(ids), st.sampled_from(ids)), max_size=35))
    regions = draw(st.lists(st.sampled_from(["kanto", "kinki", ""]), min_size=n, max_size=n))
    return ids, [(a, b, "") for a, b in edges], regions


@settings(max_examples=80, deadline=None)
@given(graphs())
def test_centralities_match_networkx(g):
    ids, ties, _ = g
    snap = build_snapshot(make_bundle(ids, ties=ties))
    G = simple_graph(ids, ties)
    clo = nx.closeness_centrality(G)
    pr = nx.pagerank(G, tol=1e-10, max_iter=10_000)
    np.testing.assert_allclose(centrality.closeness(snap), [clo[v] for v in ids], atol=1e-12)
    np.testing.assert_allclose(centrality.pagerank(snap), [pr[v] for v in ids], atol=1e-7)
    if nx.is_connected(G) and G.number_of_edges() and len(ids) > 2:
        ev = nx.eigenvector_centrality_numpy(G)
        np.testing.assert_allclose(centrality.eigenvector(snap), [ev[v] for v in ids], atol=1e-8)


@settings(max_examples=80, deadline=None)
@given(graphs())
def test_local_bridges_match_networkx(g):
    ids, ties, _ = g
    snap = build_snapshot(make_bundle(ids, ties=ties))
    G = simple_graph(ids, ties)
    want = {frozenset((u, v)): s for u, v, s in nx.local_bridges(G, with_span=True)}
    got = connectivity.local_bridges(snap)
    assert {frozenset((a, b)): s for a, b, s in got.itertuples(index=False)} == want


@settings(max_examples=80, deadline=None)
@given(graphs())
def test_spof_matches_brute_force(g):
    ids, ties, regions = g
    b = make_bundle(ids, ties=ties)
    snap = build_snapshot(b)
    G = simple_graph(ids, ties)
    reg = np.array([r or None for r in regions], dtype=object)
    audit = connectivity.spof(snap, reg).set_index("id")
    region_of = dict(zip(ids, regions, strict=True))
    assert set(audit.index) == set(nx.articulation_points(G))
    for v in audit.index:
        H = G.copy()
        comp = nx.node_connected_component(G, v)
        H.remove_node(v)
        pieces = sorted((c for c in nx.connected_components(H) if c <= comp), key=len, reverse=True)
        sizes = [len(c) for c in pieces]
        pairs = sum(a * b for a, b in combinations(sizes, 2))
        assert audit.loc[v, "separated_pairs"] == pairs
        assert audit.loc[v, "largest_cut"] == sum(sizes) - sizes[0]
        # regions of the cut-off nodes (any largest piece may be the kept one when tied)
        options = set()
        for i, p in enumerate(pieces):
            if len(p) == sizes[0]:
                cut = set().union(*(q for j, q in enumerate(pieces) if j != i))
                options.add("|".join(sorted({region_of[x] for x in cut} - {""})))
        assert audit.loc[v, "regions_cut"] in options
    ranked = audit["separated_pairs"].tolist()
    assert ranked == sorted(ranked, reverse=True)


def test_hierarchy_and_efficiency_by_hand():
    # star: constraint spread evenly → hierarchy 0; efficiency 1
    star = build_snapshot(make_bundle(["c", "a", "b", "d"], ties=und("c-a", "c-b", "c-d")))
    assert holes.hierarchy(star)[0] == pytest.approx(0.0)
    assert holes.efficiency(star)[0] == pytest.approx(1.0)
    # c with contacts a, b, d where a–b tied: c_ca = c_cb = (1/3 + 1/6)² = 1/4, c_cd = 1/9
    snap = build_snapshot(make_bundle(["c", "a", "b", "d"], ties=und("c-a", "c-b", "c-d", "a-b")))
    cij = np.array([0.25, 0.25, 1 / 9])
    C, N = cij.sum(), 3
    r = cij / (C / N)
    want = float((r * np.log(r)).sum() / (N * math.log(N)))
    assert holes.hierarchy(snap)[0] == pytest.approx(want)
    assert holes.constraint(snap)[0] == pytest.approx(C)
    assert holes.efficiency(snap)[0] == pytest.approx((3 - 2 * 1 / 3) / 3)
    assert math.isnan(holes.hierarchy(build_snapshot(make_bundle(["x"])))[0])


def test_sampled_betweenness_records_method_and_is_unbiased_scale():
    G = nx.barabasi_albert_graph(300, 3, seed=1)
    ids = [f"n{i}" for i in G]
    b = make_bundle(ids, ties=[(f"n{u}", f"n{v}", "") for u, v in G.edges()])
    snap = build_snapshot(b)
    exact, info = centrality.betweenness(snap)
    assert info["method"] == "exact"
    approx, info = centrality.betweenness(snap, exact_max=100, k=300, seed=3)
    assert info["method"] == "sampled" and info["k"] == 300 and info["seed"] == 3
    np.testing.assert_allclose(approx, exact, atol=1e-12)  # k = n: every source
    approx, info = centrality.betweenness(snap, exact_max=100, k=100, seed=3)
    assert len(info["sources"]) == 100
    assert np.corrcoef(approx, exact)[0, 1] > 0.9
    again, _ = centrality.betweenness(snap, exact_max=100, k=100, seed=3)
    assert np.array_equal(approx, again)


def test_communities_are_seeded_and_agree_with_planted_clusters():
    G = nx.planted_partition_graph(4, 25, 0.5, 0.01, seed=2)
    ids = [f"n{i}" for i in G]
    clusters = [f"K{i // 25}" for i in G]
    b = make_bundle(ids, clusters, [(f"n{u}", f"n{v}", "") for u, v in G.edges()])
    snap = build_snapshot(b)
    c1, info = communities.detect_communities(snap, seed=5)
    c2, _ = communities.detect_communities(snap, seed=5)
    assert np.array_equal(c1, c2)
    agree = communities.agreement(snap, c1)
    assert agree["nmi"] > 0.9 and agree["ari"] > 0.9
    assert info["modularity"] > 0.5


def test_analyze_full_columns_and_time_slice():
    nodes = ["a", "b", "c"]
    b = make_bundle(nodes, ["X", "Y", "Y"], und("a-b", "b-c"))
    b.ties["since"] = [2001, 2010]
    b.ties["until"] = [2003, None]
    res = analyze(b)
    for col in ("closeness", "eigenvector", "pagerank", "hierarchy", "efficiency", "community"):
        assert col in res.nodes
    assert res.meta["communities"]["algorithm"] == "leiden"
    sliced = analyze(b, graph_filter=GraphFilter(since=2005))
    assert sliced.nodes["degree"].tolist() == [0, 1, 1]
    assert sliced.meta["m"] == 1


def test_background_betweenness_equals_inline(monkeypatch):
    G = nx.barabasi_albert_graph(400, 2, seed=4)
    ids = [f"n{i}" for i in G]
    b = make_bundle(ids, ties=[(f"n{u}", f"n{v}", "") for u, v in G.edges()])
    snap = build_snapshot(b)
    monkeypatch.setattr(centrality.BackgroundBetweenness, "MIN_NODES", 0)
    job = centrality.BackgroundBetweenness(snap, exact_max=100, k=50, seed=1)
    values, info = job.result()
    inline, _ = centrality.betweenness(snap, exact_max=100, k=50, seed=1)
    assert np.array_equal(values, inline)
    assert info["k"] == 50


def test_with_programs_adds_co_participation_ties():
    import pandas as pd

    b = make_bundle(["a", "b", "c"], ["X", "Y", "Z"], und("a-b"))
    b = b.with_frames(
        participation=pd.DataFrame(
            {"program": ["p", "p", "p"], "organization": ["a", "b", "c"]}, dtype=object
        ),
        programs=pd.DataFrame({"id": ["p"], "name": ["P"]}, dtype=object),
    )
    assert analyze(b, extras=False).meta["m"] == 1
    res = analyze(b, with_programs=True, extras=False)
    assert res.meta["m"] == 3  # the triangle a–b–c
    assert res.nodes["degree"].tolist() == [2, 2, 2]


def test_strength_and_weighted_pagerank_use_tie_weights():
    b = make_bundle(["a", "b", "c"], ["X", "Y", "Y"], und("a-b", "b-c", "a-b", "a-a"))
    b.ties["weight"] = [2.0, 0.5, None, 7.0]
    res = analyze(b).nodes.set_index("id")
    assert res["strength"].tolist() == [3.0, 3.5, 0.5]  # a–b: 2 + 1 (empty → 1)
    G = nx.Graph()
    G.add_weighted_edges_from([("a", "b", 3.0), ("b", "c", 0.5)])
    pr = nx.pagerank(G, weight="weight", tol=1e-10, max_iter=10_000)
    np.testing.assert_allclose(res["pagerank_weighted"], [pr[v] for v in "abc"], atol=1e-7)
