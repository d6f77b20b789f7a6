"""Excel output: a text sheet, one sheet per table (numbers as numbers), and the figures.

Column headers are in the report language (Japanese for ``--lang ja``); numeric cells are
written as numbers, empty values as blank cells, so the workbook sorts and sums in Excel.
"""

from __future__ import annotations

import io
import logging
import unicodedata
from pathlib import Path
from typing import Any

import numpy as np
import xlsxwriter

from kizuna.reports.i18n import Catalogue
from kizuna.reports.model import Report
from kizuna.reports.render import _missing, is_number, table_rows

logger = logging.getLogger(__name__)

_FORBIDDEN = str.maketrans({c: "_" for c in "[]:*?/\\"})


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
    """A cell value for xlsxwriter: int, float, str or None (blank)."""
    if _missing(value):
        return None
    if is_number(value):
        if isinstance(value, int | np.integer):
            return int(value)
        return float(value)
    return str(value)


def write_excel(report: Report, path: Path) -> None:
    """Write ``report`` as an .xlsx workbook at ``path``.

    Sheets: the report text (title, sentences), then one sheet per table named after the
    table's caption in the report language, then the figures as PNG images.
    """
    cat = Catalogue(report.lang)
    book = xlsxwriter.Workbook(str(path), {"nan_inf_to_errors": True})
    font = "Yu Gothic" if report.lang == "ja" else "Calibri"  # present on Windows and macOS
    book.set_properties(
        {
            "title": report.title,
            "subject": report.subtitle,
            "author": "kizuna",
            "comments": cat.t(
                "report.generated",
                version=report.meta.get("version", ""),
                date=report.meta.get("created", ""),
            ),
        }
    )
    bold = book.add_format({"bold": True, "bg_color": "#E8EEF4", "border": 1, "font_name": font})
    title = book.add_format({"bold": True, "font_size": 14, "font_name": font})
    head = book.add_format({"bold": True, "font_size": 11, "font_name": font})
    text = book.add_format({"text_wrap": True, "valign": "top", "font_name": font})
    plain = book.add_format({"font_name": font})
    decimal = book.add_format({"num_format": "0.000", "font_name": font})
    taken: set[str] = set()

    sheet = book.add_worksheet(sheet_name(cat.t("sheet.report"), taken))
    sheet.set_column(0, 0, 110)
    row = 0
    sheet.write(row, 0, report.title, title)
    row += 1
    for line in (
        report.subtitle,
        cat.t(
            "report.generated",
            version=report.meta.get("version", ""),
            date=report.meta.get("created", ""),
        ),
    ):
        if line:
            sheet.write(row, 0, line, plain)
            row += 1
    for section in report.sections:
        row += 1
        sheet.write(row, 0, section.title, head)
        row += 1
        lines = list(section.paragraphs)
        for block in section.lists:
            lines.extend([block.intro] if block.intro else [])
            lines.extend(f"・{item}" for item in block.items)
        for line in lines:
            sheet.write(row, 0, line, text)
            row += 1

    for table in report.tables():
        if table.empty:
            continue
        ws = book.add_worksheet(sheet_name(cat.t(f"table.{table.key}"), taken))
        columns = [str(c) for c in table.frame.columns]
        widths = [_width(cat.column(c)) + 2 for c in columns]
        for j, col in enumerate(columns):
            ws.write(0, j, cat.column(col), bold)
        for i, values in enumerate(table_rows(table), start=1):
            for j, (_, raw) in enumerate(values):
                value = _value(raw)
                if isinstance(value, float):
                    ws.write_number(i, j, value, decimal)
                elif isinstance(value, int):
                    ws.write_number(i, j, value, plain)
                elif value is None:
                    ws.write_blank(i, j, None, plain)
                else:
                    ws.write_string(i, j, value, plain)
                    widths[j] = max(widths[j], min(_width(value) + 2, 60))
        for j, width in enumerate(widths):
            ws.set_column(j, j, max(width, 8))
        ws.freeze_panes(1, 0)
        ws.autofilter(0, 0, len(table.frame), len(columns) - 1)

    figures = report.figures()
    if figures:
        ws = book.add_worksheet(sheet_name(cat.t("sheet.figures"), taken))
        row = 0
        for figure in figures:
            ws.write(row, 0, figure.caption, head)
            ws.insert_image(
                row + 1,
                0,
                f"{figure.key}.png",
                {"image_data": io.BytesIO(figure.png), "x_scale": 0.6, "y_scale": 0.6},
            )
            height = int.from_bytes(figure.png[20:24], "big")  # PNG IHDR height
            row += int(height * 0.6 / 20) + 4
    book.close()
