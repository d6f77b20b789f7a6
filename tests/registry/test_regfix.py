"""Regressions found by QA in the registry, enrich and member-list import."""

from __future__ import annotations

from pathlib import Path

import pytest

from kizuna.loaders.resolve import name_key
from tests.registry.nta import kizuna


# ---- 6: legal-form abbreviations, before or after the name
@pytest.mark.parametrize(
    ("short", "long"),
    [
        ("（国研）", "国立研究開発法人"),
        ("(国研)", "国立研究開発法人"),
        ("(福)", "社会福祉法人"),
        ("(地独)", "地方独立行政法人"),
        ("(学)", "学校法人"),
        ("(医)", "医療法人"),
        ("(特非)", "特定非営利活動法人"),
        ("(同)", "合同会社"),
        ("(合)", "合同会社"),
        ("(名)", "合名会社"),
        ("(資)", "合資会社"),
    ],
)
def test_legal_form_abbreviations_match_before_or_after_the_name(short: str, long: str) -> None:
    full = name_key(f"{long}サンプル機構")
    assert full == "サンプル機構"
    assert name_key(f"{short}サンプル機構") == full
    assert name_key(f"サンプル機構{short}") == full
    assert name_key(f"サンプル機構 {long}") == full


# ---- 7: the import says truthfully where the cluster's body came from
def test_import_members_says_whether_the_body_was_the_seeds_or_created(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = tmp_path / "m.csv"
    f.write_text("name,address\n株式会社ワン,東京都八王子市\n", encoding="utf-8")
    code, out, err = kizuna(
        capsys, "import", "members", str(f), "--cluster", "tama", "--out", str(tmp_path / "a")
    )
    assert code == 0, err
    assert "created" not in out
    assert "seed" in out and "body_tama" in out
    code, out, err = kizuna(
        capsys, "import", "members", str(f), "--cluster", "new_cl", "--out", str(tmp_path / "b")
    )
    assert code == 0, err
    assert "body_new_cl" in out and "created" in out
    code, out, err = kizuna(
        capsys, "import", "members", str(f), "--cluster", "new_cl", "--out", str(tmp_path / "b")
    )
    assert code == 0, err
    assert "created" not in out and "already in" in out


# ---- 5: enrich fills no city/address that contradicts the bundle's prefecture
def test_enrich_fills_no_city_or_address_when_the_prefectures_differ(tmp_path: Path) -> None:
    import pandas as pd

    from kizuna.graph.bundle import Bundle
    from kizuna.registry.enrich import enrich_bundle
    from kizuna.registry.store import Registry
    from tests.registry.nta import number, row, write

    osaka, tokyo = number(270000000011), number(130000000012)
    f = write(
        tmp_path / "00_all_20240329.csv",
        [
            row(1, osaka, "デルタ株式会社", prefecture="大阪府", city="大阪市北区", street="梅田1"),
            row(2, tokyo, "株式会社イー", furigana="イー"),
        ],
    )
    nodes = pd.DataFrame(
        {
            "id": ["d", "e"],
            "name": ["デルタ株式会社", "株式会社イー"],
            "kind": ["company", "company"],
            "prefecture": ["東京都", "東京"],
            "corporate_number": [osaka, tokyo],
        },
        dtype=object,
    )
    with Registry.open(tmp_path / "data", create=True) as reg:
        reg.add([f])
        result = enrich_bundle(Bundle(nodes=nodes), reg)
    out = result.bundle.nodes.set_index("id")
    assert out.at["d", "prefecture"] == "東京都"
    assert out.at["d", "city"] is None and out.at["d", "address"] is None
    note = result.report.set_index("id").at["d", "note"]
    assert "prefecture: bundle '東京都', registry '大阪府'" in note
    assert "city '大阪市北区'" in note and "address '大阪府大阪市北区梅田1'" in note
    assert "not filled" in note
    # the same prefecture written differently (東京 = 東京都) still fills everything
    assert out.at["e", "city"] == "千代田区" and out.at["e", "name_kana"] == "イー"
    assert result.report.set_index("id").at["e", "note"] == ""


# ---- 1 and 2: past-history rows, and former names whatever the order of separate adds
def _past(seq: int, num: str, name: str, **kw: str) -> list[str]:
    from tests.registry.nta import row

    r = row(seq, num, name, **kw)
    r[23] = "0"  # 最新履歴 0: 過去情報
    return r


def test_a_past_history_row_never_replaces_the_latest_state(tmp_path: Path) -> None:
    from kizuna.registry.store import Registry
    from tests.registry.nta import write
    from tests.registry.test_registry_add import A, diff_rows, full_rows

    full = write(tmp_path / "13_tokyo_all_20240329.zip", full_rows())
    diff = write(tmp_path / "diff_20240401.zip", diff_rows())
    past = write(
        tmp_path / "diff_20240601.csv",
        [
            _past(
                1,
                A,
                "株式会社アルファ旧旧",
                process="11",
                correction="1",
                update="2024-06-01",
                change="2020-01-01",
            )
        ],
    )
    with Registry.open(tmp_path / "d", create=True) as reg:
        reg.add([full, diff])
        reg.add([past])
        alpha = reg.by_number(A)
        assert alpha is not None
        assert (alpha["name"], alpha["prefecture"], alpha["update_date"]) == (
            "株式会社アルファ精機",
            "神奈川県",
            "2024-04-01",
        )
        names = [n for n, _ in reg.former_names(A)]
        assert names == ["株式会社アルファ", "株式会社アルファ旧旧"]
        [(now, old, _)] = reg.by_former_key("アルファ旧旧", None)
        assert (now["name"], old) == ("株式会社アルファ精機", "株式会社アルファ旧旧")
        [(status_files)] = [reg.status()["files"][-1]]
        assert status_files["changed"] == 1  # the former name kept, nothing else


def _state(data_dir: Path) -> tuple[list[tuple], list[tuple]]:
    import sqlite3

    from kizuna.registry.store import registry_path

    with sqlite3.connect(registry_path(data_dir)) as conn:
        cols = "corporate_number, name, prefecture, update_date, change_date, close_date"
        rows = conn.execute(f"SELECT {cols} FROM corporations ORDER BY 1").fetchall()
        former = conn.execute(
            "SELECT corporate_number, name, name_key, prefecture, until FROM former_names"
            " ORDER BY 1, 2"
        ).fetchall()
    return rows, former


@pytest.mark.parametrize("order", ["one_add", "full_then_diff", "diff_then_full"])
def test_separate_adds_in_any_order_keep_the_former_names(tmp_path: Path, order: str) -> None:
    from kizuna.registry.store import Registry
    from tests.registry.nta import write
    from tests.registry.test_registry_add import A, diff_rows, full_rows

    full = write(tmp_path / "13_tokyo_all_20240329.zip", full_rows())
    diff = write(tmp_path / "diff_20240401.zip", diff_rows())
    adds = {
        "one_add": [[diff, full]],
        "full_then_diff": [[full], [diff]],
        "diff_then_full": [[diff], [full]],
    }[order]
    with Registry.open(tmp_path / "d", create=True) as reg:
        for files in adds:
            reg.add(files)
        assert reg.former_names(A) == [("株式会社アルファ", "2024-03-25")]
        assert reg.status()["former_names"] == 1
        [(now, old, until)] = reg.by_former_key("アルファ", "東京都")
        assert (now["name"], old, until) == (
            "株式会社アルファ精機",
            "株式会社アルファ",
            "2024-03-25",
        )
    with Registry.open(tmp_path / "ref", create=True) as reg:
        reg.add([full, diff])
    assert _state(tmp_path / "d") == _state(tmp_path / "ref")


# ---- 3: a strong name header wins over a weak one; "Member No." is never the name
@pytest.mark.parametrize(
    ("header", "name_col"),
    [
        ("Member No.,Company Name,Address,Phone", "Company Name"),
        ("会員番号,会社名,所在地,電話", "会社名"),
        ("Member,Company Name,Address,Phone", "Company Name"),
        ("No,Members,Address,Phone", "Members"),
    ],
)
def test_member_list_header_ranking_picks_the_real_name_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], header: str, name_col: str
) -> None:
    from kizuna.loaders import open_bundle

    f = tmp_path / "m.csv"
    f.write_text(f"{header}\n101,株式会社ワン,東京都八王子市,042-000-0000\n", encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = kizuna(capsys, "import", "members", str(f), "--cluster", "c1", "--out", str(out))
    assert code == 0, err
    nodes = open_bundle(out).nodes
    members = nodes[nodes["kind"] != "cluster_body"]
    assert list(members["name"]) == ["株式会社ワン"]
    assert members["prefecture"].tolist() == ["東京都"]
    first = header.split(",")[0]
    assert f"column '{first}' not recognized" in err
    assert f"column '{name_col}'" not in err


# ---- 4: an unclosed quote in a member CSV is refused with file and row
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp932"])
def test_member_csv_with_an_unclosed_quote_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], encoding: str
) -> None:
    f = tmp_path / "meibo.csv"
    text = (
        "会社名,所在地\n"
        "株式会社ワン,東京都八王子市\n"
        '"株式会社ツー,東京都立川市\n'
        "株式会社スリー,東京都府中市\n"
    )
    f.write_bytes(text.encode(encoding))
    out = tmp_path / "out"
    code, _, err = kizuna(capsys, "import", "members", str(f), "--cluster", "c1", "--out", str(out))
    assert code == 1
    assert "meibo.csv, row 3:" in err and "never closed" in err, err
    assert "Traceback" not in err
    assert not out.exists()
    # quotes that are closed (and a quote inside an unquoted value) are fine
    f.write_bytes('会社名,所在地\n"株式会社""ワン""",東京都\nA"B社,東京都\n'.encode(encoding))
    code, _, err = kizuna(capsys, "import", "members", str(f), "--cluster", "c1", "--out", str(out))
    assert code == 0, err


