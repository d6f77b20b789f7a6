"""JSON bundle files: an array of objects, or one object per line (JSON lines).

Field names are the CSV column names.  Rows are reported as the record's number (arrays,
first record = 1) or its line number (JSON lines).
"""

from __future__ import annotations

import json

from kizuna.loaders.csvfile import RawTable, clean_header, decode, raw_from_cells
from kizuna.loaders.normalize import cell_text
from kizuna.loaders.problems import LoadProblem, problem


def read_json_bytes(
    data: bytes, label: str, table: str
) -> tuple[RawTable | None, list[LoadProblem]]:
    """Parse one JSON / JSON-lines file into a :class:`RawTable`."""
    text, _, problems = decode(data, label, table)
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
    records: list[tuple[int, object]] = []
    try:
        whole = json.loads(text)
        if isinstance(whole, list):
            records = [(i + 1, r) for i, r in enumerate(whole)]
        else:
            records = [(1, whole)]
    except json.JSONDecodeError as exc:
        if exc.lineno == 1 and text.lstrip().startswith("["):
            problems.append(_bad_json(label, table, exc.lineno, exc.msg))
            return None, problems
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                records.append((number, json.loads(line)))
            except json.JSONDecodeError as lexc:
                problems.append(_bad_json(label, table, number, lexc.msg))
    header: list[str] = []
    index: dict[str, int] = {}
    rows: list[list[str | None]] = []
    numbers: list[int] = []
    for number, record in records:
        if not isinstance(record, dict):
            problems.append(
                problem(
                    "bad_value",
                    label,
                    number,
                    None,
                    "this record is not an object with field names",
                    'write each record as {"id": "...", "name": "...", ...}',
                    table=table,
                )
            )
            continue
        cells: list[str | None] = [None] * len(header)
        for key, value in record.items():
            name = clean_header(key)
            if name not in index:
                index[name] = len(header)
                header.append(name)
                cells.append(None)
            cells[index[name]] = cell_text(value)
        rows.append(cells)
        numbers.append(number)
    return raw_from_cells(label, table, header, rows, numbers), problems


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
