"""A member list (会員名簿) as a table: .xlsx or .csv, its header row found and recognized.

The header row is the one of the first :data:`HEADER_SEARCH_ROWS` rows that holds a name
column and names the most fields (a title line above it, 「TAMA協会 会員名簿 2024年度」,
is skipped).  Header cells
are compared after NFKC, lower case and removing spaces; an exact alias from
:data:`ALIASES` wins, else the first field whose alias the header contains (in the order
of :data:`ALIASES`: 会社名（カナ） is ``name_kana``, 本社所在地 ``address``).  ``--map``
(``name=会社名,prefecture=所在地``) names the columns instead, field by field.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from kizuna.graph.errors import KizunaError
from kizuna.loaders.normalize import cell_text
from kizuna.loaders.textfile import unclosed_quote

#: Fields a member list can give, and the header words that name them (checked in order).
ALIASES: dict[str, tuple[str, ...]] = {
    "name_kana": ("フリガナ", "ふりがな", "カナ", "かな", "よみがな", "読み", "kana", "furigana"),
    "name_en": ("英語名", "英文名", "英文社名", "英語表記", "英名", "english", "name_en", "nameen"),
    "corporate_number": ("法人番号", "corporatenumber", "corporate_number", "houjinbangou"),
    "prefecture": ("都道府県", "prefecture", "県名"),
    "address": ("所在地", "住所", "本社所在地", "本店所在地", "address", "location"),
    "since": (
        "入会年度", "参加年度", "入会年", "参加年", "入会日", "入会", "参加", "since", "joined",
    ),
    "kind": ("種別", "会員区分", "区分", "種類", "kind", "type", "category"),
    "field": ("業種", "分野", "事業内容", "industry", "field", "sector"),
    "note": ("備考", "メモ", "note", "notes", "remarks", "memo"),
    "name": (
        "会社名", "企業名", "法人名", "団体名", "名称", "会員名", "機関名", "組織名",
        "事業所名", "事業者名", "社名", "name", "company", "organization", "organisation",
        "companyname", "organizationname", "organisationname", "membername", "firm",
        "firmname", "corporatename", "会員企業名", "member",
    ),
}  # fmt: skip
#: Header words that name a field only weakly (a header merely containing them loses to
#: any other header of the field): "Member No." is not the name, "Company Name" is.
WEAK: dict[str, tuple[str, ...]] = {"name": ("member", "name", "company", "organization")}
#: Exact headers that still lose to a stronger one ("Member" next to "Company Name").
WEAK_EXACT: dict[str, tuple[str, ...]] = {"name": ("member", "members")}
#: A header naming a number (会員番号, Member No., ID) is never the name column.
_NUMBER_HEADER = re.compile(r"(番号|no\.?|number|num|#|id|№)$|^(no|id)\b")
FIELDS: tuple[str, ...] = tuple(ALIASES)
HEADER_SEARCH_ROWS = 10
#: Longer header cells are compared exactly only (a title line is not a header).
MAX_HEADER_CHARS = 12


class MemberFileError(KizunaError):
    """A member list that cannot be imported: which file, which row, what to do."""


def clean(text: object) -> str:
    """A header cell for comparison: NFKC, lower case, no spaces."""
    return "".join(unicodedata.normalize("NFKC", str(text or "")).lower().split())


def field_of(header: str) -> str | None:
    """The field a header names, or None.

    >>> field_of("会社名"), field_of("本社所在地"), field_of("会社名（カナ）"), field_of("TEL")
    ('name', 'address', 'name_kana', None)
    >>> field_of("Member No."), field_of("Company Name")
    (None, 'name')
    """
    found = field_score(header)
    return found[0] if found else None


def field_score(header: str) -> tuple[str, int] | None:
    """(field, strength) of a header: 3 an exact header, 2 a header containing a field's
    word (or a weak exact one, :data:`WEAK_EXACT`), 1 containing only a weak word
    (:data:`WEAK`); None when it names no field.  In a header row, the strongest header
    of a field is its column (the first of equals); the others are reported unknown."""
    h = clean(header)
    if not h:
        return None
    for name, aliases in ALIASES.items():
        if h in (clean(a) for a in aliases):
            if name == "name" and _NUMBER_HEADER.search(h):
                return None
            return name, 2 if h in WEAK_EXACT.get(name, ()) else 3
    if len(h) > MAX_HEADER_CHARS:  # a title line, not a header cell
        return None
    for name, aliases in ALIASES.items():
        words = [clean(a) for a in aliases if len(clean(a)) >= 2 and clean(a) in h]
        if not words:
            continue
        if name == "name" and _NUMBER_HEADER.search(h):
            return None  # 会員番号, Member No.: a number, never the name
        weak = WEAK.get(name, ())
        return name, 1 if all(w in weak for w in words) else 2
    return None


@dataclass
class MemberTable:
    """The member list's rows under their fields."""

    label: str
    header_row: int
    columns: dict[str, int]  # field → column position
    unknown: list[str] = field(default_factory=list)  # header cells not used
    rows: list[tuple[int, list[str | None]]] = field(default_factory=list)

    def value(self, cells: list[str | None], name: str) -> str | None:
        i = self.columns.get(name)
        if i is None or i >= len(cells):
            return None
        v = cells[i]
        return v.strip() if v is not None and v.strip() else None


