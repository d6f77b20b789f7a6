"""The pages' tables: AG Grid components and the JSON-safe rows they show.

Word columns get more width and wrap; vocabulary columns (confidence, region, role …) show
names in the request's language (the codes stay in the CSV downloads); the grid's own texts
are localized too.
"""

from __future__ import annotations

from typing import Any

import dash_ag_grid as dag
import pandas as pd

from kizuna.dashboard.i18n import CURRENT_LANG, normalize_lang, term

#: Relative widths of the grid columns that carry words (others get 1).
WIDTHS: dict[str, int] = {
    "evidence": 4,
    "reasons": 5,
    "source_name": 2,
    "target_name": 2,
    "name": 2,
    "a_name": 2,
    "b_name": 2,
    "cluster_name": 2,
    "broker_name": 2,
    "regions_cut": 2,
    "source_ref": 1,
}
#: Columns holding vocabulary codes, shown by name (the code stays in the downloads).
TERM_COLUMNS: dict[str, str] = {
    "confidence": "confidence",
    "region": "region",
    "field": "field",
    "role": "role",
    "phase": "phase",
}
#: AG Grid's own texts in Japanese (English is AG Grid's default).
AG_GRID_JA: dict[str, str] = {
    "noRowsToShow": "表示する行がありません",
    "loadingOoo": "読み込み中…",
    "page": "ページ",
    "of": "/",
    "to": "～",
    "more": "以上",
    "next": "次へ",
    "last": "最後",
    "first": "最初",
    "previous": "前へ",
    "filterOoo": "絞り込み…",
    "equals": "等しい",
    "notEqual": "等しくない",
    "contains": "含む",
    "notContains": "含まない",
    "startsWith": "で始まる",
    "endsWith": "で終わる",
    "blank": "空欄",
    "notBlank": "空欄でない",
    "lessThan": "より小さい",
    "greaterThan": "より大きい",
    "lessThanOrEqual": "以下",
    "greaterThanOrEqual": "以上",
    "inRange": "範囲内",
    "andCondition": "かつ",
    "orCondition": "または",
    "applyFilter": "適用",
    "resetFilter": "リセット",
    "clearFilter": "クリア",
    "cancelFilter": "キャンセル",
    "selectAll": "すべて選択",
    "searchOoo": "検索…",
    "pageSizeSelectorLabel": "1ページの行数:",
    "ariaFilterInput": "絞り込みの入力",
}


def grid_locale(lang: str | None = None) -> dict[str, str]:
    """AG Grid's ``localeText`` for ``lang`` (default: the language of the request)."""
    return AG_GRID_JA if normalize_lang(lang or CURRENT_LANG.get()) == "ja" else {}


def with_terms(frame: pd.DataFrame, terms: dict[str, str], lang: str | None = None) -> pd.DataFrame:
    """``frame`` with its vocabulary columns (column → vocabulary) shown by name."""
    present = {c: v for c, v in terms.items() if c in frame.columns}
    if not present:
        return frame
    frame = frame.copy()
    for column, vocabulary in present.items():
        frame[column] = [term(vocabulary, code, lang) for code in frame[column]]
    return frame


#: Columns whose long text wraps onto several lines (cluster names are shown in full).
WRAPPED: frozenset[str] = frozenset(
    {
        "evidence",
        "reasons",
        "a_name",
        "b_name",
        "name",
        "names",
        "other",
        "cluster_name",
        "broker_name",
        "source_name",
        "target_name",
    }
)


def grid(
    grid_id: str,
    frame: pd.DataFrame,
    columns: list[tuple[str, str]],
    *,
    height: str = "360px",
    row_id: str | None = None,
    selectable: bool = False,
    page_size: int | None = None,
    terms: dict[str, str] | None = None,
) -> dag.AgGrid:
    """An AG Grid of ``frame`` showing ``columns`` ((field, header) pairs), sortable/filterable.

    Vocabulary columns (:data:`TERM_COLUMNS`, plus ``terms``: column → vocabulary) show
    names in the request's language; the grid's own texts are localized too.
    """
    frame = with_terms(frame, {**TERM_COLUMNS, **(terms or {})})
    defs = []
    for field, header in columns:
        col: dict[str, Any] = {"field": field, "headerName": header, "flex": WIDTHS.get(field, 1)}
        if field in WRAPPED:
            col.update(
                wrapText=True, autoHeight=True, cellStyle={"lineHeight": "1.4", "paddingTop": "4px"}
            )
        if field in frame.columns and pd.api.types.is_numeric_dtype(frame[field]):
            col["filter"] = "agNumberColumnFilter"
        else:
            col["filter"] = "agTextColumnFilter"
        defs.append(col)
    options: dict[str, Any] = {
        "animateRows": False,
        "enableCellTextSelection": True,
        "localeText": grid_locale(),
    }
    if row_id:
        options["getRowId"] = {"function": f"params.data.{row_id}"}
    if selectable:
        options["rowSelection"] = {
            "mode": "singleRow",
            "enableClickSelection": True,
            "checkboxes": False,
        }
    if page_size:
        options["pagination"] = True
        options["paginationPageSize"] = page_size
    return dag.AgGrid(
        id=grid_id,
        rowData=records(frame, [c for c, _ in columns] + ([row_id] if row_id else [])),
        columnDefs=defs,
        defaultColDef={"sortable": True, "resizable": True, "floatingFilter": True, "minWidth": 80},
        dashGridOptions=options,
        style={"height": height, "width": "100%"},
        className="ag-theme-alpine",
    )


def records(frame: pd.DataFrame, columns: list[str] | None = None) -> list[dict[str, Any]]:
    """JSON-safe rows (NaN → None, numpy scalars → Python, lists joined)."""
    if columns is not None:
        frame = frame[[c for c in columns if c in frame.columns]]
    out = frame.astype(object).where(frame.notna(), None)
    result: list[dict[str, Any]] = [
        {str(k): v for k, v in rec.items()} for rec in out.to_dict("records")
    ]
    for row in result:
        for key, value in row.items():
            if isinstance(value, list | tuple):
                row[key] = " / ".join(map(str, value))
            elif hasattr(value, "item"):
                row[key] = value.item()
    return result


__all__ = ["TERM_COLUMNS", "grid", "grid_locale", "records", "with_terms"]
