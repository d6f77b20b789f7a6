"""`kizuna registry add|status`: NTA files applied in date order, idempotent, all or nothing."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kizuna.registry.ntafile import NtaFile, RegistryFileError
from kizuna.registry.store import Registry, registry_path
from tests.registry.nta import NTA, kizuna, number, row, write

A = number(100000000001)
B = number(100000000002)
C = number(270000000003)


def full_rows() -> list[list[str]]:
    return [
        row(1, NTA, "国税庁", kind="101", city="千代田区", street="霞が関３丁目１－１"),
        row(2, A, "株式会社アルファ", furigana="アルファ", name_en="Alpha Co., Ltd."),
        row(3, B, "ベータ工業株式会社", update="2023-06-01"),
        row(4, C, "有限会社ガンマ", kind="302", prefecture="大阪府", city="大阪市北区"),
    ]


def diff_rows() -> list[list[str]]:
    return [
        # A renamed and moved
        row(1, A, "株式会社アルファ精機", process="11", update="2024-04-01", change="2024-03-25"),
        row(
            2,
            A,
            "株式会社アルファ精機",
            process="12",
            update="2024-04-01",
            prefecture="神奈川県",
            city="横浜市中区",
            street="本町１丁目",
        ),
        # B absorbed by A
        row(
            3,
            B,
            "ベータ工業株式会社",
            process="21",
            update="2024-04-01",
            close_date="2024-03-28",
            close_cause="11",
            successor=A,
        ),
    ]


def table(data_dir: Path) -> list[tuple]:
    with sqlite3.connect(registry_path(data_dir)) as conn:
        return conn.execute("SELECT * FROM corporations ORDER BY corporate_number").fetchall()


def test_add_full_file_then_status(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = write(tmp_path / "13_tokyo_all_20240329.zip", full_rows())
    code, out, err = kizuna(capsys, "registry", "add", str(f), "--data-dir", str(tmp_path / "d"))
    assert code == 0, err
    assert "4 rows" in out
    code, out, err = kizuna(
        capsys, "registry", "status", "--json", "--data-dir", str(tmp_path / "d")
    )
    assert code == 0, err
    status = json.loads(out)
    assert status["rows_held"] == 4
    assert status["as_of"] == "2024-03-29"
    [info] = status["files"]
    assert (info["name"], info["kind"], info["rows"], info["encoding"]) == (
        "13_tokyo_all_20240329.zip",
        "full",
        4,
        "utf-8",
    )
    assert len(info["sha256"]) == 64
    with Registry.open(tmp_path / "d") as reg:
        nta = reg.by_number(NTA)
        assert nta is not None
        assert (nta["name"], nta["kind"], nta["prefecture"]) == ("国税庁", "101", "東京都")
        alpha = reg.by_number(A)
        assert alpha is not None and alpha["furigana"] == "アルファ"
        assert [r["corporate_number"] for r in reg.by_key("アルファ", "東京都")] == [int(A)]


@pytest.mark.parametrize("encoding", ["cp932", "utf-8", "utf-8-sig"])
@pytest.mark.parametrize("suffix", [".zip", ".csv"])
def test_both_encodings_zip_or_csv_give_the_same_registry(
    tmp_path: Path, encoding: str, suffix: str
) -> None:
    f = write(tmp_path / f"13_tokyo_all_20240329{suffix}", full_rows(), encoding)
    with Registry.open(tmp_path / "d", create=True) as reg:
        [added] = reg.add([f])
    assert added.rows == 4
    assert added.encoding == encoding
    reference = write(tmp_path / "ref.csv", full_rows())
    with Registry.open(tmp_path / "r", create=True) as reg:
        reg.add([reference])
    strip = [r[:-1] for r in table(tmp_path / "d")]  # file_id differs
    assert strip == [r[:-1] for r in table(tmp_path / "r")]


def test_difference_file_replaces_rows_name_change_move_merger(tmp_path: Path) -> None:
    full = write(tmp_path / "13_tokyo_all_20240329.zip", full_rows())
    diff = write(tmp_path / "diff_20240401.zip", diff_rows())
    with Registry.open(tmp_path / "d", create=True) as reg:
        results = reg.add([diff, full])  # given out of order: applied by date
        assert [r.name for r in results] == [full.name, diff.name]
        assert [r.kind for r in results] == ["full", "diff"]
        alpha = reg.by_number(A)
        assert alpha is not None
        assert (alpha["name"], alpha["prefecture"], alpha["city"]) == (
            "株式会社アルファ精機",
            "神奈川県",
            "横浜市中区",
        )
        assert reg.former_names(A) == [("株式会社アルファ", "2024-03-25")]
        [(now, old, until)] = reg.by_former_key("アルファ", "東京都")
        assert (now["name"], old, until) == (
            "株式会社アルファ精機",
            "株式会社アルファ",
            "2024-03-25",
        )
        beta = reg.by_number(B)
        assert beta is not None
        assert (beta["close_date"], beta["close_cause"], beta["successor"]) == (
            "2024-03-28",
            "11",
            A,
        )
        assert reg.status()["closed"] == 1


def test_older_full_file_added_after_a_newer_difference_changes_nothing(tmp_path: Path) -> None:
    full = write(tmp_path / "13_tokyo_all_20240329.zip", full_rows())
    diff = write(tmp_path / "diff_20240401.zip", diff_rows())
    with Registry.open(tmp_path / "in_order", create=True) as reg:
        reg.add([full])
        reg.add([diff])
    with Registry.open(tmp_path / "reversed", create=True) as reg:
        reg.add([diff])
        reg.add([full])
    assert [r[:-1] for r in table(tmp_path / "in_order")] == [
        r[:-1] for r in table(tmp_path / "reversed")
    ]


def test_adding_the_same_file_again_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = write(tmp_path / "13_tokyo_all_20240329.zip", full_rows())
    d = str(tmp_path / "d")
    assert kizuna(capsys, "registry", "add", str(f), "--data-dir", d)[0] == 0
    before = table(tmp_path / "d")
    code, out, _ = kizuna(capsys, "registry", "add", str(f), str(f), "--data-dir", d)
    assert code == 0
    assert "already added" in out
    assert table(tmp_path / "d") == before
    status = json.loads(kizuna(capsys, "registry", "status", "--json", "--data-dir", d)[1])
    assert len(status["files"]) == 1


def _bad_cases(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    rows = full_rows()
    short = [*rows[:2], rows[2][:29], rows[3]]
    code = [*rows[:2], row(3, B, "ベータ", process="55"), rows[3]]
    kind = [*rows[:3], row(4, C, "ガンマ", kind="777")]
    digit = [*rows[:1], row(2, A[:-1] + str((int(A[-1]) + 1) % 10), "アルファ"), *rows[2:]]
    good = write(tmp_path / "full.zip", rows)
    truncated = tmp_path / "13_tokyo_all_20240329.zip"
    truncated.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    return {
        "columns": (write(tmp_path / "columns.csv", short), "row 3: 29 columns"),
        "process": (write(tmp_path / "process.csv", code), "row 3: unknown 処理区分 code '55'"),
        "kind": (write(tmp_path / "kind.zip", kind), "row 4: unknown 法人種別 code '777'"),
        "digit": (write(tmp_path / "digit.csv", digit), "row 2: the 法人番号"),
        "truncated": (truncated, "damaged or incomplete"),
    }


@pytest.mark.parametrize("case", ["columns", "process", "kind", "digit", "truncated"])
def test_bad_input_is_a_clear_error_and_nothing_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    first = write(tmp_path / "00_good_all_20240101.csv", [row(1, number(990000000001), "先行")])
    d = str(tmp_path / "d")
    assert kizuna(capsys, "registry", "add", str(first), "--data-dir", d)[0] == 0
    before = table(tmp_path / "d")
    bad, expected = _bad_cases(tmp_path)[case]
    good = write(tmp_path / "diff_20240301.csv", [row(1, number(990000000002), "同時")])
    code, _, err = kizuna(capsys, "registry", "add", str(good), str(bad), "--data-dir", d)
    assert code == 1
    assert bad.name in err and expected in err, err
    assert "Traceback" not in err and err.count("\n") == 1
    assert table(tmp_path / "d") == before
    status = json.loads(kizuna(capsys, "registry", "status", "--json", "--data-dir", d)[1])
    assert [f["name"] for f in status["files"]] == [first.name]


def test_bytes_that_are_not_text_are_reported_at_their_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.registry.nta import csv_bytes

    rows = full_rows()
    data = csv_bytes(rows[:2], "cp932") + b"3,1234,\x81\x7f\r\n" + csv_bytes(rows[3:], "cp932")
    f = tmp_path / "13_all_20240329.csv"
    f.write_bytes(data)
    code, _, err = kizuna(capsys, "registry", "add", str(f), "--data-dir", str(tmp_path / "d"))
    assert code == 1
    assert "13_all_20240329.csv, row 3: bytes that are not Shift_JIS (CP932) text" in err


def test_a_failed_first_add_leaves_no_registry(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = write(tmp_path / "bad.csv", [row(1, NTA, "国税庁", kind="999")])
    d = tmp_path / "d"
    code, _, err = kizuna(capsys, "registry", "add", str(bad), "--data-dir", str(d))
    assert code == 1 and "bad.csv, row 1" in err
    assert not registry_path(d).exists()
    code, _, err = kizuna(
        capsys, "registry", "add", str(tmp_path / "missing.zip"), "--data-dir", str(d)
    )
    assert code == 1 and "missing.zip: no such file" in err
    assert not registry_path(d).parent.exists()


def test_zip_without_one_csv_is_refused(tmp_path: Path) -> None:
    z = tmp_path / "x.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("a.txt", "hello")
    with (
        pytest.raises(RegistryFileError, match="one CSV"),
        Registry.open(tmp_path / "d", create=True) as reg,
    ):
        reg.add([z])


def test_status_without_a_registry_says_what_to_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = kizuna(capsys, "registry", "status", "--data-dir", str(tmp_path / "none"))
    assert code == 1
    assert "kizuna registry add" in err


def test_file_names_give_kind_and_date(tmp_path: Path) -> None:
    f = write(tmp_path / "13_東京都_all_20240329_2.zip", full_rows())
    info = NtaFile.of(f)
    assert (info.kind, info.name_date) == ("full", "2024-03-29")
    g = write(tmp_path / "diff_20240401.csv", diff_rows())
    assert (NtaFile.of(g).kind, NtaFile.of(g).name_date) == ("diff", "2024-04-01")


# ---- property: any order of adding files gives the state of the latest row per number
_days = st.integers(min_value=1, max_value=28)


@settings(max_examples=25, deadline=None)
@given(
    updates=st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=3), st.sampled_from(["東京都", "大阪府", "北海道"])
        ),
        min_size=1,
        max_size=12,
    ),
    files=st.integers(min_value=1, max_value=4),
    order=st.randoms(use_true_random=False),
)
def test_any_order_of_adding_files_keeps_the_latest_row(
    tmp_path_factory: pytest.TempPathFactory, updates: list[tuple[int, str]], files: int, order
) -> None:
    tmp = tmp_path_factory.mktemp("prop")
    numbers = [number(500000000000 + i) for i in range(4)]
    rows = [
        row(
            i + 1,
            numbers[who],
            f"会社{i}",
            update=f"2024-{1 + i // 28:02d}-{1 + i % 28:02d}",
            prefecture=pref,
        )
        for i, (who, pref) in enumerate(updates)
    ]
    chunks = [rows[i::files] for i in range(files)]
    paths = [write(tmp / f"diff_{i}.csv", chunk) for i, chunk in enumerate(chunks) if chunk]
    order.shuffle(paths)
    with Registry.open(tmp / "d", create=True) as reg:
        for p in paths:
            reg.add([p])
        latest: dict[str, list[str]] = {}
        for r in rows:  # rows are in date order: the last one per number wins
            latest[r[1]] = r
        for num, r in latest.items():
            held = reg.by_number(num)
            assert held is not None
            assert (held["name"], held["prefecture"], held["update_date"]) == (r[6], r[9], r[4])
        assert reg.status()["rows_held"] == len(latest)


@pytest.mark.parametrize("encoding", ["cp932", "utf-8", "utf-8-sig"])
def test_fast_reader_takes_good_files_and_gives_the_exact_readers_rows(
    tmp_path: Path, encoding: str
) -> None:
    from kizuna.registry.fastread import arrow_batches
    from kizuna.registry.ntafile import ReadStats, read_exact

    rows = full_rows() + diff_rows()
    f = NtaFile.of(write(tmp_path / "x_all_20240329.zip", rows, encoding))
    fast_stats, exact_stats = ReadStats(), ReadStats()
    fast = [r for b in arrow_batches(f, fast_stats) for r in b]  # raises if it falls back
    exact = [r for b in read_exact(f, exact_stats) for r in b]
    assert fast == exact
    assert fast_stats == exact_stats


def test_a_withdrawn_number_is_held_but_never_matched_by_name(tmp_path: Path) -> None:
    full = write(tmp_path / "13_all_20240329.csv", full_rows())
    gone = row(1, A, "株式会社アルファ", process="99", update="2024-04-02", kind="")
    diff = write(tmp_path / "diff_20240402.csv", [gone])
    with Registry.open(tmp_path / "d", create=True) as reg:
        reg.add([full, diff])
        held = reg.by_number(A)
        assert held is not None and held["process"] == "99"
        assert reg.by_key("アルファ", "東京都") == []
        assert reg.status()["deleted"] == 1
