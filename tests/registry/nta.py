"""Spec-conformant NTA 基本3情報 rows for tests (30 columns, no header; docs/registry.md)."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest

from kizuna.cli import main
from kizuna.loaders.corporate import check_digit


def number(base: int) -> str:
    """The 13-digit corporate number of a 12-digit base (check digit first)."""
    text = f"{base:012d}"
    return f"{check_digit(text)}{text}"


def row(
    seq: int,
    corporate_number: str,
    name: str,
    *,
    process: str = "01",
    update: str = "2024-01-05",
    change: str | None = None,
    kind: str = "301",
    prefecture: str = "東京都",
    city: str = "千代田区",
    street: str = "丸の内１丁目１番１号",
    close_date: str = "",
    close_cause: str = "",
    successor: str = "",
    name_en: str = "",
    furigana: str = "",
    correction: str = "0",
) -> list[str]:
    """One NTA row in file order (項番 1–30)."""
    return [
        str(seq),
        corporate_number,
        process,
        correction,
        update,
        change or update,
        name,
        "",
        kind,
        prefecture,
        city,
        street,
        "",
        "13",
        "101",
        "1000005",
        "",
        "",
        close_date,
        close_cause,
        successor,
        "",
        "2015-10-05",
        "1",
        name_en,
        "",
        "",
        "",
        furigana,
        "0",
    ]


def csv_bytes(rows: list[list[str]], encoding: str = "utf-8") -> bytes:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    return buf.getvalue().encode(encoding)


def write(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> Path:
    """Write rows as ``path``: a .csv, or a .zip holding one .csv (as downloaded)."""
    data = csv_bytes(rows, encoding)
    if path.suffix == ".zip":
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            zf.writestr(path.with_suffix(".csv").name, data)
    else:
        path.write_bytes(data)
    return path


def kizuna(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run the kizuna CLI in process: (exit code, stdout, stderr)."""
    capsys.readouterr()
    try:
        main(list(args))
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    out = capsys.readouterr()
    return code, out.out, out.err


#: Real, published corporate numbers used as fixtures.
NTA = "7000012050002"  # 国税庁 (国の機関)
