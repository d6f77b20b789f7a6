"""read_bundle on CSV folders: dtypes, normalization, encodings, row numbers."""

from __future__ import annotations

import codecs

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kizuna.graph.bundle import COLUMNS
from kizuna.graph.errors import BundleError
from kizuna.loaders import open_bundle
from kizuna.loaders.readers import read_bundle


def test_canonical_columns_and_dtypes(make_bundle):
    bundle, problems = read_bundle(make_bundle())
    assert problems == []
    assert list(bundle.nodes.columns) == list(COLUMNS["nodes"].columns)
    assert list(bundle.ties.columns) == list(COLUMNS["ties"].columns)
    t = bundle.ties
    assert t["since"].dtype == "Int64" and t["until"].dtype == "Int64"
    assert t["directed"].dtype == bool and t["weight"].dtype == "float64"
    assert t["source"].dtype == object and bundle.nodes["lat"].dtype == "float64"
    assert t["directed"].tolist() == [True, False]
    assert t["until"].isna().tolist() == [False, True]
    assert bundle.nodes.loc[0, "region"] == "kanto"
    assert bundle.nodes.loc[0, "cluster"] == "tama"
    assert bundle.nodes.loc[0, "corporate_number"] is None
    assert bundle.source_columns["nodes"][:3] == ("id", "name", "kind")
    assert bundle.present == frozenset({"nodes", "ties"})


def test_nfkc_on_ids_and_numbers_never_names(make_bundle):
    nodes = (
        "id,name,kind,lat\nＴＡＭＡ１,ＴＡＭＡ協会　,cluster_body,３５．６\nb,ｶﾌﾞｼｷｶﾞｲｼｬ,company,\n"
    )
    ties = "source,target,kind,since,weight\n ＴＡＭＡ１ ,b,joint_rd,２００３,１．５\n"
    bundle, problems = read_bundle(make_bundle(nodes=nodes, ties=ties))
    assert problems == []
    assert bundle.nodes["id"].tolist() == ["TAMA1", "b"]
    assert bundle.nodes["name"].tolist() == ["ＴＡＭＡ協会　", "ｶﾌﾞｼｷｶﾞｲｼｬ"]
    assert bundle.nodes.loc[0, "lat"] == pytest.approx(35.6)
    assert bundle.ties.loc[0, "source"] == "TAMA1"
    assert bundle.ties.loc[0, "since"] == 2003
    assert bundle.ties.loc[0, "weight"] == 1.5


@pytest.mark.parametrize(
    ("cell", "year"),
    [
        ("2003", 2003),
        ("2003.0", 2003),
        ("H15", 2003),
        ("平成15", 2003),
        ("平成15年", 2003),
        ("平成元年", 1989),
        ("R2", 2020),
        ("令和元年", 2019),
        ("S60", 1985),
        ("２００３年", 2003),
    ],
)
def test_years_and_eras(make_bundle, cell, year):
    ties = f"source,target,kind,since\na,b,joint_rd,{cell}\n"
    bundle, problems = read_bundle(make_bundle(ties=ties))
    assert problems == []
    assert bundle.ties.loc[0, "since"] == year


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp932", "shift_jis"])
def test_encodings_detected(make_bundle, encoding):
    folder = make_bundle(encoding=encoding)
    if encoding == "utf-8-sig":
        assert (folder / "nodes.csv").read_bytes().startswith(codecs.BOM_UTF8)
    bundle, problems = read_bundle(folder)
    assert problems == []
    assert bundle.nodes["name"].tolist() == ["TAMA協会", "株式会社ビー", "東北大学"]
    assert bundle.nodes.columns[0] == "id"


def test_undecodable_bytes_reported_with_row(make_bundle, nodes_csv):
    data = nodes_csv.encode("utf-8") + b"d,\xff\xfe\xfa,company\n"
    bundle, problems = read_bundle(make_bundle(nodes=data))
    enc = [p for p in problems if p.code == "encoding"]
    assert len(enc) == 1 and enc[0].row == 5 and enc[0].file == "nodes.csv"
    assert len(bundle.nodes) == 4


def test_blank_lines_keep_spreadsheet_rows(make_bundle):
    ties = "source,target,kind,since\na,b,joint_rd,2003\n\n,,,\nb,c,joint_rd,19x5\n"
    bundle, problems = read_bundle(make_bundle(ties=ties))
    assert len(bundle.ties) == 2
    [bad] = problems
    assert (bad.code, bad.row, bad.column) == ("bad_year", 5, "since")


def test_quoted_newlines_and_commas(make_bundle):
    ties = 'source,target,kind,evidence\na,b,joint_rd,"line one\nline, two"\nb,c,mou,x\n'
    bundle, problems = read_bundle(make_bundle(ties=ties))
    assert problems == []
    assert bundle.ties["evidence"].tolist() == ["line one\nline, two", "x"]


def test_header_with_fullwidth_spaces_and_case(make_bundle):
    nodes = "　ID　,Name ,ＫＩＮＤ\na,A,company\nb,B,company\nc,C,company\n"
    bundle, problems = read_bundle(make_bundle(nodes=nodes))
    assert problems == []
    assert bundle.nodes["id"].tolist() == ["a", "b", "c"]


