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
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from kizuna.graph.errors import BundleError
from kizuna.loaders.zipread import ZipLimits, check_archive
from kizuna.registry import spec
from kizuna.registry.rowcheck import (
    ReadStats,
    RegistryFileError,
    check_digits,
    checked_row,
)

log = logging.getLogger(__name__)

#: Rows per batch handed to the database.
BATCH_ROWS = 50_000
#: Bytes read to detect the encoding.
SNIFF_BYTES = 1 << 20
_BOM = b"\xef\xbb\xbf"
_NAME_DATE_RE = re.compile(r"(?<!\d)(\d{8})(?!\d)")
_I_NUMBER = spec.INDEX["corporate_number"]
#: Caps on what an NTA zip may unpack to (the loaders' zip-bomb limits): the national
#: file unpacks to ~1.5 GB from ~220 MB (about 7 times); a CSV of real rows never
#: compresses 100 times.
REGISTRY_ZIP_LIMITS = ZipLimits(max_total_bytes=8 << 30, max_ratio=100.0, ratio_after=8 << 20)


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
                batch.append(checked_row(row, nta.label, line, stats))
                lines.append(line)
                numbers.append(row[_I_NUMBER])
                if len(batch) >= batch_rows:
                    check_digits(numbers, lines, nta.label)
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
            check_digits(numbers, lines, nta.label)
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
