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
from pandas.arrays import IntegerArray

from kizuna.graph.bundle import BOOL_COLUMNS, FIGURE_COLUMNS, FLOAT_COLUMNS, YEAR_COLUMNS
from kizuna.loaders.problems import LoadProblem, problem

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

#: Columns whose values are mostly distinct (not worth sharing string objects).
UNIQUE_COLUMNS: frozenset[str] = frozenset({"id", "corporate_number"})

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
#: The last year of each era that has ended (明治45 = 1912 … 平成31 = 2019).
ERA_LAST: dict[str, int] = {"明治": 45, "大正": 15, "昭和": 64, "平成": 31}
_ERA_NAMES = {"m": "明治", "t": "大正", "s": "昭和", "h": "平成", "r": "令和"}
_ERA_RE = re.compile(r"^(明治|大正|昭和|平成|令和|[mtshr])\s*\.?\s*(元|\d{1,2})\s*(年度?)?$")
_YEAR_RE = re.compile(r"^(\d{4})\s*(年度?)?$")


def to_object(arr: pa.Array | pa.ChunkedArray, *, shared: bool = True) -> np.ndarray:
    """A pyarrow string array as a numpy object array of ``str`` or ``None``.

    Large columns with few distinct values (kinds, regions, confidence) are
    dictionary-encoded first, so each distinct value becomes one Python string shared by
    its rows: faster to build and smaller.
    """
    chunks = arr.chunks if isinstance(arr, pa.ChunkedArray) else [arr]
    parts = [_chunk_to_object(c, shared) for c in chunks]
    if not parts:
        return np.empty(0, dtype=object)
    return parts[0] if len(parts) == 1 else np.concatenate(parts)


def _few_distinct(chunk: pa.Array) -> bool:
    """Whether a sample of the chunk repeats its values a lot (kinds, regions, refs)."""
    sample = chunk.slice(0, 5_000)
    return len(pc.unique(sample)) * 10 < len(sample)


def _chunk_to_object(chunk: pa.Array, shared: bool) -> np.ndarray:
    n = len(chunk)
    if shared and n >= 10_000 and _few_distinct(chunk):
        encoded = pc.dictionary_encode(chunk)
        dictionary = encoded.dictionary
        if len(dictionary) <= n // 2:
            values = np.empty(len(dictionary) + 1, dtype=object)
            values[:-1] = dictionary.to_numpy(zero_copy_only=False)
            values[-1] = None
            codes = pc.fill_null(encoded.indices, len(dictionary)).to_numpy()
            taken: np.ndarray = values[codes]
            return taken
    out: np.ndarray = chunk.to_numpy(zero_copy_only=False)
    return out if out.dtype == object else out.astype(object)


def _null(arr: pa.Array | pa.ChunkedArray, mask: pa.Array | pa.ChunkedArray) -> pa.ChunkedArray:
    return pc.if_else(mask, pa.scalar(None, pa.string()), arr)


