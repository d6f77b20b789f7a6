"""National map: clusters as bubbles at their prefectures, cross-region ties as arcs."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd
from dash import Dash, Input, Output, State, dcc, html, no_update

from dashboard import components as ui
from dashboard import geo_layout, ids
from dashboard.data import DataSource, Snapshot, SnapshotData
from dashboard.i18n import t
from graph.bundle import Bundle, GraphFilter
from graph.model import CONFIDENCE_LEVELS, PHASES, REGION_NAMES_JA

PATH = "/"
NAV_KEY = "nav.map"
PHASE_PRESETS: dict[str, tuple[int, int]] = {
    "launch": (2001, 2005),
    "growth": (2006, 2009),
    "self_reliance": (2010, 2015),
}
SCOPES = ("cross_region", "cross_cluster")


def year_bounds(data: SnapshotData) -> tuple[int, int]:
    """The slider's range: the ties' years, at least 2000–2012."""
    years = pd.concat([data.bundle.ties["since"], data.bundle.ties["until"]]).dropna()
    low = min(2000, int(years.min())) if len(years) else 2000
    high = max(2012, int(years.max())) if len(years) else 2012
    return low, high


def filter_ties(
    data: SnapshotData,
    *,
    tie_kinds: list[str] | None = None,
    confidence: list[str] | None = None,
    years: list[int] | None = None,
) -> pd.DataFrame:
    """The ties between two different map places passing the map's filters.

    Extended with places, clusters and regions; ties inside one place (one cluster, one
    prefecture) never draw an arc and are left out once per snapshot.
    """
    low, high = year_bounds(data)
    since, until = (years or [low, high])[:2]
    conf = tuple(confidence or ())
    graph_filter = GraphFilter(
        tie_kinds=tuple(tie_kinds or ()),
        confidence=() if set(conf) >= set(CONFIDENCE_LEVELS) else conf,
        since=None if since <= low else int(since),
        until=None if until >= high else int(until),
    )
    ties = placed_ties(data)
    if graph_filter.is_empty:
        return ties
    filtered = graph_filter.apply(Bundle(nodes=data.bundle.nodes, ties=ties))
    return filtered.ties


def placed_ties(data: SnapshotData) -> pd.DataFrame:
    """Ties whose two ends sit at different map places (cached per snapshot)."""

    def build() -> pd.DataFrame:
        ties = data.ties.dropna(subset=["source_place", "target_place"])
        ties = ties[ties["source_place"] != ties["target_place"]]
        for col in (
            "source_place",
            "target_place",
            "source_region",
            "target_region",
            "kind",
            "source_group",
            "target_group",
        ):
            ties = ties.assign(**{col: ties[col].astype(object)})
        return ties.reset_index(drop=True)

    result: pd.DataFrame = data.memo("placed_ties", build)
    return result


def arcs(data: SnapshotData, ties: pd.DataFrame, *, scope: str = "cross_region") -> pd.DataFrame:
    """Ties between different map places, one row per unordered pair of places.

    Columns: a, b (places), count, weight, kinds, lat_a, lon_a, lat_b, lon_b.  With scope
    ``cross_region`` only ties whose ends lie in different regions are kept.
    """
    cols = ["a", "b", "count", "weight", "kinds", "lat_a", "lon_a", "lat_b", "lon_b"]
    use = ties.dropna(subset=["source_place", "target_place"])
    use = use[use["source_place"] != use["target_place"]]
    if scope == "cross_region":
        use = use[use["source_region"].fillna("?") != use["target_region"].fillna("?")]
    if use.empty:
        return pd.DataFrame(columns=cols)
    src = use["source_place"].to_numpy(dtype=object)
    dst = use["target_place"].to_numpy(dtype=object)
    first = src < dst
    keyed = pd.DataFrame(
        {
            "a": np.where(first, src, dst),
            "b": np.where(first, dst, src),
            "w": use["weight"].fillna(1.0).to_numpy(dtype=float),
            "kind": use["kind"].to_numpy(dtype=object),
        }
    )
    grouped = keyed.groupby(["a", "b"], sort=False).agg(count=("w", "size"), weight=("w", "sum"))
    kinds = (
        keyed.drop_duplicates(["a", "b", "kind"])
        .sort_values("kind")
        .groupby(["a", "b"], sort=False)["kind"]
        .agg(", ".join)
    )
    grouped = grouped.join(kinds.rename("kinds")).reset_index()
    coords = place_coords(data)
    for end in ("a", "b"):
        grouped[f"lat_{end}"] = coords["lat"].reindex(grouped[end]).to_numpy()
        grouped[f"lon_{end}"] = coords["lon"].reindex(grouped[end]).to_numpy()
    return grouped[cols].sort_values("count", ascending=False, kind="stable").reset_index(drop=True)


def place_coords(data: SnapshotData) -> pd.DataFrame:
    """Mean position, region and a label for every map place."""

    def compute() -> pd.DataFrame:
        orgs = data.orgs.dropna(subset=["place"])
        frame = orgs.groupby("place").agg(
            lat=("place_lat", "mean"),
            lon=("place_lon", "mean"),
            region=("place_region", "first"),
            prefecture=("prefecture", "first"),
            orgs=("id", "size"),
        )
        return frame

    result: pd.DataFrame = data._cached("place_coords", compute)
    return result


def place_label(data: SnapshotData, place: str, lang: str) -> str:
    if place.startswith("cluster:"):
        return data.cluster_label(place.split(":", 1)[1])
    if place == geo_layout.OVERSEAS:
        return t("map.overseas", lang)
    if place.startswith("region:"):
        region = place.split(":", 1)[1]
        return REGION_NAMES_JA.get(region, region) if lang == "ja" else region.title()
    return place.split(":", 1)[1]


def _curve(
    lon_a: float, lat_a: float, lon_b: float, lat_b: float, n: int = 16
) -> tuple[list[float], list[float]]:
    """A quadratic Bézier arc bulging to the left of a→b by 20 % of its length."""
    dx, dy = lon_b - lon_a, lat_b - lat_a
    cx, cy = (lon_a + lon_b) / 2 - 0.2 * dy, (lat_a + lat_b) / 2 + 0.2 * dx
    s = np.linspace(0, 1, n)
    xs = (1 - s) ** 2 * lon_a + 2 * (1 - s) * s * cx + s**2 * lon_b
    ys = (1 - s) ** 2 * lat_a + 2 * (1 - s) * s * cy + s**2 * lat_b
    return xs.tolist(), ys.tolist()


def _colour_key(clusters: pd.DataFrame, color_by: str, lang: str) -> tuple[pd.Series, list[str]]:
    if color_by == "phase":
        order = [*PHASES, "unknown"]
        keys = clusters["phase"].fillna("unknown")
        return keys.map(lambda p: t(f"phase.{p}", lang)), [t(f"phase.{p}", lang) for p in order]
    keys = clusters["field"].fillna(t("map.no_field", lang))
    return keys, sorted(set(keys))


def map_figure(
    data: SnapshotData,
    arc_table: pd.DataFrame,
    *,
    color_by: str = "field",
    selection: dict[str, Any] | None = None,
    lang: str = "ja",
) -> Any:
    """Japan's outline, cluster bubbles and weighted arcs; the selection drawn in red."""
    selection = selection or {}
    fig = ui.Figure()
    xs, ys = geo_layout.outline_xy()
    fig.add_trace(
        ui.trace(
            "scatter",
            x=xs,
            y=ys,
            mode="lines",
            fill="toself",
            fillcolor="#eef1f4",
            line={"color": "#9aa5b1", "width": 1},
            hoverinfo="skip",
            showlegend=False,
        )
    )
    lo, la = (
        geo_layout.REGION_CENTRES[geo_layout.OVERSEAS][1],
        geo_layout.REGION_CENTRES[geo_layout.OVERSEAS][0],
    )
    fig.add_shape(
        type="rect",
        x0=lo - 1.6,
        x1=lo + 1.6,
        y0=la - 1.2,
        y1=la + 1.2,
        line={"color": "#9aa5b1", "dash": "dot"},
        fillcolor="#f7f7f7",
        layer="below",
    )
    b = geo_layout.OKINAWA_BOX
    fig.add_shape(
        type="rect",
        x0=b[0],
        x1=b[1],
        y0=b[2],
        y1=b[3],
        layer="below",
        line={"color": "#9aa5b1", "dash": "dot"},
    )
    fig.add_annotation(
        x=b[0] + 0.1,
        y=b[3] - 0.1,
        text=t("map.okinawa", lang),
        showarrow=False,
        xanchor="left",
        yanchor="top",
        font={"color": "#666", "size": 11},
    )
    fig.add_annotation(
        x=lo, y=la + 1.45, text=t("map.overseas", lang), showarrow=False, font={"color": "#666"}
    )
    sel_pair = (
        {selection.get("a"), selection.get("b")} if selection.get("kind") == "pair" else set()
    )
    # arcs, binned by width so a few traces carry hundreds of arcs
    if len(arc_table):
        alpha = 0.45 if len(arc_table) <= 40 else max(0.12, 0.45 * (40 / len(arc_table)) ** 0.5)
        top = float(arc_table["count"].max())
        widths = 1.0 + 7.0 * np.sqrt(arc_table["count"] / top)
        for width in sorted(set(np.round(widths))):
            part = arc_table[np.round(widths) == width]
            ax: list[float | None] = []
            ay: list[float | None] = []
            for row in ui.rows(part):
                cx, cy = _curve(row.lon_a, row.lat_a, row.lon_b, row.lat_b)
                ax += [*cx, None]
                ay += [*cy, None]
            fig.add_trace(
                ui.trace(
                    "scatter",
                    x=ax,
                    y=ay,
                    mode="lines",
                    hoverinfo="skip",
                    showlegend=False,
                    line={"color": f"rgba(80,80,160,{alpha:.2f})", "width": float(width)},
                )
            )
        mids = [_curve(r.lon_a, r.lat_a, r.lon_b, r.lat_b, 3) for r in ui.rows(arc_table)]
        hover = [
            f"{place_label(data, r.a, lang)} ↔ {place_label(data, r.b, lang)}<br>"
            f"{t('map.ties', lang)}: {r.count} ({r.kinds}) · {t('map.weight', lang)} {r.weight:g}"
            for r in ui.rows(arc_table)
        ]
        selected = [{_cluster_of(r.a), _cluster_of(r.b)} == sel_pair for r in ui.rows(arc_table)]
        fig.add_trace(
            ui.trace(
                "scatter",
                x=[m[0][1] for m in mids],
                y=[m[1][1] for m in mids],
                mode="markers",
                marker={
                    "size": 9,
                    "color": ["#d62728" if s else "rgba(80,80,160,0.25)" for s in selected],
                },
                customdata=[["arc", r.a, r.b] for r in ui.rows(arc_table)],
                hovertext=hover,
                hoverinfo="text",
                name=t("map.arcs", lang),
                showlegend=False,
            )
        )
    for layer in static_traces(data, color_by, lang):
        fig.add_trace(layer)
    clusters = data.clusters.dropna(subset=["lat", "lon"])
    chosen = clusters[
        (clusters["id"] == selection.get("id"))
        if selection.get("kind") == "cluster"
        else clusters["id"].isin(sel_pair)
    ]
    if len(chosen):
        top = max(int(clusters["orgs"].max()), 1)
        fig.add_trace(
            ui.trace(
                "scatter",
                x=chosen["lon"].to_numpy(dtype=float),
                y=chosen["lat"].to_numpy(dtype=float),
                mode="markers",
                name=t("roles.selected", lang),
                showlegend=False,
                marker={
                    "size": (16 + 38 * np.sqrt(chosen["orgs"] / top)).to_numpy(dtype=float),
                    "color": "rgba(0,0,0,0)",
                    "line": {"width": 4, "color": "#d62728"},
                },
                customdata=[["cluster", c, ""] for c in chosen["id"]],
                hovertext=[str(x) for x in chosen["label"]],
                hoverinfo="text",
            )
        )
    mid_lat = math.radians(36.0)
    fig.update_xaxes(range=list(geo_layout.LON_RANGE), visible=False, fixedrange=False)
    fig.update_yaxes(
        range=list(geo_layout.LAT_RANGE),
        visible=False,
        scaleanchor="x",
        scaleratio=1 / math.cos(mid_lat),
    )
    return ui.base_layout(
        fig,
        legend={"title": {"text": t(f"map.color_{color_by}", lang)}, "x": 0.01, "y": 0.99},
        dragmode="pan",
        hovermode="closest",
    )


