"""Read one NTA download file (.zip as downloaded, or its .csv), streaming, every row checked.

The CSV has no header row and the 30 columns of :data:`registry.spec.COLUMNS`.  Both
published encodings are read: Unicode (UTF-8, with or without a byte-order mark) and
Shift_JIS (read as CP932, its Windows superset); the encoding is detected from the first
megabyte.  Rows come out in batches of tuples ready for the registry database:
empty cells as None, the corporate number as an int (its check digit is never 0, so the
int gives back the 13 digits), then the name's comparison key (``name_key``).

Any bad row stops the read with a :class:`RegistryFileError` naming the file and the row
(1 = the first line of the CSV): a wrong number of columns, an unknown code, a corporate
number with a wrong check digit, a date that is not YYYY-MM-DD, bytes that are not text in
the file's encoding, a damaged or incomplete zip.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import hashlib
import io
import logging
import re
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import numpy as np

from kizuna.graph.errors import BundleError, KizunaError
from kizuna.loaders.resolve import name_key
from kizuna.loaders.zipread import ZipLimits, check_archive
from kizuna.registry import spec

log = logging.getLogger(__name__)

#: Rows per batch handed to the database.
BATCH_ROWS = 50_000
#: Bytes read to detect the encoding.
SNIFF_BYTES = 1 << 20
_BOM = b"\xef\xbb\xbf"
_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_NAME_DATE_RE = re.compile(r"(?<!\d)(\d{8})(?!\d)")
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
#: Caps on what an NTA zip may unpack to (the loaders' zip-bomb limits): the national
#: file unpacks to ~1.5 GB from ~220 MB (about 7 times); a CSV of real rows never
#: compresses 100 times.
REGISTRY_ZIP_LIMITS = ZipLimits(max_total_bytes=8 << 30, max_ratio=100.0, ratio_after=8 << 20)


class RegistryFileError(KizunaError):
    """An NTA file that cannot be read: says which file, which row and what to do."""

    def __init__(self, label: str, row: int | None, message: str, hint: str):
        where = label if row is None else f"{label}, row {row}"
        super().__init__(f"{where}: {message} — {hint}. Nothing was added.")
        self.label = label
        self.row = row


@dataclass
class NtaFile:
    """One NTA download file and what its name and bytes say about it.

    Attributes
    ----------
    path : Path
    label : str
        The name problems are reported with (the file's name).
    sha256 : str
        Of the file's bytes (the zip as downloaded, or the CSV).
    kind : str
        ``full`` (全件: ``…_all_YYYYMMDD…``), ``diff`` (差分: a name with ``diff``) or
        ``unknown``.
    name_date : str or None
        The 作成年月日 in the file's name (ISO), when it has one.
    """

    path: Path
    label: str
    sha256: str
    kind: str
    name_date: str | None
    limits: ZipLimits = REGISTRY_ZIP_LIMITS

    @classmethod
    def of(cls, path: str | Path, limits: ZipLimits | None = None) -> NtaFile:
        p = Path(path)
        if not p.is_file():
            raise RegistryFileError(
                str(path), None, "no such file", "give the path of an NTA .zip or .csv file"
            )
        digest = hashlib.sha256()
        with p.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 22), b""):
                digest.update(block)
        lower = p.name.lower()
        kind = "full" if "_all_" in lower else "diff" if "diff" in lower else "unknown"
        return cls(
            p, p.name, digest.hexdigest(), kind, _name_date(p.stem), limits or REGISTRY_ZIP_LIMITS
        )


def _name_date(stem: str) -> str | None:
    """The last YYYYMMDD group of a file name that is a real date, as an ISO date."""
    for text in reversed(_NAME_DATE_RE.findall(stem)):
        try:
            return dt.datetime.strptime(text, "%Y%m%d").date().isoformat()
        except ValueError:
            continue
    return None


@dataclass
class ReadStats:
    """What reading a file found: filled in as the batches are consumed."""

    encoding: str = ""
    rows: int = 0
    max_update: str | None = None
    min_update: str | None = None
    processes: dict[str, int] = field(default_factory=dict)


@contextmanager
def binary(nta: NtaFile) -> Iterator[IO[bytes]]:
    """The CSV bytes of the file (the one CSV inside a zip)."""
    if not zipfile.is_zipfile(nta.path):
        if nta.path.suffix.lower() == ".zip":
            raise RegistryFileError(
                nta.label,
                None,
                "the zip file is damaged or incomplete",
                "download it again from the NTA corporate-number site",
            )
        with nta.path.open("rb") as fh:
            yield fh
        return
    try:
        zf = zipfile.ZipFile(nta.path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise RegistryFileError(
            nta.label,
            None,
            f"the zip file is damaged or incomplete ({exc})",
            "download it again from the NTA corporate-number site",
        ) from None
    with zf:
        members = [
            m
            for m in zf.infolist()
            if m.filename.lower().endswith(".csv") and not m.filename.startswith("__MACOSX")
        ]
        if len(members) != 1:
            found = ", ".join(m.filename for m in zf.infolist()) or "nothing"
            raise RegistryFileError(
                nta.label,
                None,
                f"the zip should hold one CSV file; it holds {found}",
                "give the zip as downloaded from the NTA site (基本3情報ダウンロード, CSV)",
            )
        try:
            check_archive(nta.label, zf, nta.limits)
        except BundleError as exc:
            raise _too_large(nta, exc.problems[0].message) from None
        try:
            with zf.open(members[0]) as fh:
                yield io.BufferedReader(_Capped(fh, members[0], nta), 1 << 20)
        except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
            raise RegistryFileError(
                nta.label,
                None,
                f"the zip file is damaged or incomplete ({exc})",
                "download it again from the NTA corporate-number site",
            ) from None


def _too_large(nta: NtaFile, detail: str) -> RegistryFileError:
    return RegistryFileError(
        nta.label,
        None,
        detail.split("; kizuna stops there")[0],
        "an NTA file never unpacks like this (a damaged file or a zip bomb): download it "
        "again from the NTA corporate-number site",
    )


class _Capped(io.RawIOBase):
    """A zip member's bytes, counted as they are read: refused (RegistryFileError) as
    soon as they pass the limits' total or ratio (streaming, whatever the zip declares)."""

    def __init__(self, fh: IO[bytes], info: zipfile.ZipInfo, nta: NtaFile):
        self.fh, self.nta, self.n = fh, nta, 0
        self.packed = max(info.compress_size, 1)
        self.name = info.filename

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.fh.read(len(buffer))
        self.n += len(data)
        limits = self.nta.limits
        if self.n > limits.max_total_bytes or (
            self.n > limits.ratio_after and self.n > limits.max_ratio * self.packed
        ):
            raise _too_large(
                self.nta,
                f"'{self.name}' in the zip unpacks to more than {limits.max_total_bytes} bytes"
                f" or {limits.max_ratio:g} times its packed size ({self.packed} bytes packed,"
                f" {self.n} so far)",
            )
        buffer[: len(data)] = data
        return len(data)


def detect_encoding(head: bytes) -> str:
    """``utf-8-sig`` (BOM), ``utf-8`` or ``cp932`` for the first bytes of a file.

    >>> detect_encoding("株式会社".encode("cp932")), detect_encoding("株式会社".encode())
    ('cp932', 'utf-8')
    """
    if head.startswith(_BOM):
        return "utf-8-sig"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        return "cp932"


def read_batches(nta: NtaFile, stats: ReadStats, *, fast: bool = True) -> Iterator[list[tuple]]:
    """The file's rows, checked, in batches of registry tuples (30 values + name_key).

    The fast path (:mod:`registry.fastread`, pyarrow) reads good files; anything it does
    not accept is read again by the exact reader, which names the bad row.  Rows the fast
    path gave before it stopped come again (applying a row twice changes nothing).

    Raises
    ------
    RegistryFileError
        At the first bad row (nothing of the file should then be kept).
    """
    if fast:
        from kizuna.registry.fastread import FastPathFailed, arrow_batches

        try:
            yield from arrow_batches(nta, stats)
            return
        except FastPathFailed as exc:
            log.info("%s: read row by row (%s)", nta.label, exc)
            stats.rows, stats.max_update, stats.min_update = 0, None, None
            stats.processes.clear()
    yield from read_exact(nta, stats)


def read_exact(
    nta: NtaFile, stats: ReadStats, *, batch_rows: int = BATCH_ROWS
) -> Iterator[list[tuple]]:
    """:func:`read_batches` row by row with Python's csv module: exact row numbers."""
    with binary(nta) as fh:
        head = fh.read(SNIFF_BYTES)
    stats.encoding = detect_encoding(head)
    with binary(nta) as fh:
        text = io.TextIOWrapper(fh, encoding=stats.encoding, newline="")
        reader = csv.reader(text)
        batch: list[tuple] = []
        lines: list[int] = []
        numbers: list[str] = []
        line = 0
        try:
            for row in reader:
                line = reader.line_num
                if not row:
                    continue
                batch.append(_checked(row, nta.label, line, stats))
                lines.append(line)
                numbers.append(row[_I_NUMBER])
                if len(batch) >= batch_rows:
                    _check_digits(numbers, lines, nta.label)
                    yield batch
                    batch, lines, numbers = [], [], []
        except UnicodeDecodeError:
            raise RegistryFileError(
                nta.label,
                _undecodable_line(nta, stats.encoding) or line + 1,
                f"bytes that are not {_ENCODING_NAMES[stats.encoding]} text",
                "the file may be damaged: download it again (CSV, Shift_JIS or Unicode)",
            ) from None
        except csv.Error as exc:
            raise RegistryFileError(
                nta.label, line + 1, f"not a CSV row ({exc})", "download the file again"
            ) from None
        except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
            raise RegistryFileError(
                nta.label,
                line + 1,
                f"the zip file is damaged or incomplete ({exc})",
                "download it again from the NTA corporate-number site",
            ) from None
        if batch:
            _check_digits(numbers, lines, nta.label)
            yield batch
    if stats.rows == 0:
        raise RegistryFileError(
            nta.label, None, "the file has no rows", "give an NTA 基本3情報 CSV file (.zip or .csv)"
        )


def _undecodable_line(nta: NtaFile, encoding: str) -> int | None:
    """The first line whose bytes do not decode (a newline byte is never inside a UTF-8
    or CP932 character, so lines can be split on bytes)."""
    decoder = codecs.getincrementaldecoder(encoding)()
    with binary(nta) as fh:
        for number, raw in enumerate(fh, start=1):
            try:
                decoder.decode(raw)
            except UnicodeDecodeError:
                return number
    return None


_ENCODING_NAMES = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8", "cp932": "Shift_JIS (CP932)"}


def _checked(row: list[str], label: str, line: int, stats: ReadStats) -> tuple:
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
    if successor and not _valid_number(successor):
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


def _valid_number(number: str) -> bool:
    if len(number) != 13 or not number.isdigit():
        return False
    base = np.frombuffer(number[1:].encode("ascii"), dtype=np.uint8).astype(np.int64) - 48
    return int(number[0]) == 9 - int(base @ _WEIGHTS) % 9


def _check_digits(numbers: list[str], lines: list[int], label: str) -> None:
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
        if not _valid_number(number):
            raise RegistryFileError(
                label,
                lines[i],
                f"the 法人番号 {number} (column 2) has a wrong check digit",
                "the file may be damaged: download it again",
            )
