"""BoltStore against the test server: round-trip, idempotence, filters, no derived ties."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kizuna.graph.bundle import Bundle, GraphFilter
from kizuna.graph.store import GraphStore
from tests.store.bundles import frame, same_rows, tiny_bundle

pytestmark = pytest.mark.store
FILES = ("nodes", "ties", "clusters", "programs", "participation")


def assert_same_bundle(a: Bundle, b: Bundle) -> None:
    for f in FILES:
        assert same_rows(a.frame(f), b.frame(f)), f"{f} differs:\n{a.frame(f)}\n{b.frame(f)}"


def test_protocol(clean_store: Any) -> None:
    assert isinstance(clean_store, GraphStore)


def test_round_trip_is_exact(clean_store: Any) -> None:
    bundle = tiny_bundle()
    report = clean_store.upsert_bundle(bundle)
    assert report.written == {
        "nodes": 4,
        "clusters": 2,
        "programs": 1,
        "ties": 4,
        "participation": 3,
    }
    back = clean_store.read_bundle()
    assert_same_bundle(bundle, back)
    assert back.present == bundle.present
    assert back.source_columns == bundle.source_columns


def test_rerun_changes_nothing(clean_store: Any) -> None:
    bundle = tiny_bundle()
    clean_store.upsert_bundle(bundle)
    counts = clean_store.counts()
    first = clean_store.read_bundle()
    clean_store.upsert_bundle(bundle, batch_size=1)
    assert clean_store.counts() == counts
    assert_same_bundle(first, clean_store.read_bundle())


def test_counts_match_bundle(clean_store: Any) -> None:
    bundle = tiny_bundle()
    clean_store.upsert_bundle(bundle)
    assert clean_store.counts() == {
        "organizations": len(bundle.nodes),
        "clusters": len(bundle.clusters),
        "programs": len(bundle.programs),
        "participations": len(bundle.participation),
        "ties": len(bundle.ties),
    }


def stored_ties(store: Any, derived: bool) -> int:
    records, _, _ = store._driver.execute_query(
        "MATCH (:Organization)-[t:TIE]->(:Organization) WHERE t.derived = $derived "
        "RETURN count(t) AS n",
        derived=derived,
        database_=store.database,
    )
    return int(records[0]["n"])


def test_derived_ties_are_not_stored_and_an_older_stores_go_on_the_next_load(
    clean_store: Any,
) -> None:
    bundle = tiny_bundle()  # one program with three participants
    assert not clean_store.upsert_bundle(bundle).warnings
    assert stored_ties(clean_store, derived=True) == 0
    assert stored_ties(clean_store, derived=False) == len(bundle.ties)
    counts, back = clean_store.counts(), clean_store.read_bundle()
    # what an older kizuna stored besides: co_participation ties projected from programs
    clean_store._driver.execute_query(
        "UNWIND $pairs AS pair "
        "MATCH (a:Organization {id: pair[0]}), (b:Organization {id: pair[1]}) "
        "CREATE (a)-[:TIE {key: 'prog:p1:' + pair[0] + ':' + pair[1], kind: 'co_participation', "
        "directed: false, weight: 0.5, program: 'p1', derived: true}]->(b)",
        pairs=[["acme", "kobe_u"], ["acme", "tama"], ["kobe_u", "tama"]],
        database_=clean_store.database,
    )
    assert stored_ties(clean_store, derived=True) == 3
    assert clean_store.counts() == counts  # never counted
    assert_same_bundle(back, clean_store.read_bundle())  # never read
    assert clean_store.read_graph().number_of_edges() == len(bundle.ties)
    report = clean_store.upsert_bundle(bundle)
    assert stored_ties(clean_store, derived=True) == 0
    assert report.warnings == [
        "3 co-participation tie(s) that an earlier kizuna derived from participation.csv "
        "were deleted (kizuna no longer stores them)"
    ]
    assert clean_store.counts() == counts
    assert_same_bundle(back, clean_store.read_bundle())
    assert not clean_store.upsert_bundle(bundle).warnings  # the rerun converged


def test_repeated_tie_identity_is_loaded_once(clean_store: Any) -> None:
    bundle = tiny_bundle()
    ties = pd.concat([bundle.ties, bundle.ties.iloc[[0]]], ignore_index=True)
    report = clean_store.upsert_bundle(bundle.with_frames(ties=ties))
    assert report.written["ties"] == len(bundle.ties)
    assert len(report.duplicates) == 1 and "row 6" in report.duplicates[0]


def test_values_are_parameters_not_cypher(clean_store: Any) -> None:
    evil = "x'}) MATCH (z) DETACH DELETE z //"
    bundle = tiny_bundle()
    nodes = bundle.nodes.copy()
    nodes.loc[0, "name"] = evil
    clean_store.upsert_bundle(bundle.with_frames(nodes=nodes))
    back = clean_store.read_bundle()
    assert len(back.nodes) == 4
    assert evil in set(back.nodes["name"])


def test_upsert_replaces_cells(clean_store: Any) -> None:
    bundle = tiny_bundle()
    clean_store.upsert_bundle(bundle)
    nodes = bundle.nodes.copy()
    nodes.loc[0, "name_en"] = None
    nodes.loc[1, "lat"] = 34.7
    changed = bundle.with_frames(nodes=nodes)
    clean_store.upsert_bundle(changed)
    assert same_rows(clean_store.read_bundle().nodes, nodes)


def test_meta_merges_over_loads(clean_store: Any) -> None:
    first = tiny_bundle()
    clean_store.upsert_bundle(first)
    second = Bundle(
        nodes=frame("nodes", [{"id": "x", "name": "X社", "kind": "company"}]),
        present=frozenset({"nodes", "ties"}),
        source_columns={"nodes": ("id", "name", "kind", "note")},
    )
    clean_store.upsert_bundle(second)
    back = clean_store.read_bundle()
    assert back.present == first.present
    assert back.source_columns["nodes"] == ("id", "name", "kind", "cluster", "note")
    assert len(back.nodes) == 5


def test_tie_with_missing_end_is_reported(clean_store: Any) -> None:
    bundle = tiny_bundle()
    ties = pd.concat(
        [bundle.ties, frame("ties", [{"source": "tama", "target": "ghost", "kind": "mou"}])],
        ignore_index=True,
    )
    report = clean_store.upsert_bundle(bundle.with_frames(ties=ties))
    assert report.written["ties"] == len(bundle.ties)
    assert any("1 ties row(s) skipped" in w for w in report.warnings)


def test_clear(clean_store: Any) -> None:
    clean_store.upsert_bundle(tiny_bundle())
    clean_store.clear()
    assert set(clean_store.counts().values()) == {0}
    assert len(clean_store.read_bundle().nodes) == 0


def test_ensure_schema_is_idempotent(clean_store: Any) -> None:
    clean_store.ensure_schema()
    clean_store.ensure_schema()


filters = st.builds(
    GraphFilter,
    regions=st.lists(st.sampled_from(["kanto", "kinki"]), max_size=2, unique=True).map(tuple),
    clusters=st.lists(st.sampled_from(["c_tama", "c_kansai"]), max_size=1).map(tuple),
    kinds=st.lists(
        st.sampled_from(["company", "cluster_body", "bank", "university"]), max_size=3, unique=True
    ).map(tuple),
    tie_kinds=st.lists(
        st.sampled_from(["mou", "finance", "matching"]), max_size=2, unique=True
    ).map(tuple),
    confidence=st.lists(st.sampled_from(["reported", "confirmed"]), max_size=1).map(tuple),
    since=st.one_of(st.none(), st.integers(2000, 2010)),
    until=st.one_of(st.none(), st.integers(2000, 2010)),
)


def test_filtered_read_matches_in_memory_filter(clean_store: Any) -> None:
    clean_store.upsert_bundle(tiny_bundle())
    full = tiny_bundle()

    @settings(max_examples=30, deadline=None)
    @given(graph_filter=filters)
    def check(graph_filter: GraphFilter) -> None:
        expected = graph_filter.apply(full)
        got = clean_store.read_bundle(graph_filter)
        for f in ("nodes", "ties", "participation"):
            assert same_rows(got.frame(f), expected.frame(f)), (f, graph_filter)

    check()
