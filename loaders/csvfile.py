"""CSV bytes → :class:`RawTable`: encoding detection and a fast pyarrow parse.

Every cell is read as text (normalization and typing happen later, in
:mod:`loaders.normalize`).  The fast path hands the bytes to pyarrow's multi-threaded
CSV parser with every column typed ``string``; files it cannot take (rows with a wrong
number of cells, blank lines in the middle) go through Python's :mod:`csv` module, which
keeps exact spreadsheet row numbers and reports each bad row.

Encoding (:mod:`loaders.textfile`): a UTF-8 byte-order mark means UTF-8; otherwise
UTF-8 is tried first, then CP932 (Windows Shift_JIS, Excel's Japanese default); UTF-16
and UTF-32 need their byte-order mark.  Bytes that neither decodes are reported with the
row they sit in, and replaced by U+FFFD so the rest can be checked.  A file that cannot
be a table at all (no text, more than ``MAX_COLUMNS`` columns, a quote never closed) is
one problem and no table.
"""

from __future__ import annotations

import csv
import io
import logging
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

from kizuna.graph.cells import unescape_csv_cell, unescape_csv_column
from kizuna.loaders.limits import CP932_PATTERN, MAX_COLUMNS, NUL_PATTERN, too_many_columns
from kizuna.loaders.problems import LoadProblem, problem
from kizuna.loaders.textfile import (
    bom_length,
    decode,
    line_of,
    lone_cr_lines,
    unclosed_quote,
    unsupported,
    wide_encoding,
)

log = logging.getLogger(__name__)

#: The longest cell the Python CSV parser reads (characters); pyarrow has no such limit.
MAX_CELL_CHARS = 1 << 24
#: Bytes per pyarrow parse block (one chunk of each column per block).
BLOCK_SIZE = 1 << 24
#: At most this many rows with too many cells are listed, then a summary.
MAX_RAGGED = 100


@dataclass
class RawTable:
    """One bundle file as text: header names and one pyarrow string array per column.

    ``rows`` holds the spreadsheet row number of each data row (header = 1) when it is not
    simply ``index + 2``; ``None`` otherwise.  Empty cells are null.
    """

    label: str
    table: str
    header: list[str]
    columns: list[pa.Array | pa.ChunkedArray]
    rows: np.ndarray | None = None
    #: A pyarrow regex of characters to refuse in every cell (NUL bytes, CP932's
    #: private-use characters; see :mod:`loaders.limits`), or "" to skip the scan.
    suspect: str = ""

    @property
    def n_rows(self) -> int:
        return len(self.columns[0]) if self.columns else 0

    def row_of(self, index: int) -> int:
        return int(self.rows[index]) if self.rows is not None else index + 2


def clean_header(name: object) -> str:
    """A header cell as a column name: NFKC (full-width → ASCII), stripped, lower-case
    (a lone surrogate, possible in a JSON key, is replaced by "?")."""
    text = "" if name is None else str(name)
    if not text.isascii():
        text = text.encode("utf-8", "replace").decode("utf-8")
    return unicodedata.normalize("NFKC", text).strip().lower()


def read_csv_bytes(
    data: bytes, label: str, table: str
) -> tuple[RawTable | None, list[LoadProblem]]:
    """Parse one CSV file; ``None`` (with a problem) when it cannot be read as a table
    (empty, not text, too many columns, an unclosed quote …).

    UTF-8 files go straight to pyarrow (which checks the UTF-8 itself); other encodings
    are decoded first (:func:`loaders.textfile.decode`).  The apostrophe kizuna's writer
    puts before text a spreadsheet would read as a formula (``'=1``) is removed
    (:mod:`graph.cells`).
    """
    raw, problems = _read_csv(data, label, table)
    return (None if raw is None else unescape_formulas(raw)), problems


def unescape_formulas(raw: RawTable) -> RawTable:
    """``raw`` with :func:`graph.cells.unescape_csv_cell` applied to its header and cells."""
    raw.header = [unescape_csv_cell(h) for h in raw.header]
    raw.columns = [unescape_csv_column(c) for c in raw.columns]
    return raw


