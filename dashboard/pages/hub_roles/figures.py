"""Hub roles: the Guimerà–Amaral role map, brokerage roles, single points of failure."""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go
from dash import Dash, Input, Output, State, dcc, html, no_update

from kizuna.dashboard import components as ui
from kizuna.dashboard import ids
from kizuna.dashboard.data import DataSource, Snapshot, SnapshotData
from kizuna.dashboard.i18n import label_column, t, term
from kizuna.graph.model import HUB_Z, ROLE_BOUNDS

PATH = "/roles"
NAV_KEY = "nav.roles"
BROKERAGE = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")
PARTITIONS: dict[str, tuple[str, str, str]] = {
    "official": ("participation", "within_module_z", "role"),
    "community": ("community_participation", "community_z", "community_role"),
}
#: (role, P from, P to, z from (None: −∞), z to (None: +∞)) — Guimerà & Amaral (2005),
#: from the one definition in graph.model.
ROLE_REGIONS: tuple[tuple[str, float, float, float | None, float | None], ...] = tuple(
    (role, low / 100, high / 100, HUB_Z if hub else None, None if hub else HUB_Z)
    for role, hub, low, high in ROLE_BOUNDS
)
SPOF_COLUMNS = ("name", "separated_pairs", "largest_cut", "regions_cut")


def role_columns(partition: str) -> tuple[str, str, str]:
    return PARTITIONS.get(partition, PARTITIONS["official"])


def role_figure(
    data: SnapshotData,
    *,
    partition: str = "official",
    selection: dict[str, Any] | None = None,
    lang: str = "ja",
) -> Any:
    """P (participation) against z (within-module degree), regions R1–R7 shaded."""
    p_col, z_col, role_col = role_columns(partition)
    orgs = data.orgs
    role: Any
    if p_col not in orgs.columns:
        return ui.empty_figure(t("roles.no_partition", lang))
    z = orgs[z_col].astype(float)
    low = min(float(z.min()) - 0.5, -1.0) if len(z) else -1.0
    high = max(float(z.max()) + 0.5, 4.0) if len(z) else 4.0
    fig = ui.Figure()
    for role, p0, p1, z0, z1 in ROLE_REGIONS:
        y0, y1 = (low if z0 is None else z0), (high if z1 is None else z1)
        fig.add_shape(
            type="rect",
            x0=p0,
            x1=p1,
            y0=y0,
            y1=y1,
            layer="below",
            fillcolor=ui.ROLE_COLOURS[role],
            opacity=0.15,
            line={"width": 0.5, "color": "#999"},
        )
        fig.add_annotation(
            x=(p0 + p1) / 2,
            y=y1 - 0.25 if z1 is not None else high - 0.3,
            text=f"<b>{role}</b> {t(f'role.{role}', lang)}",
            showarrow=False,
            font={"size": 10, "color": "#333"},
            textangle=-90 if p1 - p0 < 0.1 else 0,
        )
    sel = selection or {}
    chosen_cluster = sel.get("id") if sel.get("kind") == "cluster" else None
    focus = sel.get("id") if sel.get("kind") == "org" else None
    hover = role_hover(data, partition, lang)
    for role, part in orgs.groupby(role_col, sort=True):
        fig.add_trace(
            ui.trace(
                "scattergl",
                x=part[p_col].to_numpy(dtype=float),
                y=part[z_col].to_numpy(dtype=float),
                mode="markers",
                name=f"{role} {t(f'role.{role}', lang)}",
                marker={
                    "size": 9,
                    "color": ui.ROLE_COLOURS.get(str(role), "#777"),
                    "line": {"width": 0.5, "color": "#333"},
                },
                customdata=ui.org_customdata(part.index),
                hovertext=hover.reindex(part.index).to_numpy(dtype=object),
                hoverinfo="text",
            )
        )
    marked = (
        orgs[(orgs.index == focus) | (orgs["group"] == chosen_cluster)]
        if (focus or chosen_cluster)
        else orgs.iloc[0:0]
    )
    if len(marked):
        fig.add_trace(
            ui.trace(
                "scattergl",
                x=marked[p_col].to_numpy(dtype=float),
                y=marked[z_col].to_numpy(dtype=float),
                mode="markers",
                name=t("roles.selected", lang),
                marker={
                    "size": 16 if focus else 12,
                    "color": "rgba(0,0,0,0)",
                    "line": {"width": 3, "color": "#d62728"},
                },
                customdata=ui.org_customdata(marked.index),
                hovertext=hover.reindex(marked.index).to_numpy(dtype=object),
                hoverinfo="text",
            )
        )
    fig.update_xaxes(
        range=[-0.02, 1.02], title=t("roles.p_axis", lang), zeroline=False, showgrid=False
    )
    fig.update_yaxes(
        range=[low, high], title=t("roles.z_axis", lang), zeroline=False, showgrid=False
    )
    return ui.base_layout(
        fig,
        title={"text": t(f"roles.title_{partition}", lang), "x": 0.01},
        hovermode="closest",
        margin={"l": 60, "r": 10, "t": 40, "b": 50},
    )