def static_traces(data: SnapshotData, color_by: str, lang: str) -> list[ui.Node]:
    """Places and cluster bubbles: the same for every filter, cached per snapshot."""

    def build() -> list[ui.Node]:
        layers: list[ui.Node] = []
        places = place_coords(data)
        others = places[~places.index.str.startswith("cluster:")]
        if len(others):
            layers.append(
                ui.trace(
                    "scatter",
                    x=others["lon"].to_numpy(dtype=float),
                    y=others["lat"].to_numpy(dtype=float),
                    mode="markers",
                    marker={"symbol": "square", "size": 7, "color": "#7f7f7f"},
                    customdata=[["place", p, ""] for p in others.index],
                    hovertext=[
                        f"{place_label(data, p, lang)}<br>{t('map.orgs', lang)}: {n}"
                        for p, n in zip(others.index, others["orgs"], strict=True)
                    ],
                    hoverinfo="text",
                    name=t("map.other_places", lang),
                )
            )
        clusters = data.clusters.dropna(subset=["lat", "lon"])
        if clusters.empty:
            return layers
        keys, order = _colour_key(clusters, color_by, lang)
        top = max(int(clusters["orgs"].max()), 1)
        for i, key in enumerate(order):
            part = clusters[keys == key]
            if part.empty:
                continue
            layers.append(
                ui.trace(
                    "scatter",
                    x=part["lon"].to_numpy(dtype=float),
                    y=part["lat"].to_numpy(dtype=float),
                    mode="markers",
                    name=str(key),
                    marker={
                        "size": (12 + 38 * np.sqrt(part["orgs"] / top)).to_numpy(dtype=float),
                        "color": ui.colour_of(i),
                        "opacity": 0.8,
                        "line": {"width": 1, "color": "white"},
                    },
                    customdata=[["cluster", c, ""] for c in part["id"]],
                    hovertext=[
                        f"<b>{r.label}</b><br>{REGION_NAMES_JA.get(r.region, r.region or '')}"
                        f" · {r.field or ''}<br>{t('map.orgs', lang)}: {r.orgs}"
                        for r in ui.rows(part)
                    ],
                    hoverinfo="text",
                )
            )
        return layers

    layers: list[ui.Node] = data.memo(f"map_static|{color_by}|{lang}", build)
    return layers