def _read_csv(data: bytes, label: str, table: str) -> tuple[RawTable | None, list[LoadProblem]]:
    bad = unsupported(data, label, table)
    if bad is not None:
        return None, [bad]
    if wide_encoding(data):  # UTF-16/32 with a byte-order mark: read as UTF-8 from here
        text, _, problems = decode(data, label, table)
        assert text is not None
        raw, more = _read_csv(text.encode("utf-8", errors="replace"), label, table)
        return raw, problems + more
    offset, problems = bom_length(data, label, table)
    if not data[offset : offset + 4096].strip() and not data[offset:].strip():
        empty = problem(
            "empty_file",
            label,
            None,
            None,
            "the file is empty",
            "write the header row (column names) on the first line, then one row per record",
            table=table,
        )
        return None, [*problems, empty]
    data = lone_cr_lines(data)
    refused = _structure(data, offset, label, table)
    if refused:
        return None, problems + refused
    suspect = NUL_PATTERN if b"\0" in data else ""
    try:
        return _with_suspect(_parse_fast(data, offset, label, table), suspect), problems
    except (pa.ArrowInvalid, UnicodeDecodeError) as exc:
        log.debug("%s: fast parse failed (%s)", label, exc)
    text, encoding, more = decode(data, label, table)
    problems += more
    log.debug("%s: %s, %d bytes", label, encoding, len(data))
    if encoding == "cp932" and not more:  # (bytes it could not decode are reported already)
        suspect = f"{suspect}|{CP932_PATTERN}" if suspect else CP932_PATTERN
    if text is None:
        text = data[offset:].decode("utf-8")
    elif not more:
        try:
            raw = _parse_fast(text.encode("utf-8"), 0, label, table)
            return _with_suspect(raw, suspect), problems
        except pa.ArrowInvalid as exc:
            log.debug("%s: fast parse failed (%s)", label, exc)
    raw, more = _parse_python(text, label, table)
    return _with_suspect(raw, suspect), problems + more


def _with_suspect(raw: RawTable, suspect: str) -> RawTable:
    raw.suspect = suspect
    return raw


def _first_line(data: bytes, offset: int) -> str:
    """The header line, decoded leniently (only its cells are counted)."""
    end = data.find(b"\n", offset)
    if end < 0:
        end = len(data)
    return data[offset:end].decode("utf-8", errors="replace").rstrip("\r")


def _structure(data: bytes, offset: int, label: str, table: str) -> list[LoadProblem]:
    """Problems that stop the file from being read as a table: an unclosed quote, a
    header row that is not one, or more than ``MAX_COLUMNS`` columns."""
    first = _first_line(data, offset)
    delimiter = sniff_delimiter(first)
    quote = unclosed_quote(data, delimiter, start=offset)
    if quote is not None:
        return [
            problem(
                "unclosed_quote",
                label,
                line_of(data, quote),
                None,
                'a value in this row starts with a quote (") that is never closed, so the '
                "rest of the file would be read as one value",
                "add the closing quote, or remove the opening one (a value holding a comma "
                "or a line break goes between two quotes)",
                table=table,
            )
        ]
    try:
        width = len(header_cells(first, delimiter))
    except csv.Error as exc:
        return [_csv_problem(label, table, 1, exc)]
    if width > MAX_COLUMNS:
        return [too_many_columns(width, label, table)]
    return []


@contextmanager
def _long_cells() -> Iterator[None]:
    """Let :mod:`csv` read cells of up to ``MAX_CELL_CHARS`` characters."""
    old = csv.field_size_limit()
    csv.field_size_limit(max(old, MAX_CELL_CHARS))
    try:
        yield
    finally:
        csv.field_size_limit(old)


def header_cells(line: str, delimiter: str) -> list[str]:
    """The cells of the header line (raises ``csv.Error``)."""
    with _long_cells():
        return next(csv.reader([line], delimiter=delimiter), [])


def _csv_problem(label: str, table: str, row: int | None, exc: csv.Error) -> LoadProblem:
    text = str(exc)
    if "field limit" in text:
        text = f"a value is longer than {MAX_CELL_CHARS:,} characters"
    return problem(
        "unreadable",
        label,
        row,
        None,
        f"the file cannot be read as CSV ({text})",
        "open it in Excel and save it again as CSV UTF-8",
        table=table,
    )


def _parse_fast(data: bytes, offset: int, label: str, table: str) -> RawTable:
    """pyarrow parse of UTF-8 ``data[offset:]``.

    Raises ``pa.ArrowInvalid`` for rows with the wrong number of cells (blank lines
    included), so the caller can use the exact Python parser instead.
    """
    end = data.find(b"\n", offset)
    if end < 0:
        end = len(data)
    first = data[offset:end].decode("utf-8").rstrip("\r")
    delimiter = sniff_delimiter(first)
    header = [clean_header(c) for c in header_cells(first, delimiter)]
    stop = len(data)
    while stop > end and data[stop - 1 : stop] in (b"\n", b"\r"):
        stop -= 1  # trailing blank lines are not rows
    view = memoryview(data)[end + 1 : stop + 1] if end < stop else memoryview(b"")
    rest = pa.py_buffer(view)
    quoted = data.find(b'"', end, stop) >= 0
    columns = _parse_arrow(rest, len(header), quoted=quoted, delimiter=delimiter)
    return drop_blank_rows(RawTable(label, table, header, columns))


def sniff_delimiter(header_line: str) -> str:
    """``,`` normally; a tab when the header has tabs and no commas (Excel's "Unicode text"
    and tab-separated files)."""
    return "\t" if "\t" in header_line and "," not in header_line else ","


