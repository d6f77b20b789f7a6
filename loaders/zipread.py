"""The members of a bundle's ``.zip``, read in chunks with caps against zip bombs.

A member is never read whole in one call: it is streamed in ``CHUNK`` pieces and the
bytes are counted as they come, so a member that unpacks to more than the caps of
:class:`ZipLimits` (all members together, and the unpacked/packed ratio once a member
passes a few MB) is refused as soon as it crosses them, without unpacking the rest.
The sizes the zip declares are checked first too (a quick refusal of an honest bomb).

Encrypted members, compression methods Python cannot unpack (Deflate64, …), checksum
(CRC) errors and damaged compressed data are reported per member, file by file.
"""

from __future__ import annotations

import lzma
import os
import struct
import zipfile
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath

from kizuna.graph.errors import BundleError
from kizuna.loaders.problems import LoadProblem, problem

#: Bytes read from a member per call.
CHUNK = 1 << 20
#: Compression methods Python's zipfile unpacks: stored, deflate, bzip2, lzma.
METHODS = {
    zipfile.ZIP_STORED,
    zipfile.ZIP_DEFLATED,
    zipfile.ZIP_BZIP2,
    zipfile.ZIP_LZMA,
}
_METHOD_NAMES = {9: "Deflate64", 6: "Implode", 93: "Zstandard", 95: "XZ", 98: "PPMd", 99: "AES"}


#: What a damaged zip makes :mod:`zipfile` raise (a bad header, a CRC error, damaged
#: compressed data, an empty member name …).
ZIP_ERRORS: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile,
    zlib.error,
    lzma.LZMAError,
    struct.error,
    EOFError,
    OSError,
    NotImplementedError,
    RuntimeError,
    ValueError,
    IndexError,
    KeyError,
    OverflowError,
)


@dataclass(frozen=True)
class ZipLimits:
    """How much a bundle's zip may unpack to.

    ``max_total_bytes``: all the members read, together (default 2 GiB;
    ``KIZUNA_MAX_UNZIPPED_MB``).  ``max_ratio``: unpacked / packed size of one member,
    checked once it has unpacked ``ratio_after`` bytes (default 1000, after 8 MiB;
    ``KIZUNA_MAX_ZIP_RATIO``): ordinary CSV compresses 5-20 times, a bomb of zeros
    about 1000 times.
    """

    max_total_bytes: int = 2 << 30
    max_ratio: float = 1000.0
    ratio_after: int = 8 << 20

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> ZipLimits:
        """The limits, with ``KIZUNA_MAX_UNZIPPED_MB`` / ``KIZUNA_MAX_ZIP_RATIO`` applied."""
        env = os.environ if environ is None else environ
        base = cls()
        total = env.get("KIZUNA_MAX_UNZIPPED_MB", "").strip()
        ratio = env.get("KIZUNA_MAX_ZIP_RATIO", "").strip()
        try:
            return cls(
                max_total_bytes=int(float(total) * (1 << 20)) if total else base.max_total_bytes,
                max_ratio=float(ratio) if ratio else base.max_ratio,
                ratio_after=base.ratio_after,
            )
        except ValueError:
            raise BundleError(
                [
                    problem(
                        "unreadable",
                        "KIZUNA_MAX_UNZIPPED_MB / KIZUNA_MAX_ZIP_RATIO",
                        None,
                        None,
                        f"not a number: {total!r} / {ratio!r}",
                        "set them to numbers (megabytes, and a ratio such as 1000), or unset them",
                    )
                ]
            ) from None


class MemberTooLarge(Exception):
    """A zip member unpacks to more than :class:`ZipLimits` allow (``name``: its path)."""

    def __init__(self, name: str, detail: str):
        super().__init__(detail)
        self.name, self.detail = name, detail


def read_members(
    zf: zipfile.ZipFile, chosen: Mapping[str, str], zip_name: str, limits: ZipLimits
) -> tuple[dict[str, tuple[str, bytes]], list[LoadProblem]]:
    """``{table: (file name, bytes)}`` of the chosen members, and a problem per member
    that cannot be read (encrypted, unknown compression, damaged).

    Raises
    ------
    BundleError
        When the members would unpack to more than ``limits`` allow (a zip bomb).
    """
    infos = {t: zf.getinfo(n) for t, n in chosen.items()}
    entries: dict[str, tuple[str, bytes]] = {}
    problems: list[LoadProblem] = []
    try:
        _check_declared(infos.values(), limits)
        used = 0
        for table, info in infos.items():
            label = PurePosixPath(info.filename).name
            refused = _refused(info)
            if refused:
                problems.append(_member_problem(label, table, zip_name, *refused))
                continue
            try:
                data = stream(zf, info, limits, used)
            except ZIP_ERRORS as exc:
                problems.append(_member_problem(label, table, zip_name, *_damage(exc)))
                continue
            used += len(data)
            entries[table] = (label, data)
    except MemberTooLarge as exc:
        raise BundleError([_too_large(zip_name, exc, limits)]) from None
    return entries, problems