def _cluster_of(place: str) -> str | None:
    return place.split(":", 1)[1] if place.startswith("cluster:") else None


def selection_from_click(click: dict[str, Any] | None) -> dict[str, Any] | None:
    """The selection a click on the map makes (None when it hit nothing selectable)."""
    if not click or not click.get("points"):
        return None
    custom = click["points"][0].get("customdata")
    if not isinstance(custom, list) or len(custom) < 2:
        return None
    kind, a = custom[0], custom[1]
    if kind == "cluster":
        return {"kind": "cluster", "id": a}
    if kind == "arc":
        b = custom[2]
        ca, cb = _cluster_of(a), _cluster_of(b)
        if ca and cb:
            return {"kind": "pair", "a": min(ca, cb), "b": max(ca, cb)}
        return {"kind": "arc", "a": a, "b": b}
    return None


def ties_of_selection(
    data: SnapshotData, ties: pd.DataFrame, selection: dict[str, Any]
) -> pd.DataFrame:
    """The ties behind a selected arc or cluster pair, or the cross-cluster ties of a cluster."""
    kind = selection.get("kind")
    if kind == "pair":
        a, b = selection.get("a"), selection.get("b")
        mask = ((ties["source_group"] == a) & (ties["target_group"] == b)) | (
            (ties["source_group"] == b) & (ties["target_group"] == a)
        )
    elif kind == "arc":
        a, b = selection.get("a"), selection.get("b")
        mask = ((ties["source_place"] == a) & (ties["target_place"] == b)) | (
            (ties["source_place"] == b) & (ties["target_place"] == a)
        )
    elif kind == "cluster":
        c = selection.get("id")
        mask = (ties["source_group"] == c) ^ (ties["target_group"] == c)
    else:
        return ties.iloc[0:0]
    return tie_table(data, ties[mask])