def _parse_arrow(
    rest: pa.Buffer, width: int, *, quoted: bool, delimiter: str = ","
) -> list[pa.ChunkedArray]:
    names = [f"c{i}" for i in range(width)]
    table = pacsv.read_csv(
        pa.BufferReader(rest),
        read_options=pacsv.ReadOptions(column_names=names, block_size=BLOCK_SIZE),
        # a blank line becomes a one-cell row: an error for pyarrow unless the file has
        # one column (then a null row, dropped with its row number kept)
        parse_options=pacsv.ParseOptions(
            delimiter=delimiter, newlines_in_values=quoted, ignore_empty_lines=False
        ),
        convert_options=pacsv.ConvertOptions(
            column_types=dict.fromkeys(names, pa.string()),
            strings_can_be_null=True,
            quoted_strings_can_be_null=True,
            null_values=[""],
        ),
    )
    return [table.column(i) for i in range(width)]


class _CsvError(Exception):
    def __init__(self, error: csv.Error, line: int):
        super().__init__(str(error))
        self.error, self.line = error, line


def _read_records(body: str, newline: str | None, delimiter: str) -> list[list[str]]:
    reader = csv.reader(io.StringIO(body, newline=newline), delimiter=delimiter)
    records: list[list[str]] = []
    try:
        with _long_cells():
            records.extend(reader)
    except csv.Error as exc:
        raise _CsvError(exc, reader.line_num) from None
    return records


def _records(text: str) -> list[list[str]]:
    """All records of a CSV text.  A lone carriage return (old Mac files, or a stray one in
    a cell) is read as a line break, as Excel does."""
    body = text.lstrip("\ufeff")
    delimiter = sniff_delimiter(body.split("\n", 1)[0])
    try:
        return _read_records(body, "", delimiter)
    except _CsvError:
        return _read_records(body, None, delimiter)


def _parse_python(text: str, label: str, table: str) -> tuple[RawTable, list[LoadProblem]]:
    try:
        records = _records(text)
    except _CsvError as exc:
        bad = _csv_problem(label, table, exc.line or None, exc.error)
        return RawTable(label, table, [], [], np.zeros(0, dtype=np.int64)), [bad]
    problems: list[LoadProblem] = []
    ragged = 0
    header = [clean_header(c) for c in (records[0] if records else [])]
    width = len(header)
    cells: list[list[str | None]] = [[] for _ in range(width)]
    rows: list[int] = []
    for number, record in enumerate(records[1:], start=2):
        if not any(record):
            continue  # a blank line: not a record, but it still takes a spreadsheet row
        if len(record) > width:
            extra = [c for c in record[width:] if c.strip()]
            ragged += bool(extra)
            if extra and ragged <= MAX_RAGGED:
                problems.append(
                    problem(
                        "ragged_row",
                        label,
                        number,
                        None,
                        f"this row has {len(record)} cells but the header has {width} columns; "
                        f"the extra cells ({', '.join(extra[:3])}) are ignored",
                        "add a column name for the extra cells, or put the value in the "
                        "right column (a comma inside a value needs quotes)",
                        table=table,
                    )
                )
            record = record[:width]
        rows.append(number)
        for i in range(width):
            value = record[i] if i < len(record) else ""
            cells[i].append(value if value != "" else None)
    if ragged > MAX_RAGGED:
        problems.append(
            problem(
                "ragged_row",
                label,
                None,
                None,
                f"… and {ragged - MAX_RAGGED} more rows with more cells than the header",
                "check that the file is a CSV with one header row",
                table=table,
            )
        )
    columns: list[pa.Array | pa.ChunkedArray] = [pa.array(c, type=pa.string()) for c in cells]
    rows_arr = np.asarray(rows, dtype=np.int64)
    return drop_blank_rows(RawTable(label, table, header, columns, rows_arr)), problems


def drop_blank_rows(raw: RawTable) -> RawTable:
    """Drop rows whose cells are all empty (Excel writes blank rows as ``,,,``)."""
    if not raw.columns or raw.n_rows == 0:
        return raw
    blank = np.ones(raw.n_rows, dtype=bool)
    for col in raw.columns:
        blank &= col.is_null().to_numpy(zero_copy_only=False)
    if not blank.any():
        return raw
    keep = np.flatnonzero(~blank)
    rows = raw.rows[keep] if raw.rows is not None else keep + 2
    mask = pa.array(~blank)
    columns = [col.filter(mask) for col in raw.columns]
    return RawTable(raw.label, raw.table, raw.header, columns, rows, raw.suspect)


def raw_from_cells(
    label: str, table: str, header: list[str], rows: list[list[str | None]], numbers: list[int]
) -> RawTable:
    """A :class:`RawTable` from Python cells (Excel sheets, JSON records)."""
    width = len(header)
    columns: list[pa.Array | pa.ChunkedArray] = [
        pa.array([r[i] if i < len(r) else None for r in rows], type=pa.string())
        for i in range(width)
    ]
    return RawTable(label, table, header, columns, np.asarray(numbers, dtype=np.int64))