# ---- 8: registry zips are capped like bundle zips (small injected caps)
@pytest.mark.parametrize("cap", ["total", "ratio", "streamed"])
def test_registry_zip_over_the_caps_is_refused_and_nothing_is_added(
    tmp_path: Path, cap: str
) -> None:
    import sqlite3
    import zipfile

    from kizuna.loaders.zipread import ZipLimits
    from kizuna.registry.ntafile import NtaFile, RegistryFileError, read_exact
    from kizuna.registry.store import Registry, registry_path
    from tests.registry.nta import number, row, write

    rows = [row(i + 1, number(100000000000 + i), f"株式会社テスト{i}") for i in range(300)]
    big = write(tmp_path / "13_tokyo_all_20240329.zip", rows)
    size = zipfile.ZipFile(big).infolist()[0].file_size
    assert size > 50_000
    limits = {
        "total": ZipLimits(max_total_bytes=size // 2),
        "ratio": ZipLimits(max_ratio=2.0, ratio_after=1000),
        "streamed": ZipLimits(max_total_bytes=size // 2),
    }[cap]
    first = write(tmp_path / "00_all_20240101.csv", [row(1, number(990000000001), "先行")])
    with Registry.open(tmp_path / "d", create=True) as reg:
        reg.add([first])
        if cap == "streamed":  # the counting reader alone, whatever the zip declares
            from kizuna.registry import ntafile

            nta = NtaFile.of(big, limits)
            with ntafile.binary(NtaFile.of(big)) as fh:  # default caps: accepted
                assert len(fh.read()) == size
            raw = zipfile.ZipFile(big)
            info = raw.infolist()[0]
            capped = ntafile._Capped(raw.open(info), info, nta)
            with pytest.raises(RegistryFileError, match="unpacks to more than"):
                while capped.read(1 << 12):
                    pass
            with pytest.raises(RegistryFileError, match="unpacks to"):
                list(read_exact(nta, ntafile.ReadStats()))
            return
        with pytest.raises(RegistryFileError, match=r"13_tokyo_all_20240329\.zip: .*unpacks to"):
            reg.add([big], limits=limits)
    with sqlite3.connect(registry_path(tmp_path / "d")) as conn:
        assert conn.execute("SELECT count(*) FROM corporations").fetchone() == (1,)
        assert conn.execute("SELECT count(*) FROM files").fetchone() == (1,)
    with Registry.open(tmp_path / "d") as reg:  # the default caps take the same file
        assert reg.add([big])[0].rows == 300