def tie_table(data: SnapshotData, ties: pd.DataFrame) -> pd.DataFrame:
    """Ties with readable end names and their provenance."""
    orgs = data.orgs
    out = pd.DataFrame(
        {
            "source": ties["source"].to_numpy(),
            "source_name": orgs["label"].reindex(ties["source"]).to_numpy(),
            "target": ties["target"].to_numpy(),
            "target_name": orgs["label"].reindex(ties["target"]).to_numpy(),
            "kind": ties["kind"].to_numpy(),
            "since": ties["since"].to_numpy(),
            "confidence": ties["confidence"].to_numpy(),
            "evidence": ties["evidence"].to_numpy(),
            "source_ref": ties["source_ref"].to_numpy(),
        }
    )
    return out


TIE_COLUMNS = (
    "source_name",
    "target_name",
    "kind",
    "since",
    "confidence",
    "evidence",
    "source_ref",
)


def details(data: SnapshotData, ties: pd.DataFrame, selection: dict[str, Any], lang: str) -> Any:
    """The panel under the map: what is selected and the ties behind it."""
    kind = selection.get("kind")
    if kind not in ("cluster", "pair", "arc"):
        return ui.notice(t("map.hint", lang))
    if kind == "cluster":
        cid = selection.get("id")
        if cid not in data.clusters.index:
            return ui.notice(t("common.not_found", lang, name=cid), kind="warning")
        row = data.clusters.loc[cid]
        title = (
            f"{row['label']} — {REGION_NAMES_JA.get(row['region'], row['region'] or '')}, "
            f"{row['field'] or ''}, {t('map.orgs', lang)} {row['orgs']}"
        )
    else:
        a, b = selection.get("a", ""), selection.get("b", "")
        pa = f"cluster:{a}" if kind == "pair" else a
        pb = f"cluster:{b}" if kind == "pair" else b
        title = f"{place_label(data, pa, lang)} ↔ {place_label(data, pb, lang)}"
    table = ties_of_selection(data, ties, selection)
    body: Any
    if table.empty:
        body = ui.notice(t("map.no_ties_selected", lang))
    else:
        body = ui.grid(
            "map-ties-grid", table, [(c, t(f"col.{c}", lang)) for c in TIE_COLUMNS], height="300px"
        )
    return html.Div([html.H4(title), body])


