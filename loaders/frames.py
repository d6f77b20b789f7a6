"""One raw table (text cells) → its canonical typed frame, with the header problems.

Header checks (duplicate, missing required, unknown and unnamed columns), typing of
every canonical column (:mod:`loaders.normalize`), empty canonical columns for the ones
the file lacks, and the rows left empty after normalization dropped.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection

import numpy as np
import pandas as pd
import pyarrow as pa
from pandas.arrays import IntegerArray

from kizuna.graph.bundle import COLUMNS, empty_frame
from kizuna.loaders.csvfile import RawTable
from kizuna.loaders.fastcols import shared_strings
from kizuna.loaders.limits import bad_cells, name_problem
from kizuna.loaders.normalize import (
    BOOL_COLUMNS,
    FLOAT_COLUMNS,
    ID_COLUMNS,
    UNIQUE_COLUMNS,
    YEAR_COLUMNS,
    normalize_ids,
    typed_column_arrow,
)
from kizuna.loaders.problems import LoadProblem, problem

#: Lean reads (``keep`` given) hold these mostly-distinct text columns as pyarrow-backed
#: series (a tie id per row: 5M Python strings would take ~350 MB).
ARROW_BACKED: frozenset[tuple[str, str]] = frozenset({("ties", "id")})
#: Below this many rows a lean read converts columns exactly like a full one.
LEAN_MIN_ROWS = 100_000


def frame_of(
    raw: RawTable, keep: Collection[str] | None = None
) -> tuple[pd.DataFrame, tuple[str, ...], list[LoadProblem], dict[str, pa.Array]]:
    """The canonical frame of one raw table, the source's columns, the problems and the
    normalized pyarrow arrays of its id/code columns.

    ``keep`` (a lean read, for analysis of big bundles) limits the frame to those
    canonical columns: the others are neither typed nor checked, and unknown columns are
    reported but not kept.  Big text id/code columns then share one Python string per
    distinct value (tie endpoints), and ``ARROW_BACKED`` columns stay in pyarrow.  The
    header checks and the rows dropped as blank are the same as in a full read.
    """
    spec = COLUMNS[raw.table]
    seen, problems = _header(raw)
    extras = [c for c in seen if c not in spec.columns]
    problems += _unknown_columns(raw, extras)
    if raw.suspect:
        problems += bad_cells(
            raw.header,
            raw.columns,
            raw.suspect,
            label=raw.label,
            table=raw.table,
            row_of=raw.row_of,
        )
    data, arrows = _canonical_columns(raw, seen, keep, problems)
    for col in extras if keep is None else ():
        data[col] = _typed(raw, seen, col)
    frame = pd.DataFrame(data, index=pd.RangeIndex(raw.n_rows), copy=False)
    frame, arrows = _without_blank_rows(raw, frame, seen, arrows)
    return frame, tuple(seen), problems, arrows


def _header(raw: RawTable) -> tuple[dict[str, int], list[LoadProblem]]:
    """The position of each named column (the first of a repeated name) and the problems
    of the header: unnamed columns with values, repeated names, missing required columns."""
    spec = COLUMNS[raw.table]
    problems: list[LoadProblem] = []
    seen: dict[str, int] = {}
    for i, name in enumerate(raw.header):
        if name == "":
            if raw.columns[i].null_count < raw.n_rows:
                problems.append(
                    problem(
                        "unknown_column",
                        raw.label,
                        1,
                        f"#{i + 1}",
                        f"column {i + 1} has values but no name; it is ignored",
                        "write a column name in the header row, or delete the column",
                        table=raw.table,
                        warning=True,
                    )
                )
            continue
        if name in seen:
            problems.append(
                problem(
                    "duplicate_column",
                    raw.label,
                    1,
                    name,
                    f"the column '{name}' appears twice (columns {seen[name] + 1} and {i + 1}); "
                    "only the first is read",
                    "delete or rename one of them",
                    table=raw.table,
                )
            )
            continue
        seen[name] = i
    for col in spec.required:
        if col not in seen:
            problems.append(
                problem(
                    "missing_column",
                    raw.label,
                    1,
                    col,
                    f"the required column '{col}' is missing",
                    f"{raw.table} needs the columns {', '.join(spec.required)} in the header "
                    f"row; found: {', '.join(n for n in raw.header if n) or 'nothing'}",
                    table=raw.table,
                )
            )
    return seen, problems


def _unknown_columns(raw: RawTable, extras: list[str]) -> list[LoadProblem]:
    """A bad column name, or a warning (with the closest known name) per unknown column."""
    spec = COLUMNS[raw.table]
    problems: list[LoadProblem] = []
    for col in extras:
        bad_name = name_problem(col, raw.label, raw.table)
        if bad_name is not None:
            problems.append(bad_name)
            continue
        close = difflib.get_close_matches(col, list(spec.columns), n=1)
        problems.append(
            problem(
                "unknown_column",
                raw.label,
                1,
                col,
                f"kizuna does not know the column '{col}'; it is kept but not used",
                (f"did you mean '{close[0]}'? " if close else "")
                + f"known columns: {', '.join(spec.columns)}",
                table=raw.table,
                warning=True,
            )
        )
    return problems


def _typed(raw: RawTable, seen: dict[str, int], col: str) -> pd.Series:
    """One source column typed, without its problems."""
    return typed_column_arrow(
        col, raw.columns[seen[col]], label=raw.label, table=raw.table, row_of=raw.row_of
    )[0]


def _canonical_columns(
    raw: RawTable,
    seen: dict[str, int],
    keep: Collection[str] | None,
    problems: list[LoadProblem],
) -> tuple[dict[str, pd.Series], dict[str, pa.Array]]:
    """Every canonical column (those in ``keep`` only, when given), typed, with the
    pyarrow arrays of the id/code columns; a column the file lacks is empty.  Adds the
    cells' problems to ``problems``."""
    n = raw.n_rows
    base = empty_frame(raw.table)
    data: dict[str, pd.Series] = {}
    arrows: dict[str, pa.Array] = {}
    lean = keep is not None and n >= LEAN_MIN_ROWS
    for col in COLUMNS[raw.table].columns:
        if keep is not None and col not in keep:
            continue
        if col not in seen:
            data[col] = _blank(base[col], n)
            continue
        if lean and _is_text_code(col) and _compact(raw.table, col):
            series, arrow = _lean_text(raw.table, col, raw.columns[seen[col]])
        else:
            series, more, arrow = typed_column_arrow(
                col,
                raw.columns[seen[col]],
                label=raw.label,
                table=raw.table,
                row_of=raw.row_of,
            )
            problems += more
        data[col] = series
        if arrow is not None:
            arrows[col] = arrow
    return data, arrows


