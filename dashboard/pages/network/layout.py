"""The network page's layout: search, view controls, the figure, the info panel."""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from kizuna.dashboard import components as ui
from kizuna.dashboard import ids, urlstate
from kizuna.dashboard.data import CENTRALITIES
from kizuna.dashboard.i18n import t
from kizuna.dashboard.pages.network import model, state
from kizuna.dashboard.store_source import Snapshot


def _radio(component_id: str, value: Any, choices: list[tuple[Any, str]]) -> dcc.RadioItems:
    return dcc.RadioItems(
        id=component_id,
        value=value,
        inline=True,
        options=[{"label": text, "value": v} for v, text in choices],
    )


def label_options(lang: str, *, orgs_shown: bool) -> list[dict[str, Any]]:
    """The label radio's options; the top-N ones are off while no organization is drawn."""
    return [
        {"label": t("net.labels_none", lang), "value": "none"},
        {"label": t("net.labels_groups", lang), "value": "groups"},
        *[
            {
                "label": t("net.labels_top", lang, n=mode[3:]),
                "value": mode,
                "disabled": not orgs_shown,
            }
            for mode in model.LABEL_MODES
            if mode.startswith("top")
        ],
    ]


def degree_options(*, orgs_shown: bool) -> list[dict[str, Any]]:
    """The minimum-degree radio's options (off while no organization is drawn)."""
    return [{"label": str(d), "value": d, "disabled": not orgs_shown} for d in model.MIN_DEGREES]


def group_by_options(lang: str, *, loose: bool) -> list[dict[str, Any]]:
    """The grouping radio's options (off when every organization has a cluster)."""
    return [
        {"label": t(f"net.group_{by}", lang), "value": by, "disabled": not loose}
        for by in model.GROUP_BY
    ]


def _view_controls(lang: str, choices: dict[str, Any], loose: bool) -> html.Div:
    return html.Div(
        [
            ui.control(
                t("net.layout", lang),
                _radio(
                    ids.NET_LAYOUT,
                    choices["layout"],
                    [(x, t(f"net.layout_{x}", lang)) for x in model.LAYOUTS],
                ),
            ),
            ui.control(
                t("net.group_by", lang),
                dcc.RadioItems(
                    id=ids.NET_GROUP_BY,
                    value=choices["group_by"],
                    inline=True,
                    options=group_by_options(lang, loose=loose),
                ),
            ),
            ui.control(
                t("net.labels", lang),
                dcc.RadioItems(
                    id=ids.NET_LABELS,
                    value=choices["labels"],
                    inline=True,
                    options=label_options(lang, orgs_shown=True),
                ),
            ),
            ui.control(
                t("net.min_degree", lang),
                dcc.RadioItems(
                    id=ids.NET_MIN_DEGREE,
                    value=choices["min_degree"],
                    inline=True,
                    options=degree_options(orgs_shown=True),
                ),
            ),
        ],
        className="controls",
    )


def _find_controls(lang: str) -> html.Div:
    return html.Div(
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
                    options=[{"label": t(f"metric.{c}", lang), "value": c} for c in CENTRALITIES],
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
    )


def _expand_controls(
    lang: str, snapshot: Snapshot, choices: dict[str, Any], expanded: list[str]
) -> html.Div:
    ov = model.overview(snapshot.data, choices["group_by"])
    return html.Div(
        [
            ui.control(
                t("net.expanded", lang),
                dcc.Dropdown(
                    id=ids.NET_EXPANDED,
                    options=state.options(snapshot.data, ov, lang),
                    value=[k for k in expanded if k in ov.code],
                    multi=True,
                    searchable=True,
                    placeholder=t("net.expanded_placeholder", lang),
                ),
                "control wide",
            ),
            html.Button(
                t("net.collapse_all", lang), id=ids.NET_COLLAPSE_ALL, className="btn btn-small"
            ),
            html.Button(t("net.back", lang), id=ids.NET_BACK, className="btn btn-small"),
        ],
        className="controls",
    )


def layout(snapshot: Snapshot, lang: str, selection: dict[str, Any]) -> html.Div:
    """The page: search and sizes, view controls (restored from the URL), the figure."""
    query = urlstate.CURRENT_QUERY.get()
    choices = state.choices_of_query(query)
    loose = bool(snapshot.data.orgs["cluster"].isna().any())
    if not loose:
        choices["group_by"] = "kind"
    expanded = state.initial_expanded(selection, query)
    return html.Div(
        [
            html.H2(t("net.title", lang)),
            _find_controls(lang),
            dcc.RadioItems(id=ids.NET_RESULTS, options=[], className="results"),
            _view_controls(lang, choices, loose),
            _expand_controls(lang, snapshot, choices, expanded),
            html.Div(id=ids.NET_NOTE),
            html.Div(
                [
                    html.Div(ui.graph(ids.NET_FIGURE, height="720px"), className="main-col"),
                    html.Div(id=ids.NET_INFO, className="side-col"),
                ],
                className="two-col",
            ),
            html.Div(id=ids.NET_TIES),
        ]
    )
