"""Hostile inputs that are too big to keep under tests/data/bad/, made here: a 1 MB header
cell, a 200,000-column header, zip bombs; the JSON Lines record separator (hypothesis);
a CR-only file reads exactly like its LF twin; in-memory bundles with unsafe columns.
"""

from __future__ import annotations

import json
import tempfile
import tracemalloc
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kizuna.graph.bundle import Bundle
from kizuna.graph.errors import BundleError
from kizuna.loaders import check_bundle
from kizuna.loaders.readers import read_bundle
from kizuna.loaders.validate import validate_bundle
from kizuna.loaders.zipread import MemberTooLarge, ZipLimits, stream

BAD = Path(__file__).resolve().parents[1] / "data" / "bad"
TINY_TIES = "source,target,kind\n"
MIB = 1 << 20


def _bundle(folder: Path, nodes: bytes | str, ties: str = TINY_TIES) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "nodes.csv").write_bytes(nodes if isinstance(nodes, bytes) else nodes.encode())
    (folder / "ties.csv").write_text(ties, encoding="utf-8")
    return folder


def _codes(path: Path) -> list[tuple[str, str, int | None, str | None]]:
    _, problems = check_bundle(path)
    return [(p.code, p.file, p.row, p.column) for p in problems if p.severity == "error"]


def test_a_one_megabyte_header_cell_is_a_bad_column_name(tmp_path: Path) -> None:
    long_name = "x" * 1_000_000
    path = _bundle(tmp_path / "b", f"id,name,kind,{long_name}\na,A,company,1\n")
    _, problems = check_bundle(path)
    [p] = [p for p in problems if p.severity == "error"]
    assert (p.code, p.file, p.row) == ("bad_column_name", "nodes.csv", 1)
    assert "1,000,000 characters long" in p.message and len(str(p)) < 1000


def test_a_long_cell_in_a_shift_jis_file_is_read(tmp_path: Path) -> None:
    text = "id,name,kind,note\na,A社,company," + "長" * 200_000 + "\n"
    path = _bundle(tmp_path / "b", text.encode("cp932"))
    bundle, problems = read_bundle(path)
    assert not [p for p in problems if p.severity == "error"]
    assert len(bundle.nodes["note"].iat[0]) == 200_000


def test_two_hundred_thousand_columns_are_refused_before_parsing(tmp_path: Path) -> None:
    header = "id,name,kind," + ",".join(f"c{i}" for i in range(200_000))
    path = _bundle(tmp_path / "b", header + "\na,A,company\n")
    assert _codes(path) == [("too_many_columns", "nodes.csv", 1, None)]


def test_json_and_workbook_column_caps(tmp_path: Path) -> None:
    folder = _bundle(tmp_path / "j", "")
    (folder / "nodes.csv").unlink()
    record = {"id": "a", "name": "A", "kind": "company"} | {f"c{i}": i for i in range(600)}
    (folder / "nodes.json").write_text(json.dumps([record]), encoding="utf-8")
    assert _codes(folder) == [("too_many_columns", "nodes.json", 1, None)]

    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "nodes"
    ws.append(["id", "name", "kind", *(f"c{i}" for i in range(600))])
    ws.append(["a", "A", "company"])
    wb.create_sheet("ties").append(["source", "target", "kind"])
    wb.save(tmp_path / "wide.xlsx")
    assert _codes(tmp_path / "wide.xlsx") == [("too_many_columns", "wide.xlsx [nodes]", 1, None)]


def test_cr_only_file_reads_exactly_like_its_lf_twin(tmp_path: Path) -> None:
    lf = (BAD / "bad_year_text" / "nodes.csv").read_text(encoding="utf-8")
    ties = 'source,target,kind,evidence\na,b,mou,"two\nlines"\nb,c,mou,x\n'
    a, pa_ = read_bundle(_bundle(tmp_path / "lf", lf, ties))
    b, pb = read_bundle(_bundle(tmp_path / "cr", lf.replace("\n", "\r"), ties.replace("\n", "\r")))
    assert not pa_ and not pb
    pd.testing.assert_frame_equal(a.nodes, b.nodes)
    pd.testing.assert_frame_equal(a.ties, b.ties)
    assert b.ties["evidence"].iat[0] == "two\nlines"


# ---- zip bombs ----------------------------------------------------------------------


