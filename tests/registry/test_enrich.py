"""`kizuna enrich`: registry facts into a copy of a bundle, and the report contract."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kizuna.loaders import open_bundle
from kizuna.registry.enrich import REPORT_COLUMNS
from kizuna.registry.store import Registry
from tests.registry.nta import NTA, kizuna, number, row, write

A = number(100000000001)
B = number(100000000002)
D1 = number(270000000011)
D2 = number(270000000012)
TOHOKU = number(370000000001)
UNKNOWN = number(990000000099)
KEIO = number(100000000008)

NODES = (
    "id,name,kind,prefecture,name_en,corporate_number,aliases\n"
    "nta,国税庁,agency,,,,\n"
    "nta_osaka,国税庁,agency,大阪府,,,\n"
    "alpha,㈱ アルファ,company,東京都,,,\n"
    f"beta,ベータ工業（株）,company,東京都,,{B},\n"
    "delta,デルタ株式会社,company,大阪,,,\n"
    "tohoku,東北大学,university,宮城県,Tohoku Univ.,,\n"
    "nobody,存在しない商事,company,東京都,,,\n"
    f"lost,ロスト株式会社,company,東京都,,{UNKNOWN},\n"
    "eps,イプシロン,company,北海道,,,EPSILON|有限会社イプシロン\n"
    "keio,慶應義塾大学,university,東京都,,,\n"
)
TIES = "source,target,kind\nalpha,beta,supply\nbeta,alpha,supply\nalpha,beta,supply\n"


def registry_files(tmp: Path) -> list[Path]:
    full = [
        row(
            1, NTA, "国税庁", kind="101", street="霞が関３丁目１－１", name_en="National Tax Agency"
        ),
        row(2, A, "株式会社アルファ", furigana="アルファ"),
        row(3, B, "ベータ工業株式会社"),
        row(4, D1, "デルタ株式会社", prefecture="大阪府", city="大阪市北区"),
        row(5, D2, "株式会社デルタ", prefecture="大阪府", city="堺市堺区"),
        row(
            6,
            TOHOKU,
            "国立大学法人東北大学",
            kind="399",
            prefecture="宮城県",
            city="仙台市青葉区",
            street="片平２丁目１－１",
            name_en="Tohoku University",
            furigana="トウホクダイガク",
        ),
        row(
            7,
            number(10000000007),
            "有限会社イプシロン",
            kind="302",
            prefecture="北海道",
            city="札幌市中央区",
        ),
        row(8, KEIO, "学校法人慶應義塾", kind="399", city="港区"),
    ]
    diff = [
        row(
            1,
            A,
            "株式会社アルファ精機",
            process="11",
            update="2024-04-01",
            change="2024-03-25",
            prefecture="神奈川県",
            city="横浜市中区",
            street="本町１丁目",
            furigana="アルファセイキ",
        ),
        row(
            2,
            B,
            "ベータ工業株式会社",
            process="21",
            update="2024-04-01",
            close_date="2024-03-28",
            close_cause="11",
            successor=A,
        ),
    ]
    return [write(tmp / "00_all_20240329.zip", full), write(tmp / "diff_20240401.zip", diff)]


@pytest.fixture
def setup(tmp_path: Path) -> tuple[Path, Path]:
    data = tmp_path / "data"
    with Registry.open(data, create=True) as reg:
        reg.add(registry_files(tmp_path))
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    (bundle / "nodes.csv").write_text(NODES, encoding="utf-8")
    (bundle / "ties.csv").write_text(TIES, encoding="utf-8")
    return data, bundle


def read_report(path: Path) -> tuple[list[str], dict[str, dict[str, str]]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    return list(rows[0].keys()), {r["id"]: r for r in rows}


def test_enrich_fills_matches_and_reports(
    setup: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data, bundle = setup
    out = tmp_path / "out"
    code, stdout, err = kizuna(
        capsys, "enrich", str(bundle), "--out", str(out), "--data-dir", str(data)
    )
    assert code == 0, err
    assert "10 organizations" in stdout
    columns, rep = read_report(out / "enrich-report.csv")
    assert tuple(columns) == REPORT_COLUMNS
    assert list(rep) == [
        "nta",
        "nta_osaka",
        "alpha",
        "beta",
        "delta",
        "tohoku",
        "nobody",
        "lost",
        "eps",
        "keio",
    ]
    match = {k: r["match"] for k, r in rep.items()}
    assert match == {
        "nta": "name_prefecture",
        "nta_osaka": "name_prefecture",
        "alpha": "name_prefecture",
        "beta": "number",
        "delta": "candidates",
        "tohoku": "name_prefecture",
        "nobody": "none",
        "lost": "none",
        "eps": "name_prefecture",
        "keio": "name_prefecture",
    }
    assert rep["keio"]["corporate_number"] == KEIO and "学校法人" in rep["keio"]["note"]
    # closed by merger, with successor; the name kept its registry form
    assert (rep["beta"]["closed"], rep["beta"]["successor"]) == ("2024-03-28", A)
    assert rep["beta"]["registry_name"] == "ベータ工業株式会社"
    assert "合併による解散等" in rep["beta"]["note"]
    # a former name matched: both names reported; the bundle's prefecture kept, disagreement said
    assert rep["alpha"]["corporate_number"] == A
    assert rep["alpha"]["registry_name"] == "株式会社アルファ精機"
    assert "㈱ アルファ" in rep["alpha"]["note"] and "株式会社アルファ精機" in rep["alpha"]["note"]
    assert "prefecture: bundle '東京都', registry '神奈川県'" in rep["alpha"]["note"]
    # candidates: both numbers listed, nothing filled
    assert D1 in rep["delta"]["note"] and D2 in rep["delta"]["note"]
    assert rep["delta"]["corporate_number"] == ""
    assert rep["nta_osaka"]["corporate_number"] == NTA
    assert "国の機関" in rep["nta_osaka"]["note"]
    assert (
        rep["lost"]["corporate_number"] == UNKNOWN and "not in the registry" in rep["lost"]["note"]
    )
    assert "name_en: bundle 'Tohoku Univ.', registry 'Tohoku University'" in rep["tohoku"]["note"]

    enriched = open_bundle(out)
    nodes = enriched.nodes.set_index("id")
    assert nodes.at["nta", "corporate_number"] == NTA
    assert nodes.at["nta", "prefecture"] == "東京都"
    assert nodes.at["nta", "address"] == "東京都千代田区霞が関３丁目１－１"
    assert nodes.at["nta", "name_en"] == "National Tax Agency"
    assert nodes.at["nta_osaka", "prefecture"] == "大阪府"  # never overwritten
    assert nodes.at["alpha", "prefecture"] == "東京都"
    # the registry's city (in 神奈川県) would contradict the bundle's 東京都: not filled
    assert pd_isna(nodes.at["alpha", "city"]) and pd_isna(nodes.at["alpha", "address"])
    assert "city '横浜市中区'" in rep["alpha"]["note"] and "not filled" in rep["alpha"]["note"]
    assert nodes.at["alpha", "name_kana"] == "アルファセイキ"
    assert nodes.at["alpha", "name"] == "㈱ アルファ"
    assert nodes.at["tohoku", "name_en"] == "Tohoku Univ."
    assert nodes.at["tohoku", "corporate_number"] == TOHOKU
    assert nodes.at["tohoku", "name_kana"] == "トウホクダイガク"
    assert pd_isna(nodes.at["delta", "corporate_number"])
    assert pd_isna(nodes.at["nobody", "city"])
    # the rest of the bundle is the same, ties included (a repeated tie stays as written)
    assert len(enriched.ties) == 2
    assert (out / "ties.csv").read_text(encoding="utf-8-sig").count('"alpha","beta","supply"') == 2


def pd_isna(value: object) -> bool:
    import pandas as pd

    return bool(pd.isna(value))


def test_enriching_twice_is_stable(
    setup: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data, bundle = setup
    once, twice = tmp_path / "once", tmp_path / "twice"
    assert (
        kizuna(capsys, "enrich", str(bundle), "--out", str(once), "--data-dir", str(data))[0] == 0
    )
    assert kizuna(capsys, "enrich", str(once), "--out", str(twice), "--data-dir", str(data))[0] == 0
    assert (once / "nodes.csv").read_bytes() == (twice / "nodes.csv").read_bytes()
    _, rep = read_report(twice / "enrich-report.csv")
    assert rep["nta"]["match"] == "number"  # the number filled the first time is used


def test_enrich_without_registry_or_with_a_bad_number_writes_nothing(
    setup: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data, bundle = setup
    out = tmp_path / "out"
    code, _, err = kizuna(
        capsys, "enrich", str(bundle), "--out", str(out), "--data-dir", str(tmp_path / "empty")
    )
    assert code == 1 and "kizuna registry add" in err
    bad = NODES.replace(f"{B}", B[:-1] + str((int(B[-1]) + 1) % 10))
    (bundle / "nodes.csv").write_text(bad, encoding="utf-8")
    code, _, err = kizuna(capsys, "enrich", str(bundle), "--out", str(out), "--data-dir", str(data))
    assert code == 1
    assert "nodes.csv, row 5" in err and "Traceback" not in err
    assert not out.exists()


# ---- property: a legal-form variant before or after the name matches the registry entry
FORMS = [
    "株式会社",
    "(株)",
    "㈱",
    "（株）",
    "有限会社",
    "(有)",
    "㈲",
    "一般社団法人",
    "一般財団法人",
    "公益社団法人",
    "公益財団法人",
    "特定非営利活動法人",
    "NPO法人",
    "国立大学法人",
    "学校法人",
    "独立行政法人",
    "国立研究開発法人",
]


@pytest.fixture(scope="module")
def small_registry(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("reg")
    rows = [row(1, A, "株式会社アルファ精機"), row(2, B, "ベータ工業有限会社", kind="302")]
    with Registry.open(tmp / "data", create=True) as reg:
        reg.add([write(tmp / "13_all_20240329.csv", rows)])
    return tmp / "data"


@settings(max_examples=60, deadline=None)
@given(
    which=st.sampled_from([(A, "アルファ精機"), (B, "ベータ工業")]),
    form=st.sampled_from(FORMS),
    before=st.booleans(),
    space=st.sampled_from(["", " ", "　"]),
    width=st.booleans(),
)
def test_legal_form_variants_before_or_after_match(
    small_registry: Path, which: tuple[str, str], form: str, before: bool, space: str, width: bool
) -> None:
    import pandas as pd

    from kizuna.graph.bundle import Bundle
    from kizuna.registry.enrich import enrich_bundle

    number_, core = which
    if width:  # full-width katakana stays; ASCII in forms becomes full-width
        form = form.translate(str.maketrans("NPO()", "ＮＰＯ（）"))
    name = f"{form}{space}{core}" if before else f"{core}{space}{form}"
    nodes = pd.DataFrame(
        {"id": ["x"], "name": [name], "kind": ["company"], "prefecture": ["東京都"]}, dtype=object
    )
    with Registry.open(small_registry) as reg:
        result = enrich_bundle(Bundle(nodes=nodes), reg)
    rec = result.report.iloc[0]
    assert (rec["match"], rec["corporate_number"]) == ("name_prefecture", number_)
    assert result.bundle.nodes.at[0, "corporate_number"] == number_


def test_enrich_into_a_zip_puts_the_report_beside_it(
    setup: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data, bundle = setup
    out = tmp_path / "enriched.zip"
    assert kizuna(capsys, "enrich", str(bundle), "--out", str(out), "--data-dir", str(data))[0] == 0
    nodes = open_bundle(out).nodes.set_index("id")
    assert nodes.at["tohoku", "corporate_number"] == TOHOKU
    columns, rep = read_report(tmp_path / "enriched-enrich-report.csv")
    assert tuple(columns) == REPORT_COLUMNS and len(rep) == 10
