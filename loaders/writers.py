"""Write a bundle: the inverse of :func:`loaders.readers.read_bundle`.

The files present in the source are written (``Bundle.present``), each with the columns
the source had (``Bundle.source_columns``; for a bundle built in memory: the required
columns and every optional column holding a value), in the canonical formatting:

- text as it is (``None`` → empty cell);
- years as integers (``2003``);
- numbers in their shortest exact form: integral values without ``.0`` (``2``,
  ``1500000000``), others as Python's ``repr`` (``35.6586``);
- ``directed`` as ``true`` / ``false``.

CSV text cells that a spreadsheet would read as a formula (beginning with ``= + - @``,
a tab or a carriage return, or with apostrophes and then one of those) get one leading
``'``, which the reader removes (:mod:`graph.cells`); workbook cells are always strings.
So ``read(write(read(x)))`` equals ``read(x)`` exactly.  CSV files are UTF-8 with a
byte-order mark (Excel then opens Japanese text correctly; pass ``bom=False`` to omit
it).  Bundle files in the output folder that the bundle does not have (a stale
``clusters.csv``) are removed, so the folder reads back as the same bundle.
"""

from __future__ import annotations

import io
import logging
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from kizuna.graph.bundle import BOOL_COLUMNS, COLUMNS, FLOAT_COLUMNS, YEAR_COLUMNS, Bundle
from kizuna.graph.cells import EXCEL_MAX_ROWS, safe_csv_cell, safe_csv_column, safe_workbook
from kizuna.graph.errors import KizunaError

log = logging.getLogger(__name__)

FORMATS = ("csv", "xlsx", "zip")


def written_columns(bundle: Bundle, table: str) -> list[str]:
    """The columns :func:`write_bundle` writes for ``table``, in order."""
    frame = bundle.frame(table)
    source = bundle.source_columns.get(table)
    if source:
        return [c for c in source if c in frame.columns]
    spec = COLUMNS[table]
    out = list(spec.required)
    for col in spec.optional:
        if col not in frame:
            continue
        values = frame[col]
        has = bool(values.any()) if col in BOOL_COLUMNS else bool(values.notna().any())
        if has:
            out.append(col)
    return out


def text_column(values: pd.Series, column: str) -> pa.Array:
    """One column as the strings a CSV cell holds (null for an empty cell)."""
    if column in BOOL_COLUMNS:
        flags = values.fillna(False).to_numpy(dtype=bool)
        return pa.array(np.where(flags, "true", "false"), type=pa.string())
    if column in YEAR_COLUMNS:
        years = pa.array(values.astype("Int64"), type=pa.int64(), from_pandas=True)
        return pc.cast(years, pa.string())
    if column in FLOAT_COLUMNS:
        return pa.array(format_numbers(values.to_numpy(dtype=float)), type=pa.string())
    objs = values.to_numpy(dtype=object)
    try:
        return pa.array(objs, type=pa.string(), from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError):  # non-text objects: written as str()
        return pa.array(
            [None if v is None or v is pd.NA or v != v else str(v) for v in objs],
            type=pa.string(),
        )


def format_numbers(nums: np.ndarray) -> np.ndarray:
    """Floats as text: integral → ``2``; other → ``repr``; NaN → None.

    >>> format_numbers(np.array([2.0, 35.6586, np.nan, 1.5e9])).tolist()
    ['2', '35.6586', None, '1500000000']
    """
    out = np.full(len(nums), None, dtype=object)
    finite = np.isfinite(nums)
    integral = finite & (np.mod(nums, 1) == 0) & (np.abs(nums) < 1e15)
    out[integral] = nums[integral].astype(np.int64).astype(str)
    for i in np.flatnonzero(~integral & ~np.isnan(nums)):
        out[i] = repr(float(nums[i]))
    return out


