"""One ``.xlsx`` workbook as a bundle: one sheet per file (``nodes``, ``ties`` …).

Sheet names and header cells are normalized (NFKC, stripped, lower-case; a ``.csv``
ending is dropped), so ``Nodes``, ``nodes.csv`` and ``ｎｏｄｅｓ`` all name the nodes
sheet and ``　id　`` (full-width spaces) is the ``id`` column.  Numbers Excel stores as
floats (``2003.0``) become ``2003``; dates become ISO dates (a year column keeps the
year); booleans ``true``/``false``.  Rows are the sheet's own row numbers.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
import zlib
from pathlib import Path
from typing import Any

from kizuna.graph.bundle import COLUMNS, YEAR_COLUMNS
from kizuna.graph.errors import BundleError
from kizuna.loaders.csvfile import RawTable, clean_header, raw_from_cells
from kizuna.loaders.limits import MAX_COLUMNS, NUL_PATTERN, shown, too_many_columns
from kizuna.loaders.normalize import cell_text
from kizuna.loaders.problems import LoadProblem, problem
from kizuna.loaders.zipread import ZipLimits, check_archive


def _sheet_table(title: str) -> str | None:
    name = clean_header(title)
    for suffix in (".csv", ".json"):
        name = name.removesuffix(suffix)
    return name if name in COLUMNS else None


def read_workbook(
    path: Path, limits: ZipLimits | None = None
) -> tuple[list[RawTable], list[LoadProblem]]:
    """Parse every bundle sheet of the workbook at ``path`` (an .xlsx is a zip: its
    declared sizes are checked against ``limits`` first)."""
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with zipfile.ZipFile(path) as zf:
            check_archive(path.name, zf, limits or ZipLimits.from_env())
        # from bytes: openpyxl refuses a file name without .xlsx (a bundle saved as 'snapshot')
        wb = openpyxl.load_workbook(io.BytesIO(path.read_bytes()), read_only=True, data_only=True)
    except (*_SHEET_ERRORS, AttributeError, InvalidFileException) as exc:
        raise BundleError(
            [
                problem(
                    "unreadable",
                    path.name,
                    None,
                    None,
                    f"the workbook cannot be opened ({shown(str(exc) or type(exc).__name__, 200)})",
                    "save it again from Excel as .xlsx (Excel Workbook)",
                )
            ]
        ) from None
    tables: list[RawTable] = []
    problems: list[LoadProblem] = []
    seen: dict[str, str] = {}
    try:
        for ws in wb.worksheets:
            table = _sheet_table(ws.title)
            label = f"{path.name} [{ws.title}]"
            if table is None:
                problems.append(
                    problem(
                        "unknown_file",
                        label,
                        None,
                        None,
                        f"kizuna does not know the sheet '{ws.title}'; it is ignored",
                        "sheets are named nodes, ties, clusters, programs, participation",
                        table="",
                        warning=True,
                    )
                )
                continue
            if table in seen:
                problems.append(
                    problem(
                        "duplicate_file",
                        label,
                        None,
                        None,
                        f"two sheets for {table}: '{seen[table]}' and '{ws.title}'; "
                        f"only '{seen[table]}' is read",
                        "keep one of them",
                        table=table,
                    )
                )
                continue
            seen[table] = ws.title
            raw, more = _read_sheet(ws, label, table)
            problems += more
            if raw is not None:
                tables.append(raw)
    finally:
        wb.close()
    return tables, problems


#: What a damaged or hostile sheet makes openpyxl raise (a 5001-digit number: ValueError).
_SHEET_ERRORS = (
    ValueError,
    KeyError,
    TypeError,
    IndexError,
    OverflowError,
    RecursionError,
    SyntaxError,  # xml.etree.ElementTree.ParseError
    EOFError,
    OSError,
    zlib.error,
    zipfile.BadZipFile,
    NotImplementedError,  # a member packed with a compression method zipfile lacks
    RuntimeError,  # an encrypted (password-protected) member
)


def _read_sheet(ws: Any, label: str, table: str) -> tuple[RawTable | None, list[LoadProblem]]:
    """One bundle sheet as a raw table, or None and the problem that stopped it."""
    number, header_read = 1, False
    try:
        rows_iter = ws.iter_rows(values_only=True)
        header_row = next(rows_iter, None)
        header_read = True
        if header_row is None or all(v is None for v in header_row):
            empty = problem(
                "empty_file",
                label,
                None,
                None,
                "the sheet is empty",
                "write the column names in row 1, then one row per record",
                table=table,
            )
            return None, [empty]
        header = [clean_header(v) for v in header_row]
        while header and header[-1] == "":
            header.pop()
        if len(header) > MAX_COLUMNS:
            return None, [too_many_columns(len(header), label, table)]
        years = {i for i, h in enumerate(header) if h in YEAR_COLUMNS}
        cells: list[list[str | None]] = []
        numbers: list[int] = []
        for number, values in enumerate(rows_iter, start=2):
            row = [_cell(v, i in years) for i, v in enumerate(values[: len(header)])]
            if all(c is None for c in row):
                continue
            cells.append(row)
            numbers.append(number)
    except _SHEET_ERRORS as exc:
        text = str(exc)
        if "integer string conversion" in text:
            text = "a number with more than 4,300 digits"
        bad = problem(
            "unreadable",
            label,
            number + 1 if header_read else 1,
            None,
            f"the sheet cannot be read from this row on ({shown(text, 200)})",
            "check the cells of that row, or save the workbook again from Excel as .xlsx",
            table=table,
        )
        return None, [bad]
    raw = raw_from_cells(label, table, header, cells, numbers)
    raw.suspect = NUL_PATTERN
    return raw, []


_XML_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _unescape(text: str) -> str:
    """Undo OOXML's ``_xHHHH_`` escapes (control characters such as a carriage return)."""
    if "_x" not in text:
        return text
    return _XML_ESCAPE.sub(_unescaped, text)


def _unescaped(m: re.Match[str]) -> str:
    code = int(m.group(1), 16)
    return m.group(0) if 0xD800 <= code <= 0xDFFF else chr(code)  # no lone surrogates


def _cell(value: object, year: bool) -> str | None:
    if isinstance(value, str):
        return _unescape(value) or None
    if isinstance(value, dt.datetime | dt.date):
        if year:
            return str(value.year)
        if isinstance(value, dt.datetime) and value.time() == dt.time(0):
            return value.date().isoformat()
    return cell_text(value)
