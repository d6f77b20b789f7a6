"""A bundle file's bytes as text: encodings, byte-order marks, line endings, quotes.

Encodings read: UTF-8 (with or without a byte-order mark), CP932 (Windows Shift_JIS,
Excel's Japanese default), UTF-16 and UTF-32 with a byte-order mark (Excel's "Unicode
text").  UTF-16 or UTF-32 without a byte-order mark cannot be told apart reliably from
other bytes and is refused with a plain message, as is a file of NUL bytes.

Line endings: ``\\r\\n``, ``\\n``, and a lone ``\\r`` (old Mac files): a file whose first
line ends with a lone ``\\r`` has every lone ``\\r`` read as a line break.
"""

from __future__ import annotations

import re
from typing import TypeVar

from kizuna.loaders.problems import LoadProblem, problem

BOM = b"\xef\xbb\xbf"
_UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
#: Bytes looked at to recognise UTF-16/UTF-32 without a byte-order mark.
SNIFF_BYTES = 4096
_SAVE_AS = "save the file from Excel as 'CSV UTF-8 (comma delimited)' (CSV UTF-8)"

Buf = TypeVar("Buf", bytes, str)


def wide_encoding(data: bytes) -> str | None:
    """``utf-16`` / ``utf-32`` when ``data`` starts with their byte-order mark."""
    if data.startswith(_UTF32_BOMS):
        return "utf-32"
    if data.startswith(_UTF16_BOMS):
        return "utf-16"
    return None


def unsupported(data: bytes, label: str, table: str) -> LoadProblem | None:
    """The problem of bytes that are not text kizuna can read, or None.

    A file of NUL bytes only, and UTF-16/UTF-32 without a byte-order mark (recognised by
    where the NUL bytes of its first characters fall), are refused.
    """
    if wide_encoding(data):
        return None
    head = data[:SNIFF_BYTES]
    if b"\0" not in head:
        return None
    if not data.strip(b"\0 \t\r\n"):
        return _unreadable(
            label,
            table,
            "the file holds only NUL bytes (zeros), no text",
            "the file is damaged or is not a CSV file: export it again from the program "
            "that made it",
        )
    n = len(head) // 4 * 4
    if n < 8:
        return None
    zeros = [head[k:n:4].count(0) / (n // 4) for k in range(4)]
    if zeros[0] > 0.9 and zeros[1] > 0.9:
        name = "UTF-32 (big-endian)"
    elif zeros[2] > 0.9 and zeros[3] > 0.9:
        name = "UTF-32 (little-endian)"
    elif min(zeros[0], zeros[2]) > 0.3 and max(zeros[1], zeros[3]) < 0.05:
        name = "UTF-16 (big-endian)"
    elif min(zeros[1], zeros[3]) > 0.3 and max(zeros[0], zeros[2]) < 0.05:
        name = "UTF-16 (little-endian)"
    else:
        return None  # NUL bytes in some cells: reported cell by cell
    return _unreadable(
        label,
        table,
        f"the file looks like {name} text without a byte-order mark, which kizuna "
        "cannot read reliably",
        _SAVE_AS,
    )


def _unreadable(label: str, table: str, message: str, hint: str) -> LoadProblem:
    return problem("unreadable", label, None, None, message, hint, table=table)


def bom_length(data: bytes, label: str, table: str) -> tuple[int, list[LoadProblem]]:
    """Bytes taken by the UTF-8 byte-order mark(s) at the start; a problem for two or more."""
    offset = 0
    while data.startswith(BOM, offset):
        offset += len(BOM)
    if offset <= len(BOM):
        return offset, []
    twice = problem(
        "encoding",
        label,
        1,
        None,
        f"the file starts with {offset // len(BOM)} byte-order marks (BOM) instead of one",
        "open the file in a text editor or Excel and save it again as CSV UTF-8",
        table=table,
    )
    return offset, [twice]


def line_of(data: Buf, pos: int) -> int:
    """The 1-based line number of position ``pos``."""
    newline = b"\n" if isinstance(data, bytes) else "\n"
    return data.count(newline, 0, pos) + 1


def decode(data: bytes, label: str, table: str) -> tuple[str | None, str, list[LoadProblem]]:
    """Detect the encoding of ``data`` (the leading byte-order marks are dropped).

    Returns
    -------
    (text or None, encoding, problems)
        ``text`` is None when the bytes are valid UTF-8 (the caller can use them as they
        are); otherwise the decoded text (UTF-16/32, CP932, or UTF-8 with U+FFFD
        replacements and a problem naming the row of the first bad bytes).
    """
    wide = wide_encoding(data)
    if wide:
        try:
            return data.decode(wide).lstrip("\ufeff"), wide, []
        except UnicodeDecodeError as exc:
            text = data.decode(wide, errors="replace").lstrip("\ufeff")
            row = line_of(text, text.find("\ufffd"))
            return text, wide, [_bad_bytes(label, table, row, data[exc.start : exc.end], wide)]
    offset, _ = bom_length(data, label, table)
    if offset:
        data = data[offset:]
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
    bad = _bad_bytes(label, table, line_of(data, pos), data[pos : pos + 2], encoding)
    return data.decode(encoding, errors="replace"), encoding, [bad]


def _bad_bytes(label: str, table: str, row: int, raw: bytes, encoding: str) -> LoadProblem:
    return problem(
        "encoding",
        label,
        row,
        None,
        f"the file is neither UTF-8 nor Shift_JIS (CP932): undecodable bytes "
        f"{raw!r} (read as {encoding}, the bad characters were replaced by �)",
        "save the file from Excel as 'CSV UTF-8 (comma delimited)', or fix the characters "
        "in that row",
        table=table,
    )


def lone_cr_lines(data: bytes) -> bytes:
    """``data`` with every line break as ``\\n`` when its first line ends with a lone
    ``\\r`` (old Mac files); unchanged otherwise."""
    i = data.find(b"\r")
    if i < 0:
        return data
    j = data.find(b"\n")
    if 0 <= j < i or data[i + 1 : i + 2] == b"\n":
        return data
    return data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")


def _fields_pattern(delimiter: str) -> re.Pattern[bytes]:
    """Records of CSV, as far as they go: each value quoted (``"…"`` with ``""`` inside,
    anything up to the delimiter after it) or not (not starting with a quote), then the
    delimiter or a line break.  Possessive quantifiers: no backtracking, constant memory."""
    d = re.escape(delimiter.encode())
    rest = rb"[^" + d + rb"\r\n]*+"
    quoted = rb'"[^"]*+(?:""[^"]*+)*+"'
    field = rb"(?:" + quoted + rest + rb"|[^\"" + d + rb"\r\n]" + rest + rb"|)"
    return re.compile(rb"(?:" + field + rb"(?:" + d + rb"|\r\n?|\n))*+" + field)


_FIELDS = {d: _fields_pattern(d) for d in (",", "\t")}


def unclosed_quote(data: bytes, delimiter: str, *, start: int = 0) -> int | None:
    """The position of a quote that opens a value and is never closed, or None.

    A quote opens a value at the start of a line or right after ``delimiter``; inside a
    quoted value ``""`` is an escaped quote; a quote inside an unquoted value is kept as
    it is.  Only files with an odd number of ``"`` can hold an unclosed one, so the
    others are not scanned; the scan runs in the regular-expression engine (~100 MB/s).
    """
    if data.count(b'"') % 2 == 0:
        return None
    pattern = _FIELDS.get(delimiter) or _fields_pattern(delimiter)
    m = pattern.match(data, start)
    end = m.end() if m else start
    return end if end < len(data) and data[end : end + 1] == b'"' else None
