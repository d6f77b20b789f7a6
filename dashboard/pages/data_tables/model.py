"""The data page: the data it shows, as plain functions of a snapshot."""

from __future__ import annotations

from typing import Any

import pandas as pd

from kizuna.dashboard import grids
from kizuna.dashboard.data import SnapshotData
from kizuna.dashboard.explorer import ego
from kizuna.graph.cells import xlsx_bytes

TABLES = ("organizations", "ties", "clusters", "programs", "participation")
ORG_METRICS = ("degree", "betweenness", "role")
BLOCK = 100


def table_frame(
    data: SnapshotData, table: str, selection: dict[str, Any] | None = None
) -> pd.DataFrame:
    """The rows of one table, limited to the selection when one is given."""
    bundle = data.bundle
    sel = selection or {}
    if table == "organizations":
        frame = data.orgs[
            [*bundle.nodes.columns, *[c for c in ORG_METRICS if c in data.orgs.columns]]
        ].reset_index(drop=True)
        if sel.get("kind") == "cluster":
            frame = frame[frame["cluster"] == sel.get("id")]
        elif sel.get("kind") == "pair":
            frame = frame[frame["cluster"].isin([sel.get("a"), sel.get("b")])]
        elif sel.get("kind") == "org":
            near = set(ego(data, str(sel.get("id")), 1)) | {sel.get("id")}
            frame = frame[frame["id"].isin(near)]
    elif table == "ties":
        frame = bundle.ties
        ties = data.ties
        if sel.get("kind") == "cluster":
            c = sel.get("id")
            frame = frame[((ties["source_group"] == c) | (ties["target_group"] == c)).to_numpy()]
        elif sel.get("kind") == "pair":
            a, b = sel.get("a"), sel.get("b")
            mask = ((ties["source_group"] == a) & (ties["target_group"] == b)) | (
                (ties["source_group"] == b) & (ties["target_group"] == a)
            )
            frame = frame[mask.to_numpy()]
        elif sel.get("kind") == "org":
            o = sel.get("id")
            frame = frame[(frame["source"] == o) | (frame["target"] == o)]
    elif table == "clusters":
        frame = bundle.clusters if len(bundle.clusters) else data.clusters.reset_index(drop=True)
    else:
        frame = bundle.frame(table) if table in TABLES else bundle.nodes
    first = [c for c in FIRST_COLUMNS.get(table, ()) if c in frame.columns]
    frame = frame[first + [c for c in frame.columns if c not in first]]
    return frame.reset_index(drop=True)


#: Columns shown first (provenance without scrolling); the rest keep the bundle's order.
FIRST_COLUMNS: dict[str, tuple[str, ...]] = {
    "organizations": (
        "id",
        "name",
        "name_en",
        "kind",
        "cluster",
        "region",
        "prefecture",
        "confidence",
        "source_ref",
        "evidence",
    ),
    "ties": ("source", "target", "kind", "since", "until", "confidence", "source_ref", "evidence"),
    "clusters": (
        "id",
        "name",
        "name_en",
        "region",
        "field",
        "confidence",
        "source_ref",
        "evidence",
    ),
    "programs": (
        "id",
        "name",
        "name_en",
        "kind",
        "host",
        "since",
        "confidence",
        "source_ref",
        "evidence",
    ),
    "participation": ("program", "organization", "role", "confidence", "source_ref", "evidence"),
}


_TEXT_OPS = {
    "contains": lambda s, v: s.str.contains(v, regex=False),
    "notContains": lambda s, v: ~s.str.contains(v, regex=False),
    "equals": lambda s, v: s == v,
    "notEqual": lambda s, v: s != v,
    "startsWith": lambda s, v: s.str.startswith(v),
    "endsWith": lambda s, v: s.str.endswith(v),
}


_NUM_OPS = {
    "equals": lambda s, v: s == v,
    "notEqual": lambda s, v: s != v,
    "greaterThan": lambda s, v: s > v,
    "greaterThanOrEqual": lambda s, v: s >= v,
    "lessThan": lambda s, v: s < v,
    "lessThanOrEqual": lambda s, v: s <= v,
}


def _condition(series: pd.Series, cond: dict[str, Any]) -> pd.Series:
    kind = cond.get("type", "contains")
    if kind == "blank":
        return series.isna() | (series.astype(str) == "")
    if kind == "notBlank":
        return ~(series.isna() | (series.astype(str) == ""))
    if cond.get("filterType") == "number":
        values = pd.to_numeric(series, errors="coerce")
        if kind == "inRange":
            return values.between(float(cond.get("filter") or 0), float(cond.get("filterTo") or 0))
        op = _NUM_OPS.get(kind)
        return (
            op(values, cond.get("filter")).fillna(False)
            if op
            else pd.Series(True, index=series.index)
        )
    text = series.astype(object).where(series.notna(), "").astype(str).str.casefold()
    op = _TEXT_OPS.get(kind)
    value = str(cond.get("filter", "")).casefold()
    return op(text, value) if op else pd.Series(True, index=series.index)


def apply_model(
    frame: pd.DataFrame,
    filter_model: dict[str, Any] | None,
    sort_model: list[dict[str, Any]] | None,
) -> pd.DataFrame:
    """Rows passing AG Grid's filter model, in its sort order."""
    out = frame
    for column, cond in (filter_model or {}).items():
        if column not in out.columns or not isinstance(cond, dict):
            continue
        if "conditions" in cond:
            parts = [_condition(out[column], c) for c in cond["conditions"]]
            mask = parts[0]
            for part in parts[1:]:
                mask = (mask & part) if cond.get("operator") == "AND" else (mask | part)
        else:
            mask = _condition(out[column], cond)
        out = out[mask.to_numpy(dtype=bool)]
    sorts = [s for s in (sort_model or []) if s.get("colId") in out.columns]
    if sorts:
        out = out.sort_values(
            [s["colId"] for s in sorts],
            ascending=[s.get("sort") != "desc" for s in sorts],
            kind="stable",
            na_position="last",
        )
    return out


def rows_response(frame: pd.DataFrame, request: dict[str, Any] | None) -> dict[str, Any]:
    """One block of rows for the infinite row model."""
    request = request or {}
    view = apply_model(frame, request.get("filterModel"), request.get("sortModel"))
    start = int(request.get("startRow") or 0)
    end = int(request.get("endRow") or start + BLOCK)
    return {"rowData": grids.records(view.iloc[start:end]), "rowCount": len(view)}


def excel_bytes(frame: pd.DataFrame, sheet: str) -> bytes:
    """``frame`` as an .xlsx workbook with one sheet (text never becomes a formula)."""
    return xlsx_bytes(frame, sheet)
