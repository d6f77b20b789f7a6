"""Corporate numbers, probable duplicates and the participation projection."""

from __future__ import annotations

import doctest
import importlib
from itertools import combinations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kizuna.graph.bundle import COLUMNS, Bundle
from kizuna.graph.projection import derived_tie_id, project_participation
from kizuna.loaders.corporate import check_digit, is_valid, valid_mask
from kizuna.loaders.resolve import name_key, probable_duplicates


# ---- corporate numbers -----------------------------------------------------------------
@pytest.mark.parametrize("number", ["7000012050002", "1180301018771"])  # 国税庁, トヨタ自動車
def test_known_corporate_numbers_are_valid(number):
    assert is_valid(number)
    for d in "0123456789":
        if d != number[0]:
            assert not is_valid(d + number[1:])


@pytest.mark.parametrize("number", ["700001205000", "70000120500021", "700001205000X", ""])
def test_malformed_corporate_numbers(number):
    assert not is_valid(number)


@settings(max_examples=200)
@given(st.text("0123456789", min_size=12, max_size=12))
def test_check_digit_matches_formula(base):
    # brute force of the 国税庁 rule: P_n counted from the lowest digit, Q_n = 1 odd / 2 even
    total = sum(int(base[12 - n]) * (1 if n % 2 else 2) for n in range(1, 13))
    expected = 9 - total % 9
    assert check_digit(base) == expected
    numbers = [str(d) + base for d in range(10)]
    assert [is_valid(n) for n in numbers] == [d == expected for d in range(10)]
    mask = valid_mask(pd.Series([*numbers, None], dtype=object))
    assert mask.tolist() == [*(d == expected for d in range(10)), True]


# ---- probable duplicates ---------------------------------------------------------------
def _nodes(rows):
    return pd.DataFrame(
        rows, columns=["id", "name", "kind", "prefecture", "corporate_number", "aliases"]
    ).astype(object)


def test_legal_form_variants_in_same_prefecture():
    nodes = _nodes(
        [
            ("a", "株式会社多摩精密", "company", "東京都", None, None),
            ("b", "㈱多摩精密", "company", "東京都", None, None),
            ("c", "多摩精密（株）", "company", "東京都", None, None),
            ("d", "多摩 精密 株式会社", "company", "神奈川県", None, None),
            ("e", "国立大学法人東北大学", "university", "宮城県", None, None),
            ("f", "東北大学", "university", "宮城県", None, None),
            ("g", "東北大学病院", "other", "宮城県", None, None),
        ]
    )
    dup = probable_duplicates(nodes)
    assert dup[["id_a", "id_b"]].values.tolist() == [["a", "b"], ["a", "c"], ["b", "c"], ["e", "f"]]
    assert all("same name" in r for r in dup["reason"])


def test_same_corporate_number_and_alias():
    nodes = _nodes(
        [
            ("x1", "トヨタ自動車株式会社", "company", "愛知県", "1180301018771", None),
            ("x2", "TOYOTA", "company", "東京都", "1180301018771", None),
            ("y1", "TAMA協会", "cluster_body", "東京都", None, "首都圏西部ネットワーク|TAMA"),
            ("y2", "首都圏西部ネットワーク", "cluster_body", "東京都", None, None),
        ]
    )
    dup = probable_duplicates(nodes)
    rows = {(a, b): r for a, b, r in dup[["id_a", "id_b", "reason"]].values}
    assert set(rows) == {("x1", "x2"), ("y1", "y2")}
    assert rows[("x1", "x2")] == "same corporate number 1180301018771"
    assert "alias" in rows[("y1", "y2")]
    assert len(nodes) == 4  # flagged, never merged


NAMES = st.sampled_from(
    [
        "多摩精密",
        "株式会社多摩精密",
        "㈱多摩精密",
        "東北大学",
        "国立大学法人東北大学",
        "ＴＡＭＡ",
        "tama",
        "関西 エコ",
        "関西エコ",
    ]
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(NAMES, st.sampled_from(["東京都", "宮城県", None])), max_size=8))
def test_name_pairs_match_brute_force(rows):
    nodes = _nodes([(f"n{i}", n, "company", p, None, None) for i, (n, p) in enumerate(rows)])
    got = {tuple(r) for r in probable_duplicates(nodes)[["id_a", "id_b"]].values}
    want = set()
    for (i, (n1, p1)), (j, (n2, p2)) in combinations(enumerate(rows), 2):
        if name_key(n1) == name_key(n2) and (p1 or "") == (p2 or ""):
            want.add(tuple(sorted((f"n{i}", f"n{j}"))))
    assert got == want


