"""The data page: its components for one snapshot."""

from __future__ import annotations

import json
from typing import Any

import dash_ag_grid as dag
import pandas as pd
from dash import dcc, html

from kizuna.dashboard import components as ui
from kizuna.dashboard import grids, ids
from kizuna.dashboard.i18n import t, term
from kizuna.dashboard.pages.data_tables.model import BLOCK, TABLES, table_frame
from kizuna.dashboard.store_source import Snapshot

#: Pixel widths of the columns that carry words.
COLUMN_WIDTHS: dict[str, int] = {"name": 240, "name_en": 220, "evidence": 360, "note": 240}


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
            "localeText": grids.grid_locale(lang),
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
            html.Div(data_grid(frame, lang), id=ids.DATA_GRID_HOLDER),
        ]
    )
