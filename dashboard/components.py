"""Small building blocks shared by the pages: figures, notices, controls, CSV downloads.

The pages' tables (AG Grid) are :mod:`dashboard.grids`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from dash import Dash, Input, Output, dcc, html, no_update

from kizuna.dashboard import ids
from kizuna.dashboard.i18n import t
from kizuna.graph.cells import people_csv
from kizuna.graph.model import CLUSTER_PALETTE
from kizuna.graph.model import ROLE_COLOURS as model_role_colours

#: Fonts with Japanese glyphs first (Debian: fonts-noto-cjk), then the platform defaults.
FONT_FAMILY = (
    '"Noto Sans CJK JP", "Noto Sans JP", "Hiragino Sans", "Yu Gothic", Meiryo, '
    '"Helvetica Neue", Arial, sans-serif'
)
PALETTE: tuple[str, ...] = CLUSTER_PALETTE  # graph.model: the clusters' colours
ROLE_COLOURS: dict[str, str] = model_role_colours  # graph.model: one colour per role


def org_customdata(index: Any) -> np.ndarray:
    """customdata ``[["org", id], …]`` as an object array (Plotly copies it without a
    per-element deep copy, which matters at 10k points)."""
    values = np.asarray(list(index), dtype=object)
    out = np.empty((len(values), 2), dtype=object)
    out[:, 0] = "org"
    out[:, 1] = values
    return out


class Node(dict):
    """A dict read like a Plotly object (``trace.marker.size``); unset keys read as None."""

    def __getattr__(self, key: str) -> Any:
        value = self.get(key)
        if isinstance(value, dict) and not isinstance(value, Node):
            value = Node(value)
            self[key] = value
        return value


_LAYOUT_PARENTS = ("xaxis", "yaxis", "legend", "title", "font", "margin")


class Figure:
    """A Plotly figure kept as plain dicts.

    ``go.Figure`` validates and deep-copies every array it is given, which costs hundreds of
    milliseconds for 10k markers; Plotly.js validates again in the browser anyway.  This
    class has the few methods the pages use, and serializes like a Plotly figure
    (``to_plotly_json``), so Dash and ``plotly.io`` accept it.
    """

    def __init__(self) -> None:
        self.data: list[Node] = []
        self.layout = Node()

    def add_trace(self, trace: dict[str, Any]) -> Figure:
        self.data.append(Node(trace))
        return self

    def add_shape(self, **shape: Any) -> Figure:
        self.layout.setdefault("shapes", []).append(Node(shape))
        return self

    def add_annotation(self, **note: Any) -> Figure:
        self.layout.setdefault("annotations", []).append(Node(note))
        return self

    def update_xaxes(self, **axis: Any) -> Figure:
        self.layout.setdefault("xaxis", Node()).update(axis)
        return self

    def update_yaxes(self, **axis: Any) -> Figure:
        self.layout.setdefault("yaxis", Node()).update(axis)
        return self

    def update_layout(self, **settings: Any) -> Figure:
        for key, value in settings.items():
            parent, _, child = key.partition("_")
            if child and parent in _LAYOUT_PARENTS:
                self.layout.setdefault(parent, Node())[child] = value
            elif isinstance(value, dict) and isinstance(self.layout.get(key), dict):
                self.layout[key].update(value)
            else:
                self.layout[key] = Node(value) if isinstance(value, dict) else value
        return self

    def to_plotly_json(self) -> dict[str, Any]:
        return {"data": [dict(t) for t in self.data], "layout": dict(self.layout)}


def trace(kind: str, **props: Any) -> Node:
    """A trace of ``kind`` (scatter, scattergl …) as a plain dict."""
    return Node(type=kind, **props)


AnyFigure = go.Figure | Figure


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


def base_layout(fig: Any, **extra: Any) -> Any:
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


def empty_store_page(
    lang: str, hint: Callable[[str], str] = lambda command: f"kizuna {command}"
) -> html.Div:
    """What every page shows when the store holds no organization yet."""
    return html.Div(
        [
            html.H2(t("empty.title", lang)),
            html.P(t("empty.body", lang)),
            html.Pre(
                "\n".join(hint(c) for c in ("store start", "load my-network/", "serve")),
                className="code",
            ),
            html.P(t("empty.demo", lang, demo=hint("demo"))),
        ],
        className="empty-page",
    )


def csv_button(button_id: str, download_id: str, lang: str) -> html.Span:
    """A "current view as CSV" button with its dcc.Download."""
    return html.Span(
        [
            html.Button(t("common.download_csv", lang), id=button_id, className="btn btn-small"),
            dcc.Download(id=download_id),
        ]
    )


def csv_download(frame: pd.DataFrame, filename: str) -> dict[str, Any]:
    """A dcc.Download payload: ``frame`` as UTF-8 CSV with a BOM (Excel opens it right),
    text that a spreadsheet would read as a formula escaped (:mod:`graph.cells`)."""
    return {"content": people_csv(frame), "filename": filename, "type": "text/csv"}


def control(label: str, component: Any, class_name: str = "control") -> html.Div:
    """A labelled control for a page's ``controls`` row: the label above the component."""
    return html.Div([html.Label(label), component], className=class_name)


def selection_of(value: Any) -> dict[str, Any]:
    """The selection store's value, always a dict (``{}`` when nothing is selected)."""
    return value if isinstance(value, dict) else {}


def register_click_selection(
    app: Dash,
    figure_id: dict[str, str],
    selection_from_click: Callable[[dict[str, Any] | None], dict[str, Any] | None],
) -> None:
    """A click on the figure ``figure_id`` selects what ``selection_from_click`` makes of it
    (nothing changes when it returns None)."""

    @app.callback(
        Output(ids.SELECTION, "data", allow_duplicate=True),
        Input(figure_id, "clickData"),
        prevent_initial_call=True,
    )
    def click(click_data):  # type: ignore[no-untyped-def]
        chosen = selection_from_click(click_data)
        return chosen if chosen is not None else no_update


__all__ = [
    "FONT_FAMILY",
    "PALETTE",
    "ROLE_COLOURS",
    "base_layout",
    "control",
    "csv_button",
    "csv_download",
    "empty_figure",
    "empty_store_page",
    "graph",
    "graph_config",
    "ids",
    "notice",
    "register_click_selection",
    "selection_of",
]
