"""Excel output for work: at most eight sheets, numbers as numbers, headers in the report
language, filters and frozen headers.

Sheets, in order: summary (page 1's findings, then the text of each section and its small
count tables), organizations, ties with evidence, roles, gaps, partners (every row, ids
beside names), figures, method (notes, parameters, the sources list).  A data sheet with
no rows is left out.  Every text cell is written as a string (``write_string``, and the
workbook never turns strings into formulas, links or numbers), so a name beginning with
``=`` stays text.
"""

from __future__ import annotations

import io
import logging
import unicodedata
from pathlib import Path
from typing import Any

import numpy as np
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from kizuna.graph.cells import excel_text, safe_workbook
from kizuna.reports.i18n import Catalogue
from kizuna.reports.model import Report, Table
from kizuna.reports.render import _missing, is_number, table_rows

logger = logging.getLogger(__name__)

_FORBIDDEN = str.maketrans({c: "_" for c in "[]:*?/\\"})
#: Sections whose text goes to the method sheet rather than the summary sheet.
METHOD_SECTIONS = ("method", "sources")
#: Most sheets a workbook has (summary, five data sheets, figures, method).
MAX_SHEETS = 8


def _width(text: str) -> int:
    """Display width: East Asian wide characters count twice."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def sheet_name(title: str, taken: set[str]) -> str:
    """An Excel-safe, unique sheet name (≤ 31 characters, no []:*?/\\)."""
    base = title.translate(_FORBIDDEN).strip("'")[:31] or "Sheet"
    name, n = base, 2
    while name.lower() in {t.lower() for t in taken}:
        suffix = f" ({n})"
        name = base[: 31 - len(suffix)] + suffix
        n += 1
    taken.add(name)
    return name


def _value(value: Any) -> Any:
    """A cell value: int, float, str or None (blank)."""
    if _missing(value):
        return None
    if is_number(value):
        if isinstance(value, int | np.integer):
            return int(value)
        return float(value)
    return str(value)


class _Book:
    """The workbook and its formats."""

    def __init__(self, report: Report, path: Path):
        self.cat = Catalogue(report.lang)
        self.book = safe_workbook(path, nan_inf_to_errors=True)
        font = "Yu Gothic" if report.lang == "ja" else "Calibri"  # on Windows and macOS
        add = self.book.add_format
        self.header = add({"bold": True, "bg_color": "#E8EEF4", "border": 1, "font_name": font})
        self.title = add({"bold": True, "font_size": 14, "font_name": font})
        self.head = add({"bold": True, "font_size": 11, "font_name": font})
        self.text = add({"text_wrap": True, "valign": "top", "font_name": font})
        self.plain = add({"font_name": font})
        self.decimal = add({"num_format": "0.000", "font_name": font})
        self.taken: set[str] = set()

    def sheet(self, key: str) -> Worksheet:
        return self.book.add_worksheet(sheet_name(self.cat.t(f"sheet.{key}"), self.taken))

    @staticmethod
    def string(ws: Worksheet, row: int, col: int, text: str, fmt: Format | None = None) -> None:
        """Text as a string cell, never a formula."""
        excel_text(ws, row, col, text, fmt)

    def cell(self, ws: Worksheet, row: int, col: int, raw: Any) -> int:
        """Write one table cell by type; the display width of text (0 for others)."""
        value = _value(raw)
        if isinstance(value, float):
            ws.write_number(row, col, value, self.decimal)
        elif isinstance(value, int):
            ws.write_number(row, col, value, self.plain)
        elif value is None:
            ws.write_blank(row, col, None, self.plain)
        else:
            self.string(ws, row, col, value, self.plain)
            return _width(value)
        return 0

    def table(self, ws: Worksheet, table: Table, top: int = 0, *, page: bool = False) -> int:
        """Write a table with its header at row ``top``; return the row after it."""
        rows = list(table_rows(table, page=page))
        columns = [c for c, _ in rows[0]] if rows else [str(c) for c in table.frame.columns]
        for j, col in enumerate(columns):
            self.string(ws, top, j, self.cat.column(col), self.header)
        for i, values in enumerate(rows, start=top + 1):
            for j, (_, raw) in enumerate(values):
                self.cell(ws, i, j, raw)
        return top + len(rows) + 1

    def data_sheet(self, table: Table) -> None:
        """One data sheet: header frozen, filter on every column, widths to the text."""
        ws = self.sheet(table.key)
        columns = [str(c) for c in table.frame.columns]
        widths = [_width(self.cat.column(c)) + 2 for c in columns]
        for j, col in enumerate(columns):
            self.string(ws, 0, j, self.cat.column(col), self.header)
        for i, values in enumerate(table_rows(table), start=1):
            for j, (_, raw) in enumerate(values):
                widths[j] = max(widths[j], min(self.cell(ws, i, j, raw) + 2, 60))
        for j, width in enumerate(widths):
            ws.set_column(j, j, max(width, 8))
        ws.freeze_panes(1, 0)
        ws.autofilter(0, 0, len(table.frame), len(columns) - 1)


def _section_lines(section: Any) -> list[str]:
    lines = list(section.paragraphs)
    for block in section.lists:
        lines.extend([block.intro] if block.intro else [])
        lines.extend(f"・{item}" for item in block.items)
    return lines


def _summary_sheet(b: _Book, report: Report) -> None:
    """The first sheet: title, findings, the report at a glance and the sections (not the
    method sections), one line per row."""
    ws = b.sheet("report")
    ws.set_column(0, 0, 100)
    ws.set_column(1, 6, 14)
    row = _title_rows(b, ws, report)
    if report.findings:
        row = _finding_rows(b, ws, report, row + 1)
    if report.glance is not None and not report.glance.empty:
        row += 1
        b.string(ws, row, 0, b.cat.t("glance.title"), b.head)
        row = b.table(ws, report.glance, row + 1)
    for section in report.sections:
        if section.key not in METHOD_SECTIONS:
            row = _section_rows(b, ws, section, row + 1)


def _title_rows(b: _Book, ws: Worksheet, report: Report) -> int:
    """Title, other-language name, subtitle, data date and version; the next row."""
    cat = b.cat
    b.string(ws, 0, 0, report.title, b.title)
    row = 1
    generated = cat.t(
        "report.generated",
        version=report.meta.get("version", ""),
        date=report.meta.get("created", ""),
    )
    data_date = cat.t("report.data_date", date=report.data_date) if report.data_date else ""
    for line in (report.other_name, report.subtitle, data_date, generated):
        if line:
            b.string(ws, row, 0, line, b.plain)
            row += 1
    return row


def _finding_rows(b: _Book, ws: Worksheet, report: Report, row: int) -> int:
    """The numbered findings from ``row``, each with the section to see; the next row."""
    titles = {s.key: s.title for s in report.sections}
    b.string(ws, row, 0, b.cat.t("report.findings"), b.head)
    row += 1
    for n, finding in enumerate(report.findings, start=1):
        see = b.cat.t("report.see", section=titles.get(finding.target, finding.target))
        b.string(ws, row, 0, f"{n}. {finding.text} {see}", b.text)
        row += 1
    return row


def _section_rows(b: _Book, ws: Worksheet, section: Any, row: int) -> int:
    """One section from ``row``: title, lines, and (summary and profile only) its tables;
    the next row."""
    b.string(ws, row, 0, section.title, b.head)
    row += 1
    for line in _section_lines(section):
        b.string(ws, row, 0, line, b.text)
        row += 1
    if section.key in ("summary", "profile"):
        for table in section.tables:
            if table.empty:
                continue
            b.string(ws, row, 0, b.cat.t(f"table.{table.key}"), b.head)
            row = b.table(ws, table, row + 1) + 1
    return row


def _method_sheet(b: _Book, report: Report) -> None:
    ws = b.sheet("method")
    ws.set_column(0, 0, 60)
    ws.set_column(1, 3, 30)
    row = 0
    for section in report.sections:
        if section.key not in METHOD_SECTIONS:
            continue
        b.string(ws, row, 0, section.title, b.head)
        row += 1
        for line in _section_lines(section):
            b.string(ws, row, 0, line, b.text)
            row += 1
        for table in section.tables:
            b.string(ws, row, 0, b.cat.t(f"table.{table.key}"), b.head)
            row = b.table(ws, table, row + 1) + 1
        row += 1


def write_excel(report: Report, path: Path) -> None:
    """Write ``report`` as an .xlsx workbook at ``path`` (at most :data:`MAX_SHEETS` sheets)."""
    b = _Book(report, path)
    b.book.set_properties({"title": report.title, "subject": report.subtitle, "author": "kizuna"})
    _summary_sheet(b, report)
    for table in report.sheets:
        if len(table.frame):
            b.data_sheet(table)
    figures = report.figures()
    if figures:
        ws = b.sheet("figures")
        row = 0
        for figure in figures:
            b.string(ws, row, 0, figure.caption, b.head)
            ws.insert_image(
                row + 1,
                0,
                f"{figure.key}.png",
                {"image_data": io.BytesIO(figure.png), "x_scale": 0.6, "y_scale": 0.6},
            )
            height = int.from_bytes(figure.png[20:24], "big")  # PNG IHDR height
            row += int(height * 0.6 / 20) + 4
    _method_sheet(b, report)
    b.book.close()
