"""`kizuna report` from the command line: files written, clean errors."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from kizuna.cli import main

MINI = Path(__file__).parent / "data" / "mini"


def run(args: list[str]) -> int:
    try:
        main(args)
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0


def test_report_cluster_and_org(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = run(
        [
            "report",
            "--cluster",
            "tama",
            "--org",
            "kg_body",
            "--format",
            "html,md,xlsx",
            "--lang",
            "en",
            "--out",
            str(tmp_path),
            "--input",
            str(MINI),
        ]
    )
    assert code == 0
    out = capsys.readouterr().out
    for name in (
        "cluster-tama.en.html",
        "cluster-tama.en.md",
        "cluster-tama.en.xlsx",
        "org-kg_body.en.html",
        "org-kg_body.en.xlsx",
    ):
        assert (tmp_path / name).is_file()
        assert name in out
    html = (tmp_path / "cluster-tama.en.html").read_text(encoding="utf-8")
    assert "Hub-role report: TAMA" in html
    assert str(MINI) not in html  # never a path of the machine
    assert re.search(r"Data as of \d{4}-\d\d-\d\d \d\d:\d\d JST", html)


def test_report_both_languages(tmp_path: Path) -> None:
    args = ["report", "--cluster", "island", "--format", "md", "--lang", "ja,en"]
    assert run([*args, "--out", str(tmp_path), "--input", str(MINI)]) == 0
    en = (tmp_path / "cluster-island.en.md").read_text(encoding="utf-8")
    ja = (tmp_path / "cluster-island.ja.md").read_text(encoding="utf-8")
    assert "In this dataset, no ties to other clusters are recorded for Island Cluster." in en
    assert "このデータでは、孤島クラスターに他のクラスターとのつながりは記録されていません。" in ja


def test_report_all_clusters(tmp_path: Path) -> None:
    assert (
        run(["report", "--all", "--format", "md", "--out", str(tmp_path), "--input", str(MINI)])
        == 0
    )
    names = sorted(p.name for p in tmp_path.glob("*.md"))
    assert names == [
        "cluster-hokkaido_bio.ja.md",
        "cluster-island.ja.md",
        "cluster-kansai_green.ja.md",
        "cluster-lonely.ja.md",
        "cluster-tama.ja.md",
    ]
    island = (tmp_path / "cluster-island.ja.md").read_text(encoding="utf-8")
    assert "他のクラスターとのつながりは記録されていません" in island


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--cluster", "nosuch"], "There is no cluster 'nosuch' in the data"),
        (["--org", "nosuch"], "There is no organization 'nosuch'"),
        (["--cluster", "tama", "--format", "docx"], "Unknown report format 'docx'"),
        (["--cluster", "tama", "--lang", "fr"], "Unknown report language 'fr'"),
        ([], "Say which report to write"),
    ],
)
def test_report_errors_are_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code = run(["report", *args, "--out", str(tmp_path), "--input", str(MINI)])
    err = capsys.readouterr().err
    assert code == 1
    assert message in err and "Traceback" not in err


def test_empty_store_says_how_to_load(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from kizuna import cmd_report
    from kizuna.graph.bundle import Bundle

    monkeypatch.setattr(cmd_report, "_read_store", lambda _data_dir: (Bundle(), "empty store"))
    assert run(["report", "--all", "--out", str(tmp_path)]) == 1
    assert "Load a bundle first (kizuna load data/seed)" in capsys.readouterr().err


@pytest.mark.store
def test_report_reads_the_store(
    clean_store: object, store_env: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kizuna.loaders import open_bundle

    clean_store.upsert_bundle(open_bundle(MINI))  # type: ignore[attr-defined]
    for key, value in store_env.items():
        monkeypatch.setenv(key, value)
    if "KIZUNA_STORE_URI" not in store_env:
        monkeypatch.delenv("KIZUNA_STORE_URI", raising=False)
    assert (
        run(["report", "--cluster", "kansai_green", "--format", "md", "--out", str(tmp_path)]) == 0
    )
    text = (tmp_path / "cluster-kansai_green.ja.md").read_text(encoding="utf-8")
    assert text.startswith("# 環境ビジネスKANSAI ハブ・仲介役割レポート")
    assert "環境ビジネスKANSAI推進協議会" in text
    # the data date is the store's last load, in Japan time
    loaded = clean_store.loaded_at()  # type: ignore[attr-defined]
    assert loaded is not None
    when = datetime.fromtimestamp(loaded, tz=ZoneInfo("Asia/Tokyo")).strftime("%Y-%m-%d %H:%M")
    assert f"データの日付：{when} JST" in text
