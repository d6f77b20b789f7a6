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
