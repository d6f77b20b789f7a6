"""The report document model on a hand-made bundle whose answers are known by hand."""

from __future__ import annotations

import json
import re
from importlib import resources
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kizuna.graph.bundle import Bundle
from kizuna.reports.build import ReportError, build_cluster_report, build_org_report
from kizuna.reports.excel import sheet_name
from kizuna.reports.i18n import Catalogue
from kizuna.reports.render import cell_text, render_html, render_markdown

TAMA_MEMBERS = {"tama_body", "tama_coord", "tama_a", "tama_b", "tama_u", "tama_bank"}


@pytest.fixture(scope="module")
def tama_en(mini: Bundle, mini_analysis: Any):
    return build_cluster_report(mini, "tama", lang="en", analysis=mini_analysis)


@pytest.fixture(scope="module")
def island_en(mini: Bundle, mini_analysis: Any):
    return build_cluster_report(mini, "island", lang="en", analysis=mini_analysis)


def _rows(report, key: str) -> dict[str, list[Any]]:
    frame = report.table(key).frame
    return {str(r[0]): list(r[1:]) for r in frame.itertuples(index=False, name=None)}


def test_sections_in_issue_order(tama_en) -> None:
    keys = [s.key for s in tama_en.sections]
    assert keys == [
        "summary",
        "hubs",
        "brokerage",
        "spof",
        "cross",
        "partners",
        "national",
        "method",
        "sources",
    ]


def test_summary_counts_by_hand(tama_en) -> None:
    assert _rows(tama_en, "scope") == {
        "inside the cluster": [6],
        "to other clusters": [2],
        "to organizations outside any cluster": [2],
    }
    phases = _rows(tama_en, "phases")
    assert phases["launch"] == ["2001–2005", 4, 0, 4]
    assert phases["growth"] == ["2006–2009", 2, 1, 3]
    assert phases["self-reliance"] == ["2010–", 0, 2, 2]
    assert phases["year not stated"] == ["", 0, 1, 1]
    assert _rows(tama_en, "provenance") == {"confirmed": [7], "reported": [2], "uncertain": [1]}
    sources = tama_en.table("sources").frame.set_index("source_ref")
    assert sources.loc["seed:L11", "ties"] == 2 and sources["ties"].sum() == 10
    assert list(sources.index)[:2] == ["seed:L10", "seed:L11"]  # natural line order
    assert list(sources["number"]) == list(range(1, len(sources) + 1))
    assert sources.loc["seed:L11", "citation"] == (
        "「産業クラスター計画 ベストプラクティス集」(2010), line 11"
    )
    kinds = _rows(tama_en, "kinds")
    assert kinds["company"] == [2] and sum(v[0] for v in kinds.values()) == 6


def test_roles_table_is_the_analysis(tama_en, mini_analysis: Any) -> None:
    table = tama_en.table("roles").frame.set_index("id")
    assert set(table.index) == TAMA_MEMBERS
    nodes = mini_analysis.nodes.set_index("id").loc[table.index]
    for col in ("degree", "participation", "within_module_z", "betweenness", "constraint"):
        np.testing.assert_allclose(table[col].astype(float), nodes[col].astype(float))
    assert (table["role"] == nodes["role"]).all()
    z = table["within_module_z"].to_numpy()
    assert (np.diff(z) <= 1e-12).all(), "members are listed by z, largest first"


def test_main_gatekeeper_sentence(tama_en, mini_analysis: Any) -> None:
    nodes = mini_analysis.nodes
    members = nodes[nodes["id"].isin(TAMA_MEMBERS)]
    top = members.sort_values("gatekeeper", ascending=False).iloc[0]
    assert top["id"] == "tama_body"
    items = [i for s in tama_en.sections if s.key == "brokerage" for b in s.lists for i in b.items]
    expected = f"TAMA Association is the main gatekeeper for TAMA: {int(top['gatekeeper'])} paths"
    assert any(i.startswith(expected) for i in items), items
    brokerage = tama_en.table("brokerage").frame.set_index("id")
    assert brokerage.loc["tama_body", "gatekeeper"] == top["gatekeeper"]