# ---- projection --------------------------------------------------------------------------
def _part(rows):
    return pd.DataFrame(rows, columns=["program", "organization"]).astype(object)


def test_projection_three_participants():
    part = _part([("p", "c"), ("p", "a"), ("p", "b"), ("p", "a"), ("solo", "a")])
    ties = project_participation(Bundle(participation=part))
    assert ties["id"].tolist() == ["prog:p:a:b", "prog:p:a:c", "prog:p:b:c"]
    assert ties["weight"].tolist() == [0.5, 0.5, 0.5]
    assert set(ties["kind"]) == {"co_participation"} and not ties["directed"].any()
    assert ties["program"].tolist() == ["p"] * 3
    assert list(ties.columns) == list(COLUMNS["ties"].columns)
    assert ties["since"].dtype == "Int64" and ties["source"].dtype == object


def test_projection_keeps_programs_apart_and_is_idempotent():
    part = _part([("p", "a"), ("p", "b"), ("q", "b"), ("q", "a"), ("q", "c")])
    bundle = Bundle(participation=part)
    ties = project_participation(bundle)
    ab = ties[(ties["source"] == "a") & (ties["target"] == "b")]
    assert ab["id"].tolist() == ["prog:p:a:b", "prog:q:a:b"]
    assert ab["weight"].tolist() == [1.0, 0.5]
    pd.testing.assert_frame_equal(ties, project_participation(bundle))
    assert derived_tie_id("q", "b", "a") == "prog:q:a:b"


def test_projection_provenance_and_years():
    part = pd.DataFrame(
        {
            "program": ["p", "p"],
            "organization": ["a", "b"],
            "since": pd.array([2003, None], dtype="Int64"),
            "source_ref": ["seed:L1", "seed:L2"],
            "confidence": ["confirmed", "uncertain"],
        }
    )
    programs = pd.DataFrame(
        {
            "id": ["p"],
            "name": ["P"],
            "since": pd.array([2001], dtype="Int64"),
            "until": pd.array([2009], dtype="Int64"),
        }
    )
    [row] = project_participation(Bundle(participation=part, programs=programs)).to_dict("records")
    assert (row["since"], row["until"]) == (2003, 2009)
    assert row["source_ref"] == "seed:L1; seed:L2"
    assert row["confidence"] == "uncertain"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("pqr"), st.sampled_from("abcdef")), max_size=20))
def test_projection_matches_brute_force(rows):
    ties = project_participation(Bundle(participation=_part(rows)))
    members: dict[str, set[str]] = {}
    for p, o in rows:
        members.setdefault(p, set()).add(o)
    want = {}
    for p, orgs in members.items():
        for a, b in combinations(sorted(orgs), 2):
            want[f"prog:{p}:{a}:{b}"] = 1 / (len(orgs) - 1)
    assert dict(zip(ties["id"], ties["weight"], strict=True)) == pytest.approx(want)
    # Newman weighting: each member's derived weight per program sums to 1
    for p, orgs in members.items():
        if len(orgs) > 1:
            sub = ties[ties["program"] == p]
            for o in orgs:
                got = sub.loc[(sub["source"] == o) | (sub["target"] == o), "weight"].sum()
                assert got == pytest.approx(1.0)


# ---- doctests of the loaders modules -----------------------------------------------------
@pytest.mark.parametrize(
    "module",
    [
        "kizuna.loaders.corporate",
        "kizuna.loaders.resolve",
        "kizuna.graph.projection",
        "kizuna.loaders.writers",
        "kizuna.loaders.normalize",
        "kizuna.loaders.validate",
    ],
)
def test_doctests(module):
    result = doctest.testmod(importlib.import_module(module))
    assert result.failed == 0 and result.attempted > 0
