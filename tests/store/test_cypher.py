"""Every cypher/*.cypher statement: well formed, portable, and accepted by the server."""

from __future__ import annotations

import re
from typing import Any

import pytest

from kizuna import cypher

#: Parameters to run each statement with (a statement missing here fails the test).
SAMPLE: dict[str, dict[str, Any]] = {
    "upsert_organizations": {
        "rows": [
            {"id": "o1", "props": {"id": "o1", "name": "甲", "kind": "company"}},
            {"id": "o2", "props": {"id": "o2", "name": "乙", "kind": "bank"}},
        ]
    },
    "upsert_clusters": {"rows": [{"id": "c1", "props": {"id": "c1", "name": "C"}}]},
    "upsert_programs": {"rows": [{"id": "p1", "props": {"id": "p1", "name": "P"}}]},
    # create_ties / upsert_ties get their elementIds from upsert_organizations' records
    # (see test_every_statement_runs_on_the_server).
    "create_ties": {
        "rows": [
            {
                "source": "o1",
                "target": "o2",
                "key": "k1",
                "kind": "mou",
                "directed": False,
                "derived": False,
                "id": "k1",
            }
        ]
    },
    "upsert_ties": {
        "rows": [
            {
                "source": "o1",
                "target": "o2",
                "key": "k1",
                "props": {"key": "k1", "id": "k1", "kind": "mou", "derived": False},
            }
        ]
    },
    "has_ties": {},
    "read_tie_ids": {},
    "read_organization_eids": {"ids": ["o1", "nobody"]},
    "delete_ties": {"rows": [{"source": "o1", "target": "o2", "key": "nokey"}]},
    "delete_derived_ties": {"limit": 1000},
    "acquire_load_lock": {
        "key": "load_lock",
        "owner": "me",
        "expected": None,
        "host": "h",
        "pid": 1,
        "started_at": 0.0,
        "now": 1.0,
    },
    "read_load_lock": {"key": "load_lock"},
    "release_load_lock": {"key": "load_lock", "owner": "me"},
    "upsert_participation": {
        "rows": [
            {
                "program": "p1",
                "organization": "o1",
                "key": "pk",
                "props": {"key": "pk", "role": "host"},
            }
        ]
    },
    "upsert_meta": {
        "key": "bundle",
        "present": ["nodes", "ties"],
        "source_columns": "{}",
        "updated_at": 0.0,
    },
    "read_meta": {"key": "bundle"},
    "write_organization_metrics": {
        "rows": [
            {"id": "o1", "props": {"betweenness": 0.5, "role": "R1", "gone": None}},
            {"id": "nobody", "props": {"betweenness": 1.0}},
        ]
    },
    "upsert_analysis_meta": {
        "key": "analysis",
        "analyzed_at": "2026-01-01T00:00:00+00:00",
        "version": "0.1.0",
        "columns": ["betweenness", "role"],
        "organizations": 1,
        "written_at": 0.0,
    },
    "read_analysis_meta": {"key": "analysis"},
    "read_organizations": {"regions": None, "clusters": None, "kinds": ["company"]},
    "read_ties": {
        "sources": ["o1", "nobody"],
        "regions": None,
        "clusters": None,
        "kinds": None,
        "tie_kinds": ["mou"],
        "confidence": None,
        "since": 2000,
        "until": None,
    },
    "read_participation": {"regions": None, "clusters": None, "kinds": None},
    "clear_batch": {"limit": 1000, "lock_key": "load_lock"},
}
#: What each statement must return for SAMPLE (None: anything).
EXPECTED_FIRST: dict[str, dict[str, Any]] = {
    "create_ties": {"written": 1},
    "upsert_ties": {"written": 1},
    "has_ties": {"present": True},
    "read_tie_ids": {"key": "k1", "source": "o1", "target": "o2"},
    "delete_ties": {"deleted": 0},
    "delete_derived_ties": {"deleted": 0},
    "acquire_load_lock": {"written": 1},
    "read_load_lock": {
        "owner": "me",
        "host": "h",
        "pid": 1,
        "started_at": 0.0,
        "heartbeat": 1.0,
    },
    "release_load_lock": {"written": 1},
    "upsert_participation": {"written": 1},
    "write_organization_metrics": {"written": 1},
    "read_analysis_meta": {
        "analyzed_at": "2026-01-01T00:00:00+00:00",
        "version": "0.1.0",
        "columns": ["betweenness", "role"],
        "organizations": 1,
    },
    "counts": {
        "organizations": 2,
        "clusters": 1,
        "programs": 1,
        "participations": 1,
        "ties": 1,
    },
    "indexes_pending": {"pending": 0},
    "read_ties": {
        "source": "o1",
        "ties": [["o2", {"key": "k1", "id": "k1", "kind": "mou", "derived": False}]],
    },
}
#: Constructs that fail on ArcadeDB or on Neo4j 5 Community (docs/store.md).
NOT_PORTABLE = [
    r"\bapoc\.",
    r"\bgds\.",
    r"FULLTEXT",
    r"VECTOR\s+INDEX",
    r"\bSHORTEST\s+\d",
    r"awaitIndexes",
    r"IN\s+TRANSACTIONS",
    r"IS\s+NOT\s+NULL\s*$",
    r"NODE\s+KEY",
    r"LOAD\s+CSV",
    r"SET\s+\w+\s*:",
    r"\bid\(",
    r"\$\(",
]
ORDER = [n for n in cypher.names() if n.startswith(("migrate_", "schema_"))] + [
    "indexes_pending",
    "upsert_organizations",
    "read_organization_eids",
    "upsert_clusters",
    "upsert_programs",
    "create_ties",
    "has_ties",
    "read_tie_ids",
    "upsert_ties",
    "delete_ties",
    "delete_derived_ties",
    "upsert_participation",
    "upsert_meta",
    "write_organization_metrics",
    "upsert_analysis_meta",
    "read_analysis_meta",
    "acquire_load_lock",
    "read_load_lock",
    "release_load_lock",
    "counts",
    "read_meta",
    "read_organizations",
    "read_clusters",
    "read_programs",
    "read_ties",
    "read_participation",
    "clear_batch",
]