def test_cross_cluster_pairs_and_ties(tama_en, mini_analysis: Any) -> None:
    most = tama_en.table("cross_most").frame.set_index("cluster")
    assert set(most.index) == {"kansai_green", "hokkaido_bio"}
    pairs = mini_analysis.cluster_pairs
    row = pairs[(pairs.cluster_a == "kansai_green") & (pairs.cluster_b == "tama")].iloc[0]
    assert most.loc["kansai_green", "observed"] == row["observed"]
    assert most.loc["kansai_green", "ratio"] == pytest.approx(row["ratio"])
    ties = tama_en.table("cross_ties").frame
    assert len(ties) == 2
    assert set(ties["citation"]) == {
        "「産業クラスター計画 ベストプラクティス集」(2010), line 20",
        "「産業クラスター計画 ベストプラクティス集」(2010), lines 21–22",
    }
    assert "コーディネータを派遣" in set(ties["evidence"])
    least = tama_en.table("cross_least").frame
    assert "island" in set(least["cluster"])


def test_cluster_without_cross_ties_reads_sensibly(island_en) -> None:
    cross = next(s for s in island_en.sections if s.key == "cross")
    assert cross.paragraphs[0] == (
        "In this dataset, no ties to other clusters are recorded for Island Cluster."
    )
    keys = {t.key for t in cross.tables}
    assert "cross_most" not in keys and "cross_ties" not in keys
    text = render_markdown(island_en, {"pz": "pz.png", "national": "national.png"})
    html = render_html(island_en)
    for doc in (text, html):
        assert not re.search(r"\bnan\b|\bNaN\b|None\b", doc)
    assert "In this dataset, no member of Island Cluster brokers" in text


def test_org_report_centred_on_hub(mini: Bundle, mini_analysis: Any) -> None:
    report = build_org_report(mini, "tama_body", lang="ja", analysis=mini_analysis)
    assert report.title.startswith("TAMA協会")
    profile = dict(report.table("profile").frame.itertuples(index=False, name=None))
    node = mini_analysis.nodes.set_index("id").loc["tama_body"]
    assert profile["参加係数P"] == pytest.approx(node["participation"])
    assert profile["役割"] == node["role"]
    scope = _rows(report, "scope")
    assert scope == {
        "クラスター内": [4],
        "他のクラスターと": [1],
        "クラスターに属さない組織と": [2],
    }
    spof = next(s for s in report.sections if s.key == "spof")
    assert "単一障害点です" in spof.paragraphs[0]


def test_unknown_ids_say_what_to_do(mini: Bundle, mini_analysis: Any) -> None:
    with pytest.raises(ReportError, match=r"no cluster 'nosuch'.*Known clusters: tama"):
        build_cluster_report(mini, "nosuch", analysis=mini_analysis)
    with pytest.raises(ReportError, match="no organization 'nosuch'"):
        build_org_report(mini, "nosuch", analysis=mini_analysis)


def test_catalogues_have_the_same_keys() -> None:
    folder = resources.files("kizuna.reports").joinpath("templates", "locales")
    ja = json.loads(folder.joinpath("ja.json").read_text(encoding="utf-8"))
    en = json.loads(folder.joinpath("en.json").read_text(encoding="utf-8"))
    assert set(ja) == set(en)
    assert (
        Catalogue("ja").t("cross.none", name="X")
        == "このデータでは、Xに他のクラスターとのつながりは記録されていません。"
    )


def test_zero_is_false_in_templates() -> None:
    text = Catalogue("en").t(
        "summary.provenance", confirmed=1, reported=0, uncertain=0, unstated=0, sources=1
    )
    assert "without a confidence" not in text


@given(st.lists(st.text(min_size=0, max_size=40), min_size=1, max_size=12))
def test_sheet_names_are_valid_and_unique(titles: list[str]) -> None:
    taken: set[str] = set()
    names = [sheet_name(t, taken) for t in titles]
    assert len({n.lower() for n in names}) == len(names)
    for name in names:
        assert 0 < len(name) <= 31 and not set(name) & set("[]:*?/\\")