def _bomb(path: Path, zeros: int, *, extra: dict[str, str] | None = None) -> Path:
    """A bundle zip whose nodes.csv is a header, then ``zeros`` NUL bytes written in
    1 MiB chunks (the test never holds them in memory)."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        with zf.open("nodes.csv", "w") as f:
            f.write(b"id,name,kind\n")
            for _ in range(zeros // MIB):
                f.write(bytes(MIB))
        zf.writestr("ties.csv", TINY_TIES)
        for name, text in (extra or {}).items():
            zf.writestr(name, text)
    return path


def test_a_zip_bomb_is_refused_with_the_default_caps(tmp_path: Path) -> None:
    bomb = _bomb(tmp_path / "bomb.zip", 50 * MIB)  # 50 MiB of zeros: ~50 KB zipped
    assert bomb.stat().st_size < 200_000
    with pytest.raises(BundleError) as err:
        read_bundle(bomb)
    [p] = err.value.problems
    assert (p.code, p.file) == ("too_large", "bomb.zip")  # type: ignore[attr-defined]
    assert "'nodes.csv' in the zip unpacks to" in p.message
    assert "1000 times its packed size" in p.message


def test_the_total_cap_is_injectable(tmp_path: Path) -> None:
    plain = tmp_path / "plain.zip"
    with zipfile.ZipFile(plain, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        rows = "".join(f"n{i},N{i},company\n" for i in range(1000))
        zf.writestr("nodes.csv", "id,name,kind\n" + rows)
        zf.writestr("ties.csv", TINY_TIES)
    read_bundle(plain)  # ~20 KB: fine with the default caps
    with pytest.raises(BundleError, match=r"unpacks to more than 10\.0 KiB"):
        read_bundle(plain, limits=ZipLimits(max_total_bytes=10 * 1024))


def test_streaming_stops_at_the_cap_without_unpacking_the_rest(tmp_path: Path) -> None:
    bomb = _bomb(tmp_path / "bomb.zip", 50 * MIB)
    limits = ZipLimits(max_total_bytes=4 * MIB)
    with zipfile.ZipFile(bomb) as zf:
        info = zf.getinfo("nodes.csv")  # read directly: the declared-size check is skipped
        tracemalloc.start()
        try:
            with pytest.raises(MemberTooLarge, match=r"more than 4\.0 MiB"):
                stream(zf, info, limits)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert peak < 16 * MIB  # the member is 50 MiB: it was not read whole


def test_caps_from_the_environment() -> None:
    limits = ZipLimits.from_env({"KIZUNA_MAX_UNZIPPED_MB": "1.5", "KIZUNA_MAX_ZIP_RATIO": "50"})
    assert (limits.max_total_bytes, limits.max_ratio) == (int(1.5 * MIB), 50.0)
    assert ZipLimits.from_env({}) == ZipLimits()
    with pytest.raises(BundleError, match="not a number"):
        ZipLimits.from_env({"KIZUNA_MAX_UNZIPPED_MB": "lots"})


def test_a_workbook_bomb_is_refused(tmp_path: Path) -> None:
    book = tmp_path / "bomb.xlsx"
    with (
        zipfile.ZipFile(book, "w", compression=zipfile.ZIP_DEFLATED) as zf,
        zf.open("xl/worksheets/sheet1.xml", "w") as f,
    ):
        for _ in range(20):
            f.write(bytes(MIB))
    with pytest.raises(BundleError, match=r"unpacks to more than 1\.0 MiB"):
        read_bundle(book, limits=ZipLimits(max_total_bytes=MIB))


# ---- JSON Lines: records are separated by \n only -------------------------------------

_SEPARATORS = "\u2028\u2029\x85\x0c\x0b\x1c\x1d\x1e\r\n\t"
_NAME = st.text(
    alphabet=st.one_of(
        st.sampled_from(_SEPARATORS),
        st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    ),
    min_size=1,
    max_size=12,
).filter(lambda s: s.strip(" ") != "" and "\x00" not in s)


@settings(max_examples=60, deadline=None)
@given(names=st.lists(_NAME, min_size=1, max_size=6), crlf=st.booleans())
def test_json_lines_round_trip_with_separators_in_strings(names: list[str], crlf: bool) -> None:
    end = "\r\n" if crlf else "\n"
    lines = [
        json.dumps({"id": f"n{i}", "name": n, "kind": "company"}, ensure_ascii=False)
        for i, n in enumerate(names)
    ]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "nodes.jsonl").write_text(end.join(lines) + end, encoding="utf-8", newline="")
        (folder / "ties.csv").write_text(TINY_TIES, encoding="utf-8")
        bundle, problems = read_bundle(folder)
    assert [p for p in problems if p.severity == "error"] == []
    assert list(bundle.nodes["name"]) == names
    assert bundle.source_rows["nodes"].tolist() == list(range(1, len(names) + 1))


def test_raw_u2028_in_a_json_lines_file_is_text() -> None:
    raw = '{"id":"a","name":"A\u2028B","kind":"company"}\n'.encode()
    assert b"\xe2\x80\xa8" in raw  # the raw character, not an escape
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "nodes.jsonl").write_bytes(raw)
        (Path(tmp) / "ties.csv").write_text(TINY_TIES)
        bundle, problems = read_bundle(tmp)
    assert not problems and bundle.nodes["name"].tolist() == ["A\u2028B"]


# ---- column names of bundles built in memory -------------------------------------------


@pytest.mark.parametrize("column", ["@rid", "@type", "key", "derived", "備考", "a b", "1st"])
def test_in_memory_bundle_with_unsafe_column_is_refused(column: str) -> None:
    nodes = pd.DataFrame({"id": ["a"], "name": ["A"], "kind": ["company"], column: ["x"]})
    problems = validate_bundle(Bundle(nodes=nodes.astype(object)))
    assert [(p.code, p.row, p.column) for p in problems] == [("bad_column_name", 1, column)]


@pytest.mark.parametrize("column", ["note_ja", "memo_2", "_internal_ref", "x" * 64])
def test_identifier_like_extra_columns_are_kept(column: str) -> None:
    nodes = pd.DataFrame({"id": ["a"], "name": ["A"], "kind": ["company"], column: ["x"]})
    assert validate_bundle(Bundle(nodes=nodes.astype(object))) == []


@pytest.mark.parametrize("member", ["xl/workbook.xml", "[Content_Types].xml", "xl/styles.xml"])
def test_a_workbook_with_damaged_xml_is_one_plain_error(tmp_path: Path, member: str) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.title = "nodes"
    wb.active.append(["id", "name", "kind"])
    wb.create_sheet("ties").append(["source", "target", "kind"])
    good = tmp_path / "good.xlsx"
    wb.save(good)
    bad = tmp_path / "bad.xlsx"
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(bad, "w") as zout:
        for info in zin.infolist():
            zout.writestr(info, b"<not xml" if info.filename == member else zin.read(info))
    with pytest.raises(BundleError) as err:
        read_bundle(bad)
    [p] = err.value.problems
    assert p.file == "bad.xlsx" and "the workbook cannot be opened" in p.message


def test_problem_text_is_one_line_without_terminal_escapes(tmp_path: Path) -> None:
    nodes = 'id,name,kind\na,A,"\x1b[2J\x1b[31mevil\nline"\n'
    _, problems = check_bundle(_bundle(tmp_path / "b", nodes))
    [p] = [p for p in problems if p.code == "unknown_kind"]
    text = str(p)
    assert "\x1b" not in text and "\n" not in text
    assert "\\x1b[2J\\x1b[31mevil\\x0aline" in text
    assert p.as_dict()["message"] == p.message  # JSON output keeps the value as it is


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="needs Linux /proc")
def test_a_file_that_cannot_be_read_is_one_plain_problem(tmp_path: Path) -> None:
    path = _bundle(tmp_path / "b", "id,name,kind\na,A,company\n")
    (path / "nodes.csv").unlink()
    (path / "nodes.csv").symlink_to("/proc/self/mem")  # a regular file reading fails on
    [p] = [p for p in check_bundle(path)[1] if p.severity == "error"]
    assert (p.code, p.file, p.row) == ("unreadable", "nodes.csv", None)
    assert "the file cannot be read (OSError" in p.message


def test_two_byte_order_marks_in_json_are_reported_like_in_csv(tmp_path: Path) -> None:
    folder = _bundle(tmp_path / "b", "")
    (folder / "nodes.csv").unlink()
    record = b'[{"id":"a","name":"A","kind":"company"}]'
    (folder / "nodes.json").write_bytes(b"\xef\xbb\xbf" * 2 + record)
    bundle, problems = read_bundle(folder)
    assert [(p.code, p.file, p.row) for p in problems] == [("encoding", "nodes.json", 1)]
    assert "2 byte-order marks" in problems[0].message
    assert bundle.nodes["id"].tolist() == ["a"]  # read all the same