def test_every_file_is_named_and_ordered() -> None:
    assert sorted(ORDER) == sorted(cypher.names())
    for name in cypher.names():
        text = cypher.load(name)
        assert text and not text.startswith("//")
        assert ";" not in text, f"{name}: one statement per file"


@pytest.mark.parametrize("name", cypher.names())
def test_statement_is_portable(name: str) -> None:
    text = cypher.load(name)
    for pattern in NOT_PORTABLE:
        assert not re.search(pattern, text, re.IGNORECASE | re.MULTILINE), (name, pattern)
    if name.startswith("schema_"):
        assert "IF NOT EXISTS" in text
    if name.startswith("migrate_"):
        assert "IF EXISTS" in text


def test_unknown_statement() -> None:
    with pytest.raises(cypher.UnknownStatement):
        cypher.load("no_such_statement")


def test_create_ties_stores_every_ties_column() -> None:
    """create_ties names its properties; a new ties.csv column must be added there too."""
    from kizuna.graph.upsert_plan import TIE_COLUMNS

    text = cypher.load("create_ties")
    stored = set(re.findall(r"(\w+): row\.\1\b", text))
    assert stored == (TIE_COLUMNS - {"source", "target"}) | {"key", "derived"}


def test_schema_constraints_before_indexes() -> None:
    kinds = ["CONSTRAINT" in cypher.load(n) for n in cypher.schema_names()]
    assert kinds == sorted(kinds, reverse=True)


@pytest.mark.store
def test_every_statement_runs_on_the_server(clean_store: Any) -> None:
    driver = clean_store._driver
    handles: dict[str, str] = {}
    for name in ORDER:
        params = SAMPLE.get(name, {})
        if name in ("create_ties", "upsert_ties"):
            params = {
                "rows": [{**r, "ea": handles["o1"], "eb": handles["o2"]} for r in params["rows"]]
            }
        records, _, _ = driver.execute_query(
            cypher.load(name), params, database_=clean_store.database
        )
        if name == "upsert_organizations":
            handles = {r["id"]: r["eid"] for r in records}
            assert sorted(handles) == ["o1", "o2"]
        if name == "read_organization_eids":
            assert [r.data() for r in records] == [{"id": "o1", "eid": handles["o1"]}]
        if EXPECTED_FIRST.get(name) is not None:
            got = records[0].data() if records else None
            if got is not None and name == "read_load_lock":  # the lock node outlives clears
                assert isinstance(got.pop("loads"), int | None)  # finished loads so far
            assert got == EXPECTED_FIRST[name], name
    assert set(clean_store.counts().values()) == {0}  # clear_batch ran last