@given(st.one_of(st.none(), st.floats(allow_nan=True), st.integers(-(10**9), 10**9)))
def test_cells_never_show_nan(value: object) -> None:
    text = cell_text(value)
    assert text not in ("nan", "NaN", "None", "<NA>")


def test_long_tables_are_cut_on_the_page_only(tmp_path) -> None:
    import pandas as pd

    from kizuna.reports.model import Report, Section, Table
    from kizuna.reports.render import write_report

    frame = pd.DataFrame({"id": [f"o{i}" for i in range(5)], "degree": range(5)})
    report = Report(kind="cluster", subject_id="x", title="T", lang="en")
    table = Table("roles", frame, excel_only=("id",), page_limit=2)
    report.sections.append(Section("roles", "Roles", tables=[table]))
    report.sheets.append(table)
    report.meta = {"version": "0", "created": "now"}
    write_report(report, tmp_path, ["md", "xlsx"])
    md = (tmp_path / "cluster-x.en.md").read_text(encoding="utf-8")
    assert "| 0 |" in md and "| 1 |" in md and "| 2 |" not in md
    assert "Showing the first 2 of 5 rows" in md
    assert "o0" not in md  # an Excel-only column
    sheet = pd.read_excel(tmp_path / "cluster-x.en.xlsx", sheet_name="Roles")
    assert list(sheet["ID"]) == [f"o{i}" for i in range(5)]
    assert list(sheet["Degree"]) == list(range(5))


def test_org_without_cluster(mini: Bundle, mini_analysis: Any) -> None:
    report = build_org_report(mini, "meti", lang="en", analysis=mini_analysis)
    summary = next(s for s in report.sections if s.key == "summary")
    assert summary.paragraphs[0].startswith("In this dataset, it has 1 tie: 0 with fellow members")
    cross = next(s for s in report.sections if s.key == "cross")
    assert cross.paragraphs == [
        "METI Kanto belongs to no cluster; its ties to organizations of clusters are listed below."
    ]
    ties = report.table("cross_ties").frame
    assert list(ties["source_name"]) == ["TAMA Association"]
    assert list(ties["target_name"]) == ["METI Kanto"]
    assert report.subtitle == "Organization meti · public agency · no cluster"


def test_unknown_ids_suggest_close_ones(mini: Bundle, mini_analysis: Any) -> None:
    with pytest.raises(ReportError, match=r"Did you mean: tama_body, tama_coord"):
        build_org_report(mini, "TAMA", analysis=mini_analysis)
    with pytest.raises(ReportError, match=r"Known clusters: kansai_green\."):
        build_cluster_report(mini, "kansai", analysis=mini_analysis)
    with pytest.raises(ReportError, match=r"Known clusters: hokkaido_bio\."):
        build_cluster_report(mini, "北海道", analysis=mini_analysis)


def test_cluster_without_any_tie_reads_sensibly(mini: Bundle, mini_analysis: Any) -> None:
    report = build_cluster_report(mini, "lonely", lang="ja", analysis=mini_analysis)
    summary = next(s for s in report.sections if s.key == "summary")
    assert summary.paragraphs == [
        "このデータでは、孤立クラスターに1組織が参加しています（地域：四国）。",
        "このデータでは、参加組織が関わるつながりは記録されていません。",
    ]
    cross = next(s for s in report.sections if s.key == "cross")
    assert cross.paragraphs == [
        "このデータでは、孤立クラスターに他のクラスターとのつながりは記録されていません。"
    ]
    assert cross.tables == [] and cross.lists == []
    roles = report.table("roles").frame
    assert list(roles["role"]) == ["R1"] and roles["participation"].tolist() == [0.0]
    for text in (render_html(report), render_markdown(report, {"pz": "a", "national": "b"})):
        assert not re.search(r"\bnan\b|\bNaN\b|None\b|<NA>", text)
