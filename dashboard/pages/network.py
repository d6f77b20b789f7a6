"""Network explorer: the organization graph, search, ego networks, cluster super-nodes.

Drawn with Plotly WebGL (``scattergl``): one trace for thousands of markers and one for all
the edge segments stays responsive where a DOM/canvas graph (dash-cytoscape) slows down
past a couple of thousand elements, and it shares Plotly's PNG/SVG export with the other
figures.  Above :data:`MAX_NODES` organizations the graph is drawn as cluster super-nodes
until the user zooms into one cluster (click it, or select it on another page).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from dash import Dash, Input, Output, State, dcc, html, no_update

from kizuna.dashboard import components as ui
from kizuna.dashboard import ids, layout_engine
from kizuna.dashboard.data import CENTRALITIES, NO_CLUSTER, DataSource, Snapshot, SnapshotData
from kizuna.dashboard.explorer import (
    cluster_colours,
    node_hover,
    org_info,
    search_options,
    short_text,
    view_nodes,
    view_table,
)
from kizuna.dashboard.i18n import label_column, t

PATH = "/network"
NAV_KEY = "nav.network"
MAX_EDGE_HOVER = 4000
#: Ego networks up to this size get their own layout (bigger ones keep the global one).
MAX_LOCAL_LAYOUT = 400


def _segments(coord: pd.Series, a: pd.Series, b: pd.Series) -> np.ndarray:
    """One coordinate of line segments from node ``a[i]`` to ``b[i]``, NaN-separated
    (``a0, b0, nan, a1, b1, nan, …``), for a single lines trace."""
    return np.column_stack(
        [coord.reindex(a).to_numpy(), coord.reindex(b).to_numpy(), np.full(len(a), np.nan)]
    ).ravel()


def _size(values: pd.Series) -> np.ndarray:
    v = values.astype(float).fillna(0.0).to_numpy()
    top = v.max() if len(v) else 0.0
    return 7 + 23 * np.sqrt(v / top) if top > 0 else np.full(len(v), 9.0)


def network_figure(
    data: SnapshotData,
    *,
    selection: dict[str, Any] | None = None,
    centrality: str = "degree",
    depth: int = 1,
    lang: str = "ja",
) -> Any:
    """The explorer's figure for the current selection (see :func:`view_nodes`)."""
    selection = selection or {}
    centrality = centrality if centrality in CENTRALITIES else "degree"
    mode, chosen = view_nodes(data, selection, depth)
    if mode == "aggregate":
        return aggregate_figure(data, lang=lang)
    if not chosen:
        return ui.empty_figure(t("net.nothing", lang))
    orgs = data.orgs.loc[chosen]
    keep = set(chosen)
    ties = data.ties
    sub = ties[
        ties["source"].isin(keep) & ties["target"].isin(keep) & (ties["source"] != ties["target"])
    ]
    if mode == "ego" and len(chosen) <= MAX_LOCAL_LAYOUT:
        pos = layout_engine.local_positions(
            chosen, list(zip(sub["source"], sub["target"], strict=True))
        )
    else:
        pos = data.positions.loc[chosen]
    fig = ui.Figure()
    ex = _segments(pos["x"], sub["source"], sub["target"])
    ey = _segments(pos["y"], sub["source"], sub["target"])
    fig.add_trace(
        ui.trace(
            "scattergl",
            x=ex,
            y=ey,
            mode="lines",
            hoverinfo="skip",
            showlegend=False,
            line={"color": "rgba(120,120,120,0.35)", "width": 1},
        )
    )
    if 0 < len(sub) <= MAX_EDGE_HOVER:
        column = label_column(lang)
        labels: dict[str, str] = data.memo(
            f"label_dict|{column}", lambda: data.orgs[column].to_dict()
        )
        fig.add_trace(
            ui.trace(
                "scattergl",
                x=(ex[0::3] + ex[1::3]) / 2,
                y=(ey[0::3] + ey[1::3]) / 2,
                mode="markers",
                marker={"size": 6, "color": "rgba(120,120,120,0.25)"},
                showlegend=False,
                hovertext=[
                    f"{labels.get(s, s)} — {labels.get(tg, tg)}<br>{k}"
                    f"{' ' + str(y) if pd.notna(y) else ''} · {c or ''}<br>"
                    f"{(e or '')[:80]}<br><i>{r or ''}</i>"
                    for s, tg, k, y, c, e, r in zip(
                        sub["source"].tolist(),
                        sub["target"].tolist(),
                        sub["kind"].tolist(),
                        sub["since"].astype(object).tolist(),
                        sub["confidence"].tolist(),
                        sub["evidence"].tolist(),
                        sub["source_ref"].tolist(),
                        strict=True,
                    )
                ],
                hoverinfo="text",
                name=t("net.ties", lang),
            )
        )
    colours = cluster_colours(data)
    sizes = pd.Series(_size(orgs[centrality]), index=orgs.index)
    focus = selection.get("id") if selection.get("kind") == "org" else None
    hover = node_hover(data, lang)
    for group, part in orgs.groupby("group", sort=False):
        fig.add_trace(
            ui.trace(
                "scattergl",
                x=pos.loc[part.index, "x"].to_numpy(dtype=float),
                y=pos.loc[part.index, "y"].to_numpy(dtype=float),
                mode="markers",
                name=short_text(data.cluster_label(part["group"].iloc[0], lang)),
                marker={
                    "size": sizes[part.index].to_numpy(dtype=float),
                    "color": colours.get(str(group), "#9a9a9a"),
                    "line": {"width": 0.5, "color": "white"},
                },
                customdata=ui.org_customdata(part.index),
                hovertext=hover.reindex(part.index).to_numpy(dtype=object),
                hoverinfo="text",
            )
        )
    if focus in pos.index:
        fx: Any = pos.at[focus, "x"]
        fy: Any = pos.at[focus, "y"]
        fsize: Any = sizes.get(focus, 9.0)
        fig.add_trace(
            ui.trace(
                "scattergl",
                x=[float(fx)],
                y=[float(fy)],
                mode="markers",
                showlegend=False,
                marker={
                    "size": float(fsize) + 6,
                    "color": "rgba(0,0,0,0)",
                    "line": {"width": 3, "color": "#d62728"},
                },
                customdata=ui.org_customdata([focus]),
                hovertext=[hover.get(focus, "")],
                hoverinfo="text",
            )
        )
    if mode in ("ego", "cluster", "pair") or len(orgs) <= 60:
        show = orgs.nlargest(min(len(orgs), 25), centrality) if len(orgs) > 25 else orgs
        fig.add_trace(
            ui.trace(
                "scatter",
                x=pos.loc[show.index, "x"],
                y=pos.loc[show.index, "y"],
                mode="text",
                text=[str(n)[:16] for n in show["name"]],
                textposition="top center",
                hoverinfo="skip",
                showlegend=False,
                textfont={"size": 10},
            )
        )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False, scaleanchor="x")
    title = t(f"net.mode_{mode}", lang, n=len(orgs), m=len(sub))
    return ui.base_layout(
        fig,
        title={"text": title, "x": 0.01},
        hovermode="closest",
        dragmode="pan",
        legend={
            "itemsizing": "constant",
            "orientation": "h",
            "y": -0.02,
            "yanchor": "top",
            "font": {"size": 10},
        },
    )


