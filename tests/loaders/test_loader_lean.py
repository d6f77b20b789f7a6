"""Lean reads (``read_bundle_arrow(columns=...)``, used by ``kizuna analyze`` on big
inputs): the kept columns hold exactly what a full read holds, the same rows are dropped
as blank, and every fatal problem of a full read is still found."""

from __future__ import annotations

import csv
import io
import math
import uuid

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kizuna.loaders.frames as frames
from kizuna.loaders.problems import is_fatal
from kizuna.loaders.readers import read_bundle_arrow
from kizuna.loaders.validate import validate_with_duplicates

KEEP = {
    "nodes": ("id", "name", "kind", "cluster", "region", "lat", "lon"),
    "ties": ("id", "source", "target", "kind", "directed", "since", "weight"),
}


@pytest.fixture(autouse=True)
def _lean_everywhere(monkeypatch):
    """Compact conversions from the first row (they start at 100 000 rows otherwise)."""
    monkeypatch.setattr(frames, "LEAN_MIN_ROWS", 0)


def _cells(series):
    out = []
    for v in series.astype(object).tolist():
        if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
            out.append(None)
        else:
            out.append(v)
    return out


def _problems(bundle, problems, arrow):
    more, dups = validate_with_duplicates(bundle, arrow)
    return [(p.code, p.row, p.column, p.severity, p.message) for p in problems + more], dups


def _compare(path):
    full, full_problems, full_arrow = read_bundle_arrow(path)
    lean, lean_problems, lean_arrow = read_bundle_arrow(path, columns=KEEP)
    for table, cols in KEEP.items():
        a, b = full.frame(table), lean.frame(table)
        assert len(a) == len(b), table
        assert [c for c in b.columns] == [c for c in a.columns if c in cols]
        for col in b.columns:
            assert _cells(b[col]) == _cells(a[col]), (table, col)
    assert lean.source_rows.keys() == full.source_rows.keys()
    for table, rows in full.source_rows.items():
        assert list(lean.source_rows[table]) == list(rows)
    got, lean_dups = _problems(lean, lean_problems, lean_arrow)
    want, full_dups = _problems(full, full_problems, full_arrow)
    assert set(got) <= set(want)
    fatal = {p for p in want if p[3] == "error"}
    assert {p for p in got if p[3] == "error"} <= fatal
    full_fatal = [p for p in full_problems if p.severity == "error" and is_fatal(p)]
    lean_fatal = [p for p in lean_problems if p.severity == "error" and is_fatal(p)]
    assert [str(p) for p in lean_fatal] == [str(p) for p in full_fatal]
    assert list(lean_dups) == list(full_dups)
    return full, lean, got, want


def test_seed_bundle_same_values():
    full, lean, _, _ = _compare("data/seed")
    assert len(lean.ties) == len(full.ties) > 100
    assert "note" not in lean.ties and "source_ref" not in lean.nodes
    # tie endpoints share one string per distinct id
    src = lean.ties["source"].tolist()
    firsts = {}
    assert all(firsts.setdefault(v, v) is v for v in src)


def test_blank_rows_and_dropped_columns(make_bundle):
    ties = (
        "source,target,kind,note,amount_yen\n"
        "a,b,joint_rd,,\n"
        ",,,only a note here,\n"  # kept: a full read reports its missing source
        ",,,,abc\n"  # not a number: empty once typed, so the row is blank
        " ,　,,,\n"  # spaces only: blank
        "ｂ,c,mou,x,1\n"
        "a,zz,mou,,\n"  # missing node: fatal
    )
    path = make_bundle(ties=ties)
    full, lean, got, _ = _compare(path)
    assert len(lean.ties) == len(full.ties) == 4
    assert lean.ties["source"].tolist() == ["a", None, "b", "a"]
    codes = {p[0] for p in got if p[3] == "error"}
    assert "missing_node" in codes


def test_repeated_tie_ids_same_warnings(make_bundle):
    ties = (
        "id,source,target,kind,since\n"
        "t1,a,b,joint_rd,2003\n"
        "t2,a,b,joint_rd,2003\n"  # same (source, target, kind, since), other id: no repeat
        "t1,b,c,mou,\n"  # repeated id
    )
    _, _, got, want = _compare(make_bundle(ties=ties))
    assert [p for p in got if p[0] == "duplicate_tie"] == [
        p for p in want if p[0] == "duplicate_tie"
    ]
    assert len([p for p in got if p[0] == "duplicate_tie"]) == 1


ID = st.sampled_from(["a", "b", "c", " a", "ａ", "d", "", "  ", "b "])
WORD = st.sampled_from(["", "x", " y ", "1,5", "abc", "2003", "H15"])


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(st.tuples(ID, ID, WORD, WORD, WORD, WORD), min_size=0, max_size=12),
    node_ids=st.lists(ID, min_size=0, max_size=6),
)
def test_lean_matches_full_read(make_bundle, rows, node_ids):
    nodes = "id,name,kind,source_ref\n" + "".join(f"{i},N,company,r\n" for i in node_ids)
    text = io.StringIO()
    out = csv.writer(text, lineterminator="\n")
    out.writerow(["id", "source", "target", "kind", "since", "note", "deals"])
    for i, (s, t, k, y, note, d) in enumerate(rows):
        out.writerow([f"t{i % 3}" if k == "x" else "", s, t, k, y, note, d])
    ties = text.getvalue()
    path = make_bundle(name=uuid.uuid4().hex, nodes=nodes, ties=ties)
    _compare(path)
