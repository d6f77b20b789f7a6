"""`kizuna import members`: member lists (.csv / .xlsx) into a bundle of one cluster."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from kizuna.loaders import open_bundle
from kizuna.registry.members import infer_kind, prefecture_in
from tests.registry.nta import NTA, kizuna, number

CSV = (
    "TAMA協会 会員名簿 2024年度\n"
    "No.,会社名,本社所在地,法人番号,業種,入会年度,電話番号\n"
    "1,ＴＡＭＡ精機㈱,〒192-0001 東京都八王子市戸吹町１,,製造業,平成20年度,042-000-0000\n"
    f"2,国税庁,東京都千代田区霞が関３丁目１－１,{NTA},行政,2010,\n"
    "3,国立大学法人 東京農工大学,東京都府中市晴見町３－８－１,,大学,2005,\n"
    "4,多摩中央信用金庫,東京都立川市,,金融,,\n"
    "5,たま工房,神奈川県相模原市,,,,\n"
    "6,,東京都町田市,,,,\n"
    "7,TAMA精機株式会社,東京都八王子市戸吹町１,,製造業,2011,\n"
    "\n"
)


def write_list(path: Path, text: str, encoding: str) -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def report(out: Path) -> dict[str, dict[str, str]]:
    text = (out / "import-report.csv").read_bytes()
    assert text.startswith(b"\xef\xbb\xbf")
    return {
        r["row"] + ":" + r["name"]: r for r in csv.DictReader(text.decode("utf-8-sig").splitlines())
    }


@pytest.mark.parametrize("encoding", ["cp932", "utf-8"])
def test_csv_member_list_becomes_a_cluster_bundle(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], encoding: str
) -> None:
    f = write_list(tmp_path / "meibo.csv", CSV, encoding)
    out = tmp_path / "out"
    code, stdout, err = kizuna(
        capsys, "import", "members", str(f), "--cluster", "tama", "--out", str(out)
    )
    assert code == 0, err
    assert "電話番号" in err and "No." in err  # unknown headers reported
    bundle = open_bundle(out)
    nodes = bundle.nodes.set_index("id")
    members = nodes[nodes["kind"] != "cluster_body"]
    assert list(members["name"]) == [
        "ＴＡＭＡ精機㈱",
        "国税庁",
        "国立大学法人 東京農工大学",
        "多摩中央信用金庫",
        "たま工房",
    ]
    assert list(members["kind"]) == ["company", "agency", "university", "bank", "other"]
    assert list(members["prefecture"]) == ["東京都", "東京都", "東京都", "東京都", "神奈川県"]
    assert set(members["cluster"]) == {"tama"}
    assert members.loc[f"corp_{NTA}", "corporate_number"] == NTA
    assert list(members["source_ref"]) == [f"meibo.csv:{n}" for n in (3, 4, 5, 6, 7)]
    assert members["region"].tolist() == ["kanto"] * 5
    # the seed's TAMA body is the cluster's body
    body = nodes[nodes["kind"] == "cluster_body"]
    assert list(body.index) == ["body_tama"]
    assert bundle.clusters.set_index("id").at["tama", "body"] == "body_tama"
    ties = bundle.ties
    assert set(ties["target"]) == {"body_tama"} and set(ties["kind"]) == {"membership"}
    assert len(ties) == 5  # the repeated TAMA精機 (row 9) is one organization, one tie
    since = dict(zip(ties["source"], ties["since"], strict=True))
    assert since[members.index[0]] == 2008 and since[f"corp_{NTA}"] == 2010
    rep = report(out)
    assert rep["8:"]["status"] == "skipped"
    assert rep["9:TAMA精機株式会社"]["status"] == "merged"
    assert "kind unsure" in rep["7:たま工房"]["note"]
    assert rep["2:電話番号"]["status"] == "unknown_header"
    assert "5 organizations added, 1 already known, 1 rows skipped" in stdout


def test_xlsx_with_english_headers_and_map(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Firm", "HQ", "Corporate Number", "Joined"])
    ws.append(["Alpha Co., Ltd.", "Osaka-fu, Osaka", float(int(NTA)), 2015.0])
    ws.append(["Beta Institute", "京都府京都市", None, None])
    f = tmp_path / "members.xlsx"
    wb.save(f)
    out = tmp_path / "out"
    code, _, err = kizuna(
        capsys, "import", "members", str(f), "--cluster", "kansai_env", "--out", str(out),
        "--map", "name=Firm,address=HQ",
    )  # fmt: skip
    assert code == 0, err
    nodes = open_bundle(out).nodes.set_index("id")
    alpha = nodes.loc[f"corp_{NTA}"]
    assert (alpha["name"], alpha["kind"], alpha["prefecture"]) == (
        "Alpha Co., Ltd.",
        "company",
        "大阪府",
    )
    assert nodes[nodes["name"] == "Beta Institute"]["kind"].iloc[0] == "research_institute"


def test_unknown_cluster_gets_a_new_body_and_a_second_import_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = write_list(tmp_path / "m.csv", "name,address\n株式会社ワン,福岡県福岡市\n", "utf-8")
    out = tmp_path / "out"
    args = ("import", "members", str(f), "--cluster", "new_cl", "--out", str(out))
    assert kizuna(capsys, *args)[0] == 0
    first = open_bundle(out)
    assert first.clusters["id"].tolist() == ["new_cl"]
    assert first.nodes.set_index("id").at["body_new_cl", "kind"] == "cluster_body"
    assert kizuna(capsys, *args)[0] == 0
    second = open_bundle(out)
    assert len(second.nodes) == len(first.nodes) == 2
    assert len(second.ties) == len(first.ties) == 1


def test_no_name_column_or_bad_number_is_an_error_and_nothing_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    f = write_list(tmp_path / "m.csv", "住所,電話\n東京都,03\n", "cp932")
    code, _, err = kizuna(capsys, "import", "members", str(f), "--cluster", "x", "--out", str(out))
    assert code == 1 and "m.csv, row 1" in err and "--map" in err and "Traceback" not in err
    bad = number(100000000001)[:-1] + "0"
    g = write_list(
        tmp_path / "n.csv", f"会社名,法人番号\n株式会社A,{NTA}\n株式会社B,{bad}\n", "utf-8"
    )
    code, _, err = kizuna(capsys, "import", "members", str(g), "--cluster", "x", "--out", str(out))
    assert code == 1 and "row 3" in err
    assert not out.exists()


def test_kind_and_prefecture_rules() -> None:
    assert infer_kind("一般社団法人首都圏産業活性化協会") == ("association", True)
    assert infer_kind("国立研究開発法人産業技術総合研究所") == ("research_institute", True)
    assert infer_kind("八王子市") == ("agency", True)
    assert infer_kind("ふしぎ屋", "大学") == ("university", True)
    assert prefecture_in("東京都府中市") == "東京都"  # not 京都府, which starts one later
    assert prefecture_in("横浜市中区") is None


def test_an_old_excel_file_is_refused_with_what_to_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = tmp_path / "meibo.xls"
    f.write_bytes(b"\xd0\xcf\x11\xe0 not really")
    out = tmp_path / "out"
    code, _, err = kizuna(capsys, "import", "members", str(f), "--cluster", "x", "--out", str(out))
    assert code == 1 and "meibo.xls" in err and ".xlsx" in err
    assert not out.exists()