def layout(snapshot: Snapshot, lang: str, selection: dict[str, Any]) -> html.Div:
    data = snapshot.data
    low, high = year_bounds(data)
    kinds = sorted(set(data.bundle.ties["kind"].dropna()))
    return html.Div(
        [
            html.H2(t("map.title", lang)),
            html.Div(
                [
                    html.Div(
                        [
                            html.Label(t("map.tie_kinds", lang)),
                            dcc.Dropdown(
                                id=ids.MAP_TIE_KINDS,
                                options=kinds,
                                multi=True,
                                placeholder=t("map.all_kinds", lang),
                            ),
                        ],
                        className="control wide",
                    ),
                    html.Div(
                        [
                            html.Label(t("map.confidence", lang)),
                            dcc.Checklist(
                                id=ids.MAP_CONFIDENCE,
                                inline=True,
                                options=[
                                    {"label": t(f"conf.{c}", lang), "value": c}
                                    for c in CONFIDENCE_LEVELS
                                ],
                                value=list(CONFIDENCE_LEVELS),
                            ),
                        ],
                        className="control",
                    ),
                    html.Div(
                        [
                            html.Label(t("map.phase", lang)),
                            dcc.RadioItems(
                                id=ids.MAP_PHASE,
                                inline=True,
                                value="all",
                                options=[{"label": t("phase.all", lang), "value": "all"}]
                                + [
                                    {"label": t(f"phase.{p}", lang), "value": p}
                                    for p in PHASE_PRESETS
                                ],
                            ),
                        ],
                        className="control",
                    ),
                    html.Div(
                        [
                            html.Label(t("map.color_by", lang)),
                            dcc.RadioItems(
                                id=ids.MAP_COLOR_BY,
                                inline=True,
                                value="field",
                                options=[
                                    {"label": t("map.color_field", lang), "value": "field"},
                                    {"label": t("map.color_phase", lang), "value": "phase"},
                                ],
                            ),
                        ],
                        className="control",
                    ),
                ],
                className="controls",
            ),
            html.Div(
                [
                    html.Label(t("map.years", lang)),
                    dcc.RangeSlider(
                        id=ids.MAP_YEARS,
                        min=low,
                        max=high,
                        step=1,
                        value=[low, high],
                        marks={y: str(y) for y in range(low, high + 1, 2)},
                        tooltip={"placement": "bottom"},
                    ),
                ],
                className="control slider",
            ),
            html.Div([ui.csv_button(ids.MAP_CSV, ids.MAP_CSV_DOWNLOAD, lang)], className="toolbar"),
            ui.graph(ids.MAP_FIGURE, height="640px"),
            html.Div(id=ids.MAP_DETAILS),
        ]
    )


