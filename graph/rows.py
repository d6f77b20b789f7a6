"""Bundle frames ⇄ property maps: what the Bolt store writes and reads back.

Neo4j stores no nulls, so a property map holds only the cells that have a value; reading
rebuilds the canonical columns and dtypes of :mod:`graph.bundle` (text ``object`` with
``str`` or ``None``, floats, nullable ``Int64`` years, bool ``directed``).  The keys a store
adds for itself (:data:`INTERNAL`) are dropped on the way back.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from kizuna.graph.bundle import BOOL_COLUMNS, COLUMNS, FLOAT_COLUMNS, YEAR_COLUMNS
from kizuna.graph.model import KEY_SEPARATOR

#: Properties the store adds: tie/participation keys and the derived flag.
INTERNAL: frozenset[str] = frozenset({"key", "derived"})


def _python_values(series: pd.Series, column: str) -> list[Any]:
    """A column as a list of plain Python values, None for missing cells."""
    missing = series.isna().to_numpy()
    if column in BOOL_COLUMNS:
        values: list[Any] = [bool(v) for v in series.fillna(False).to_numpy()]
        return values
    if column in YEAR_COLUMNS:
        raw = series.to_numpy(dtype=object)
        return [None if m else int(v) for v, m in zip(raw, missing, strict=True)]
    if column in FLOAT_COLUMNS or pd.api.types.is_float_dtype(series.dtype):
        raw = series.to_numpy(dtype=object)
        return [None if m else float(v) for v, m in zip(raw, missing, strict=True)]
    raw = series.to_numpy(dtype=object)
    out: list[Any] = []
    for v, m in zip(raw, missing, strict=True):
        if m:
            out.append(None)
        elif isinstance(v, np.generic):
            out.append(v.item())
        else:
            out.append(v)
    return out


def frame_props(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """One property map per row, without missing cells (NaN, NA, None)."""
    columns = [str(c) for c in frame.columns]
    values = [_python_values(frame[c], c) for c in columns]
    rows: list[dict[str, Any]] = []
    for i in range(len(frame)):
        props: dict[str, Any] = {}
        for c, vals in zip(columns, values, strict=True):
            v = vals[i]
            if v is not None:
                props[c] = v
        rows.append(props)
    return rows


def participation_keys(part: pd.DataFrame) -> list[str]:
    """The identity of each participation row: program|organization|role|since."""
    n = len(part)
    role = _python_values(part["role"], "role") if "role" in part else [None] * n
    since = _python_values(part["since"], "since") if "since" in part else [None] * n
    return [
        KEY_SEPARATOR.join((str(p), str(o), r or "", "" if y is None else str(y)))
        for p, o, r, y in zip(part["program"], part["organization"], role, since, strict=True)
    ]


def canonical_frame(
    file: str, records: Iterable[dict[str, Any]], extra: Iterable[str] = ()
) -> pd.DataFrame:
    """A frame of ``file``'s canonical columns (then ``extra`` ones) from property maps."""
    records = list(records)
    columns = list(COLUMNS[file].columns)
    columns += [c for c in extra if c not in columns and c not in INTERNAL]
    data: dict[str, pd.Series] = {}
    for col in columns:
        vals = [r.get(col) for r in records]
        if col in FLOAT_COLUMNS:
            floats = [math.nan if v is None else float(v) for v in vals]
            data[col] = pd.Series(floats, dtype="float64")
        elif col in YEAR_COLUMNS:
            data[col] = pd.Series(vals, dtype="Int64")
        elif col in BOOL_COLUMNS:
            data[col] = pd.Series([bool(v) for v in vals], dtype="bool")
        else:
            data[col] = pd.Series(vals, dtype="object")
    return pd.DataFrame(data, columns=columns)
