"""The national map page: its components for one snapshot."""

from __future__ import annotations

import json
from typing import Any

import pandas as pd
from dash import dcc, html

from kizuna.dashboard import components as ui
from kizuna.dashboard import grids, ids, urlstate
from kizuna.dashboard.data import SnapshotData
from kizuna.dashboard.frames import TIE_COLUMNS, ties_of_selection
from kizuna.dashboard.i18n import t, term
from kizuna.dashboard.pages.national_map.figures import map_figure
from kizuna.dashboard.pages.national_map.model import (
    PHASE_PRESETS,
    arcs,
    cluster_options,
    enough_share,
    filter_ties,
    phase_coverage,
    year_bounds,
    year_coverage,
)
from kizuna.dashboard.store_source import Snapshot
from kizuna.graph.model import CONFIDENCE_LEVELS


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
    title = f"{data.place_label(pa, lang)} ↔ {data.place_label(pb, lang)}"
    return html.Div([html.H4(title), _ties_body(data, ties, selection, lang)])


def _ties_body(data: SnapshotData, ties: pd.DataFrame, selection: dict[str, Any], lang: str) -> Any:
    table = ties_of_selection(data, ties, selection)
    body: Any
    if table.empty:
        body = ui.notice(t("map.no_ties_selected", lang))
    else:
        body = grids.grid(
            ids.MAP_TIES_GRID,
            table,
            [(c, t(f"col.{c}", lang)) for c in TIE_COLUMNS],
            height="300px",
            terms={"kind": "tie_kind"},
        )
    return body


def layout(snapshot: Snapshot, lang: str, selection: dict[str, Any]) -> html.Div:
    data = snapshot.data
    low, high = year_bounds(data)
    dated, total = year_coverage(data)
    years_on = enough_share(dated, total)
    phased, clusters = phase_coverage(data)
    phases_on = enough_share(phased, clusters)
    why_not = []
    if not years_on:
        why_not.append(t("map.years_off", lang, dated=dated, total=total))
    if not phases_on:
        why_not.append(t("map.phases_off", lang, dated=phased, total=clusters))
    wanted = urlstate.map_filters(urlstate.CURRENT_QUERY.get())  # a shared URL's filters
    years = wanted.get("years", [low, high]) if years_on else [low, high]
    return html.Div(
        [
            html.H2(t("map.title", lang)),
            filter_controls(data, lang, wanted, years_on=years_on, phases_on=phases_on),
            year_slider(low, high, years, on=years_on, lang=lang),
            html.Div([ui.notice(text, kind="info") for text in why_not], id=ids.MAP_CONTROLS_NOTE),
            html.Div([ui.csv_button(ids.MAP_CSV, ids.MAP_CSV_DOWNLOAD, lang)], className="toolbar"),
            ui.graph(ids.MAP_FIGURE, height="640px"),
            html.Div(id=ids.MAP_DETAILS),
        ]
    )


def filter_controls(
    data: SnapshotData,
    lang: str,
    wanted: dict[str, Any],
    *,
    years_on: bool,
    phases_on: bool,
) -> html.Div:
    """The cluster picker, tie kinds, confidence, phase and colouring controls, set from a
    shared URL's filters (``wanted``); phase and phase colouring off when the data cannot
    use them."""
    kinds = sorted(set(data.bundle.ties["kind"].dropna()))
    levels = list(CONFIDENCE_LEVELS)
    return html.Div(
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
                    options=[{"label": term("tie_kind", k, lang), "value": k} for k in kinds],
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
                        {"label": t(f"conf.{c}", lang), "value": c} for c in CONFIDENCE_LEVELS
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
    )


def year_slider(low: int, high: int, years: list[int], *, on: bool, lang: str) -> html.Div:
    """The years range (disabled, with its reason shown above, when too few ties are dated)."""
    return ui.control(
        t("map.years", lang),
        dcc.RangeSlider(
            id=ids.MAP_YEARS,
            min=low,
            max=high,
            step=1,
            value=years,
            marks={y: str(y) for y in range(low, high + 1, 2)},
            tooltip={"placement": "bottom"},
            disabled=not on,
        ),
        "control slider" + ("" if on else " disabled"),
    )


def render(
    data: SnapshotData,
    kinds: list[str] | None,
    confidence: list[str] | None,
    years: list[int] | None,
    color_by: str | None,
    selection: object,
    lang: str | None,
) -> tuple[Any, Any]:
    """The map callback as a plain function: (figure, details panel)."""
    chosen = ui.selection_of(selection)
    lang = lang or "ja"
    if data.is_empty:
        return ui.empty_figure(t("empty.title", lang)), ui.empty_store_page(lang)
    ties, table = filtered_arcs(data, kinds, confidence, years)
    fig = map_figure(data, table, color_by=color_by or "field", selection=chosen, lang=lang)
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
    return fig, details(data, ties, chosen, lang)


def filtered_arcs(
    data: SnapshotData,
    kinds: list[str] | None,
    confidence: list[str] | None,
    years: list[int] | None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(ties kept by the filters, their arcs), once per snapshot and filters: a click on
    another cluster redraws the selection, not the arcs."""

    def compute() -> tuple[pd.DataFrame, pd.DataFrame]:
        ties = filter_ties(data, tie_kinds=kinds, confidence=confidence, years=years)
        return ties, arcs(data, ties)

    key = json.dumps(["arcs", kinds, confidence, years], sort_keys=True, default=str)
    result: tuple[pd.DataFrame, pd.DataFrame] = data.memo(key, compute)
    return result
