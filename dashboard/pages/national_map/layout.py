"""National map: clusters as bubbles at their prefectures, cross-region ties as arcs."""

from __future__ import annotations

from typing import Any

import pandas as pd
from dash import ALL, Dash, Input, Output, State, dcc, html, no_update

from kizuna.dashboard import components as ui
from kizuna.dashboard import ids, urlstate
from kizuna.dashboard.arcs import (
    PHASE_PRESETS,
    TIE_COLUMNS,
    arcs,
    cluster_of_place,
    filter_ties,
    place_label,
    ties_of_selection,
    year_bounds,
)
from kizuna.dashboard.data import DataSource, Snapshot, SnapshotData
from kizuna.dashboard.i18n import t, term
from kizuna.dashboard.map_figure import map_figure
from kizuna.graph.model import CONFIDENCE_LEVELS

PATH = "/"
NAV_KEY = "nav.map"
#: Drawn from the light first pass (places, ties): no need to wait for the analysis.
LIGHT = True
SCOPES = ("cross_region", "cross_cluster")


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
        ca, cb = cluster_of_place(a), cluster_of_place(b)
        if ca and cb:
            return {"kind": "pair", "a": min(ca, cb), "b": max(ca, cb)}
        return {"kind": "arc", "a": a, "b": b}
    return None


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
            f"{data.cluster_label(cid, lang)} — {term('region', row['region'], lang)}, "
            f"{term('field', row['field'], lang)}, {t('map.orgs', lang)} {row['orgs']}"
        )
        profile = dcc.Link(
            t("profile.open", lang), href=f"/cluster/{cid}?lang={lang}", className="btn btn-small"
        )
        return html.Div([html.H4(title), profile, _ties_body(data, ties, selection, lang)])
    a, b = selection.get("a", ""), selection.get("b", "")
    pa = f"cluster:{a}" if kind == "pair" else a
    pb = f"cluster:{b}" if kind == "pair" else b
    title = f"{place_label(data, pa, lang)} ↔ {place_label(data, pb, lang)}"
    return html.Div([html.H4(title), _ties_body(data, ties, selection, lang)])


def _ties_body(data: SnapshotData, ties: pd.DataFrame, selection: dict[str, Any], lang: str) -> Any:
    table = ties_of_selection(data, ties, selection)
    body: Any
    if table.empty:
        body = ui.notice(t("map.no_ties_selected", lang))
    else:
        body = ui.grid(
            "map-ties-grid",
            table,
            [(c, t(f"col.{c}", lang)) for c in TIE_COLUMNS],
            height="300px",
            terms={"kind": "tie_kind"},
        )
    return body


#: A time control acts only when at least this share of the ties (clusters) carries a year.
YEAR_MIN_SHARE = 0.10


def year_coverage(data: SnapshotData) -> tuple[int, int]:
    """(ties carrying a year, all ties): the year slider and phase filter act on the first."""
    ties = data.bundle.ties
    dated = int((ties["since"].notna() | ties["until"].notna()).sum()) if len(ties) else 0
    return dated, len(ties)


def phase_coverage(data: SnapshotData) -> tuple[int, int]:
    """(clusters with a start year, all clusters): "colour by phase" needs the first."""
    clusters = data.clusters
    return int(clusters["since"].notna().sum()), len(clusters)


def _enough(part: int, whole: int) -> bool:
    return whole > 0 and part / whole >= YEAR_MIN_SHARE


def cluster_options(data: SnapshotData, lang: str) -> list[dict[str, Any]]:
    """Every cluster for the picker, by name (Japanese and English searchable), A→Z."""
    clusters = data.clusters
    options = [
        {
            "label": f"{data.cluster_label(c, lang)} — {term('region', r, lang)}",
            "value": c,
            "search": f"{data.cluster_label(c, 'ja')} {data.cluster_label(c, 'en')} {c}",
        }
        for c, r in zip(clusters["id"], clusters["region"], strict=True)
    ]
    return sorted(options, key=lambda o: str(o["label"]).casefold())


