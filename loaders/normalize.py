"""Text cells → canonical typed columns, vectorised, with a problem per bad cell.

Which columns are normalized (NFKC, stripped) and how they are typed:

- ids, codes and vocabularies (:data:`ID_COLUMNS`): Unicode NFKC (full-width ``ＴＡＭＡ１`` →
  ``TAMA1``, full-width space → space) then stripped.  NFKC runs only on the cells that
  are not pure ASCII.
- years (``since``, ``until``): as ids, then ``2003``, ``2003.0`` (Excel), ``2003年``,
  ``H15``/``平成15``/``平成15年``/``平成元年`` (eras M, T, S, H, R) → pandas ``Int64``.
- numbers (``lat``, ``lon``, ``weight`` and the figures) → float; figures may carry
  thousands separators (``1,234``).
- ``directed`` → bool, True only for ``true`` (any case); empty is False; any other text
  is a problem (``bad_bool``).
- everything else (names, evidence, notes, source_ref …) is kept exactly as written.

Empty cells are ``None`` (text), NaN (numbers) or ``<NA>`` (years).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from graph.bundle import BOOL_COLUMNS, FIGURE_COLUMNS, FLOAT_COLUMNS, YEAR_COLUMNS
from loaders.problems import LoadProblem, problem

#: Columns holding ids, codes, vocabulary words, years or numbers: NFKC-normalized.
ID_COLUMNS: frozenset[str] = frozenset(
    {
        "id",
        "kind",
        "cluster",
        "region",
        "corporate_number",
        "confidence",
        "source",
        "target",
        "program",
        "organization",
        "role",
        "body",
        "host",
        *FLOAT_COLUMNS,
        *YEAR_COLUMNS,
        *BOOL_COLUMNS,
    }
)

#: At most this many problems of one kind per column are listed; the rest are summarised.
MAX_LISTED = 100

ERAS: dict[str, int] = {
    "m": 1867,
    "明治": 1867,
    "t": 1911,
    "大正": 1911,
    "s": 1925,
    "昭和": 1925,
    "h": 1988,
    "平成": 1988,
    "r": 2018,
    "令和": 2018,
}
_ERA_RE = re.compile(r"^(明治|大正|昭和|平成|令和|[mtshr])\s*\.?\s*(元|\d{1,2})\s*(年度?)?$")
_YEAR_RE = re.compile(r"^(\d{4})\s*(年度?)?$")


def to_object(arr: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """A pyarrow string array as a numpy object array of ``str`` or ``None``."""
    out: np.ndarray = arr.to_numpy(zero_copy_only=False)
    if out.dtype != object:
        out = out.astype(object)
    return out


def normalize_ids(arr: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """NFKC + strip, empty → None; NFKC only on the cells that are not pure ASCII."""
    trimmed = pc.utf8_trim_whitespace(arr)
    values = to_object(trimmed)
    ascii_mask = pc.fill_null(pc.string_is_ascii(arr), True).to_numpy(zero_copy_only=False)
    for i in np.flatnonzero(~ascii_mask):
        values[i] = unicodedata.normalize("NFKC", values[i]).strip()
    empty = values == ""
    if empty.any():
        values[empty] = None
    return values


def parse_year(text: str) -> int | None:
    """A year cell (already NFKC-normalized) as an int, or None when it is not a year.

    >>> parse_year("平成15"), parse_year("H15"), parse_year("2003年"), parse_year("令和元年")
    (2003, 2003, 2003, 2019)
    """
    t = text.strip().lower()
    m = _YEAR_RE.match(t)
    if m:
        return int(m.group(1))
    m = _ERA_RE.match(t)
    if m:
        n = 1 if m.group(2) == "元" else int(m.group(2))
        return ERAS[m.group(1)] + n
    try:
        f = float(t)
    except ValueError:
        return None
    return int(f) if f.is_integer() and 1000 <= f <= 9999 else None


def _bad_rows(
    code: str,
    label: str,
    table: str,
    column: str,
    index: np.ndarray,
    raw: np.ndarray,
    row_of: Callable[[int], int],
    message: Callable[[object], str],
    hint: str,
) -> list[LoadProblem]:
    out = [
        problem(code, label, row_of(int(i)), column, message(raw[i]), hint, table=table)
        for i in index[:MAX_LISTED]
    ]
    if len(index) > MAX_LISTED:
        out.append(
            problem(
                code,
                label,
                None,
                column,
                f"… and {len(index) - MAX_LISTED} more rows with the same problem in this column",
                hint,
                table=table,
            )
        )
    return out


def typed_column(
    name: str,
    arr: pa.Array | pa.ChunkedArray,
    *,
    label: str,
    table: str,
    row_of: Callable[[int], int],
) -> tuple[pd.Series, list[LoadProblem]]:
    """The canonical typed column ``name`` from its text cells, with the bad cells reported."""
    if name not in ID_COLUMNS:
        return pd.Series(to_object(arr), dtype=object, name=name), []
    values = normalize_ids(arr)
    if name in YEAR_COLUMNS:
        return _years(name, values, label, table, row_of)
    if name in FLOAT_COLUMNS:
        return _floats(name, values, label, table, row_of)
    if name in BOOL_COLUMNS:
        return _bools(name, values, label, table, row_of)
    return pd.Series(values, dtype=object, name=name), []


def _years(
    name: str, values: np.ndarray, label: str, table: str, row_of: Callable[[int], int]
) -> tuple[pd.Series, list[LoadProblem]]:
    present = pd.notna(values)
    nums = pd.to_numeric(pd.Series(values, dtype=object), errors="coerce").to_numpy(
        dtype=float, na_value=np.nan
    )
    ok = present & np.isfinite(nums) & (np.mod(nums, 1) == 0)
    out = np.where(ok, nums, np.nan)
    for i in np.flatnonzero(present & ~ok):
        y = parse_year(values[i])
        if y is not None:
            out[i] = y
            ok[i] = True
    bad = np.flatnonzero(present & ~ok)
    problems = _bad_rows(
        "bad_year",
        label,
        table,
        name,
        bad,
        values,
        row_of,
        lambda v: f"'{v}' is not a year",
        "write a year such as 2003 (平成15 and H15 are accepted too), or leave the cell empty",
    )
    series = pd.Series(out, name=name).round().astype("Int64")
    return series, problems


def _floats(
    name: str, values: np.ndarray, label: str, table: str, row_of: Callable[[int], int]
) -> tuple[pd.Series, list[LoadProblem]]:
    present = pd.notna(values)
    source = pd.Series(values, dtype=object)
    if name in FIGURE_COLUMNS:
        source = source.where(~present, source.astype(str).str.replace(",", "", regex=False))
    nums = pd.to_numeric(source, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    bad = np.flatnonzero(present & np.isnan(nums))
    problems = _bad_rows(
        "bad_number",
        label,
        table,
        name,
        bad,
        values,
        row_of,
        lambda v: f"'{v}' is not a number",
        "write a plain number with a dot for decimals (35.68), or leave the cell empty",
    )
    return pd.Series(nums, dtype="float64", name=name), problems


def _bools(
    name: str, values: np.ndarray, label: str, table: str, row_of: Callable[[int], int]
) -> tuple[pd.Series, list[LoadProblem]]:
    lower = pd.Series(values, dtype=object).str.lower()
    true = (lower == "true").to_numpy(dtype=bool, na_value=False)
    false = (lower == "false").to_numpy(dtype=bool, na_value=False) | pd.isna(values)
    bad = np.flatnonzero(~(true | false))
    problems = _bad_rows(
        "bad_bool",
        label,
        table,
        name,
        bad,
        values,
        row_of,
        lambda v: f"'{v}' is neither true nor false",
        "write true when the tie goes from source to target (dispatch, funding, supply), "
        "false or nothing otherwise",
    )
    return pd.Series(true, dtype=bool, name=name), problems


def cell_text(value: object) -> str | None:
    """A typed cell (Excel, JSON) as the text a CSV would hold.

    Integral floats lose their ``.0`` (Excel stores 2003 as 2003.0), booleans become
    ``true``/``false``, dates their ISO form, lists are joined with ``|`` (aliases).
    """
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if value != value:  # NaN
            return None
        return str(int(value)) if value.is_integer() and abs(value) < 1e16 else repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list | tuple):
        return "|".join(t for t in (cell_text(v) for v in value) if t is not None) or None
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    text = str(value)
    return text if text != "" else None
