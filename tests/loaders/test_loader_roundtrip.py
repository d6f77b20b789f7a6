"""read(write(read(x))) == read(x), for CSV folders, zips and workbooks (hypothesis)."""

from __future__ import annotations

import csv
import io
import json
import shutil
import tempfile
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kizuna.graph.bundle import COLUMNS, Bundle
from kizuna.loaders.readers import read_bundle
from kizuna.loaders.writers import format_numbers, write_bundle

JAPANESE = "多摩精密工業株式会社東北大学（株）㈱ｶﾀｶﾅ　ー・「」"
SAFE = st.characters(blacklist_categories=("Cs", "Cc"), max_codepoint=0x2FFF) | st.sampled_from(
    [*JAPANESE, ",", '"', "\n", "\r", " ", "|", "'", "\t"]
)
TEXT = st.text(SAFE, max_size=12)
ID = st.text(st.sampled_from("abcＡＢＣ１２ _-"), min_size=1, max_size=4)
YEAR = st.one_of(
    st.integers(1990, 2030).map(str), st.sampled_from(["", "H15", "平成元年", "２００３", "2003.0"])
)
NUMBER = st.one_of(
    st.just(""),
    st.floats(-200, 200, allow_nan=False).map(repr),
    st.integers(0, 10**12).map(str),
    st.sampled_from(["1,234", "３５．６", "x"]),
)
BOOL = st.sampled_from(["", "true", "TRUE", "false", "False"])


def cell_for(column: str) -> st.SearchStrategy[str]:
    if column in ("since", "until"):
        return YEAR
    if column in ("lat", "lon", "weight", "deals", "amount_yen", "participants", "firms"):
        return NUMBER
    if column == "directed":
        return BOOL
    if column in ("id", "source", "target", "program", "organization", "cluster", "kind"):
        return ID
    return TEXT


@st.composite
def raw_table(draw: st.DrawFn, table: str) -> str:
    spec = COLUMNS[table]
    optional = draw(st.lists(st.sampled_from(spec.optional), unique=True, max_size=6))
    columns = list(spec.required) + optional
    n = draw(st.integers(0, 5))
    rows = [[draw(cell_for(c)) for c in columns] for _ in range(n)]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return out.getvalue()


@st.composite
def raw_bundle(draw: st.DrawFn) -> dict[str, str]:
    files = {"nodes": draw(raw_table("nodes")), "ties": draw(raw_table("ties"))}
    for table in ("clusters", "programs", "participation"):
        if draw(st.booleans()):
            files[table] = draw(raw_table(table))
    return files


def assert_same(a: Bundle, b: Bundle) -> None:
    assert a.present == b.present
    assert a.source_columns == b.source_columns
    for table in a.present:
        pd.testing.assert_frame_equal(a.frame(table), b.frame(table))


def _roundtrip(files: dict[str, str], fmt: str, encoding: str = "utf-8") -> None:
    tmp = Path(tempfile.mkdtemp())
    try:
        src = tmp / "src"
        src.mkdir()
        for table, text in files.items():
            (src / f"{table}.csv").write_bytes(text.encode(encoding))
        first, _ = read_bundle(src)
        out = tmp / ("out" if fmt == "csv" else f"out.{fmt}")
        write_bundle(first, out, fmt=fmt)
        second, problems = read_bundle(out)
        assert_same(first, second)
        codes = {p.code for p in problems}
        assert not codes & {"encoding", "ragged_row", "missing_column", "empty_file"}
    finally:
        shutil.rmtree(tmp)


BLANK_AFTER_NFKC = {  # found by hypothesis: a row of only spaces in id cells
    "nodes": "id,name,kind\n",
    "ties": "source,target,kind\n",
    "programs": "id,name\n ,\n",
}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw_bundle())
@example(BLANK_AFTER_NFKC)
def test_csv_roundtrip(files):
    _roundtrip(files, "csv")


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw_bundle())
def test_zip_roundtrip(files):
    _roundtrip(files, "zip")


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw_bundle())
@example(BLANK_AFTER_NFKC)
def test_xlsx_roundtrip(files):
    _roundtrip(files, "xlsx")


@settings(max_examples=50, deadline=None)
@given(st.floats(allow_nan=True, allow_infinity=False, width=64))
def test_number_format_is_exact(x):
    [text] = format_numbers(pd.Series([x]).to_numpy(dtype=float)).tolist()
    if x != x:
        assert text is None
    else:
        assert float(text) == x


def test_tiny_example_roundtrip_and_same_columns(tmp_path):
    tiny = Path(__file__).resolve().parents[2] / "data" / "examples" / "tiny"
    bundle, problems = read_bundle(tiny)
    assert problems == []
    out = write_bundle(bundle, tmp_path / "copy")
    for f in sorted(tiny.glob("*.csv")):
        header = (out / f.name).read_text(encoding="utf-8-sig").splitlines()[0]
        assert header.replace('"', "") == f.read_text(encoding="utf-8").splitlines()[0]
    again, _ = read_bundle(out)
    assert_same(bundle, again)


def test_writer_removes_stale_optional_files(tmp_path, make_bundle):
    bundle, _ = read_bundle(make_bundle())
    out = tmp_path / "snap"
    out.mkdir()
    (out / "clusters.csv").write_text("id,name\nx,X\n", encoding="utf-8")
    write_bundle(bundle, out)
    assert sorted(p.name for p in out.iterdir()) == ["nodes.csv", "ties.csv"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw_bundle())
def test_json_reads_like_csv(files):
    """The same records as CSV and as JSON (array for nodes, JSON lines for the rest)."""
    tables = {t: list(csv.reader(io.StringIO(text, newline=""))) for t, text in files.items()}
    if any(
        len(rows) < 2 or "\r" in text
        for rows, text in zip(tables.values(), files.values(), strict=True)
    ):
        return  # JSON has no header row of its own: compare bundles with records only
    tmp = Path(tempfile.mkdtemp())
    try:
        a, b = tmp / "csv", tmp / "json"
        a.mkdir()
        b.mkdir()
        for table, rows in tables.items():
            (a / f"{table}.csv").write_text(files[table], encoding="utf-8")
            records = [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]
            if table == "nodes":
                text = json.dumps(records, ensure_ascii=False)
                (b / "nodes.json").write_text(text, encoding="utf-8")
            else:
                lines = "\n".join(json.dumps(r, ensure_ascii=False) for r in records)
                (b / f"{table}.jsonl").write_text(lines + "\n", encoding="utf-8")
        from_csv, _ = read_bundle(a)
        from_json, _ = read_bundle(b)
        assert from_csv.present == from_json.present
        for table in from_csv.present:
            pd.testing.assert_frame_equal(from_csv.frame(table), from_json.frame(table))
    finally:
        shutil.rmtree(tmp)