def stream(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limits: ZipLimits, used: int = 0) -> bytes:
    """The member's bytes, read in ``CHUNK`` pieces; raises :class:`MemberTooLarge` as soon as
    ``used`` plus what it unpacked passes ``limits.max_total_bytes``, or its ratio to
    the packed size passes ``limits.max_ratio`` after ``limits.ratio_after`` bytes."""
    parts: list[bytes] = []
    n = 0
    packed = max(info.compress_size, 1)
    with zf.open(info) as f:
        while chunk := f.read(CHUNK):
            n += len(chunk)
            if used + n > limits.max_total_bytes:
                raise MemberTooLarge(info.filename, _over_total(limits))
            if n > limits.ratio_after and n > limits.max_ratio * packed:
                raise MemberTooLarge(
                    info.filename,
                    f"unpacks to more than {limits.max_ratio:g} times its packed size "
                    f"({_size(packed)} packed, {_size(n)} so far)",
                )
            parts.append(chunk)
    return b"".join(parts)


def _check_declared(infos: Iterable[zipfile.ZipInfo], limits: ZipLimits) -> None:
    """Refuse what the zip itself says it unpacks to, before reading anything."""
    total = 0
    for info in infos:
        total += info.file_size
        if total > limits.max_total_bytes:
            raise MemberTooLarge(info.filename, _over_total(limits))
        packed = max(info.compress_size, 1)
        if info.file_size > limits.ratio_after and info.file_size > limits.max_ratio * packed:
            raise MemberTooLarge(
                info.filename,
                f"unpacks to {_size(info.file_size)} from {_size(packed)} "
                f"(more than {limits.max_ratio:g} times its packed size)",
            )


def check_archive(path_name: str, zf: zipfile.ZipFile, limits: ZipLimits) -> None:
    """Refuse a zip-based file (an .xlsx workbook) whose declared sizes pass ``limits``."""
    try:
        _check_declared(zf.infolist(), limits)
    except MemberTooLarge as exc:
        raise BundleError([_too_large(path_name, exc, limits)]) from None


def _over_total(limits: ZipLimits) -> str:
    return f"unpacks to more than {_size(limits.max_total_bytes)}"


def _too_large(zip_name: str, exc: MemberTooLarge, limits: ZipLimits) -> LoadProblem:
    return problem(
        "too_large",
        zip_name,
        None,
        None,
        f"'{exc.name}' in the zip {exc.detail}; kizuna stops there (a zip bomb, or a file "
        "far larger than a bundle)",
        "zip only the bundle's CSV files; if the data really is that large, unzip it and "
        "give kizuna the folder (or raise KIZUNA_MAX_UNZIPPED_MB / KIZUNA_MAX_ZIP_RATIO)",
        table="",
    )


def _refused(info: zipfile.ZipInfo) -> tuple[str, str] | None:
    """(message, hint) for a member zipfile cannot unpack: encrypted, unknown method."""
    if info.flag_bits & 0x1:
        return (
            "is encrypted (protected by a password); kizuna cannot read it",
            "zip the bundle folder again without a password",
        )
    if info.compress_type not in METHODS:
        method = _METHOD_NAMES.get(info.compress_type, f"method {info.compress_type}")
        return (
            f"is compressed with {method}, which kizuna cannot unpack",
            "zip the bundle folder again with ordinary (Deflate) compression, e.g. "
            "Windows' 'Send to > Compressed folder' or macOS' 'Compress'",
        )
    return None


def _damage(exc: BaseException) -> tuple[str, str]:
    text = str(exc)
    if "CRC" in text:
        why = "is damaged: its content does not match its checksum (CRC)"
    else:
        why = f"cannot be unpacked: the zip is damaged ({type(exc).__name__}: {text})"
    return why, "zip the bundle folder again (or download the zip again)"


def _member_problem(label: str, table: str, zip_name: str, why: str, hint: str) -> LoadProblem:
    message = f"{label} in {zip_name} {why}"
    return problem("unreadable", label, None, None, message, hint, table=table)


def _size(n: float) -> str:
    for unit in ("bytes", "KiB", "MiB", "GiB"):
        if n < 1024 or unit == "GiB":
            return f"{n:,.0f} {unit}" if unit == "bytes" else f"{n:,.1f} {unit}"
        n /= 1024
    return f"{n:,.1f} GiB"
