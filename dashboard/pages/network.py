"""Network explorer: the organization graph, search, ego networks, cluster super-nodes.

Drawn with Plotly WebGL (``scattergl``): one trace for thousands of markers and one for all
the edge segments stays responsive where a DOM/canvas graph (dash-cytoscape) slows down
past a couple of thousand elements, and it shares Plotly's PNG/SVG export with the other
figures.  Above :data:`MAX_NODES` organizations the graph is drawn as cluster super-nodes
until the user zooms into one cluster (click it, or select it on another page).
"""

from __future__ import annotations

from collections import deque
from typing import Any

import numpy as np
import pandas as pd
from dash import Dash, Input, Output, State, dcc, html, no_update

from dashboard import components as ui
from dashboard import ids, layout_engine
from dashboard.data import CENTRALITIES, NO_CLUSTER, DataSource, Snapshot, SnapshotData
from dashboard.i18n import t
from dashboard.pages.national_map import TIE_COLUMNS, tie_table
from dashboard.text import search
from graph.model import REGION_NAMES_JA

PATH = "/network"
NAV_KEY = "nav.network"
MAX_NODES = 1500
MAX_EDGE_HOVER = 4000
#: Ego networks up to this size get their own layout (bigger ones keep the global one).
MAX_LOCAL_LAYOUT = 400


def cluster_colours(data: SnapshotData) -> dict[str, str]:
    colours = {c: ui.colour_of(i) for i, c in enumerate(data.clusters.index)}
    colours[NO_CLUSTER] = "#9a9a9a"
    return colours


def ego(data: SnapshotData, org: str, depth: int) -> list[str]:
    """Organizations within ``depth`` steps of ``org`` (itself first), breadth first."""
    adj = data.neighbours
    if org not in adj:
        return []
    seen = {org: 0}
    queue = deque([org])
    while queue:
        node = queue.popleft()
        if seen[node] >= depth:
            continue
        for other in sorted(adj[node]):
            if other not in seen:
                seen[other] = seen[node] + 1
                queue.append(other)
    return list(seen)


def view_nodes(data: SnapshotData, selection: dict[str, Any], depth: int) -> tuple[str, list[str]]:
    """Which organizations to draw: (mode, ids); mode is ego, cluster, pair, all or aggregate."""
    kind = selection.get("kind")
    orgs = data.orgs
    if kind == "org" and selection.get("id") in orgs.index:
        return "ego", ego(data, str(selection["id"]), max(1, min(int(depth or 1), 2)))
    if kind == "cluster" and selection.get("id") in set(orgs["group"]):
        return "cluster", list(orgs.index[orgs["group"] == selection["id"]])
    if kind == "pair":
        chosen = {selection.get("a"), selection.get("b")}
        return "pair", list(orgs.index[orgs["group"].isin(chosen)])
    if len(orgs) <= MAX_NODES:
        return "all", list(orgs.index)
    return "aggregate", []


def _size(values: pd.Series) -> np.ndarray:
    v = values.astype(float).fillna(0.0).to_numpy()
    top = v.max() if len(v) else 0.0
    return 7 + 23 * np.sqrt(v / top) if top > 0 else np.full(len(v), 9.0)


def _short(text: str, limit: int = 22) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def node_hover(data: SnapshotData, lang: str) -> pd.Series:
    """Hover text of every organization (kind, cluster, region, key metrics), cached."""

    def build() -> pd.Series:
        return pd.Series(
            [_node_hover(r, lang) for r in ui.rows(data.orgs)], index=data.orgs.index, dtype=object
        )

    result: pd.Series = data.memo(f"node_hover|{lang}", build)
    return result


def _node_hover(row: Any, lang: str) -> str:
    region = (
        REGION_NAMES_JA.get(row.region, row.region or "") if lang == "ja" else (row.region or "")
    )
    metrics = [
        f"{t('metric.degree', lang)} {int(row.degree) if pd.notna(row.degree) else 0}",
        f"{t('metric.betweenness', lang)} {row.betweenness:.3f}"
        if pd.notna(row.betweenness)
        else "",
        f"{t('metric.role', lang)} {row.role}" if isinstance(row.role, str) else "",
    ]
    return (
        f"<b>{row.label}</b><br>{t(f'kind.{row.kind}', lang)} · {row.cluster_label}"
        f" · {region}<br>" + " · ".join(m for m in metrics if m)
    )


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
    ex = np.column_stack(
        [
            pos["x"].reindex(sub["source"]).to_numpy(),
            pos["x"].reindex(sub["target"]).to_numpy(),
            np.full(len(sub), np.nan),
        ]
    ).ravel()
    ey = np.column_stack(
        [
            pos["y"].reindex(sub["source"]).to_numpy(),
            pos["y"].reindex(sub["target"]).to_numpy(),
            np.full(len(sub), np.nan),
        ]
    ).ravel()
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
        labels: dict[str, str] = data.memo("label_dict", lambda: data.orgs["label"].to_dict())
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
                name=_short(str(part["cluster_label"].iloc[0])),
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
            xs = np.column_stack(
                [
                    centres["x"].reindex(part["a"]),
                    centres["x"].reindex(part["b"]),
                    np.full(len(part), np.nan),
                ]
            ).ravel()
            ys = np.column_stack(
                [
                    centres["y"].reindex(part["a"]),
                    centres["y"].reindex(part["b"]),
                    np.full(len(part), np.nan),
                ]
            ).ravel()
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
    if custom[0] == "cluster" and custom[1] != NO_CLUSTER:
        return {"kind": "cluster", "id": custom[1]}
    return None