def layout(snapshot: Snapshot, lang: str, selection: dict[str, Any]) -> html.Div:
    data = snapshot.data
    low, high = year_bounds(data)
    kinds = sorted(set(data.bundle.ties["kind"].dropna()))
    dated, total = year_coverage(data)
    years_on = _enough(dated, total)
    phased, clusters = phase_coverage(data)
    phases_on = _enough(phased, clusters)
    why_not = []
    if not years_on:
        why_not.append(t("map.years_off", lang, dated=dated, total=total))
    if not phases_on:
        why_not.append(t("map.phases_off", lang, dated=phased, total=clusters))
    wanted = urlstate.map_filters(urlstate.CURRENT_QUERY.get())  # a shared URL's filters
    levels = list(CONFIDENCE_LEVELS)
    years = wanted.get("years", [low, high]) if years_on else [low, high]
    return html.Div(
        [
            html.H2(t("map.title", lang)),
            html.Div(
                [
                    ui.control(
                        t("map.cluster_picker", lang),
                        dcc.Dropdown(
                            id=ids.MAP_CLUSTER,
                            options=cluster_options(data, lang),
                            value=None,
                            searchable=True,
                            clearable=True,
                            placeholder=t("map.cluster_placeholder", lang),
                        ),
                        "control wide",
                    ),
                    ui.control(
                        t("map.tie_kinds", lang),
                        dcc.Dropdown(
                            id=ids.MAP_TIE_KINDS,
                            options=[
                                {"label": term("tie_kind", k, lang), "value": k} for k in kinds
                            ],
                            multi=True,
                            value=[k for k in wanted.get("kinds", []) if k in kinds],
                            placeholder=t("map.all_kinds", lang),
                        ),
                        "control wide",
                    ),
                    ui.control(
                        t("map.confidence", lang),
                        dcc.Checklist(
                            id=ids.MAP_CONFIDENCE,
                            inline=True,
                            options=[
                                {"label": t(f"conf.{c}", lang), "value": c}
                                for c in CONFIDENCE_LEVELS
                            ],
                            value=[c for c in wanted.get("conf", levels) if c in levels],
                        ),
                    ),
                    ui.control(
                        t("map.phase", lang),
                        dcc.RadioItems(
                            id=ids.MAP_PHASE,
                            inline=True,
                            value="all",
                            options=[{"label": t("phase.all", lang), "value": "all"}]
                            + [
                                {
                                    "label": t(f"phase.{p}", lang),
                                    "value": p,
                                    "disabled": not years_on,
                                }
                                for p in PHASE_PRESETS
                            ],
                        ),
                    ),
                    ui.control(
                        t("map.color_by", lang),
                        dcc.RadioItems(
                            id=ids.MAP_COLOR_BY,
                            inline=True,
                            value=wanted.get("color", "field") if phases_on else "field",
                            options=[
                                {"label": t("map.color_field", lang), "value": "field"},
                                {
                                    "label": t("map.color_phase", lang),
                                    "value": "phase",
                                    "disabled": not phases_on,
                                },
                            ],
                        ),
                    ),
                ],
                className="controls",
            ),
            ui.control(
                t("map.years", lang),
                dcc.RangeSlider(
                    id=ids.MAP_YEARS,
                    min=low,
                    max=high,
                    step=1,
                    value=years,
                    marks={y: str(y) for y in range(low, high + 1, 2)},
                    tooltip={"placement": "bottom"},
                    disabled=not years_on,
                ),
                "control slider" + ("" if years_on else " disabled"),
            ),
            html.Div([ui.notice(text, kind="info") for text in why_not], id=ids.MAP_CONTROLS_NOTE),
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

    ui.register_click_selection(app, ids.MAP_FIGURE, selection_from_click)

    @app.callback(
        Output(ids.URL, "search", allow_duplicate=True),
        Output({"type": ids.NAV_LINK, "page": ALL}, "href", allow_duplicate=True),
        Input(ids.MAP_TIE_KINDS, "value"),
        Input(ids.MAP_CONFIDENCE, "value"),
        Input(ids.MAP_YEARS, "value"),
        Input(ids.MAP_COLOR_BY, "value"),
        State(ids.URL, "search"),
        prevent_initial_call=True,
    )
    def share_filters(kinds, confidence, years, color_by, search):  # type: ignore[no-untyped-def]
        from kizuna.dashboard.shell import share_outputs  # the shell imports the pages

        low, high = year_bounds(source.peek().data)
        query = urlstate.parse(search)
        query.update(
            urlstate.map_query(
                kinds, confidence, years, color_by, defaults=(CONFIDENCE_LEVELS, low, high)
            )
        )
        return share_outputs(query)

    @app.callback(
        Output(ids.SELECTION, "data", allow_duplicate=True),
        Output(ids.MAP_CLUSTER, "value"),
        Input(ids.MAP_CLUSTER, "value"),
        prevent_initial_call=True,
    )
    def pick_cluster(cluster: Any) -> Any:
        """The picker is a "go to": it selects its cluster and empties itself (the header
        shows the selection), so picking the same cluster again works too."""
        if not cluster:
            return no_update, no_update
        return {"kind": "cluster", "id": cluster}, None

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
