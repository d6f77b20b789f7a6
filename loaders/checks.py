"""Generic, vectorised checks of one bundle's frames: the :class:`Checker`.

A :class:`Checker` maps frame positions to spreadsheet rows, caches the id/code columns
as pyarrow arrays and turns boolean masks into :class:`~loaders.problems.LoadProblem`
lists (at most ``MAX_LISTED`` per kind and column).  The bundle-specific rules are in
:mod:`loaders.validate`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd
import pyarrow as pa

from kizuna.graph.bundle import COLUMNS, FIGURE_COLUMNS, Bundle
from kizuna.graph.model import CONFIDENCE_LEVELS
from kizuna.loaders import fastcols as fc
from kizuna.loaders.limits import name_problem
from kizuna.loaders.normalize import MAX_LISTED
from kizuna.loaders.problems import LoadProblem, problem

#: Years outside this range are reported as bad.
YEAR_MIN, YEAR_MAX = 1800, 2100


class Checker:
    """Collects problems for one bundle, mapping frame positions to spreadsheet rows."""

    def __init__(self, bundle: Bundle, arrow: dict[tuple[str, str], pa.Array] | None = None):
        self.bundle = bundle
        self.problems: list[LoadProblem] = []
        self._arrow: dict[tuple[str, str], pa.Array] = dict(arrow or {})
        #: Tie rows whose identity appeared in an earlier row (set by validate).
        self.tie_dups: np.ndarray | None = None

    def arrow(self, table: str, column: str) -> pa.Array:
        """The text column as pyarrow (converted once)."""
        key = (table, column)
        if key not in self._arrow:
            frame = self.bundle.frame(table)
            self._arrow[key] = (
                fc.as_arrow(frame[column]) if column in frame else pa.nulls(len(frame), pa.string())
            )
        return self._arrow[key]

    def has(self, table: str, column: str) -> bool:
        """Whether the column holds data: in the frame, and read from the file when the
        bundle was read from disk (a column the file lacks is all empty; checking it
        would only repeat the missing-column problem row by row)."""
        if column not in self.bundle.frame(table):
            return False
        if not self.bundle.source_files:
            return True
        if table not in self.bundle.source_files:
            return False
        return column in self.bundle.source_columns.get(table, ())

    def present(self, table: str, column: str) -> np.ndarray:
        return fc.present(self.arrow(table, column))

    def label(self, table: str) -> str:
        return self.bundle.source_files.get(table, f"{table}.csv")

    def rows(self, table: str) -> np.ndarray:
        n = len(self.bundle.frame(table))
        rows = self.bundle.source_rows.get(table)
        if rows is not None and len(rows) == n:
            return np.asarray(rows)
        return np.arange(n) + 2

    def report(
        self,
        code: str,
        table: str,
        column: str | None,
        mask: np.ndarray | pd.Series,
        message: Callable[[int], str] | str,
        hint: str,
        *,
        values: Sequence[object] | np.ndarray | None = None,
        warning: bool = False,
    ) -> None:
        """Report each row of ``mask``; ``message`` is a function of the row position, or a
        format string with ``{v}``, the row's entry in ``values``."""
        idx = np.flatnonzero(np.asarray(mask, dtype=bool))
        if len(idx) == 0:
            return
        rows = self.rows(table)
        label = self.label(table)
        for i in idx[:MAX_LISTED]:
            self.problems.append(
                problem(
                    code,
                    label,
                    int(rows[i]),
                    column,
                    message.format(v=values[i] if values is not None else None)
                    if isinstance(message, str)
                    else message(int(i)),
                    hint,
                    table=table,
                    warning=warning,
                )
            )
        if len(idx) > MAX_LISTED:
            self.problems.append(
                problem(
                    code,
                    label,
                    None,
                    column,
                    f"… and {len(idx) - MAX_LISTED} more rows with the same problem",
                    hint,
                    table=table,
                    warning=warning,
                )
            )

    # ---- generic checks -------------------------------------------------------------
    def column_names(self) -> None:
        """Extra columns of a bundle built in memory must have names the store can keep
        (a bundle read from files had its header checked by the reader)."""
        if self.bundle.source_files:
            return
        for table in sorted(self.bundle.present):
            known = COLUMNS[table].columns
            for col in self.bundle.frame(table).columns:
                if col not in known:
                    bad = name_problem(str(col), self.label(table), table)
                    if bad is not None:
                        self.problems.append(bad)

    def required(self, table: str) -> None:
        for col in COLUMNS[table].required:
            if self.has(table, col):
                self.report(
                    "empty_value",
                    table,
                    col,
                    ~self.present(table, col),
                    f"'{col}' is empty",
                    f"every row of {table} needs a value in '{col}'",
                )

    def vocabulary(self, table: str, column: str, allowed: Sequence[str], code: str) -> None:
        if not self.has(table, column):
            return
        values = self.bundle.frame(table)[column]
        arr = self.arrow(table, column)
        bad = fc.present(arr) & ~fc.member(arr, allowed)
        self.report(
            code,
            table,
            column,
            bad,
            lambda i: f"'{values.iat[i]}' is not a known {column}",
            f"use one of: {', '.join(allowed)}",
        )

    def unique_ids(self, table: str, column: str = "id") -> None:
        frame = self.bundle.frame(table)
        ids = frame[column]
        arr = self.arrow(table, column)
        groups = fc.codes(arr)
        dup = fc.duplicates(groups, fc.present(arr))
        if not dup.any():
            return
        rows = self.rows(table)
        first = fc.first_rows(groups, dup)
        self.report(
            "duplicate_id",
            table,
            column,
            dup,
            lambda i: f"the id '{ids.iat[i]}' is already used in row {rows[first[groups[i]]]}",
            "give every row its own id (or delete the repeated row)",
        )

    def references(
        self,
        table: str,
        column: str,
        known: pa.Array | pd.Series | Sequence[str],
        target: str,
        code: str,
        *,
        target_ok: bool = True,
        warning: bool = False,
    ) -> None:
        if not (target_ok and self.has(table, column)):
            return
        values = self.bundle.frame(table)[column]
        arr = self.arrow(table, column)
        bad = fc.present(arr) & ~fc.member(arr, known)
        self.report(
            code,
            table,
            column,
            bad,
            lambda i: f"'{values.iat[i]}' is not an id in {target}",
            f"add that id to {target}, or correct it (ids must match exactly, including case)",
            warning=warning,
        )

    def years(self, table: str) -> None:
        frame = self.bundle.frame(table)
        years: dict[str, np.ndarray] = {}
        for col in ("since", "until"):
            if not self.has(table, col):
                continue
            v = frame[col].to_numpy(dtype="float64", na_value=np.nan)
            years[col] = v
            self.report(
                "bad_year",
                table,
                col,
                ~np.isnan(v) & ((v < YEAR_MIN) | (v > YEAR_MAX)),
                "{v:.0f} is not a plausible year",
                f"write a year between {YEAR_MIN} and {YEAR_MAX}",
                values=v,
            )
        if len(years) == 2:
            s, u = years["since"], years["until"]
            with np.errstate(invalid="ignore"):
                bad = s > u  # False where either is NaN
            self.report(
                "bad_year_range",
                table,
                "until",
                bad,
                lambda i: f"it ends ({u[i]:.0f}) before it starts ({s[i]:.0f})",
                "swap since and until, or correct one of them",
            )

    def figures(self, table: str) -> None:
        frame = self.bundle.frame(table)
        for col in FIGURE_COLUMNS:
            if self.has(table, col):
                v = frame[col].to_numpy(dtype=float)
                bad = ~np.isnan(v) & ~((v >= 0) & np.isfinite(v))
                self.report(
                    "bad_number",
                    table,
                    col,
                    bad,
                    "{v} is not a count or amount",
                    "write a number of 0 or more, or leave the cell empty",
                    values=v,
                )

    def confidence(self, table: str) -> None:
        self.vocabulary(table, "confidence", CONFIDENCE_LEVELS, "unknown_confidence")
