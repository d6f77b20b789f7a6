"""Small building blocks shared by the pages: figures, grids, notices, CSV downloads."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import dash_ag_grid as dag
import numpy as np
import pandas as pd
import plotly.graph_objects as go
from dash import dcc, html

from dashboard import ids
from dashboard.i18n import t

#: Fonts with Japanese glyphs first (Debian: fonts-noto-cjk), then the platform defaults.
FONT_FAMILY = (
    '"Noto Sans CJK JP", "Noto Sans JP", "Hiragino Sans", "Yu Gothic", Meiryo, '
    '"Helvetica Neue", Arial, sans-serif'
)
#: Qualitative palette for clusters (colour-blind friendly first eight, then more).
PALETTE: tuple[str, ...] = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#D55E00",
    "#CC79A7",
    "#56B4E9",
    "#F0E442",
    "#000000",
    "#882255",
    "#44AA99",
    "#999933",
    "#AA4499",
    "#117733",
    "#332288",
    "#DDCC77",
    "#88CCEE",
    "#661100",
    "#6699CC",
    "#AA4466",
    "#4477AA",
)
ROLE_COLOURS: dict[str, str] = {
    "R1": "#bbbbbb",
    "R2": "#88CCEE",
    "R3": "#44AA99",
    "R4": "#117733",
    "R5": "#DDCC77",
    "R6": "#CC6677",
    "R7": "#882255",
}


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
#: Columns whose long text wraps onto several lines.
WRAPPED: frozenset[str] = frozenset({"evidence", "reasons"})


def org_customdata(index: Any) -> np.ndarray:
    """customdata ``[["org", id], …]`` as an object array (Plotly copies it without a
    per-element deep copy, which matters at 10k points)."""
    values = np.asarray(list(index), dtype=object)
    out = np.empty((len(values), 2), dtype=object)
    out[:, 0] = "org"
    out[:, 1] = values
    return out


def rows(frame: pd.DataFrame) -> Iterator[Any]:
    """``frame.itertuples()`` with rows typed loosely (their fields are read by name)."""
    return iter(frame.itertuples())


def colour_of(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def graph_config(name: str, image_format: str = "png") -> dict[str, Any]:
    """Plotly modebar config: download the figure as PNG or SVG, no Plotly logo."""
    return {
        "displaylogo": False,
        "toImageButtonOptions": {
            "format": image_format if image_format in ("png", "svg") else "png",
            "filename": f"kizuna-{name}",
            "scale": 2,
        },
        "modeBarButtonsToRemove": ["lasso2d", "select2d"],
    }


def graph(component_id: dict[str, str], figure: go.Figure | None = None, **style: Any) -> dcc.Graph:
    """A dcc.Graph with the shared config (its id must come from :func:`ids.figure`)."""
    return dcc.Graph(
        id=component_id,
        figure=figure if figure is not None else empty_figure(""),
        config=graph_config(component_id["name"]),  # type: ignore[arg-type]
        style={"height": "560px", **style},
    )


def base_layout(fig: go.Figure, **extra: Any) -> go.Figure:
    settings: dict[str, Any] = {
        "font": {"family": FONT_FAMILY, "size": 12},
        "margin": {"l": 10, "r": 10, "t": 40, "b": 10},
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
    }
    settings.update(extra)
    fig.update_layout(**settings)
    return fig


def empty_figure(message: str) -> go.Figure:
    """A blank figure that says why it is blank."""
    fig = go.Figure()
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    if message:
        fig.add_annotation(
            text=message,
            showarrow=False,
            x=0.5,
            y=0.5,
            xref="paper",
            yref="paper",
            font={"size": 15, "color": "#555"},
        )
    return base_layout(fig)


def notice(text: str, *, kind: str = "info") -> html.Div:
    """A boxed message (kind: info, warning, error)."""
    return html.Div(text, className=f"notice notice-{kind}")


def empty_store_page(lang: str) -> html.Div:
    """What every page shows when the store holds no organization yet."""
    return html.Div(
        [
            html.H2(t("empty.title", lang)),
            html.P(t("empty.body", lang)),
            html.Pre("kizuna store start\nkizuna load data/seed\nkizuna serve", className="code"),
            html.P(t("empty.demo", lang)),
        ],
        className="empty-page",
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
) -> dag.AgGrid:
    """An AG Grid of ``frame`` showing ``columns`` ((field, header) pairs), sortable/filterable."""
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
    options: dict[str, Any] = {"animateRows": False, "enableCellTextSelection": True}
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


def csv_button(button_id: str, download_id: str, lang: str) -> html.Span:
    """A "current view as CSV" button with its dcc.Download."""
    return html.Span(
        [
            html.Button(t("common.download_csv", lang), id=button_id, className="btn btn-small"),
            dcc.Download(id=download_id),
        ]
    )


def csv_download(frame: pd.DataFrame, filename: str) -> dict[str, Any]:
    """A dcc.Download payload: ``frame`` as UTF-8 CSV with a BOM (Excel opens it right)."""
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False)
    return {"content": "\ufeff" + buffer.getvalue(), "filename": filename, "type": "text/csv"}


def selection_of(value: Any) -> dict[str, Any]:
    """The selection store's value, always a dict (``{}`` when nothing is selected)."""
    return value if isinstance(value, dict) else {}


__all__ = [
    "FONT_FAMILY",
    "PALETTE",
    "ROLE_COLOURS",
    "base_layout",
    "csv_button",
    "csv_download",
    "empty_figure",
    "empty_store_page",
    "graph",
    "graph_config",
    "grid",
    "ids",
    "notice",
    "records",
    "selection_of",
]