def role_hover(data: SnapshotData, partition: str, lang: str) -> pd.Series:
    """Hover text of every organization on the role map (cached per snapshot)."""

    def build() -> pd.Series:
        p_col, z_col, role_col = role_columns(partition)
        orgs = data.orgs
        text = (
            "<b>"
            + orgs[label_column(lang)].astype(str)
            + "</b><br>"
            + orgs["group"].map(lambda g: data.cluster_label(g, lang)).astype(str)
            + "<br>P="
            + orgs[p_col].map("{:.3f}".format)
            + " z="
            + orgs[z_col].map("{:.2f}".format)
            + " · "
            + orgs[role_col].astype(str)
        )
        return text

    result: pd.Series = data.memo(f"role_hover|{partition}|{lang}", build)
    return result


def brokers_for(data: SnapshotData, selection: dict[str, Any], limit: int = 10) -> pd.DataFrame:
    """The organizations whose brokerage bars are shown: the selected one, else the top
    brokers of the selected cluster(s), else the top brokers overall."""
    orgs = data.orgs
    present = [c for c in BROKERAGE if c in orgs.columns]
    total = orgs[present].fillna(0).sum(axis=1)
    pool = orgs
    if selection.get("kind") == "org" and selection.get("id") in orgs.index:
        return orgs.loc[[selection["id"]], ["label", *present]]
    if selection.get("kind") == "cluster":
        pool = orgs[orgs["group"] == selection.get("id")]
    elif selection.get("kind") == "pair":
        pool = orgs[orgs["group"].isin([selection.get("a"), selection.get("b")])]
    order = total.reindex(pool.index).sort_values(ascending=False, kind="stable")
    return orgs.loc[order.index[:limit], ["label", *present]]


def brokerage_figure(data: SnapshotData, selection: dict[str, Any], lang: str) -> go.Figure:
    table = brokers_for(data, selection)
    if table.empty:
        return ui.empty_figure(t("roles.no_brokers", lang))
    fig = go.Figure()
    for i, role in enumerate(c for c in BROKERAGE if c in table.columns):
        fig.add_trace(
            go.Bar(
                y=[data.org_label(i, lang)[:28] for i in table.index],
                x=table[role],
                orientation="h",
                name=t(f"broker.{role}", lang),
                marker_color=ui.colour_of(i),
            )
        )
    fig.update_yaxes(autorange="reversed")
    return ui.base_layout(
        fig,
        barmode="stack",
        title={"text": t("roles.brokerage", lang), "x": 0.01},
        margin={"l": 200, "r": 10, "t": 40, "b": 30},
        xaxis_title=t("roles.two_paths", lang),
    )


def spof_table(data: SnapshotData, lang: str = "ja") -> pd.DataFrame:
    spof = data.analysis.spof.copy()
    if "id" in spof.columns:
        spof["name"] = [data.org_label(i) for i in spof["id"]]
    if "regions_cut" in spof.columns:
        spof["regions_cut"] = [region_names(v, lang) for v in spof["regions_cut"]]
    return spof