def _without_blank_rows(
    raw: RawTable, frame: pd.DataFrame, seen: dict[str, int], arrows: dict[str, pa.Array]
) -> tuple[pd.DataFrame, dict[str, pa.Array]]:
    """Drop the rows left with nothing after normalization (only spaces in id cells: not
    records); ``raw.rows`` follows."""
    n = raw.n_rows
    blank = _blank_rows(frame, [c for c in seen if c in frame])
    dropped = [c for c in seen if c not in frame]
    if blank.any() and dropped:
        # a row blank in the kept columns may hold something in the others: type those
        # (only now, rarely) so that exactly the rows a full read drops are dropped
        others = {c: _typed(raw, seen, c) for c in dropped}
        blank &= _blank_rows(pd.DataFrame(others, index=pd.RangeIndex(n), copy=False), dropped)
    if not blank.any():
        return frame, arrows
    kept = ~blank
    rows = raw.rows if raw.rows is not None else np.arange(n) + 2
    raw.rows = rows[kept]
    return (
        frame[kept].reset_index(drop=True),
        {c: a.filter(pa.array(kept)) for c, a in arrows.items()},
    )


def _is_text_code(col: str) -> bool:
    return col in ID_COLUMNS and col not in YEAR_COLUMNS | FLOAT_COLUMNS | BOOL_COLUMNS


def _compact(table: str, col: str) -> bool:
    return (table, col) in ARROW_BACKED or col not in UNIQUE_COLUMNS


def _lean_text(table: str, col: str, arr: pa.Array | pa.ChunkedArray) -> tuple[pd.Series, pa.Array]:
    """A text id/code column normalized like a full read, held compactly."""
    values = normalize_ids(arr)
    flat = values.combine_chunks() if isinstance(values, pa.ChunkedArray) else values
    if (table, col) in ARROW_BACKED:
        return pd.Series(pd.arrays.ArrowExtensionArray(flat), name=col, copy=False), flat
    return pd.Series(shared_strings(flat), dtype=object, name=col, copy=False), flat


def _blank_rows(frame: pd.DataFrame, columns: list[str]) -> np.ndarray:
    """Rows whose every source column is empty (``directed`` false counts as empty)."""
    blank = np.ones(len(frame), dtype=bool)
    for col in columns:
        values = frame[col]
        if values.dtype == bool:
            blank &= ~values.to_numpy(dtype=bool)
        else:
            blank &= values.isna().to_numpy(dtype=bool)
        if not blank.any():
            break
    return blank


def _blank(template: pd.Series, n: int) -> pd.Series:
    """An all-empty column of ``template``'s dtype (no copies: columns can be 5M rows)."""
    if template.dtype == bool:
        return pd.Series(np.zeros(n, dtype=bool), dtype=bool, copy=False)
    if template.dtype == object:
        return pd.Series(np.full(n, None, dtype=object), dtype=object, copy=False)
    if template.dtype == "Int64":
        empty = IntegerArray(np.zeros(n, dtype=np.int64), np.ones(n, dtype=bool))
        return pd.Series(empty, copy=False)
    return pd.Series(np.full(n, np.nan), dtype="float64", copy=False)