def test_header_only_ties_is_fine(make_bundle):
    bundle, problems = read_bundle(make_bundle(ties="source,target,kind\n"))
    assert problems == [] and len(bundle.ties) == 0
    assert bundle.ties["since"].dtype == "Int64"


def test_missing_path_raises():
    with pytest.raises(BundleError):
        read_bundle("/nonexistent/bundle")


def test_open_bundle_strict_and_lenient(make_bundle, ties_csv):
    ties = ties_csv + "a,b,joint_rd,maybe,2004,,,\n"
    folder = make_bundle(ties=ties)
    with pytest.raises(BundleError) as err:
        open_bundle(folder)
    assert [p.code for p in err.value.problems] == ["bad_bool"]
    bundle = open_bundle(folder, strict=False)
    assert len(bundle.ties) == 3


def test_open_bundle_lenient_still_stops_on_dangling_tie(make_bundle, ties_csv):
    folder = make_bundle(ties=ties_csv + "a,zz,joint_rd,false,,,,\n")
    with pytest.raises(BundleError) as err:
        open_bundle(folder, strict=False)
    assert [(p.code, p.row, p.column) for p in err.value.problems] == [
        ("missing_node", 4, "target")
    ]


def test_open_bundle_drops_duplicate_ties(make_bundle, ties_csv):
    folder = make_bundle(ties=ties_csv + "b,c,joint_rd,false,2004,,,reported\n")
    bundle = open_bundle(folder)
    assert len(bundle.ties) == 2
    assert isinstance(bundle.ties, pd.DataFrame)


def test_validate_in_memory_bundle_with_only_required_columns():
    from kizuna.graph.bundle import Bundle
    from kizuna.graph.model import repeated_ties as duplicate_ties
    from kizuna.loaders.validate import validate_bundle

    nodes = pd.DataFrame({"id": ["a", "b"], "name": ["A", "B"], "kind": ["company", "bank"]})
    ties = pd.DataFrame(
        {"source": ["a", "a", "b", "a"], "target": ["b", "b", "c", "b"], "kind": ["mou"] * 4}
    )
    problems = validate_bundle(Bundle(nodes=nodes, ties=ties))
    got = sorted((p.code, p.row, p.column, p.severity) for p in problems)
    assert got == [
        ("duplicate_tie", 3, None, "warning"),
        ("duplicate_tie", 5, None, "warning"),
        ("missing_node", 4, "target", "error"),
    ]
    assert duplicate_ties(ties).tolist() == [False, True, False, True]


def test_tie_identity_uses_since_and_direction():
    from kizuna.graph.model import repeated_ties as duplicate_ties

    ties = pd.DataFrame(
        {
            "source": ["a", "b", "a", "a", "a"],
            "target": ["b", "a", "b", "b", "b"],
            "kind": ["mou"] * 5,
            "since": pd.array([2003, 2003, None, -5, 2003], dtype="Int64"),
            "id": [None, None, None, None, "t1"],
        }
    )
    assert duplicate_ties(ties).tolist() == [False, False, False, False, False]
    ties2 = pd.concat([ties, ties.iloc[[2, 3, 4]]], ignore_index=True)
    assert duplicate_ties(ties2).tolist() == [False] * 5 + [True] * 3


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from("ab"),
            st.sampled_from("ab"),
            st.sampled_from(["mou", "joint_rd"]),
            st.sampled_from([None, 2003, 2004]),
            st.sampled_from([None, None, "t1", "t2"]),
        ),
        max_size=12,
    )
)
def test_tie_identity_matches_brute_force(rows):
    from kizuna.graph.model import repeated_ties as duplicate_ties

    ties = pd.DataFrame(rows, columns=["source", "target", "kind", "since", "id"], dtype=object)
    ties["since"] = ties["since"].astype("Int64")
    seen: set[tuple[object, ...]] = set()
    want = []
    for s, t, k, y, i in rows:
        key = ("id", i) if i else ("c", s, t, k, y)
        want.append(key in seen)
        seen.add(key)
    assert duplicate_ties(ties).tolist() == want


def test_excel_unicode_text_utf16_tab_separated(make_bundle, nodes_csv, ties_csv):
    nodes = nodes_csv.replace(",", "\t").encode("utf-16")  # with its byte-order mark
    folder = make_bundle(nodes=nodes, ties=ties_csv.replace(",", "\t"))
    bundle, problems = read_bundle(folder)
    assert problems == []
    assert bundle.nodes["name"].tolist() == ["TAMA協会", "株式会社ビー", "東北大学"]
    assert bundle.ties["since"].tolist() == [2003, 2004]


def test_rows_empty_after_normalization_are_not_records(make_bundle):
    ties = "source,target,kind,since\n ,　,,\na,b,mou,20x3\n"
    bundle, problems = read_bundle(make_bundle(ties=ties))
    assert len(bundle.ties) == 1
    [p] = problems
    assert (p.code, p.row, p.column) == ("bad_year", 3, "since")