def search_options(data: SnapshotData, query: str | None, lang: str) -> list[dict[str, Any]]:
    """Radio options for the organizations matching ``query``."""
    if not query or data.is_empty:
        return []
    found = search(data.search_keys, query, rank=data.orgs["degree"], limit=15)
    if not found:
        return [{"label": t("net.no_match", lang, query=query), "value": "", "disabled": True}]
    orgs = data.orgs
    return [
        {"label": f"{orgs.at[i, 'label']!s} — {orgs.at[i, 'cluster_label']!s}", "value": i}
        for i in found
    ]


def org_info(data: SnapshotData, selection: dict[str, Any], lang: str) -> tuple[Any, Any]:
    """The panel beside the graph (the selected organization and its metrics) and the
    table of its ties with their evidence under the graph."""
    if selection.get("kind") != "org":
        return ui.notice(t("net.hint", lang)), None
    org = str(selection.get("id"))
    if org not in data.orgs.index:
        return ui.notice(t("common.not_found", lang, name=org), kind="warning"), None
    row: Any = data.orgs.loc[org]
    ties = data.ties
    mine = ties[(ties["source"] == org) | (ties["target"] == org)]
    facts = [
        (t("col.kind", lang), t(f"kind.{row['kind']}", lang)),
        (t("col.cluster", lang), row["cluster_label"]),
        (t("col.region", lang), REGION_NAMES_JA.get(row["region"], row["region"] or "—")),
        (t("col.prefecture", lang), row["prefecture"] or "—"),
        (t("metric.degree", lang), int(row["degree"]) if pd.notna(row["degree"]) else 0),
        (t("metric.betweenness", lang), f"{row['betweenness']:.4f}"),
        (t("metric.participation", lang), f"{row['participation']:.3f}"),
        (t("metric.role", lang), row["role"]),
        (t("col.source_ref", lang), row.get("source_ref") or "—"),
    ]
    body: Any = (
        ui.notice(t("net.no_ties", lang), kind="warning")
        if mine.empty
        else ui.grid(
            "net-ties-grid",
            tie_table(data, mine),
            [(c, t(f"col.{c}", lang)) for c in TIE_COLUMNS],
            height="300px",
        )
    )
    panel = html.Div(
        [
            html.H4(row["label"]),
            html.Table(
                [html.Tr([html.Th(k), html.Td(str(v))]) for k, v in facts], className="facts"
            ),
        ]
    )
    return panel, html.Div([html.H4(t("net.ties_of", lang, name=row["label"])), body])


def layout(snapshot: Snapshot, lang: str, selection: dict[str, Any]) -> html.Div:
    return html.Div(
        [
            html.H2(t("net.title", lang)),
            html.Div(
                [
                    html.Div(
                        [
                            html.Label(t("net.search", lang)),
                            dcc.Input(
                                id=ids.NET_SEARCH,
                                type="search",
                                debounce=0.3,
                                placeholder=t("net.search_placeholder", lang),
                                className="search",
                            ),
                        ],
                        className="control wide",
                    ),
                    html.Div(
                        [
                            html.Label(t("net.size_by", lang)),
                            dcc.Dropdown(
                                id=ids.NET_CENTRALITY,
                                value="degree",
                                clearable=False,
                                options=[
                                    {"label": t(f"metric.{c}", lang), "value": c}
                                    for c in CENTRALITIES
                                ],
                            ),
                        ],
                        className="control",
                    ),
                    html.Div(
                        [
                            html.Label(t("net.depth", lang)),
                            dcc.RadioItems(
                                id=ids.NET_DEPTH,
                                value=1,
                                inline=True,
                                options=[{"label": "1", "value": 1}, {"label": "2", "value": 2}],
                            ),
                        ],
                        className="control",
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

    @app.callback(
        Output(ids.SELECTION, "data", allow_duplicate=True),
        Input(ids.NET_FIGURE, "clickData"),
        prevent_initial_call=True,
    )
    def click(click_data):  # type: ignore[no-untyped-def]
        chosen = selection_from_click(click_data)
        return chosen if chosen is not None else no_update

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


VIEW_COLUMNS = (
    "id",
    "name",
    "name_en",
    "kind",
    "cluster",
    "region",
    "prefecture",
    "degree",
    "betweenness",
    "pagerank",
    "participation",
    "within_module_z",
    "role",
)


def view_table(data: SnapshotData, selection: dict[str, Any], depth: int) -> pd.DataFrame:
    """The organizations in the current view with their metrics (for the CSV download)."""
    mode, chosen = view_nodes(data, selection, depth)
    orgs = data.orgs if mode == "aggregate" else data.orgs.loc[chosen]
    return orgs[[c for c in VIEW_COLUMNS if c in orgs.columns]].reset_index(drop=True)


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