def register(app: Dash, source: DataSource) -> None:
    @app.callback(
        Output(ids.MAP_YEARS, "value"),
        Input(ids.MAP_PHASE, "value"),
        prevent_initial_call=True,
    )
    def phase_preset(phase: str) -> list[int]:
        low, high = year_bounds(source.peek().data)
        if phase in PHASE_PRESETS:
            first, last = PHASE_PRESETS[phase]
            return [max(first, low), min(last, high)]
        return [low, high]

    @app.callback(
        Output(ids.MAP_FIGURE, "figure"),
        Output(ids.MAP_DETAILS, "children"),
        Input(ids.MAP_TIE_KINDS, "value"),
        Input(ids.MAP_CONFIDENCE, "value"),
        Input(ids.MAP_YEARS, "value"),
        Input(ids.MAP_COLOR_BY, "value"),
        Input(ids.SELECTION, "data"),
        State(ids.LANG, "value"),
    )
    def update_map(kinds, confidence, years, color_by, selection, lang):  # type: ignore[no-untyped-def]
        return render(source.peek().data, kinds, confidence, years, color_by, selection, lang)

    @app.callback(
        Output(ids.SELECTION, "data", allow_duplicate=True),
        Input(ids.MAP_FIGURE, "clickData"),
        prevent_initial_call=True,
    )
    def click(click_data):  # type: ignore[no-untyped-def]
        chosen = selection_from_click(click_data)
        return chosen if chosen is not None else no_update

    @app.callback(
        Output(ids.MAP_CSV_DOWNLOAD, "data"),
        Input(ids.MAP_CSV, "n_clicks"),
        State(ids.MAP_TIE_KINDS, "value"),
        State(ids.MAP_CONFIDENCE, "value"),
        State(ids.MAP_YEARS, "value"),
        State(ids.LANG, "value"),
        prevent_initial_call=True,
    )
    def download(_n, kinds, confidence, years, lang):  # type: ignore[no-untyped-def]
        data = source.peek().data
        table = arcs(data, filter_ties(data, tie_kinds=kinds, confidence=confidence, years=years))
        table.insert(2, "b_name", [place_label(data, p, lang) for p in table["b"]])
        table.insert(1, "a_name", [place_label(data, p, lang) for p in table["a"]])
        return ui.csv_download(table, "kizuna-map-arcs.csv")


def render(
    data: SnapshotData,
    kinds: Any,
    confidence: Any,
    years: Any,
    color_by: Any,
    selection: Any,
    lang: Any,
) -> tuple[Any, Any]:
    """The map callback as a plain function: (figure, details panel)."""
    selection = ui.selection_of(selection)
    lang = lang or "ja"
    if data.is_empty:
        return ui.empty_figure(t("empty.title", lang)), ui.empty_store_page(lang)
    ties = filter_ties(data, tie_kinds=kinds, confidence=confidence, years=years)
    table = arcs(data, ties)
    fig = map_figure(data, table, color_by=color_by or "field", selection=selection, lang=lang)
    if ties.empty:
        fig.add_annotation(
            text=t("map.no_ties_filter", lang),
            x=0.5,
            y=0.03,
            xref="paper",
            yref="paper",
            showarrow=False,
            font={"color": "#b00", "size": 14},
        )
    return fig, details(data, ties, selection, lang)
