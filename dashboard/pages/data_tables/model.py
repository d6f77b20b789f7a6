"""Data: the organizations, ties, clusters and programs as tables, provenance visible.

The grid uses AG Grid's infinite row model: the browser asks for blocks of rows with its
filter and sort model, the server filters the cached frame with pandas.  A table of 50,000
ties never travels to the browser whole, and the CSV/Excel download is the same filtered,
sorted view.
"""

from __future__ import annotations

import json
from typing import Any

import dash_ag_grid as dag
import pandas as pd
from dash import Dash, Input, Output, State, dcc, html, no_update

from kizuna.dashboard import components as ui
from kizuna.dashboard import ids
from kizuna.dashboard.data import DataSource, Snapshot, SnapshotData
from kizuna.dashboard.i18n import t, term
from kizuna.graph.cells import EXCEL_MAX_ROWS, xlsx_bytes

PATH = "/data"
NAV_KEY = "nav.data"
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
            near = data.neighbours.get(str(sel.get("id")), set()) | {sel.get("id")}
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
#: Pixel widths of the columns that carry words.
COLUMN_WIDTHS: dict[str, int] = {"name": 240, "name_en": 220, "evidence": 360, "note": 240}


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
    return {"rowData": ui.records(view.iloc[start:end]), "rowCount": len(view)}


#: Vocabulary columns of each table (shown by name; filters and downloads keep the codes).
TABLE_TERMS: dict[str, dict[str, str]] = {
    "organizations": {"kind": "org_kind", "region": "region", "role": "role"},
    "ties": {"kind": "tie_kind"},
    "clusters": {"region": "region", "field": "field"},
    "programs": {"kind": "program_kind"},
    "participation": {"role": "participation_role"},
}


def term_formatter(vocabulary: str, codes: Any, lang: str) -> dict[str, str]:
    """An AG Grid valueFormatter that shows each code of ``codes`` by its name in ``lang``."""
    names = {str(c): term(vocabulary, c, lang) for c in pd.unique(pd.Series(codes).dropna())}
    table = json.dumps(names, ensure_ascii=False)
    return {"function": f"({table})[params.value] || params.value"}


def column_defs(frame: pd.DataFrame, lang: str, table: str = "") -> list[dict[str, Any]]:
    terms = {"confidence": "confidence", **TABLE_TERMS.get(table, {})}
    defs = []
    for col in frame.columns:
        numeric = pd.api.types.is_numeric_dtype(frame[col]) and frame[col].dtype != bool
        d: dict[str, Any] = {
            "field": col,
            "headerName": t(f"col.{col}", lang) if t(f"col.{col}", lang) != f"col.{col}" else col,
            "filter": "agNumberColumnFilter" if numeric else "agTextColumnFilter",
            "filterParams": {
                "maxNumConditions": 1,
                "filterOptions": [
                    "contains",
                    "notContains",
                    "equals",
                    "notEqual",
                    "startsWith",
                    "endsWith",
                    "blank",
                    "notBlank",
                ]
                if not numeric
                else ["equals", "notEqual", "greaterThan", "lessThan", "inRange", "blank"],
            },
        }
        if col in terms:
            d["valueFormatter"] = term_formatter(terms[col], frame[col], lang)
        if col in ("evidence", "source_ref", "confidence"):
            d["cellClass"] = "provenance"
        if col in COLUMN_WIDTHS:
            d["width"] = COLUMN_WIDTHS[col]
        defs.append(d)
    return defs


def data_grid(frame: pd.DataFrame, lang: str, table: str = "organizations") -> dag.AgGrid:
    return dag.AgGrid(
        id=ids.DATA_GRID,
        columnDefs=column_defs(frame, lang, table),
        defaultColDef={
            "sortable": True,
            "resizable": True,
            "floatingFilter": True,
            "minWidth": 110,
        },
        rowModelType="infinite",
        dashGridOptions={
            "cacheBlockSize": BLOCK,
            "maxBlocksInCache": 20,
            "enableCellTextSelection": True,
            "rowBuffer": 0,
            "localeText": ui.grid_locale(lang),
        },
        style={"height": "600px", "width": "100%"},
        className="ag-theme-alpine",
    )


