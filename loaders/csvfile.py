"""CSV bytes → :class:`RawTable`: encoding detection and a fast pyarrow parse.

Every cell is read as text (normalization and typing happen later, in
:mod:`loaders.normalize`).  The fast path hands the bytes to pyarrow's multi-threaded
CSV parser with every column typed ``string``; files it cannot take (rows with a wrong
number of cells, blank lines in the middle) go through Python's :mod:`csv` module, which
keeps exact spreadsheet row numbers and reports each bad row.

Encoding: a UTF-8 byte-order mark means UTF-8; otherwise UTF-8 is tried first, then
CP932 (Windows Shift_JIS, Excel's Japanese default).  Bytes that neither decodes are
reported with the row they sit in, and replaced by U+FFFD so the rest can be checked.
"""

from __future__ import annotations

import csv
import io
import logging
import unicodedata
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

from kizuna.loaders.problems import LoadProblem, problem

log = logging.getLogger(__name__)

BOM = b"\xef\xbb\xbf"
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

    @property
    def n_rows(self) -> int:
        return len(self.columns[0]) if self.columns else 0

    def row_of(self, index: int) -> int:
        return int(self.rows[index]) if self.rows is not None else index + 2


def clean_header(name: object) -> str:
    """A header cell as a column name: NFKC (full-width → ASCII), stripped, lower-case."""
    text = "" if name is None else str(name)
    return unicodedata.normalize("NFKC", text).strip().lower()


def _line_of(data: bytes, pos: int) -> int:
    return data.count(b"\n", 0, pos) + 1


def decode(data: bytes, label: str, table: str) -> tuple[str | None, str, list[LoadProblem]]:
    """Detect the encoding of ``data``.

    Returns
    -------
    (text or None, encoding, problems)
        ``text`` is None when the bytes are valid UTF-8 (the caller can use them as they
        are); otherwise the decoded text (CP932, or UTF-8 with U+FFFD replacements).
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text"
        return data.decode("utf-16", errors="replace").lstrip("\ufeff"), "utf-16", []
    if data.startswith(BOM):
        data = data[len(BOM) :]
    try:
        data.decode("utf-8")
        return None, "utf-8", []
    except UnicodeDecodeError as exc:
        utf8_pos = exc.start
    try:
        return data.decode("cp932"), "cp932", []
    except UnicodeDecodeError as exc:
        cp932_pos = exc.start
    encoding = "utf-8" if utf8_pos >= cp932_pos else "cp932"
    pos = max(utf8_pos, cp932_pos)
    bad = problem(
        "encoding",
        label,
        _line_of(data, pos),
        None,
        f"the file is neither UTF-8 nor Shift_JIS (CP932): undecodable bytes "
        f"{data[pos : pos + 2]!r} (read as {encoding}, the bad characters were replaced by �)",
        "save the file from Excel as 'CSV UTF-8 (comma delimited)', or fix the characters "
        "in that row",
        table=table,
    )
    return data.decode(encoding, errors="replace"), encoding, [bad]


def read_csv_bytes(
    data: bytes, label: str, table: str
) -> tuple[RawTable | None, list[LoadProblem]]:
    """Parse one CSV file; ``None`` (with a problem) when it has no header row.

    UTF-8 files go straight to pyarrow (which checks the UTF-8 itself); other encodings
    are decoded first (:func:`decode`).
    """
    offset = len(BOM) if data.startswith(BOM) else 0
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
        return None, [empty]
    if not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return _parse_fast(data, offset, label, table), []
        except (pa.ArrowInvalid, UnicodeDecodeError) as exc:
            log.debug("%s: fast parse failed (%s)", label, exc)
    text, encoding, problems = decode(data, label, table)
    log.debug("%s: %s, %d bytes", label, encoding, len(data))
    if text is None:
        text = data[offset:].decode("utf-8")
    elif not problems:
        try:
            return _parse_fast(text.encode("utf-8"), 0, label, table), problems
        except pa.ArrowInvalid as exc:
            log.debug("%s: fast parse failed (%s)", label, exc)
    raw, more = _parse_python(text, label, table)
    return raw, problems + more


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
    header_cells = next(csv.reader([first], delimiter=delimiter), [])
    header = [clean_header(c) for c in header_cells]
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


def _records(text: str) -> list[list[str]]:
    """All records of a CSV text.  A lone carriage return (old Mac files, or a stray one in
    a cell) is read as a line break, as Excel does."""
    body = text.lstrip("\ufeff")
    delimiter = sniff_delimiter(body.split("\n", 1)[0])
    try:
        return list(csv.reader(io.StringIO(body, newline=""), delimiter=delimiter))
    except csv.Error:
        return list(csv.reader(io.StringIO(body, newline=None), delimiter=delimiter))


def _parse_python(text: str, label: str, table: str) -> tuple[RawTable, list[LoadProblem]]:
    try:
        records = _records(text)
    except csv.Error as exc:
        bad = problem(
            "unreadable",
            label,
            None,
            None,
            f"the file cannot be read as CSV ({exc})",
            "open it in Excel and save it again as CSV",
            table=table,
        )
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
    return RawTable(raw.label, raw.table, raw.header, columns, rows)


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
