"""JSON bundle files: an array of objects, or one object per line (JSON lines).

Field names are the CSV column names.  Rows are reported as the record's number (arrays,
first record = 1) or its line number (JSON lines, whose records are separated by ``\\n``
only: U+2028, U+0085 or a form feed inside a string are text, not line breaks).

A cell is a string, a number, true/false, null, or a list of those (aliases, joined with
``|``).  Objects, nested lists, ``NaN``/``Infinity`` and lone surrogates (``\\ud800``)
are refused, with the record and field.  Integers keep their digits exactly (no limit on
their length).
"""

from __future__ import annotations

import json
import re

from kizuna.loaders.csvfile import RawTable, clean_header, raw_from_cells
from kizuna.loaders.limits import MAX_COLUMNS, NUL_PATTERN, shown, too_many_columns
from kizuna.loaders.normalize import cell_text
from kizuna.loaders.problems import LoadProblem, problem
from kizuna.loaders.textfile import bom_length, decode, unsupported

_SURROGATE = re.compile("[\ud800-\udfff]")
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


class _Constant(str):
    """``NaN``, ``Infinity`` or ``-Infinity`` as written (JSON has no such numbers)."""


def _loads(text: str) -> object:
    return json.loads(text, parse_int=str, parse_constant=_Constant)


def read_json_bytes(
    data: bytes, label: str, table: str
) -> tuple[RawTable | None, list[LoadProblem]]:
    """Parse one JSON / JSON-lines file into a :class:`RawTable`."""
    bad = unsupported(data, label, table)
    if bad is not None:
        return None, [bad]
    text, problems = _text(data, label, table)
    if text is None:
        return None, problems
    records, more = _records(text, label, table)
    problems += more
    if records is None:
        return None, problems
    surrogates = bool(_SURROGATE_ESCAPE.search(text))
    del text
    raw, more = _raw_table(records, label, table, surrogates)
    return raw, problems + more


def _text(data: bytes, label: str, table: str) -> tuple[str | None, list[LoadProblem]]:
    """The decoded text (without byte-order mark) and its problems; ``None`` when empty."""
    _, problems = bom_length(data, label, table)  # two byte-order marks: a problem
    text, _, more = decode(data, label, table)
    problems += more
    if text is None:
        text = data.decode("utf-8-sig")
    text = text.lstrip("\ufeff")
    if not text.strip():
        problems.append(
            problem(
                "empty_file",
                label,
                None,
                None,
                "the file is empty",
                "write a JSON array of objects, one per record",
                table=table,
            )
        )
        return None, problems
    return text, problems


def _raw_table(
    records: list[tuple[int, object]], label: str, table: str, surrogates: bool
) -> tuple[RawTable | None, list[LoadProblem]]:
    """The records as text cells under the union of their field names (first seen
    first); ``None`` when they have too many distinct fields."""
    problems: list[LoadProblem] = []
    header: list[str] = []
    index: dict[str, int] = {}
    rows: list[list[str | None]] = []
    numbers: list[int] = []
    for number, record in records:
        if not isinstance(record, dict):
            problems.append(
                _bad(
                    "bad_value",
                    label,
                    table,
                    number,
                    None,
                    "this record is not an object with field names",
                    'write each record as {"id": "...", "name": "...", ...}',
                )
            )
            continue
        cells: list[str | None] = [None] * len(header)
        for key, value in record.items():
            name = clean_header(key)
            if name not in index:
                if len(header) == MAX_COLUMNS:
                    return None, [*problems, too_many_columns(len(header) + 1, label, table)]
                index[name] = len(header)
                header.append(name)
                cells.append(None)
            wrong = _refused(value, surrogates)
            if wrong is None:
                cells[index[name]] = cell_text(value)
            else:
                problems.append(_bad(wrong[0], label, table, number, shown(name), *wrong[1:]))
                cells[index[name]] = _stand_in(value)
        rows.append(cells)
        numbers.append(number)
    raw = raw_from_cells(label, table, header, rows, numbers)
    raw.suspect = NUL_PATTERN
    return raw, problems


def _records(
    text: str, label: str, table: str
) -> tuple[list[tuple[int, object]] | None, list[LoadProblem]]:
    """The records of a JSON array / object / JSON-lines text, with their numbers;
    ``None`` when the file cannot be read at all."""
    whole = _whole_document(text, label, table)
    return whole if whole is not None else _json_lines(text, label, table)


def _whole_document(
    text: str, label: str, table: str
) -> tuple[list[tuple[int, object]] | None, list[LoadProblem]] | None:
    """The records when the text is one JSON document (an array: one record per item);
    ``None`` when it is not one and may be JSON lines."""
    try:
        whole = _loads(text)
    except RecursionError:
        if text.lstrip().startswith("["):
            return None, [_too_deep(label, table, None)]
        return None
    except json.JSONDecodeError as exc:
        if exc.lineno == 1 and text.lstrip().startswith("["):
            return None, [_bad_json(label, table, exc.lineno, exc.msg)]
        return None
    if isinstance(whole, list):
        return [(i + 1, r) for i, r in enumerate(whole)], []
    return [(1, whole)], []


def _json_lines(
    text: str, label: str, table: str
) -> tuple[list[tuple[int, object]], list[LoadProblem]]:
    """One record per non-blank line (numbered by line), a problem per unreadable line."""
    records: list[tuple[int, object]] = []
    problems: list[LoadProblem] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip(" \t\r"):
            continue
        try:
            records.append((number, _loads(line)))
        except RecursionError:
            problems.append(_too_deep(label, table, number))
        except json.JSONDecodeError as lexc:
            problems.append(_bad_json(label, table, number, lexc.msg))
    return records, problems


def _refused(value: object, surrogates: bool) -> tuple[str, str, str] | None:
    """(code, message, hint) when the JSON value cannot be a cell, else None."""
    values = value if isinstance(value, list) else [value]
    for v in values:
        if isinstance(v, dict | list):
            return (
                "bad_value",
                "a JSON object or list inside a list cannot be a cell value"
                if isinstance(value, list)
                else "a JSON object cannot be a cell value",
                "write a string, a number, true/false or null (aliases as a list of strings)",
            )
        if isinstance(v, _Constant):
            return (
                "bad_number",
                f"{v} is not a number (JSON has no {v})",
                "write a number, or null to leave the value empty",
            )
        if surrogates and isinstance(v, str) and _SURROGATE.search(v):
            return (
                "bad_character",
                f"'{shown(v)}' holds half of a surrogate pair (\\ud800–\\udfff), which is "
                "not a character",
                "write the character itself, or its full pair of \\u escapes",
            )
    return None


def _stand_in(value: object) -> str | None:
    """What a refused value reads as (so the record is still checked): its JSON text,
    lone surrogates as U+FFFD; nothing for NaN / Infinity."""
    if isinstance(value, _Constant):
        return None
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return _SURROGATE.sub("\ufffd", text)


def _bad(
    code: str, label: str, table: str, row: int, column: str | None, message: str, hint: str
) -> LoadProblem:
    return problem(code, label, row, column, message, hint, table=table)


def _too_deep(label: str, table: str, line: int | None) -> LoadProblem:
    return problem(
        "unreadable",
        label,
        line,
        None,
        "the JSON is nested too deeply (lists or objects inside each other hundreds of "
        "levels down)",
        "write each record as one flat object of fields",
        table=table,
    )


def _bad_json(label: str, table: str, line: int, msg: str) -> LoadProblem:
    return problem(
        "unreadable",
        label,
        line,
        None,
        f"this is not valid JSON ({msg})",
        "check quotes, commas and brackets on that line",
        table=table,
    )