def normalize_ids(arr: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    """NFKC + strip, empty → null; NFKC only on the cells that are not pure ASCII."""
    arr = pc.utf8_trim_whitespace(arr)
    ascii_mask = pc.fill_null(pc.string_is_ascii(arr), True)
    if not pc.all(ascii_mask).as_py():
        other = pc.invert(ascii_mask)
        fixed = [
            unicodedata.normalize("NFKC", v).strip() for v in pc.filter(arr, other).to_pylist()
        ]
        arr = pc.replace_with_mask(
            arr.combine_chunks() if isinstance(arr, pa.ChunkedArray) else arr,
            other.combine_chunks() if isinstance(other, pa.ChunkedArray) else other,
            pa.array(fixed, type=pa.string()),
        )
    empty = pc.fill_null(pc.equal(arr, ""), False)
    if pc.any(empty).as_py():
        arr = _null(arr, empty)
    return arr


def parse_year(text: str) -> int | None:
    """A year cell (already NFKC-normalized) as an int, or None when it is not a year.

    An era year runs from 1 (元年) to the era's last year (:data:`ERA_LAST`): 平成0 and
    平成32 are not years.

    >>> parse_year("平成15"), parse_year("H15"), parse_year("2003年"), parse_year("令和元年")
    (2003, 2003, 2003, 2019)
    >>> parse_year("平成0年") is None
    True
    """
    t = text.strip().lower()
    m = _YEAR_RE.match(t)
    if m:
        return int(m.group(1))
    m = _ERA_RE.match(t)
    if m:
        n = 1 if m.group(2) == "元" else int(m.group(2))
        era = _ERA_NAMES.get(m.group(1), m.group(1))
        if n < 1 or n > ERA_LAST.get(era, 99):
            return None
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
    values: pa.Array | pa.ChunkedArray,
    row_of: Callable[[int], int],
    message: Callable[[object], str],
    hint: str,
) -> list[LoadProblem]:
    """A problem for each of the first ``MAX_LISTED`` bad cells (``values`` at ``index``),
    then one summary row for the rest."""
    listed = index[:MAX_LISTED]
    texts: list[str] | np.ndarray = (
        to_object(pc.take(values, pa.array(listed, type=pa.int64()))) if len(listed) else []
    )
    out = [
        problem(code, label, row_of(int(i)), column, message(text), hint, table=table)
        for i, text in zip(listed, texts, strict=True)
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


def typed_column_arrow(
    name: str,
    arr: pa.Array | pa.ChunkedArray,
    *,
    label: str,
    table: str,
    row_of: Callable[[int], int],
) -> tuple[pd.Series, list[LoadProblem], pa.Array | None]:
    """The canonical typed column ``name`` from its text cells, the bad cells reported,
    and the normalized pyarrow array of an id/code column (None for other columns), which
    validation can use instead of converting back."""
    if name not in ID_COLUMNS:
        series = pd.Series(to_object(arr, shared=False), dtype=object, name=name, copy=False)
        return series, [], None
    values = normalize_ids(arr)
    typed = _TYPED.get(name)
    if typed is not None:
        parse, code, message, hint = typed
        series, bad = parse(name, values)
        problems = _bad_rows(code, label, table, name, bad, values, row_of, message, hint)
        return series, problems, None
    shared = name not in UNIQUE_COLUMNS
    series = pd.Series(to_object(values, shared=shared), dtype=object, name=name, copy=False)
    flat = values.combine_chunks() if isinstance(values, pa.ChunkedArray) else values
    return series, [], flat


def _to_float(arr: pa.Array | pa.ChunkedArray) -> tuple[np.ndarray, np.ndarray]:
    """Cells as floats (NaN when empty or not a number) and the mask of non-numbers."""
    present = pc.is_valid(arr).to_numpy(zero_copy_only=False)
    try:
        nums = np.asarray(pc.cast(arr, pa.float64()).to_numpy(zero_copy_only=False), float)
        return nums, present & np.isnan(nums)  # "nan" typed in a cell is not a number
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        pass
    texts = pd.Series(to_object(arr), dtype=object)
    nums = pd.to_numeric(texts, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    return nums, present & np.isnan(nums)


def _years(name: str, values: pa.Array | pa.ChunkedArray) -> tuple[pd.Series, np.ndarray]:
    """The year column (nullable Int64; era years converted) and the rows that are not years."""
    nums, bad = _to_float(values)
    present = pc.is_valid(values).to_numpy(zero_copy_only=False)
    with np.errstate(invalid="ignore"):
        ok = present & ~bad & (np.abs(nums) < 1e6) & (np.mod(nums, 1) == 0)
    out = np.where(ok, nums, np.nan)
    check = np.flatnonzero(present & ~ok)
    texts: list[str] | np.ndarray = (
        to_object(pc.take(values, pa.array(check, type=pa.int64()))) if len(check) else []
    )
    still_bad = []
    for i, text in zip(check, texts, strict=True):
        y = parse_year(text)
        if y is None:
            still_bad.append(i)
        else:
            out[i] = y
    missing = np.isnan(out)
    ints = IntegerArray(np.where(missing, 0, np.round(out)).astype(np.int64), missing)
    return pd.Series(ints, name=name, copy=False), np.asarray(still_bad, dtype=np.int64)


def _floats(name: str, values: pa.Array | pa.ChunkedArray) -> tuple[pd.Series, np.ndarray]:
    """The float64 column (thousands commas dropped in figures) and the rows not numbers."""
    source = values
    if name in FIGURE_COLUMNS:
        source = pc.replace_substring(values, ",", "")
    nums, bad = _to_float(source)
    return pd.Series(nums, dtype="float64", name=name, copy=False), np.flatnonzero(bad)


def _bools(name: str, values: pa.Array | pa.ChunkedArray) -> tuple[pd.Series, np.ndarray]:
    """The bool column (empty is false) and the rows that are neither true nor false."""
    lower = pc.utf8_lower(values)
    true = pc.fill_null(pc.equal(lower, "true"), False).to_numpy(zero_copy_only=False)
    false = pc.fill_null(pc.equal(lower, "false"), True).to_numpy(zero_copy_only=False)
    series = pd.Series(np.asarray(true, dtype=bool), dtype=bool, name=name, copy=False)
    return series, np.flatnonzero(~(true | false))


#: A typed column's parser, and how its bad cells are reported: code, message, hint.
_Typed = tuple[
    Callable[[str, pa.Array | pa.ChunkedArray], tuple[pd.Series, np.ndarray]],
    str,
    Callable[[object], str],
    str,
]


def _year_message(value: object) -> str:
    """Why a year cell is refused; an era year says which years the era has."""
    m = _ERA_RE.match(str(value).strip().lower())
    if m:
        era = _ERA_NAMES.get(m.group(1), m.group(1))
        last = ERA_LAST.get(era)
        first = ERAS[era] + 1
        if last is None:
            return f"'{value}' is not a year: {era} years start at 1 (元年, {first})"
        return (
            f"'{value}' is not a year: {era} years run from 1 (元年, {first}) "
            f"to {last} ({first + last - 1})"
        )
    return f"'{value}' is not a year"


_YEAR: _Typed = (
    _years,
    "bad_year",
    _year_message,
    "write a year such as 2003 (平成15 and H15 are accepted too), or leave the cell empty",
)
_NUMBER: _Typed = (
    _floats,
    "bad_number",
    lambda v: f"'{v}' is not a number",
    "write a plain number with a dot for decimals (35.68), or leave the cell empty",
)
_BOOL: _Typed = (
    _bools,
    "bad_bool",
    lambda v: f"'{v}' is neither true nor false",
    "write true when the tie goes from source to target (dispatch, funding, supply), "
    "false or nothing otherwise",
)
#: The parser and problem wording of each typed column.
_TYPED: dict[str, _Typed] = {
    **dict.fromkeys(BOOL_COLUMNS, _BOOL),
    **dict.fromkeys(FLOAT_COLUMNS, _NUMBER),
    **dict.fromkeys(YEAR_COLUMNS, _YEAR),
}


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