def aggregate_figure(data: SnapshotData, *, lang: str = "ja") -> Any:
    """Clusters as super-nodes (size: organizations), edges weighted by tie counts."""
    centres = data.cluster_positions
    ties = data.ties
    cross = ties[ties["source_group"] != ties["target_group"]].dropna(
        subset=["source_group", "target_group"]
    )
    a = np.minimum(cross["source_group"].astype(str), cross["target_group"].astype(str))
    b = np.maximum(cross["source_group"].astype(str), cross["target_group"].astype(str))
    pairs = pd.DataFrame({"a": a, "b": b}).groupby(["a", "b"]).size().rename("n").reset_index()
    fig = ui.Figure()
    if len(pairs):
        top = pairs["n"].max()
        for width in sorted(set(np.round(1 + 6 * np.sqrt(pairs["n"] / top)))):
            part = pairs[np.round(1 + 6 * np.sqrt(pairs["n"] / top)) == width]
            xs = _segments(centres["x"], part["a"], part["b"])
            ys = _segments(centres["y"], part["a"], part["b"])
            fig.add_trace(
                ui.trace(
                    "scatter",
                    x=xs,
                    y=ys,
                    mode="lines",
                    hoverinfo="skip",
                    showlegend=False,
                    line={"width": float(width), "color": "rgba(90,90,160,0.35)"},
                )
            )
    colours = cluster_colours(data)
    top = max(int(centres["orgs"].max()), 1)
    fig.add_trace(
        ui.trace(
            "scatter",
            x=centres["x"],
            y=centres["y"],
            mode="markers+text",
            text=[data.cluster_label(g)[:14] for g in centres.index],
            textposition="top center",
            marker={
                "size": 14 + 46 * np.sqrt(centres["orgs"] / top),
                "color": [colours.get(g, "#999") for g in centres.index],
                "opacity": 0.85,
            },
            customdata=[["cluster", g] for g in centres.index],
            hovertext=[
                f"<b>{data.cluster_label(g)}</b><br>{t('map.orgs', lang)}: {n}<br>"
                f"{t('net.click_zoom', lang)}"
                for g, n in zip(centres.index, centres["orgs"], strict=True)
            ],
            hoverinfo="text",
            showlegend=False,
        )
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False, scaleanchor="x")
    return ui.base_layout(
        fig,
        title={"text": t("net.mode_aggregate", lang, n=len(data.orgs), m=len(ties)), "x": 0.01},
        hovermode="closest",
        dragmode="pan",
    )


