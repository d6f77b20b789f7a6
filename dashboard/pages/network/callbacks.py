"""The network page's callbacks: thin wrappers over :func:`render` and the model."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Any

import numpy as np
import pandas as pd
from dash import ALL, Dash, Input, Output, State, ctx, no_update

from kizuna.dashboard import components as ui
from kizuna.dashboard import ids, urlstate
from kizuna.dashboard.data import CENTRALITIES, SnapshotData
from kizuna.dashboard.explorer import VIEW_COLUMNS, org_info, search_options, view_table
from kizuna.dashboard.explorer import ego as ego_of
from kizuna.dashboard.i18n import t
from kizuna.dashboard.pages.network import ego, figures, model, state, views
from kizuna.dashboard.pages.network.layout import degree_options, group_by_options, label_options
from kizuna.dashboard.store_source import DataSource


@dataclass(frozen=True)
class Choices:
    """What the user chose on the page (every field has the page's default)."""

    expanded: tuple[str, ...] = ()
    group_by: str = "kind"
    layout: str = "force"
    labels: str = "groups"
    min_degree: int = 0
    centrality: str = "degree"
    depth: int = 1
    search: str = ""

    @classmethod
    def of(cls, **values: Any) -> Choices:
        """Choices from raw callback values (None or unknown values: the defaults)."""
        expanded = values.get("expanded") or ()
        return cls(
            expanded=tuple(k for k in expanded if isinstance(k, str)),
            group_by=_one(values.get("group_by"), model.GROUP_BY),
            layout=_one(values.get("layout"), model.LAYOUTS),
            labels=_one(values.get("labels"), model.LABEL_MODES, "groups"),
            min_degree=int(values.get("min_degree") or 0),
            centrality=_one(values.get("centrality"), CENTRALITIES),
            depth=max(1, min(int(values.get("depth") or 1), 2)),
            search=str(values.get("search") or ""),
        )


def _one(value: Any, allowed: tuple[str, ...], default: str | None = None) -> str:
    return value if value in allowed else (default or allowed[0])


@dataclass(frozen=True)
class Rendered:
    """Everything the draw callback sends back."""

    figure: Any
    info: Any
    ties: Any
    note: Any
    ego: bool
    orgs_shown: bool
    loose: bool


def render(data: SnapshotData, selection: Any, choices: Choices, lang: Any) -> Rendered:
    """The page's draw callback as a plain function."""
    selection = ui.selection_of(selection)
    lang = lang or "ja"
    loose = bool(len(data.orgs) and data.orgs["cluster"].isna().any())
    if data.is_empty:
        empty = ui.empty_figure(t("empty.title", lang))
        return Rendered(empty, None, None, None, False, False, loose)
    org = selection.get("id") if selection.get("kind") == "org" else None
    notes: list[str] = []
    if org in data.orgs.index:
        fig = ego.ego_figure(
            data,
            ego_of(data, str(org), choices.depth),
            focus=str(org),
            centrality=choices.centrality,
            labels=choices.labels,
            min_degree=choices.min_degree,
            lang=lang,
        )
        notes.append(t("net.why_ego", lang))
        shown, is_ego = True, True
    else:
        ov = model.overview(data, choices.group_by)
        v = views.view(ov, list(choices.expanded), choices.min_degree)
        found = views.matches(data, ov, choices.search)
        fig = figures.overview_figure(
            data,
            ov,
            v,
            layout=choices.layout,
            labels=choices.labels,
            centrality=choices.centrality,
            found=found,
            lang=lang,
        )
        shown, is_ego = bool(len(v.expanded)), False
        notes += _view_notes(v, choices, lang)
        if choices.search.strip():
            notes.append(_search_note(ov, v, found, choices.search, lang))
    if not loose:
        notes.append(t("net.why_group_off", lang))
    panel, ties = org_info(data, selection, lang)
    note = [ui.notice(text, kind="info") for text in notes] or None
    return Rendered(fig, panel, ties, note, is_ego, shown, loose)


def _view_notes(v: views.View, choices: Choices, lang: str) -> list[str]:
    """Why a control does nothing right now, and what the figure leaves out."""
    notes = []
    if not len(v.expanded):
        notes.append(t("net.why_orgs_off", lang))
    if v.hidden:
        notes.append(t("net.hidden", lang, n=v.hidden, d=choices.min_degree))
    if v.capped:
        notes.append(t("net.capped", lang, n=v.capped, limit=views.MAX_DRAWN))
    return notes


def _search_note(
    ov: model.Overview, v: views.View, found: np.ndarray, query: str, lang: str
) -> str:
    """How many organizations match the search, how many are drawn, in how many closed groups."""
    drawn = int(np.isin(found, v.orgs).sum())
    closed = len(set(ov.org_group[found].tolist()) - set(v.expanded.tolist()))
    return t("net.search_found", lang, query=query, n=len(found), drawn=drawn, groups=closed)


def register(app: Dash, source: DataSource) -> None:
    """The page's callbacks: search, the drawing, and what clicks and controls change."""
    _register_search(app, source)
    _register_draw(app, source)
    _register_controls(app, source)


def _register_search(app: Dash, source: DataSource) -> None:
    """The organization search box and picking one of its results."""

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


def _register_draw(app: Dash, source: DataSource) -> None:
    """The figure, panels and control options for the selection and the choices."""

    @app.callback(
        Output(ids.NET_FIGURE, "figure"),
        Output(ids.NET_INFO, "children"),
        Output(ids.NET_TIES, "children"),
        Output(ids.NET_NOTE, "children"),
        Output(ids.NET_MIN_DEGREE, "options"),
        Output(ids.NET_LABELS, "options"),
        Output(ids.NET_DEPTH, "options"),
        Output(ids.NET_LAYOUT, "options"),
        Output(ids.NET_GROUP_BY, "options"),
        Output(ids.NET_BACK, "style"),
        Input(ids.SELECTION, "data"),
        Input(ids.NET_EXPANDED, "value"),
        Input(ids.NET_GROUP_BY, "value"),
        Input(ids.NET_LAYOUT, "value"),
        Input(ids.NET_LABELS, "value"),
        Input(ids.NET_MIN_DEGREE, "value"),
        Input(ids.NET_CENTRALITY, "value"),
        Input(ids.NET_DEPTH, "value"),
        Input(ids.NET_SEARCH, "value"),
        State(ids.LANG, "value"),
    )
    def draw(*values: Any) -> tuple[Any, ...]:
        selection, expanded, group_by, layout, labels, min_degree, centrality, depth, query = (
            values[:9]
        )
        lang = values[9]
        choices = Choices.of(
            expanded=expanded,
            group_by=group_by,
            layout=layout,
            labels=labels,
            min_degree=min_degree,
            centrality=centrality,
            depth=depth,
            search=query,
        )
        data = source.peek().data
        out = data.view("network", partial(render, data), selection, choices, lang)
        lang = lang or "ja"
        return (
            out.figure,
            out.info,
            out.ties,
            out.note,
            degree_options(orgs_shown=out.orgs_shown),
            label_options(lang, orgs_shown=out.orgs_shown),
            [{"label": str(d), "value": d, "disabled": not out.ego} for d in (1, 2)],
            [
                {"label": t(f"net.layout_{x}", lang), "value": x, "disabled": out.ego}
                for x in model.LAYOUTS
            ],
            group_by_options(lang, loose=out.loose and not out.ego),
            {} if out.ego else {"display": "none"},
        )


def _register_controls(app: Dash, source: DataSource) -> None:
    """Clicks that expand or select, regrouping, the URL, and the CSV download."""

    @app.callback(
        Output(ids.NET_EXPANDED, "value"),
        Output(ids.SELECTION, "data", allow_duplicate=True),
        Input(ids.NET_FIGURE, "clickData"),
        Input(ids.NET_COLLAPSE_ALL, "n_clicks"),
        Input(ids.NET_BACK, "n_clicks"),
        State(ids.NET_EXPANDED, "value"),
        prevent_initial_call=True,
    )
    def click(click_data, collapse, back, expanded):  # type: ignore[no-untyped-def]
        trigger = ctx.triggered_id if isinstance(ctx.triggered_id, str) else None
        pressed = {ids.NET_COLLAPSE_ALL: collapse, ids.NET_BACK: back}
        if trigger in pressed and not pressed[trigger]:
            return no_update, no_update  # the button was just drawn, not pressed
        return on_click(trigger, click_data, expanded)

    @app.callback(
        Output(ids.NET_EXPANDED, "options"),
        Output(ids.NET_EXPANDED, "value", allow_duplicate=True),
        Input(ids.NET_GROUP_BY, "value"),
        State(ids.NET_EXPANDED, "value"),
        State(ids.LANG, "value"),
        prevent_initial_call=True,
    )
    def regroup(group_by, expanded, lang):  # type: ignore[no-untyped-def]
        data = source.peek().data
        ov = model.overview(data, _one(group_by, model.GROUP_BY))
        kept = [k for k in (expanded or []) if k in ov.code]
        return state.options(data, ov, lang or "ja"), kept

    @app.callback(
        Output(ids.URL, "search", allow_duplicate=True),
        Output({"type": ids.NAV_LINK, "page": ALL}, "href", allow_duplicate=True),
        Input(ids.NET_EXPANDED, "value"),
        Input(ids.NET_GROUP_BY, "value"),
        Input(ids.NET_LAYOUT, "value"),
        Input(ids.NET_LABELS, "value"),
        Input(ids.NET_MIN_DEGREE, "value"),
        State(ids.URL, "search"),
        State(ids.SELECTION, "data"),
        prevent_initial_call=True,
    )
    def share(expanded, group_by, layout, labels, min_degree, search, selection):  # type: ignore[no-untyped-def]
        query = urlstate.parse(search)
        query.update(state.view_query(expanded, group_by, layout, labels, min_degree, selection))
        # the nav links' ids name their pages (the shell draws one link per page)
        return urlstate.share(query, [o["id"]["page"] for o in ctx.outputs_list[1]])

    @app.callback(
        Output(ids.NET_CSV_DOWNLOAD, "data"),
        Input(ids.NET_CSV, "n_clicks"),
        State(ids.SELECTION, "data"),
        State(ids.NET_EXPANDED, "value"),
        State(ids.NET_GROUP_BY, "value"),
        State(ids.NET_MIN_DEGREE, "value"),
        State(ids.NET_DEPTH, "value"),
        State(ids.LANG, "value"),
        prevent_initial_call=True,
    )
    def download(_n, selection, expanded, group_by, min_degree, depth, lang):  # type: ignore[no-untyped-def]
        choices = Choices.of(
            expanded=expanded, group_by=group_by, min_degree=min_degree, depth=depth
        )
        table = view_csv(source.peek().data, selection, choices, lang or "ja")
        return ui.csv_download(table, "kizuna-network-view.csv")


def view_csv(data: SnapshotData, selection: Any, choices: Choices, lang: str) -> pd.DataFrame:
    """What the figure shows, as a table: the ego network's organizations; else one row per
    closed super-node (its organizations and ties inside) and one per drawn organization."""
    selection = ui.selection_of(selection)
    if selection.get("kind") == "org" and selection.get("id") in data.orgs.index:
        return view_table(data, selection, choices.depth)
    ov = model.overview(data, choices.group_by)
    v = views.view(ov, list(choices.expanded), choices.min_degree)
    full = state.names(data, ov, lang)[0]
    groups = pd.DataFrame(
        {
            "point": "group",
            "group": [ov.keys[c] for c in v.collapsed],
            "group_name": [full[c] for c in v.collapsed],
            "organizations": ov.members[v.collapsed],
            "ties_inside": ov.internal[v.collapsed],
        }
    )
    orgs = data.orgs.iloc[v.orgs]
    drawn = orgs[[c for c in VIEW_COLUMNS if c in orgs.columns]].reset_index(drop=True)
    codes = ov.org_group[v.orgs]
    drawn.insert(0, "group_name", [full[c] for c in codes])
    drawn.insert(0, "group", [ov.keys[c] for c in codes])
    drawn.insert(0, "point", "organization")
    return pd.concat([groups, drawn], ignore_index=True)


def on_click(trigger: Any, click: Any, expanded: Any) -> tuple[Any, Any]:
    """(expanded groups, selection) after a click on the figure or a button.

    A super-node (or an expanded group's collapse mark) toggles its group; an organization
    is selected (its ego network); "collapse all" closes every group; "back" clears the
    selection (the overview again).
    """
    if trigger == ids.NET_COLLAPSE_ALL:
        return [], no_update
    if trigger == ids.NET_BACK:
        return no_update, None
    points = (click or {}).get("points") or [{}]
    custom = points[0].get("customdata")
    if not isinstance(custom, list) or len(custom) < 2:
        return no_update, no_update
    if custom[0] == "group":
        return state.toggle(expanded, str(custom[1])), no_update
    if custom[0] == "org":
        return no_update, {"kind": "org", "id": custom[1]}
    return no_update, no_update
