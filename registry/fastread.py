"""The fast path of :func:`registry.ntafile.read_batches`: pyarrow's CSV parser, checks on
whole columns.

It reads the same rows as the exact reader and checks the same things, column by column
(codes, dates, 13-digit numbers with their check digits), so a good file never meets the
row-by-row Python code.  At the first thing it does not accept (a row with a wrong number
of columns, bytes that are not text, a failed check) it raises :class:`FastPathFailed`
and the exact reader reads the file again: it names the file and row of the problem, or,
when the fast path was only stricter than needed, reads the file itself.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from kizuna.loaders.resolve import name_key
from kizuna.registry import spec
from kizuna.registry.ntafile import NtaFile, ReadStats, binary, detect_encoding

BLOCK_BYTES = 8 << 20
_DATE = r"^\d{4}-\d{2}-\d{2}$"
_NUMBER = r"^\d{13}$"
_POW = 10 ** np.arange(13, dtype=np.int64)
#: Weights of the base digits P_1 … P_12 (lowest first): 1 for odd n, 2 for even n.
_W = np.array([1 if n % 2 == 1 else 2 for n in range(1, 13)], dtype=np.int64)


class FastPathFailed(Exception):
    """The fast path does not accept the file: use the exact reader."""


def _all(mask: pa.ChunkedArray | pa.Array) -> bool:
    return bool(pc.all(pc.fill_null(mask, True)).as_py() is not False)


def valid_numbers(numbers: np.ndarray) -> bool:
    """Whether every 13-digit number (int64) has the right check digit.

    >>> valid_numbers(np.array([7000012050002], dtype=np.int64))
    True
    """
    digits = (numbers[:, None] // _POW[None, :12]) % 10
    check = numbers // _POW[12]
    return bool(np.all(check == 9 - (digits @ _W) % 9))


def _check(batch: pa.RecordBatch) -> None:
    """Raise :class:`FastPathFailed` unless every cell of the batch is as the exact reader
    would accept it: required cells, codes, dates, sequences, corporate numbers."""
    col = batch.column
    for name in spec.REQUIRED:
        if col(spec.INDEX[name]).null_count:
            raise FastPathFailed(f"empty {name}")
    for name, codes in spec.CODES.items():
        present = col(spec.INDEX[name]).drop_null()
        if not _all(pc.is_in(present, value_set=pa.array(list(codes)))):
            raise FastPathFailed(f"unknown {name} code")
    for name in spec.DATES:
        if not _all(pc.match_substring_regex(col(spec.INDEX[name]), _DATE)):
            raise FastPathFailed(f"bad date in {name}")
    if not _all(pc.match_substring_regex(col(spec.INDEX["sequence"]), r"^\d+$")):
        raise FastPathFailed("bad sequence")
    for name in ("corporate_number", "successor"):
        _check_numbers(col(spec.INDEX[name]), name)


def _check_numbers(values: pa.Array, name: str) -> None:
    """Raise :class:`FastPathFailed` unless every corporate number has 13 digits and the
    right check digit."""
    if not _all(pc.match_substring_regex(values, _NUMBER)):
        raise FastPathFailed(f"bad {name}")
    present = values.drop_null()
    if len(present) and not valid_numbers(
        pc.cast(present, pa.int64()).to_numpy(zero_copy_only=False)
    ):
        raise FastPathFailed(f"bad check digit in {name}")


def _rows(batch: pa.RecordBatch) -> list[tuple]:
    cols: list[list[object]] = []
    for i, name in enumerate(spec.NAMES):
        values = batch.column(i)
        if name in ("sequence", "corporate_number"):
            values = pc.cast(values, pa.int64())
        cols.append(values.to_pylist())
    keys = [name_key(n) for n in cols[spec.INDEX["name"]]]
    return list(zip(*cols, keys, strict=True))


def arrow_batches(nta: NtaFile, stats: ReadStats) -> Iterator[list[tuple]]:
    """Checked registry tuples, batch by batch, parsed by pyarrow.

    Raises
    ------
    FastPathFailed
        Anything unusual: the caller reads the file with the exact reader instead.
    """
    with binary(nta) as fh:
        head = fh.read(1 << 20)
    stats.encoding = detect_encoding(head)
    read = pacsv.ReadOptions(
        column_names=list(spec.NAMES),
        encoding="cp932" if stats.encoding == "cp932" else "utf8",
        block_size=BLOCK_BYTES,
    )
    parse = pacsv.ParseOptions(newlines_in_values=False)
    convert = pacsv.ConvertOptions(
        column_types=dict.fromkeys(spec.NAMES, pa.string()),
        strings_can_be_null=True,
        quoted_strings_can_be_null=True,
    )
    with binary(nta) as fh:
        try:
            reader = pacsv.open_csv(
                fh, read_options=read, parse_options=parse, convert_options=convert
            )
            for batch in reader:
                if batch.num_rows == 0:
                    continue
                _check(batch)
                update = pc.min_max(batch.column(spec.INDEX["update_date"])).as_py()
                stats.rows += batch.num_rows
                if stats.max_update is None or update["max"] > stats.max_update:
                    stats.max_update = update["max"]
                if stats.min_update is None or update["min"] < stats.min_update:
                    stats.min_update = update["min"]
                counts = pc.value_counts(batch.column(spec.INDEX["process"])).to_pylist()
                for item in counts:
                    key = item["values"]
                    stats.processes[key] = stats.processes.get(key, 0) + item["counts"]
                yield _rows(batch)
        except (pa.ArrowInvalid, UnicodeDecodeError, ValueError) as exc:
            raise FastPathFailed(str(exc)[:200]) from None
