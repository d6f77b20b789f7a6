"""The rows of an NTA file checked one by one: shape, required cells, codes, dates and
corporate numbers (check digit), each problem a :class:`RegistryFileError` naming the file,
the row and what to do.  :mod:`registry.ntafile` (the exact path) and
:mod:`registry.fastread` (the pyarrow path) read the file; this module judges its rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from kizuna.graph.errors import KizunaError
from kizuna.loaders.resolve import name_key
from kizuna.registry import spec

_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
#: Weights of the 12 base digits, written left to right (see loaders.corporate).
_WEIGHTS = np.array([2 if n % 2 == 0 else 1 for n in range(12, 0, -1)], dtype=np.int64)

_I_NUMBER = spec.INDEX["corporate_number"]
_I_NAME = spec.INDEX["name"]
_I_UPDATE = spec.INDEX["update_date"]
_I_SUCCESSOR = spec.INDEX["successor"]
_CODED = tuple((spec.INDEX[c], codes) for c, codes in spec.CODES.items())
_REQUIRED = tuple(spec.INDEX[c] for c in spec.REQUIRED)
_DATES = tuple(spec.INDEX[c] for c in spec.DATES)
_SEQUENCE = spec.INDEX["sequence"]


class RegistryFileError(KizunaError):
    """An NTA file that cannot be read: says which file, which row and what to do."""

    def __init__(self, label: str, row: int | None, message: str, hint: str):
        where = label if row is None else f"{label}, row {row}"
        super().__init__(f"{where}: {message} — {hint}. Nothing was added.")
        self.label = label
        self.row = row


@dataclass
class ReadStats:
    """What reading a file found: filled in as the batches are consumed."""

    encoding: str = ""
    rows: int = 0
    max_update: str | None = None
    min_update: str | None = None
    processes: dict[str, int] = field(default_factory=dict)


def checked_row(row: list[str], label: str, line: int, stats: ReadStats) -> tuple:
    """One CSV row as a registry tuple, or a RegistryFileError for the first problem."""
    _check_shape(row, label, line)
    _check_cells(row, label, line)
    _count(row, stats)
    values: list[object] = [v or None for v in row]
    values[_SEQUENCE] = int(row[_SEQUENCE])
    number = row[_I_NUMBER]
    values[_I_NUMBER] = int(number) if number.isdigit() and len(number) == 13 else number
    values.append(name_key(row[_I_NAME]))
    return tuple(values)


def _check_shape(row: list[str], label: str, line: int) -> None:
    """The row has the NTA file's columns and its required cells."""
    if len(row) != spec.N_COLUMNS:
        raise RegistryFileError(
            label,
            line,
            f"{len(row)} columns, an NTA file has {spec.N_COLUMNS}",
            "give an NTA 基本3情報 CSV file as downloaded (no header row, 30 columns)",
        )
    for i in _REQUIRED:
        if not row[i]:
            raise RegistryFileError(
                label,
                line,
                f"column {i + 1} ({spec.COLUMNS[i].name_ja}) is empty",
                "the file may be damaged: download it again",
            )


def _check_cells(row: list[str], label: str, line: int) -> None:
    """Codes, dates, the sequence number and the successor's corporate number."""
    for i, codes in _CODED:
        value = row[i]
        if value and value not in codes:
            raise RegistryFileError(
                label,
                line,
                f"unknown {spec.COLUMNS[i].name_ja} code '{value}' "
                f"(column {i + 1}; known: {', '.join(codes)})",
                "the file may be damaged, or the NTA has published a new code "
                "(see docs/registry.md)",
            )
    for i in _DATES:
        value = row[i]
        if value and not _DATE_RE.fullmatch(value):
            raise RegistryFileError(
                label,
                line,
                f"'{value}' in column {i + 1} ({spec.COLUMNS[i].name_ja}) is not a date YYYY-MM-DD",
                "the file may be damaged: download it again",
            )
    if not row[_SEQUENCE].isdigit():
        raise RegistryFileError(
            label,
            line,
            f"the 一連番号 '{row[_SEQUENCE]}' (column 1) is not a number",
            "give an NTA 基本3情報 CSV file as downloaded (no header row)",
        )
    successor = row[_I_SUCCESSOR]
    if successor and not valid_number(successor):
        raise RegistryFileError(
            label,
            line,
            f"the 承継先法人番号 '{successor}' (column 21) is not a valid corporate number",
            "the file may be damaged: download it again",
        )


def _count(row: list[str], stats: ReadStats) -> None:
    """Count the row in ``stats``: rows, update dates, process codes."""
    stats.rows += 1
    update = row[_I_UPDATE]
    if stats.max_update is None or update > stats.max_update:
        stats.max_update = update
    if stats.min_update is None or update < stats.min_update:
        stats.min_update = update
    process = row[spec.INDEX["process"]]
    stats.processes[process] = stats.processes.get(process, 0) + 1


def valid_number(number: str) -> bool:
    if len(number) != 13 or not number.isdigit():
        return False
    base = np.frombuffer(number[1:].encode("ascii"), dtype=np.uint8).astype(np.int64) - 48
    return int(number[0]) == 9 - int(base @ _WEIGHTS) % 9


def check_digits(numbers: list[str], lines: list[int], label: str) -> None:
    """Every number 13 digits with a right check digit, else an error at the first bad row."""
    joined = "".join(numbers)
    good: np.ndarray | None = None
    if len(joined) == 13 * len(numbers) and joined.isdigit():
        digits = np.frombuffer(joined.encode("ascii"), dtype=np.uint8).astype(np.int64) - 48
        digits = digits.reshape(-1, 13)
        good = digits[:, 0] == 9 - (digits[:, 1:] @ _WEIGHTS) % 9
        if bool(good.all()):
            return
    for i, number in enumerate(numbers):
        if good is not None and good[i]:
            continue
        if len(number) != 13 or not number.isdigit():
            raise RegistryFileError(
                label,
                lines[i],
                f"the 法人番号 '{number}' (column 2) is not 13 digits",
                "give an NTA 基本3情報 CSV file as downloaded",
            )
        if not valid_number(number):
            raise RegistryFileError(
                label,
                lines[i],
                f"the 法人番号 {number} (column 2) has a wrong check digit",
                "the file may be damaged: download it again",
            )