def region_names(value: Any, lang: str) -> str:
    """``kanto|kinki`` (or a list) as 関東、近畿 / Kanto, Kinki."""
    parts = value if isinstance(value, list | tuple) else str(value or "").split("|")
    names = [term("region", p, lang) for p in parts if p]
    return ("、" if lang == "ja" else ", ").join(names)


def layout(snapshot: Snapshot, lang: str, selection: dict[str, Any]) -> html.Div:
    data = snapshot.data
    spof = spof_table(data, lang)
    return html.Div(
        [
            html.H2(t("roles.title", lang)),
            html.Div(
                [
                    ui.control(
                        t("roles.partition", lang),
                        dcc.RadioItems(
                            id=ids.ROLES_PARTITION,
                            value="official",
                            inline=True,
                            options=[
                                {"label": t("roles.official", lang), "value": "official"},
                                {"label": t("roles.community", lang), "value": "community"},
                            ],
                        ),
                    ),
                    ui.csv_button(ids.ROLES_CSV, ids.ROLES_CSV_DOWNLOAD, lang),
                ],
                className="controls",
            ),
            html.Div(
                [
                    html.Div(ui.graph(ids.ROLES_FIGURE, height="560px"), className="main-col"),
                    html.Div(ui.graph(ids.ROLES_BROKERAGE, height="560px"), className="side-col"),
                ],
                className="two-col",
            ),
            html.H4(t("roles.spof", lang)),
            html.P(t("roles.spof_explain", lang), className="explain"),
            ui.notice(t("roles.no_spof", lang))
            if spof.empty
            else ui.grid(
                ids.ROLES_SPOF,
                spof,
                [(c, t(f"roles.col_{c}", lang)) for c in SPOF_COLUMNS],
                height="300px",
                row_id="id",
                selectable=True,
            ),
        ]
    )


def selection_from_click(click: dict[str, Any] | None) -> dict[str, Any] | None:
    """The organization a click on the role map selects (None when it hit no organization)."""
    point = (click or {}).get("points") or [{}]
    custom = point[0].get("customdata")
    if isinstance(custom, list) and len(custom) == 2 and custom[0] == "org":
        return {"kind": "org", "id": custom[1]}
    return None


def register(app: Dash, source: DataSource) -> None:
    @app.callback(
        Output(ids.ROLES_FIGURE, "figure"),
        Output(ids.ROLES_BROKERAGE, "figure"),
        Input(ids.ROLES_PARTITION, "value"),
        Input(ids.SELECTION, "data"),
        State(ids.LANG, "value"),
    )
    def draw(partition, selection, lang):  # type: ignore[no-untyped-def]
        return render(source.peek().data, partition, selection, lang)

    ui.register_click_selection(app, ids.ROLES_FIGURE, selection_from_click)

    @app.callback(
        Output(ids.SELECTION, "data", allow_duplicate=True),
        Input(ids.ROLES_SPOF, "cellClicked"),
        prevent_initial_call=True,
    )
    def spof_click(cell):  # type: ignore[no-untyped-def]
        org = (cell or {}).get("rowId")
        return {"kind": "org", "id": org} if org else no_update

    @app.callback(
        Output(ids.ROLES_CSV_DOWNLOAD, "data"),
        Input(ids.ROLES_CSV, "n_clicks"),
        State(ids.ROLES_PARTITION, "value"),
        prevent_initial_call=True,
    )
    def download(_n, partition):  # type: ignore[no-untyped-def]
        data = source.peek().data
        cols = [
            "id",
            "name",
            "name_en",
            "cluster",
            *role_columns(partition),
            *[c for c in BROKERAGE if c in data.orgs.columns],
        ]
        return ui.csv_download(data.orgs[cols], f"kizuna-roles-{partition}.csv")


def render(data: SnapshotData, partition: Any, selection: Any, lang: Any) -> tuple[Any, go.Figure]:
    """The roles callback as a plain function: (role map, brokerage bars)."""
    lang = lang or "ja"
    if data.is_empty:
        empty = ui.empty_figure(t("empty.title", lang))
        return empty, empty
    sel = ui.selection_of(selection)
    return (
        role_figure(data, partition=partition or "official", selection=sel, lang=lang),
        brokerage_figure(data, sel, lang),
    )
