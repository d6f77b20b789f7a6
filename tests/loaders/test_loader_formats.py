"""Readers for .xlsx workbooks, .zip files and JSON / JSON-lines files."""

from __future__ import annotations

import datetime as dt
import json
import zipfile

import openpyxl
import pytest

from kizuna.graph.errors import BundleError
from kizuna.loaders.readers import read_bundle


def _workbook(path, sheets):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r in rows:
            ws.append(r)
    wb.save(path)
    return path


def test_xlsx_fullwidth_headers_float_numbers_dates(tmp_path):
    path = _workbook(
        tmp_path / "book.xlsx",
        {
            "Nodes": [
                ["　ID　", "name ", "ＫＩＮＤ", "corporate_number", "lat"],
                [101.0, "多摩精密工業株式会社", "company", 7000012050002, 35.5],
                [None, None, None, None, None],  # a blank row: skipped, rows keep numbers
                ["b", "東北大学", "university", None, None],
            ],
            "ties.csv": [
                ["source", "target", "kind", "since", "until", "directed", "weight"],
                ["101", "b", "joint_rd", 2003.0, dt.datetime(2007, 4, 1), True, 2.0],
                ["b", 101, "mou", "H15", None, False, None],
            ],
        },
    )
    bundle, problems = read_bundle(path)
    assert problems == []
    assert bundle.nodes["id"].tolist() == ["101", "b"]
    assert bundle.nodes.loc[0, "corporate_number"] == "7000012050002"
    assert bundle.source_rows["nodes"].tolist() == [2, 4]
    assert bundle.source_files["nodes"] == "book.xlsx [Nodes]"
    t = bundle.ties
    assert t["since"].tolist() == [2003, 2003]
    assert t.loc[0, "until"] == 2007
    assert t["directed"].tolist() == [True, False]
    assert t["target"].tolist() == ["b", "101"]


def test_xlsx_problem_rows_are_sheet_rows(tmp_path):
    path = _workbook(
        tmp_path / "book.xlsx",
        {
            "nodes": [["id", "name", "kind"], ["a", "A", "company"], [], ["b", "B", "shop"]],
            "ties": [["source", "target", "kind"]],
            "memo": [["anything"]],
        },
    )
    _, problems = read_bundle(path)
    got = sorted((p.code, p.file, p.row, p.column, p.severity) for p in problems)
    assert got == [
        ("unknown_file", "book.xlsx [memo]", None, None, "warning"),
    ]
    from kizuna.loaders.validate import validate_bundle

    bundle, _ = read_bundle(path)
    [p] = validate_bundle(bundle)
    assert (p.code, p.file, p.row, p.column) == ("unknown_kind", "book.xlsx [nodes]", 4, "kind")


def test_damaged_workbook_and_zip_raise(tmp_path):
    for name in ("bad.xlsx", "bad.zip"):
        (tmp_path / name).write_bytes(b"not a zip at all")
        with pytest.raises(BundleError) as err:
            read_bundle(tmp_path / name)
        assert err.value.problems[0].code == "unreadable"


@pytest.mark.parametrize("nested", [True, False])
def test_zip_nested_or_top_level(tmp_path, nodes_csv, ties_csv, nested):
    path = tmp_path / "b.zip"
    prefix = "my bundle/" if nested else ""
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(prefix + "nodes.csv", nodes_csv.encode("cp932"))
        zf.writestr(prefix + "ties.csv", ties_csv)
        zf.writestr("__MACOSX/._nodes.csv", b"\x00\x01")
    bundle, problems = read_bundle(path)
    assert problems == []
    assert bundle.nodes["name"].tolist() == ["TAMA協会", "株式会社ビー", "東北大学"]
    assert len(bundle.ties) == 2


def test_zip_with_two_bundles_is_refused(tmp_path, nodes_csv, ties_csv):
    path = tmp_path / "b.zip"
    with zipfile.ZipFile(path, "w") as zf:
        for folder in ("x", "y"):
            zf.writestr(f"{folder}/nodes.csv", nodes_csv)
            zf.writestr(f"{folder}/ties.csv", ties_csv)
    with pytest.raises(BundleError):
        read_bundle(path)


def test_json_array_and_json_lines(tmp_path):
    folder = tmp_path / "j"
    folder.mkdir()
    nodes = [
        {"id": "ａ", "name": "Ａ社", "kind": "company", "aliases": ["A", "エー"], "lat": 35.0},
        {"id": "b", "name": "B", "kind": "bank", "lat": None},
    ]
    (folder / "nodes.json").write_text(json.dumps(nodes, ensure_ascii=False), encoding="utf-8")
    lines = [
        {"source": "a", "target": "b", "kind": "finance", "directed": True, "since": 2003},
        {"source": "b", "target": "a", "kind": "mou", "weight": 2.5},
    ]
    text = "\n".join(json.dumps(r) for r in lines) + "\n\n"
    (folder / "ties.jsonl").write_text(text, encoding="utf-8")
    bundle, problems = read_bundle(folder)
    assert problems == []
    assert bundle.nodes["id"].tolist() == ["a", "b"]
    assert bundle.nodes.loc[0, "name"] == "Ａ社"
    assert bundle.nodes.loc[0, "aliases"] == "A|エー"
    assert bundle.ties["directed"].tolist() == [True, False]
    assert bundle.ties.loc[0, "since"] == 2003
    assert bundle.ties.loc[1, "weight"] == 2.5
    assert bundle.source_files["ties"] == "ties.jsonl"


def test_single_bundle_file_path_reads_its_folder(make_bundle):
    folder = make_bundle()
    bundle, problems = read_bundle(folder / "nodes.csv")
    assert problems == [] and len(bundle.nodes) == 3


def test_unsupported_path_raises(tmp_path):
    (tmp_path / "notes.docx").write_bytes(b"x")
    with pytest.raises(BundleError) as err:
        read_bundle(tmp_path / "notes.docx")
    assert "not a bundle" in str(err.value)


def test_folder_with_the_bundle_one_level_down(tmp_path, make_bundle):
    inner = make_bundle("inner")
    outer = tmp_path / "outer"
    outer.mkdir()
    inner.rename(outer / "inner")
    bundle, problems = read_bundle(outer)
    assert problems == [] and len(bundle.nodes) == 3