def _table_of(bundle: Bundle, table: str) -> pa.Table:
    """The CSV cells of ``table``: text that a spreadsheet would read as a formula gets a
    leading ``'`` (:mod:`graph.cells`; the reader removes it), numbers are left as they are."""
    frame = bundle.frame(table)
    cols = written_columns(bundle, table)
    numeric = BOOL_COLUMNS | YEAR_COLUMNS | FLOAT_COLUMNS
    return pa.table(
        {
            safe_csv_cell(c): (
                text_column(frame[c], c)
                if c in numeric
                else safe_csv_column(text_column(frame[c], c))
            )
            for c in cols
        }
    )


def _csv_bytes(table: pa.Table, *, bom: bool) -> bytes:
    sink = io.BytesIO()
    if bom:
        sink.write(b"\xef\xbb\xbf")
    pacsv.write_csv(table, sink, write_options=pacsv.WriteOptions(quoting_style="needed"))
    return sink.getvalue()


def write_bundle(
    bundle: Bundle, out: str | Path, *, fmt: str | None = None, bom: bool = True
) -> Path:
    """Write ``bundle`` to ``out`` as a CSV folder, a ``.zip`` of one, or an ``.xlsx``.

    Parameters
    ----------
    bundle : Bundle
        The bundle (as read, or built in memory / exported from a store).
    out : str or Path
        A folder (``csv``) or a file (``zip``, ``xlsx``); parents are created.
    fmt : {"csv", "xlsx", "zip"}, optional
        Default: from ``out``'s ending (``.zip``, ``.xlsx``), else ``csv``.
    bom : bool, default True
        Start CSV files with a UTF-8 byte-order mark.

    Returns
    -------
    Path
        What was written.

    Examples
    --------
    >>> from kizuna.loaders.readers import read_bundle  # doctest: +SKIP
    >>> write_bundle(read_bundle("data/examples/tiny")[0], "/tmp/tiny")  # doctest: +SKIP
    PosixPath('/tmp/tiny')
    """
    path = Path(out)
    if fmt is None:
        suffix = path.suffix.lower()
        fmt = "zip" if suffix == ".zip" else "xlsx" if suffix == ".xlsx" else "csv"
    if fmt not in FORMATS:
        raise KizunaError(f"unknown output format '{fmt}'; use one of {', '.join(FORMATS)}")
    tables = [t for t in COLUMNS if t in bundle.present]
    if fmt == "xlsx":
        _write_xlsx(bundle, tables, path)
        return path
    if fmt == "zip":
        path.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
            for t in tables:
                zf.writestr(f"{t}.csv", _csv_bytes(_table_of(bundle, t), bom=bom))
        return path
    path.mkdir(parents=True, exist_ok=True)
    for t in COLUMNS:
        if t in tables:
            (path / f"{t}.csv").write_bytes(_csv_bytes(_table_of(bundle, t), bom=bom))
            continue
        for suffix in (".csv", ".json", ".jsonl"):
            stale = path / f"{t}{suffix}"
            if stale.exists():
                log.info("removing %s: the bundle has no %s", stale, t)
                stale.unlink()
    return path


def _write_xlsx(bundle: Bundle, tables: list[str], path: Path) -> None:
    for t in tables:
        if len(bundle.frame(t)) + 1 > EXCEL_MAX_ROWS:
            raise KizunaError(
                f"{t} has {len(bundle.frame(t))} rows, more than an Excel sheet holds; "
                "write a CSV folder or a zip instead"
            )
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = safe_workbook(path, constant_memory=True)
    try:
        for t in tables:
            ws = wb.add_worksheet(t)
            frame = bundle.frame(t)
            cols = written_columns(bundle, t)
            for j, c in enumerate(cols):
                ws.write_string(0, j, c)
            texts = [text_column(frame[c], c).to_pylist() for c in cols]
            numeric = [c in FLOAT_COLUMNS or c in YEAR_COLUMNS for c in cols]
            for i in range(len(frame)):
                for j, col_texts in enumerate(texts):
                    v = col_texts[i]
                    if v is None:
                        continue
                    if numeric[j]:
                        num = float(v)
                        if np.isfinite(num):
                            ws.write_number(i + 1, j, num)
                            continue
                    ws.write_string(i + 1, j, v)
    finally:
        wb.close()
