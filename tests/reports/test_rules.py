"""The rules of a report a committee can hand out (issue 16), one test each: page 1's
findings, sources a reader can follow, honest numbers, layout, Excel for work and the
organization report.  PDFs are read back with pdftotext, workbooks with openpyxl."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from openpyxl import load_workbook

from kizuna.graph.bundle import Bundle
from kizuna.reports.build import build_cluster_report, build_org_report
from kizuna.reports.excel import MAX_SHEETS
from kizuna.reports.i18n import Catalogue
from kizuna.reports.model import Report, Section, Table
from kizuna.reports.render import (
    MIN_LAST_PAGE,
    lay_out_pdf,
    page_fill,
    render_html,
    write_report,
)
from kizuna.reports.sources import Citations, reference_titles

POPPLER = shutil.which("pdftotext")
if not POPPLER and os.environ.get("CI"):
    raise RuntimeError("poppler-utils is not installed; scripts/test installs it")
needs_poppler = pytest.mark.skipif(not POPPLER, reason="poppler-utils not installed")

SEED_TITLE = "「産業クラスター計画 ベストプラクティス集」(2010)"
DATE = "2026-12-04 15:06 JST"


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdf_pages(path: Path) -> list[str]:
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-layout", str(path), "-"], capture_output=True, check=True
    )
    return out.stdout.decode("utf-8").split("\f")[:-1]


@pytest.fixture(scope="module")
def tama_ja(seed: Bundle, seed_analysis: Any) -> Report:
    return build_cluster_report(seed, "tama", lang="ja", analysis=seed_analysis, snapshot=DATE)


@pytest.fixture(scope="module")
def written(
    tama_ja: Report, seed: Bundle, seed_analysis: Any, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Path]:
    """TAMA (ja), 環境ビジネスKANSAI (en) and the TAMA promotion body (ja): PDF and Excel."""
    out = tmp_path_factory.mktemp("reports")
    kansai = build_cluster_report(
        seed, "kansai_green", lang="en", analysis=seed_analysis, snapshot=DATE
    )
    org = build_org_report(seed, "body_tama", lang="ja", analysis=seed_analysis, snapshot=DATE)
    files: dict[str, Path] = {}
    for key, report in (("tama", tama_ja), ("kansai", kansai), ("org", org)):
        formats = ["pdf", "xlsx"] if POPPLER else ["xlsx"]
        for path in write_report(report, out, formats):
            files[f"{key}.{path.suffix[1:]}"] = path
    return files


# -- 1. findings first ----------------------------------------------------------------------
@needs_poppler
def test_page_one_has_both_names_the_date_and_three_findings(
    tama_ja: Report, written: dict[str, Path], seed: Bundle
) -> None:
    page1 = squash(pdf_pages(written["tama.pdf"])[0])
    row = seed.clusters.set_index("id").loc["tama"]
    assert squash(row["name"]) in page1 and squash(row["name_en"]) in page1
    assert squash(f"データの日付：{DATE}") in page1
    assert "主な発見" in page1
    assert len(tama_ja.findings) == 3
    for finding in tama_ja.findings:
        assert squash(finding.text) in page1
        assert re.search(r"\d", finding.text), "a finding gives its numbers"
    # the first section starts on page 2
    assert "概要" not in squash(pdf_pages(written["tama.pdf"])[0]).split("目次")[0]


def test_findings_agree_with_their_sections(tama_ja: Report) -> None:
    broker, pair, partner = tama_ja.findings
    top = tama_ja.table("brokerage").frame.iloc[0]
    assert top["name"] in broker.text and f"{int(top['total'])}本" in broker.text
    assert broker.target == "brokerage"
    pairs = tama_ja.table("gaps").frame
    weakest = pairs[pairs["expected"] > 0].iloc[0]
    assert weakest["cluster_name"] in pair.text and pair.target == "cross"
    best = tama_ja.table("partners").frame.iloc[0]
    assert best["name"] in partner.text and partner.target == "partners"


def test_each_finding_links_to_its_section(tama_ja: Report) -> None:
    html = render_html(tama_ja)
    for finding in tama_ja.findings:
        assert f'href="#{finding.target}"' in html
        assert f'id="{finding.target}"' in html


def test_weakest_pair_by_hand(mini: Bundle, mini_analysis: Any) -> None:
    report = build_cluster_report(mini, "tama", lang="en", analysis=mini_analysis)
    pairs = mini_analysis.cluster_pairs
    mine = pairs[(pairs["cluster_a"] == "tama") | (pairs["cluster_b"] == "tama")]
    mine = mine[mine["expected"] > 0]
    ratio = (mine["observed"] / mine["expected"]).to_numpy()
    low = mine.iloc[int(ratio.argmin())]
    other = low["cluster_b"] if low["cluster_a"] == "tama" else low["cluster_a"]
    name = mini.clusters.set_index("id").loc[other, "name_en"]
    assert report.findings[1].text.startswith(
        f"The weakest pair against expectation is TAMA and {name}: in this dataset "
        f"{int(low['observed'])} "
    )


# -- 3. sources a reader can follow ---------------------------------------------------------
@needs_poppler
def test_quotes_cite_document_and_lines_with_a_sources_list(written: dict[str, Path]) -> None:
    pages = pdf_pages(written["tama.pdf"])
    text = squash("".join(pages))
    assert "seed:L" not in text
    assert squash(f"{SEED_TITLE} 393行") in text
    assert squash("日本立地センター、2010年3月") in squash(pages[-1])
    assert "出典一覧" in squash(pages[-1])


def test_other_sources_printed_as_given_with_their_title(mini: Bundle) -> None:
    programs = pd.DataFrame(
        {
            "id": ["p1"],
            "name": ["地域連携事業"],
            "name_en": ["Regional linkage project"],
            "source_ref": ["https://example.org/report.pdf p.12"],
        }
    )
    bundle = mini.with_frames(programs=programs)
    ja = Citations(Catalogue("ja"), reference_titles(bundle, "ja"))
    en = Citations(Catalogue("en"), reference_titles(bundle, "en"))
    assert ja.cite("https://example.org/report.pdf p.12") == (
        "https://example.org/report.pdf p.12（地域連携事業）"
    )
    assert en.cite("https://example.org/report.pdf p.12") == (
        "https://example.org/report.pdf p.12 (Regional linkage project)"
    )
    assert en.cite("minutes 2019") == "minutes 2019"
    assert en.cite("seed:L393-401") == f"{SEED_TITLE}, lines 393–401"
    assert ja.cite("seed:L385") == f"{SEED_TITLE} 385行"
    assert ja.cite("seed:L483,L485-487") == f"{SEED_TITLE} 483、485–487行"
    assert en.cite("seed:L332,334") == f"{SEED_TITLE}, lines 332, 334"


# -- 4. honest numbers ----------------------------------------------------------------------
def test_counts_say_in_this_dataset(tama_ja: Report, mini: Bundle, mini_analysis: Any) -> None:
    summary = tama_ja.section("summary")
    assert all(p.startswith("このデータでは") or "このデータ" in p for p in summary.paragraphs)
    en = build_cluster_report(mini, "tama", lang="en", analysis=mini_analysis)
    assert en.section("summary").paragraphs[0].startswith("In this dataset, TAMA has 6 member")


def test_a_table_of_zeros_becomes_a_sentence(tama_ja: Report) -> None:
    # no tie of the seed carries a year: no phase table, one sentence saying why
    keys = {t.key for t in tama_ja.section("summary").tables}
    assert "phases" not in keys
    assert any(
        "開始年が記されたつながりはありません" in p for p in tama_ja.section("summary").paragraphs
    )
    zeros = Table("phases", pd.DataFrame({"phase": ["a", "b"], "years": ["1", ""], "n": [0, 0]}))
    assert zeros.empty
    texts = Table("t", pd.DataFrame({"who": ["a"], "since": pd.array([None], "Int64"), "q": ["x"]}))
    assert not texts.empty
    report = Report(kind="cluster", subject_id="x", title="T", lang="en")
    report.sections.append(Section("s", "S", tables=[zeros]))
    report.meta = {"version": "0", "created": "now"}
    html = render_html(report)
    assert "In this dataset every value of this table is zero or empty." in html
    assert "<table>" not in html


def test_subtitle_and_fields_come_from_the_data(mini: Bundle, mini_analysis: Any) -> None:
    clusters = mini.clusters.copy()
    clusters.loc[clusters["id"] == "island", "field"] = None
    bundle = mini.with_frames(clusters=clusters)
    island = build_cluster_report(bundle, "island", lang="en", analysis=mini_analysis)
    assert island.subtitle == "Cluster island · Okinawa"
    tama = build_cluster_report(bundle, "tama", lang="ja", analysis=mini_analysis)
    assert tama.subtitle == "クラスター tama・関東・分野：ものづくり"
    assert "manufacturing" not in render_html(island)


def test_data_date_is_the_bundle_files_time_in_jst(tmp_path: Path) -> None:
    from kizuna.cli import main

    bundle = tmp_path / "bundle"
    shutil.copytree(Path(__file__).parent / "data" / "mini", bundle)
    moment = datetime(2024, 3, 31, 15, 30, tzinfo=UTC).timestamp()
    for path in bundle.iterdir():
        os.utime(path, (moment, moment))
    out = tmp_path / "out"
    args = ["report", "--cluster", "tama", "--format", "html", "--lang", "en"]
    try:
        main([*args, "--out", str(out), "--input", str(bundle)])
    except SystemExit as done:
        assert done.code in (0, None)
    html = (out / "cluster-tama.en.html").read_text(encoding="utf-8")
    assert "Data as of 2024-04-01 00:30 JST" in html
    assert str(tmp_path) not in html and "UTC" not in html


# -- 5. layout ------------------------------------------------------------------------------
def _paragraphs(n: int) -> Report:
    report = Report(kind="cluster", subject_id="x", title="T", lang="en", footer="X")
    text = "A sentence of a report that fills one line of the page or so, and a bit more. " * 3
    report.sections.append(Section("s", "S", paragraphs=[text] * n))
    report.meta = {"version": "0", "created": "now"}
    return report


@pytest.mark.slow
def test_no_near_empty_last_page() -> None:
    from weasyprint import HTML

    # find a report whose plain layout leaves a near-empty last page
    n, pages = 4, 0
    while True:
        doc = HTML(string=render_html(_paragraphs(n))).render()
        if len(doc.pages) > pages > 0 and page_fill(doc.pages[-1]) < MIN_LAST_PAGE:
            break
        pages = len(doc.pages)
        n += 1
        assert n < 120
    laid = lay_out_pdf(render_html(_paragraphs(n)))
    assert len(laid.pages) < len(doc.pages) or page_fill(laid.pages[-1]) >= MIN_LAST_PAGE


@needs_poppler
def test_footer_and_page_numbers_on_every_page(written: dict[str, Path]) -> None:
    for key, name in (("tama", "首都圏西部ネットワーク（TAMA）"), ("kansai", "Green Cluster")):
        pages = pdf_pages(written[f"{key}.pdf"])
        assert len(pages) >= 3
        for number, page in enumerate(pages, start=1):
            text = squash(page)
            assert f"{number}/{len(pages)}" in text
            assert squash(name) in text and squash(DATE) in text


@pytest.mark.slow
def test_table_rows_never_split_and_last_page_is_used(tama_ja: Report) -> None:
    from weasyprint.formatting_structure import boxes

    doc = lay_out_pdf(render_html(tama_ja))
    pages_of: dict[int, set[int]] = {}

    def walk(box: Any, page: int) -> None:
        for child in box.all_children():
            element = getattr(child, "element", None)
            header = element is not None and len(element) and str(element[0].tag).endswith("th")
            if isinstance(child, boxes.TableRowBox) and element is not None and not header:
                pages_of.setdefault(id(element), set()).add(page)
            if isinstance(child, boxes.ParentBox):
                walk(child, page)

    for number, page in enumerate(doc.pages):
        walk(page._page_box, number)
    assert pages_of and all(len(p) == 1 for p in pages_of.values())
    assert page_fill(doc.pages[-1]) >= MIN_LAST_PAGE


# -- 6. Excel for work ----------------------------------------------------------------------
def test_excel_sheets_headers_numbers_filters(written: dict[str, Path]) -> None:
    book = load_workbook(written["tama.xlsx"])
    names = book.sheetnames
    assert len(names) <= MAX_SHEETS
    assert names == [
        "概要",
        "組織",
        "つながりと根拠",
        "役割",
        "ギャップ",
        "連携先候補",
        "図",
        "方法と出典",
    ]
    for name in ("組織", "つながりと根拠", "役割", "ギャップ", "連携先候補"):
        ws = book[name]
        assert ws.freeze_panes == "A2" and ws.auto_filter.ref
        headers = [c.value for c in ws[1]]
        assert all(isinstance(h, str) for h in headers)
        untranslated = [h for h in headers if re.fullmatch(r"[a-z_]+", str(h))]
        assert not untranslated, (name, untranslated)
    roles = book["役割"]
    header = [c.value for c in roles[1]]
    assert "参加係数P" in header and "次数" in header
    degree = header.index("次数")
    assert all(row[degree].data_type == "n" for row in roles.iter_rows(min_row=2))
    ties = book["つながりと根拠"]
    header = [c.value for c in ties[1]]
    assert {"根拠（引用）", "出典"} <= set(header)
    cited = [row[header.index("出典")].value for row in ties.iter_rows(min_row=2)]
    assert cited and all(str(c).startswith(SEED_TITLE) for c in cited)
    en = load_workbook(written["kansai.xlsx"])
    assert len(en.sheetnames) <= MAX_SHEETS and "Roles" in en.sheetnames


def test_excel_text_is_never_a_formula(mini: Bundle, mini_analysis: Any, tmp_path: Path) -> None:
    nodes = mini.nodes.copy()
    nodes.loc[nodes["id"] == "tama_a", "name"] = "=1+1"
    nodes.loc[nodes["id"] == "tama_b", "name"] = "@SUM(A1)"
    bundle = mini.with_frames(nodes=nodes)
    report = build_cluster_report(bundle, "tama", lang="ja", analysis=mini_analysis)
    (path,) = write_report(report, tmp_path, ["xlsx"])
    ws = load_workbook(path)["組織"]
    cells = {c.value: c.data_type for row in ws.iter_rows(min_row=2) for c in row}
    assert cells["=1+1"] == "s" and cells["@SUM(A1)"] == "s"


# -- 7. the organization report follows the same rules -------------------------------------
@needs_poppler
def test_org_report_follows_the_same_rules(written: dict[str, Path], seed: Bundle) -> None:
    pages = pdf_pages(written["org.pdf"])
    node = seed.nodes.set_index("id").loc["body_tama"]
    page1 = squash(pages[0])
    assert squash(node["name"]) in page1 and squash(node["name_en"]) in page1
    assert "主な発見" in page1 and squash(DATE) in page1
    for number, page in enumerate(pages, start=1):
        assert f"{number}/{len(pages)}" in squash(page)
    text = squash("".join(pages))
    assert "seed:L" not in text and "このデータでは" in text
    # its first finding is about the organization itself
    assert page1.index("主な発見") < page1.index(squash(f"{node['name']}は、このデータでは"))
    assert len(load_workbook(written["org.xlsx"]).sheetnames) <= MAX_SHEETS


def test_key_numbers_on_page_one_by_hand(mini: Bundle, mini_analysis: Any) -> None:
    report = build_cluster_report(mini, "tama", lang="en", analysis=mini_analysis)
    assert report.glance is not None
    numbers = dict(report.glance.frame.itertuples(index=False, name=None))
    assert numbers == {
        "Member organizations": 6,
        "Ties": 10,
        "of which inside the cluster": 6,
        "of which with other clusters": 2,
        "of which with organizations outside any cluster": 2,
        "Other clusters reached": 2,
        "Places cited as sources": 9,  # L10–L14, L20, L21-22, L30, L31 (L11 twice)
    }
    front = render_html(report).split('<nav class="toc">')[0]
    assert "Key numbers in this dataset" in front
