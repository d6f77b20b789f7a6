"""Cells a person may open in Excel: never a formula, and text read back exactly.

A spreadsheet treats a cell that begins with ``=``, ``+``, ``-`` or ``@`` (and, in some
programs, a tab or a carriage return) as a formula: ``=HYPERLINK(...)`` sends data out,
``=cmd|' /C calc'!A0`` runs a program (CSV/formula injection, OWASP).  Every writer of
a file meant for people goes through this module:

- **CSV** (bundles, ``kizuna analyze`` outputs, the app's downloads): a text cell that
  begins with one of ``= + - @ TAB CR`` gets a leading apostrophe ``'`` (OWASP's advice;
  Excel shows the text, never runs it).  So that the escaping can be undone exactly, a
  cell that begins with apostrophes followed by one of those characters (``'=1``) gets
  one more: :func:`unescape_csv_cell` removes one leading ``'`` from any cell matching
  ``'+[=+\\-@\\t\\r]...`` and ``unescape_csv_cell(safe_csv_cell(s)) == s`` for every
  string ``s``.  Numbers are written as numbers (``-2.5`` stays ``-2.5``): only text
  cells are escaped.
- **Excel** (``.xlsx``): every text is written as a string cell (xlsxwriter's
  ``write_string``, and workbooks opened with ``strings_to_formulas`` off), numbers as
  numbers; no apostrophe is added, the text is kept as it is.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from kizuna.graph.errors import KizunaError

if TYPE_CHECKING:
    import xlsxwriter
    from xlsxwriter.format import Format
    from xlsxwriter.worksheet import Worksheet

__all__ = [
    "EXCEL_MAX_ROWS",
    "FORMULA_CHARS",
    "WORKBOOK_OPTIONS",
    "excel_cell",
    "excel_text",
    "is_formula_like",
    "people_csv",
    "safe_csv_cell",
    "safe_csv_column",
    "safe_csv_frame",
    "safe_workbook",
    "unescape_csv_cell",
    "unescape_csv_column",
    "write_excel_frame",
    "xlsx_bytes",
]

#: Rows of an Excel sheet, the header included.
EXCEL_MAX_ROWS = 1_048_576
#: First characters that make a spreadsheet read a cell as a formula (OWASP).
FORMULA_CHARS = "=+-@\t\r"
_RISKY = re.compile(r"'*[=+\-@\t\r]")
#: The same, as an RE2 pattern for pyarrow (anchored at the start of the cell).
_RISKY_RE2 = r"^'*[=+\-@\t\r]"
_ESCAPED_RE2 = r"^'('*[=+\-@\t\r])"
_FIRST_CHARS = pa.array(list(FORMULA_CHARS + "'"), type=pa.string())

#: xlsxwriter options for every workbook kizuna writes: text never becomes a formula,
#: a link or a number.
WORKBOOK_OPTIONS: dict[str, Any] = {
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}


def is_formula_like(text: str) -> bool:
    """True when a spreadsheet could read ``text`` as a formula, or when it begins with
    apostrophes followed by such a character (so it is escaped too, to stay reversible).

    >>> [is_formula_like(s) for s in ("=1+1", "-2", "'@x", "a=b", "'", "")]
    [True, True, True, False, False, False]
    """
    return _RISKY.match(text) is not None


def safe_csv_cell(value: Any) -> Any:
    """A CSV cell that no spreadsheet runs: ``'`` before formula-like text.

    Values that are not text (numbers, None) are returned unchanged.

    >>> safe_csv_cell("=HYPERLINK(\\"http://x\\")")
    '\\'=HYPERLINK("http://x")'
    >>> safe_csv_cell("'=1"), safe_csv_cell("TAMA協会"), safe_csv_cell(-2.5)
    ("''=1", 'TAMA協会', -2.5)
    """
    if isinstance(value, str) and _RISKY.match(value):
        return "'" + value
    return value


def unescape_csv_cell(text: str) -> str:
    """The inverse of :func:`safe_csv_cell` on text.

    >>> unescape_csv_cell("'=1"), unescape_csv_cell("''=1"), unescape_csv_cell("'abc")
    ('=1', "'=1", "'abc")
    """
    if text.startswith("'") and _RISKY.match(text, 1):
        return text[1:]
    return text


def safe_csv_column(values: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    """:func:`safe_csv_cell` on every cell of a pyarrow string column (nulls kept)."""
    if not pa.types.is_string(values.type) and not pa.types.is_large_string(values.type):
        return values
    risky = _risky_mask(values)
    if risky is None:
        return values
    return pc.if_else(risky, pc.binary_join_element_wise("'", values, ""), values)


def _risky_mask(values: pa.Array | pa.ChunkedArray) -> Any:
    """Where ``values`` is formula-like (pyarrow booleans, null for null), or None when
    no cell is.  The first character is checked first (half the cost of the regex)."""
    first = pc.utf8_slice_codeunits(values, 0, 1)
    if not pc.any(pc.is_in(first, value_set=_FIRST_CHARS)).as_py():
        return None
    risky = pc.match_substring_regex(values, _RISKY_RE2)
    return risky if pc.any(risky).as_py() else None


def unescape_csv_column(values: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    """:func:`unescape_csv_cell` on every cell of a pyarrow string column (nulls kept)."""
    if not pc.any(pc.starts_with(values, "'")).as_py():
        return values
    return pc.replace_substring_regex(values, _ESCAPED_RE2, r"\1", max_replacements=1)


def safe_csv_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with :func:`safe_csv_cell` applied to its text cells (a copy when any
    cell changes; numeric columns are left as they are) and to its column names."""
    out = frame
    for i in range(frame.shape[1]):
        values = frame.iloc[:, i]
        if values.dtype != object and not pd.api.types.is_string_dtype(values.dtype):
            continue
        risky = _risky_cells(values)
        if risky.any():
            if out is frame:
                out = frame.copy()
            cells = values.to_numpy(dtype=object).copy()
            cells[risky] = ["'" + v for v in cells[risky]]
            out.isetitem(i, cells)
    names = [safe_csv_cell(c) for c in frame.columns]
    if names != list(frame.columns):
        out = out.set_axis(names, axis=1)
    return out


def people_csv(frame: pd.DataFrame, target: str | Path | None = None) -> str | None:
    """Write ``frame`` as a CSV file meant for people (Excel): UTF-8 with a byte-order
    mark, CRLF line ends (so a cell holding a line break or a lone CR is quoted: with
    ``\\n`` line ends Python's csv writer leaves a lone CR bare, and Excel would start a
    new row there), text escaped by :func:`safe_csv_frame`, NaN/None as empty cells.

    Returns the text (BOM first) when ``target`` is None.
    """
    safe = safe_csv_frame(frame)
    if target is None:
        return "\ufeff" + safe.to_csv(index=False, na_rep="", lineterminator="\r\n")
    safe.to_csv(target, index=False, encoding="utf-8-sig", na_rep="", lineterminator="\r\n")
    return None


def _risky_cells(values: pd.Series) -> np.ndarray:
    """Boolean mask of the formula-like text cells of a text (or object) column."""
    try:  # text and empty cells only: vectorised
        text = pa.array(values, type=pa.string(), from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError):  # other objects too (numbers, lists)
        cells = values.to_numpy(dtype=object)
        return np.fromiter(
            (isinstance(v, str) and _RISKY.match(v) is not None for v in cells),
            dtype=bool,
            count=len(cells),
        )
    mask = _risky_mask(text)
    if mask is None:
        return np.zeros(len(values), dtype=bool)
    return np.asarray(pc.fill_null(mask, False).to_numpy(zero_copy_only=False), dtype=bool)


def safe_workbook(target: str | Path | io.BytesIO, **options: Any) -> xlsxwriter.Workbook:
    """An xlsxwriter workbook that never turns text into formulas, links or numbers."""
    import xlsxwriter

    merged = dict(WORKBOOK_OPTIONS)
    merged.update(options)
    if isinstance(target, io.BytesIO):
        merged.setdefault("in_memory", True)
        return xlsxwriter.Workbook(target, merged)
    return xlsxwriter.Workbook(str(target), merged)


def excel_text(sheet: Worksheet, row: int, col: int, text: Any, fmt: Format | None = None) -> None:
    """Write ``text`` as a string cell (never a formula), whatever it begins with."""
    sheet.write_string(row, col, str(text), fmt)


def excel_cell(sheet: Worksheet, row: int, col: int, value: Any, fmt: Format | None = None) -> None:
    """Write one value by its type: blank (None/NaN), boolean, number, else string."""
    if value is None or value is pd.NA or value is pd.NaT:
        sheet.write_blank(row, col, None, fmt)
    elif isinstance(value, bool | np.bool_):
        sheet.write_boolean(row, col, bool(value), fmt)
    elif isinstance(value, int | float | np.integer | np.floating):
        number = float(value)
        if math.isnan(number):
            sheet.write_blank(row, col, None, fmt)
        elif math.isinf(number):
            sheet.write_string(row, col, str(number), fmt)
        else:
            sheet.write_number(row, col, number, fmt)
    elif isinstance(value, list | tuple):
        sheet.write_string(row, col, " / ".join(map(str, value)), fmt)
    else:
        sheet.write_string(row, col, str(value), fmt)


def write_excel_frame(
    book: xlsxwriter.Workbook,
    frame: pd.DataFrame,
    sheet_name: str,
    *,
    header_format: Format | None = None,
    formats: Mapping[str, Format] | None = None,
) -> Worksheet:
    """Write ``frame`` on a new sheet of ``book``: header row, then one row per record;
    text as strings (never formulas), numbers as numbers, empty values blank.

    Raises
    ------
    KizunaError
        ``frame`` has more rows than a sheet holds (``EXCEL_MAX_ROWS`` with the header):
        Excel would silently lose the rest.
    """
    if len(frame) + 1 > EXCEL_MAX_ROWS:
        raise KizunaError(
            f"{len(frame):,} rows are more than an Excel sheet holds "
            f"({EXCEL_MAX_ROWS - 1:,}); save as CSV instead"
        )
    sheet = book.add_worksheet(sheet_name[:31])
    formats = formats or {}
    for j, col in enumerate(frame.columns):
        excel_text(sheet, 0, j, col, header_format)
    for j, col in enumerate(frame.columns):
        fmt = formats.get(str(col))
        for i, value in enumerate(frame.iloc[:, j].to_numpy(dtype=object), start=1):
            excel_cell(sheet, i, j, value, fmt)
    return sheet


def xlsx_bytes(frame: pd.DataFrame, sheet_name: str) -> bytes:
    """``frame`` as an .xlsx workbook of one sheet (see :func:`write_excel_frame`)."""
    buffer = io.BytesIO()
    book = safe_workbook(buffer)
    try:
        write_excel_frame(book, frame, sheet_name)
    finally:
        book.close()
    return buffer.getvalue()