def selection_from_click(click: dict[str, Any] | None) -> dict[str, Any] | None:
    if not click or not click.get("points"):
        return None
    custom = click["points"][0].get("customdata")
    if not isinstance(custom, list) or len(custom) < 2:
        return None
    if custom[0] == "org":
        return {"kind": "org", "id": custom[1]}
    if custom[0] == "cluster" and not str(custom[1]).startswith(NO_CLUSTER):
        return {"kind": "cluster", "id": custom[1]}
    return None


def layout(snapshot: Snapshot, lang: str, selection: dict[str, Any]) -> html.Div:
    return html.Div(
        [
            html.H2(t("net.title", lang)),
            html.Div(
                [
                    ui.control(
                        t("net.search", lang),
                        dcc.Input(
                            id=ids.NET_SEARCH,
                            type="search",
                            debounce=0.3,
                            placeholder=t("net.search_placeholder", lang),
                            className="search",
                        ),
                        "control wide",
                    ),
                    ui.control(
                        t("net.size_by", lang),
                        dcc.Dropdown(
                            id=ids.NET_CENTRALITY,
                            value="degree",
                            clearable=False,
                            options=[
                                {"label": t(f"metric.{c}", lang), "value": c} for c in CENTRALITIES
                            ],
                        ),
                    ),
                    ui.control(
                        t("net.depth", lang),
                        dcc.RadioItems(
                            id=ids.NET_DEPTH,
                            value=1,
                            inline=True,
                            options=[{"label": "1", "value": 1}, {"label": "2", "value": 2}],
                        ),
                    ),
                    ui.csv_button(ids.NET_CSV, ids.NET_CSV_DOWNLOAD, lang),
                ],
                className="controls",
            ),
            dcc.RadioItems(id=ids.NET_RESULTS, options=[], className="results"),
            html.Div(
                [
                    html.Div(ui.graph(ids.NET_FIGURE, height="640px"), className="main-col"),
                    html.Div(id=ids.NET_INFO, className="side-col"),
                ],
                className="two-col",
            ),
            html.Div(id=ids.NET_TIES),
        ]
    )


def register(app: Dash, source: DataSource) -> None:
    @app.callback(
        Output(ids.NET_RESULTS, "options"),
        Input(ids.NET_SEARCH, "value"),
        State(ids.LANG, "value"),
    )
    def find(query, lang):  # type: ignore[no-untyped-def]
        return search_options(source.peek().data, query, lang)

    @app.callback(
        Output(ids.SELECTION, "data", allow_duplicate=True),
        Input(ids.NET_RESULTS, "value"),
        prevent_initial_call=True,
    )
    def pick(org):  # type: ignore[no-untyped-def]
        return {"kind": "org", "id": org} if org else no_update

    @app.callback(
        Output(ids.NET_FIGURE, "figure"),
        Output(ids.NET_INFO, "children"),
        Output(ids.NET_TIES, "children"),
        Input(ids.SELECTION, "data"),
        Input(ids.NET_CENTRALITY, "value"),
        Input(ids.NET_DEPTH, "value"),
        State(ids.LANG, "value"),
    )
    def draw(selection, centrality, depth, lang):  # type: ignore[no-untyped-def]
        return render(source.peek().data, selection, centrality, depth, lang)

    ui.register_click_selection(app, ids.NET_FIGURE, selection_from_click)

    @app.callback(
        Output(ids.NET_CSV_DOWNLOAD, "data"),
        Input(ids.NET_CSV, "n_clicks"),
        State(ids.SELECTION, "data"),
        State(ids.NET_DEPTH, "value"),
        prevent_initial_call=True,
    )
    def download(_n, selection, depth):  # type: ignore[no-untyped-def]
        return ui.csv_download(
            view_table(source.peek().data, ui.selection_of(selection), depth),
            "kizuna-network-view.csv",
        )


def render(
    data: SnapshotData, selection: Any, centrality: Any, depth: Any, lang: Any
) -> tuple[Any, Any, Any]:
    """The explorer callback as a plain function: (figure, info panel, ties table)."""
    selection = ui.selection_of(selection)
    lang = lang or "ja"
    if data.is_empty:
        return ui.empty_figure(t("empty.title", lang)), None, None
    fig = network_figure(
        data,
        selection=selection,
        centrality=centrality or "degree",
        depth=int(depth or 1),
        lang=lang,
    )
    panel, ties = org_info(data, selection, lang)
    return fig, panel, ties
