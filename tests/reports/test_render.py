"""Reports written in every format: HTML self-contained, PDF with Japanese text and embedded
CJK font (checked with pdftotext/pdffonts/pdftoppm), Excel read back with pandas."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from kizuna.graph.bundle import Bundle
from kizuna.reports.build import build_cluster_report, build_org_report
from kizuna.reports.model import Report
from kizuna.reports.render import FORMATS, parse_formats, write_report

POPPLER = shutil.which("pdftotext") and shutil.which("pdftoppm") and shutil.which("pdffonts")
if not POPPLER and os.environ.get("CI"):  # in CI a missing tool is a failure, never a skip
    raise RuntimeError("poppler-utils is not installed; scripts/test installs it")
needs_poppler = pytest.mark.skipif(not POPPLER, reason="poppler-utils not installed")


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdf_text(path: Path) -> str:
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    )
    return out.stdout.decode("utf-8")


def check_pdf(path: Path, must_contain: list[str], tmp: Path) -> None:
    """Text is extractable, Japanese included; a CJK font is embedded; pages rasterize."""
    text = _squash(pdf_text(path))
    for needle in must_contain:
        assert _squash(needle) in text, f"{needle!r} not in the PDF text of {path.name}"
    assert "\ufffd" not in text  # no replacement characters
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True, text=True)
    cjk = [line for line in fonts.stdout.splitlines() if "CJK" in line]
    assert cjk and all(" yes " in line for line in cjk), fonts.stdout
    subprocess.run(
        ["pdftoppm", "-png", "-r", "30", "-f", "1", "-l", "2", str(path), str(tmp / "page")],
        check=True,
    )
    assert sorted(p.name for p in tmp.glob("page-*.png"))


def check_html(path: Path, title: str) -> None:
    html = path.read_text(encoding="utf-8")
    assert f"<title>{title}</title>" in html
    assert not re.search(r"""(src|href)=["'](https?:|//|file:)""", html), "not self-contained"
    assert "<link" not in html
    assert html.count('src="data:image/svg+xml;base64,') == 2


def check_excel(path: Path, report: Report, analysis: Any, lang: str) -> None:
    book = pd.read_excel(path, sheet_name=None)
    roles_sheet = "役割" if lang == "ja" else "Roles"
    header_p = "参加係数P" if lang == "ja" else "Participation P"
    roles = book[roles_sheet]
    assert header_p in roles.columns
    id_col = roles.columns[0]
    nodes = analysis.nodes.set_index("id").loc[roles[id_col]]
    np.testing.assert_allclose(
        roles[header_p].to_numpy(float), nodes["participation"].to_numpy(float)
    )
    z_col = "クラスター内次数z" if lang == "ja" else "Within-cluster z"
    np.testing.assert_allclose(
        roles[z_col].to_numpy(float), nodes["within_module_z"].to_numpy(float)
    )
    assert pd.api.types.is_integer_dtype(roles["次数" if lang == "ja" else "Degree"])
    assert list(roles["役割" if lang == "ja" else "Role"]) == list(nodes["role"])
    # summary, the data sheets that have rows, figures, method: at most eight
    sheets = [t for t in report.sheets if len(t.frame)]
    assert len(book) == len(sheets) + 3 <= 8
    from openpyxl import load_workbook

    wb = load_workbook(path)
    figures_sheet = wb.worksheets[-2]
    assert len(figures_sheet._images) == 2


def check_markdown_tables(md: str) -> None:
    """Every table is a header, a separator and rows with the same number of cells."""
    lines = md.splitlines()
    separators = [i for i, line in enumerate(lines) if line.startswith("| ---")]
    assert separators
    for i in separators:
        width = lines[i].count("|")
        assert lines[i - 1].startswith("| ") and lines[i - 1].count("|") >= width
        j = i + 1
        while j < len(lines) and lines[j].startswith("| "):
            j += 1
        assert j > i + 1, "a table without rows"
        assert j == len(lines) or lines[j] == "", "rows must be contiguous"


def test_parse_formats() -> None:
    assert parse_formats("pdf, HTML") == ["pdf", "html"]
    with pytest.raises(Exception, match="Unknown report format 'docx'"):
        parse_formats("docx,pdf")
    assert set(FORMATS) == {"html", "pdf", "xlsx", "md"}


@pytest.mark.parametrize(("cluster", "lang"), [("tama", "ja"), ("kansai_green", "en")])
def test_mini_html_excel_markdown(
    mini: Bundle, mini_analysis: Any, tmp_path: Path, cluster: str, lang: str
) -> None:
    report = build_cluster_report(mini, cluster, lang=lang, analysis=mini_analysis)
    files = write_report(report, tmp_path, ["html", "xlsx", "md"])  # PDF: the seed tests
    stem = f"cluster-{cluster}.{lang}"
    for ext in ("html", "xlsx", "md", "pz.png", "national.png"):
        assert (tmp_path / f"{stem}.{ext}").stat().st_size > 500
    assert len(files) == 5
    check_html(tmp_path / f"{stem}.html", report.title)
    check_excel(tmp_path / f"{stem}.xlsx", report, mini_analysis, lang)
    md = (tmp_path / f"{stem}.md").read_text(encoding="utf-8")
    assert md.startswith(f"# {report.title}\n")
    assert f"]({stem}.pz.png)" in md and "| ---" in md
    check_markdown_tables(md)


@needs_poppler
def test_org_report_pdf(mini: Bundle, mini_analysis: Any, tmp_path: Path) -> None:
    report = build_org_report(mini, "tama_body", lang="ja", analysis=mini_analysis)
    write_report(report, tmp_path, ["pdf", "xlsx"])
    check_pdf(tmp_path / "org-tama_body.ja.pdf", ["TAMA協会", "単一障害点"], tmp_path)


@needs_poppler
@pytest.mark.parametrize(
    ("cluster", "lang"), [("tama", "ja"), ("kansai_green", "ja"), ("kansai_green", "en")]
)
def test_seed_reports_every_format(
    seed: Bundle, seed_analysis: Any, tmp_path: Path, cluster: str, lang: str
) -> None:
    report = build_cluster_report(seed, cluster, lang=lang, analysis=seed_analysis)
    write_report(report, tmp_path, FORMATS)
    stem = f"cluster-{cluster}.{lang}"
    row = seed.clusters.set_index("id").loc[cluster]
    name = row["name"] if lang == "ja" or not row["name_en"] else row["name_en"]
    check_pdf(tmp_path / f"{stem}.pdf", [name, report.title], tmp_path)
    if lang == "en":  # the Japanese name appears in the English report too (org names)
        assert re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", pdf_text(tmp_path / f"{stem}.pdf"))
    check_html(tmp_path / f"{stem}.html", report.title)
    check_excel(tmp_path / f"{stem}.xlsx", report, seed_analysis, lang)
    md = (tmp_path / f"{stem}.md").read_text(encoding="utf-8")
    assert md.count("\n| ") > 5
    check_markdown_tables(md)