def layout(snapshot: Snapshot, lang: str, selection: dict[str, Any]) -> html.Div:
    frame = table_frame(snapshot.data, "organizations")
    return html.Div(
        [
            html.H2(t("data.title", lang)),
            html.Div(
                [
                    ui.control(
                        t("data.table", lang),
                        dcc.RadioItems(
                            id=ids.DATA_TABLE,
                            value="organizations",
                            inline=True,
                            options=[{"label": t(f"data.{x}", lang), "value": x} for x in TABLES],
                        ),
                    ),
                    ui.control(
                        t("data.scope", lang),
                        dcc.RadioItems(
                            id=ids.DATA_SCOPE,
                            value="all",
                            inline=True,
                            options=[
                                {"label": t("data.scope_all", lang), "value": "all"},
                                {
                                    "label": t("data.scope_selection", lang),
                                    "value": "selection",
                                },
                            ],
                        ),
                    ),
                    html.Button(
                        t("common.download_csv", lang), id=ids.DATA_CSV, className="btn btn-small"
                    ),
                    html.Button(
                        t("data.download_xlsx", lang), id=ids.DATA_XLSX, className="btn btn-small"
                    ),
                    dcc.Download(id=ids.DATA_DOWNLOAD),
                ],
                className="controls",
            ),
            html.P(t("data.explain", lang), className="explain"),
            html.Div(data_grid(frame, lang), id="data-grid-holder"),
        ]
    )


def register(app: Dash, source: DataSource) -> None:
    def current(table: str, scope: str, selection: Any) -> pd.DataFrame:
        sel = ui.selection_of(selection) if scope == "selection" else {}
        return table_frame(source.peek().data, table or "organizations", sel)

    @app.callback(
        Output("data-grid-holder", "children"),
        Input(ids.DATA_TABLE, "value"),
        Input(ids.DATA_SCOPE, "value"),
        Input(ids.SELECTION, "data"),
        State(ids.LANG, "value"),
        prevent_initial_call=True,
    )
    def switch(table, scope, selection, lang):  # type: ignore[no-untyped-def]
        return data_grid(current(table, scope, selection), lang, table or "organizations")

    @app.callback(
        Output(ids.DATA_GRID, "getRowsResponse"),
        Input(ids.DATA_GRID, "getRowsRequest"),
        State(ids.DATA_TABLE, "value"),
        State(ids.DATA_SCOPE, "value"),
        State(ids.SELECTION, "data"),
    )
    def rows(request, table, scope, selection):  # type: ignore[no-untyped-def]
        if not request:
            return no_update
        return rows_response(current(table, scope, selection), request)

    @app.callback(
        Output(ids.DATA_DOWNLOAD, "data"),
        Input(ids.DATA_CSV, "n_clicks"),
        Input(ids.DATA_XLSX, "n_clicks"),
        State(ids.DATA_GRID, "getRowsRequest"),
        State(ids.DATA_TABLE, "value"),
        State(ids.DATA_SCOPE, "value"),
        State(ids.SELECTION, "data"),
        prevent_initial_call=True,
    )
    def download(_c, _x, request, table, scope, selection):  # type: ignore[no-untyped-def]
        from dash import ctx

        request = request or {}
        view = apply_model(
            current(table, scope, selection), request.get("filterModel"), request.get("sortModel")
        )
        name = f"kizuna-{table or 'organizations'}"
        if ctx.triggered_id == ids.DATA_XLSX and len(view) < EXCEL_MAX_ROWS:
            return dcc.send_bytes(excel_bytes(view, table or "organizations"), f"{name}.xlsx")
        return ui.csv_download(view, f"{name}.csv")  # (also when Excel cannot hold the rows)


def excel_bytes(frame: pd.DataFrame, sheet: str) -> bytes:
    """``frame`` as an .xlsx workbook with one sheet (text never becomes a formula)."""
    return xlsx_bytes(frame, sheet)