def parse_map(text: str | None) -> dict[str, str]:
    """``name=会社名,prefecture=所在地`` → {field: header}."""
    if not text:
        return {}
    out: dict[str, str] = {}
    for part in text.split(","):
        if not part.strip():
            continue
        key, sep, header = part.partition("=")
        key = clean(key)
        if not sep or not header.strip():
            raise MemberFileError(
                f"--map: '{part}' is not field=column — "
                "write e.g. --map 'name=会社名,prefecture=所在地'"
            )
        if key not in ALIASES:
            raise MemberFileError(
                f"--map: unknown field '{key}' — the fields are {', '.join(FIELDS)}"
            )
        out[key] = header.strip()
    return out


def read_cells(path: Path) -> list[tuple[int, list[str | None]]]:
    """(row number as a spreadsheet shows it, cells) of the first sheet / the CSV."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _xlsx_cells(path)
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="strict")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp932")
            except UnicodeDecodeError as exc:
                line = data.count(b"\n", 0, exc.start) + 1
                raise MemberFileError(
                    f"{path.name}, row {line}: the file is neither UTF-8 nor Shift_JIS (CP932) — "
                    "save it from Excel as 'CSV UTF-8 (comma delimited)'"
                ) from None
    first = text.split("\n", 1)[0]
    dialect = "excel-tab" if "\t" in first and "," not in first else "excel"
    start = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    quote = unclosed_quote(data, "\t" if dialect == "excel-tab" else ",", start=start)
    if quote is not None:  # '"' (0x22) is never part of a UTF-8 or CP932 character
        line = data.count(b"\n", 0, quote) + 1
        raise MemberFileError(
            f'{path.name}, row {line}: a quote (") opens a value that is never closed, so the '
            "rest of the file would be one cell — close or remove the quote (or save the list "
            "again from Excel); nothing was written"
        )
    reader = csv.reader(io.StringIO(text, newline=""), dialect=dialect)
    out: list[tuple[int, list[str | None]]] = []
    line = 1
    for cells in reader:
        out.append((line, [c if c != "" else None for c in cells]))
        line = reader.line_num + 1
    return out


def _xlsx_cells(path: Path) -> list[tuple[int, list[str | None]]]:
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        raise MemberFileError(
            f"{path.name}: the workbook cannot be opened ({exc}) — "
            "save it again from Excel as .xlsx"
        ) from None
    try:
        best: list[tuple[int, list[str | None]]] = []
        for ws in wb.worksheets:
            rows = [
                (i, [_xlsx_text(v) for v in values])
                for i, values in enumerate(ws.iter_rows(values_only=True), start=1)
            ]
            if _find_header(rows, {}) is not None:
                return rows
            best = best or rows
        return best
    finally:
        wb.close()


def _xlsx_text(value: object) -> str | None:
    if hasattr(value, "isoformat") and not isinstance(value, str):
        return str(value.isoformat())[:10]
    return cell_text(value)


def _find_header(
    rows: list[tuple[int, list[str | None]]], mapping: dict[str, str]
) -> tuple[int, dict[str, int], list[str]] | None:
    """(index in rows, field → column, unknown headers) of the header row, or None.

    Among the first rows, the one naming the most fields (the first of those) is the header.
    """
    best: tuple[int, dict[str, int], list[str]] | None = None
    for k, (_, cells) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        headers = [c or "" for c in cells]
        columns = _mapped_columns(headers, mapping)
        if "name" in mapping and "name" not in columns:
            continue
        columns.update(_recognized_columns(headers, columns))
        taken = set(columns.values())
        unknown = [h.strip() for i, h in enumerate(headers) if h.strip() and i not in taken]
        if "name" in columns and (best is None or len(columns) > len(best[1])):
            best = (k, columns, unknown)
    return best


def _mapped_columns(headers: list[str], mapping: dict[str, str]) -> dict[str, int]:
    """field → column of the fields given in ``--map`` whose header is in the row."""
    columns: dict[str, int] = {}
    for name, wanted in mapping.items():
        for i, h in enumerate(headers):
            if clean(h) == clean(wanted):
                columns[name] = i
                break
    return columns


def _recognized_columns(headers: list[str], columns: dict[str, int]) -> dict[str, int]:
    """field → column of the fields recognized by their header (:func:`field_score`),
    among the columns and fields not yet taken; the strongest header wins, then the first."""
    used = set(columns.values())
    ranked: dict[str, tuple[int, int]] = {}  # field → (-strength, column): best first
    for i, h in enumerate(headers):
        if i in used or not h.strip():
            continue
        found = field_score(h)
        if found is not None and found[0] not in columns:
            rank = (-found[1], i)
            ranked[found[0]] = min(ranked.get(found[0], rank), rank)
    return {name: i for name, (_, i) in ranked.items()}


def read_member_table(path: str | Path, mapping: dict[str, str] | None = None) -> MemberTable:
    """Read a member list and find its header.

    Raises
    ------
    MemberFileError
        No such file, an unreadable file, no name column, a --map column not in the header.
    """
    p = Path(path)
    if not p.is_file():
        raise MemberFileError(f"{path}: no such file — give a member list (.xlsx or .csv)")
    if p.suffix.lower() in (".xls", ".ods", ".numbers"):
        raise MemberFileError(
            f"{p.name}: kizuna reads .xlsx and .csv member lists — open it in Excel and save "
            "it as .xlsx (Excel Workbook) or CSV UTF-8; nothing was written"
        )
    mapping = mapping or {}
    rows = read_cells(p)
    found = _find_header(rows, mapping)
    if found is None:
        head = [c for _, c in rows[:HEADER_SEARCH_ROWS] if any(c)]
        first = next((c for c in head if sum(1 for v in c if v) >= 2), head[0] if head else [])
        seen = ", ".join(str(c) for c in first if c) or "nothing"
        if mapping:
            raise MemberFileError(
                f"{p.name}, row 1: the columns {', '.join(mapping.values())} given in --map are "
                f"not in the header (found: {seen}); nothing was written"
            )
        raise MemberFileError(
            f"{p.name}, row 1: no column with the organizations' names (found: {seen}) — name it "
            "会社名, 企業名, 法人名, 団体名, 名称 or name, or say which it is: "
            "--map 'name=<its header>'; nothing was written"
        )
    k, columns, unknown = found
    header_row = rows[k][0]
    missing = [h for f, h in mapping.items() if f not in columns]
    if missing:
        raise MemberFileError(
            f"{p.name}, row {header_row}: the columns {', '.join(missing)} given in --map are "
            "not in the header; nothing was written"
        )
    return MemberTable(p.name, header_row, columns, unknown, rows[k + 1 :])
