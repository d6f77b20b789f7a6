"""Values written exactly and independent of row order; where time goes (meta.json)."""

from __future__ import annotations

import json

import networkx as nx
import numpy as np
import pytest
from helpers_analytics import make_bundle, und
from hypothesis import given, settings
from hypothesis import strategies as st

from kizuna.analytics import centrality
from kizuna.analytics.api import analyze
from kizuna.analytics.output import write_analysis
from kizuna.analytics.snapshot import build_snapshot
from kizuna.cli import main


def _hub_with_participation_three_tenths():
    """h: 25 neighbours in its own cluster A, one in each of 5 other clusters.

    k = 30, Σ k_s² = 25² + 5 = 630: P = (900 − 630) / 900 = 0.3 exactly, and h is a hub
    of A (z = 5), so its role is R5 (hub, P ≤ 0.30).
    """
    ids = ["h"] + [f"a{i}" for i in range(25)] + [f"x{i}" for i in range(5)]
    clusters = ["A"] * 26 + [f"X{i}" for i in range(5)]
    ties = [("h", f"a{i}", "") for i in range(25)] + [("h", f"x{i}", "") for i in range(5)]
    return make_bundle(ids, clusters, ties)


def test_participation_is_one_correctly_rounded_division(tmp_path):
    assert 1 - 630 / 900 == 0.30000000000000004  # the old formula's float
    res = analyze(_hub_with_participation_three_tenths())
    row = res.nodes.set_index("id").loc["h"]
    assert row["participation"] == 0.3
    assert row["role"] == "R5"
    write_analysis(res, tmp_path)
    line = next(x for x in (tmp_path / "nodes.csv").read_text().splitlines() if x.startswith("h,"))
    assert line.split(",")[3] == "0.3"


@st.composite
def graphs_and_orders(draw):
    n = draw(st.integers(2, 16))
    ids = [f"v{i}" for i in range(n)]
    pairs = st.tuples(st.sampled_from(ids), st.sampled_from(ids))
    edges = draw(st.lists(pairs, max_size=30))
    copies = draw(st.integers(1, 3))  # copies of the graph: components tied for λ_max
    all_ids = [f"{i}_{c}" for c in range(copies) for i in ids]
    ties = [(f"{a}_{c}", f"{b}_{c}", "") for c in range(copies) for a, b in edges]
    order = draw(st.permutations(list(range(len(all_ids)))))
    return all_ids, ties, order


@settings(max_examples=80, deadline=None)
@given(graphs_and_orders())
def test_eigenvector_does_not_depend_on_row_order(g):
    ids, ties, order = g
    snap = build_snapshot(make_bundle(ids, ties=ties))
    first = centrality.eigenvector(snap)
    shuffled_ids = [ids[i] for i in order]
    again = centrality.eigenvector(build_snapshot(make_bundle(shuffled_ids, ties=ties[::-1])))
    np.testing.assert_allclose(again, first[order], atol=1e-9)
    if snap.m:
        assert np.linalg.norm(first) == pytest.approx(1.0)


def test_eigenvector_tied_components_share_the_norm():
    # two triangles (λ = 2 each) and a path a–b (λ = 1): each triangle node 1/√6
    ids = ["t1", "t2", "t3", "s1", "s2", "s3", "a", "b"]
    ties = und("t1-t2", "t2-t3", "t1-t3", "s1-s2", "s2-s3", "s1-s3", "a-b")
    ev = centrality.eigenvector(build_snapshot(make_bundle(ids, ties=ties)))
    np.testing.assert_allclose(ev, [6**-0.5] * 6 + [0, 0], atol=1e-12)


def test_eigenvector_of_a_connected_graph_is_networkx():
    G = nx.barabasi_albert_graph(300, 3, seed=2)  # ≥ 200 nodes: the sparse solver
    ids = [f"n{i}" for i in G]
    snap = build_snapshot(make_bundle(ids, ties=[(f"n{u}", f"n{v}", "") for u, v in G.edges()]))
    want = nx.eigenvector_centrality_numpy(G)
    np.testing.assert_allclose(centrality.eigenvector(snap), [want[i] for i in G], atol=1e-8)


def test_closeness_from_the_betweenness_processes(monkeypatch):
    G = nx.connected_watts_strogatz_graph(120, 4, 0.2, seed=3)
    G.add_node(999)  # an isolate
    ids = [f"n{i}" for i in G]
    snap = build_snapshot(make_bundle(ids, ties=[(f"n{u}", f"n{v}", "") for u, v in G.edges()]))
    monkeypatch.setattr(centrality.BackgroundBetweenness, "MIN_NODES", 0)
    job = centrality.BackgroundBetweenness(snap, exact_max=1000, k=None, seed=0, closeness=True)
    values, info = job.result()
    assert info["process"] == "2 background processes"
    want = nx.closeness_centrality(G)
    np.testing.assert_allclose(job.closeness(), [want[i] for i in G], atol=1e-12)
    btw = nx.betweenness_centrality(G)
    np.testing.assert_allclose(values, [btw[i] for i in G], atol=1e-12)
    monkeypatch.setattr(centrality.BackgroundBetweenness, "MIN_NODES", 10**9)
    inline = centrality.BackgroundBetweenness(snap, exact_max=1000, k=None, seed=0, closeness=True)
    assert np.array_equal(inline.result()[0], values)
    assert np.array_equal(inline.closeness(), job.closeness())


def test_meta_keeps_the_seconds_of_every_step(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    nodes = "id,name,kind,cluster\na,A,company,X\nb,B,company,X\nc,C,bank,Y\nd,D,company,\n"
    ties = "source,target,kind\na,b,mou\nb,c,mou\nc,d,mou\na,c,mou\n"
    (folder / "nodes.csv").write_text(nodes, encoding="utf-8")
    (folder / "ties.csv").write_text(ties, encoding="utf-8")
    main(["-v", "analyze", "--input", str(folder), "--out", str(tmp_path / "out")])
    timings = json.loads((tmp_path / "out" / "meta.json").read_text())["timings"]
    for step in (
        "read",
        "snapshot",
        "roles",
        "constraint",
        "brokerage",
        "cluster_pairs",
        "bridges",
        "eigenvector",
        "communities",
        "spof",
        "local_bridges",
        "betweenness",
        "total",
        "write",
    ):
        assert isinstance(timings[step], float), step
    assert next(iter(timings)) == "read"
