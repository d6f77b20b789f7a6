"""What-if: add a tie or dispatch a coordinator in this browser session only, see the change.

The scenario lives in a ``dcc.Store`` of the browser session; the store is never written.
Both sides are measured the same way with analytics' own functions — degree, participation,
within-module z and role, cluster pairs, reachability — and betweenness only up to
:data:`EXACT_MAX` organizations (exact), so a change answers in well under a second on big
networks; above that the page says betweenness needs a full `kizuna analyze`.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from dash import Dash, Input, Output, State, ctx, dcc, html, no_update

from dashboard import components as ui
from dashboard import ids
from dashboard.data import DataSource, Snapshot, SnapshotData
from dashboard.i18n import t
from dashboard.pages.partners import org_options
from graph.bundle import Bundle
from graph.model import DIRECTED_TIE_KINDS, TIE_KINDS

PATH = "/whatif"
NAV_KEY = "nav.whatif"
EXACT_MAX = 3000
EMPTY: dict[str, list[Any]] = {"add_ties": [], "add_nodes": [], "log": []}


def scenario_of(value: Any) -> dict[str, list[Any]]:
    if not isinstance(value, dict):
        return {k: [] for k in EMPTY}
    return {k: list(value.get(k) or []) for k in EMPTY}


def add_tie(
    scenario: Any, source: str, target: str, kind: str, data: SnapshotData, lang: str
) -> dict[str, list[Any]]:
    """The scenario plus one tie (refused silently when an end is missing or both are one)."""
    out = scenario_of(scenario)
    known = set(data.orgs.index) | {n["id"] for n in out["add_nodes"]}
    if not source or not target or source == target or source not in known or target not in known:
        return out
    kind = kind if kind in TIE_KINDS else "partnership"
    out["add_ties"].append(
        {
            "source": source,
            "target": target,
            "kind": kind,
            "directed": kind in DIRECTED_TIE_KINDS,
            "confidence": "uncertain",
            "source_ref": "what-if",
            "note": "what-if scenario",
        }
    )
    out["log"].append(
        t("whatif.log_tie", lang, a=data.org_label(source), b=data.org_label(target), kind=kind)
    )
    return out


def _anchor(data: SnapshotData, cluster: str) -> str | None:
    """The promotion body of a cluster, else its best-connected member."""
    clusters = data.clusters
    body = clusters.at[cluster, "body"] if cluster in clusters.index else None
    if isinstance(body, str) and body in data.orgs.index:
        return body
    members = data.orgs[data.orgs["group"] == cluster]
    if members.empty:
        return None
    return str(members["degree"].astype(float).idxmax())


def dispatch(
    scenario: Any, from_cluster: str, to_cluster: str, data: SnapshotData, lang: str
) -> dict[str, list[Any]]:
    """The scenario plus a coordinator of ``from_cluster`` dispatched to ``to_cluster``.

    A new coordinator role node (kind coordinator, cluster ``from_cluster``) tied to its own
    cluster's body (membership) and dispatched to the other cluster's body
    (coordinator_dispatch, directed).
    """
    out = scenario_of(scenario)
    if not from_cluster or not to_cluster or from_cluster == to_cluster:
        return out
    home, away = _anchor(data, from_cluster), _anchor(data, to_cluster)
    if home is None or away is None:
        return out
    n = len(out["add_nodes"]) + 1
    node_id = f"whatif_coord_{from_cluster}_{to_cluster}_{n}"
    region = (
        data.clusters.at[from_cluster, "region"] if from_cluster in data.clusters.index else None
    )
    name = f"{data.clusters.at[from_cluster, 'name']!s}コーディネータ（派遣案 {n}）"
    out["add_nodes"].append(
        {
            "id": node_id,
            "name": name,
            "name_en": f"{from_cluster} coordinator (what-if {n})",
            "kind": "coordinator",
            "cluster": from_cluster,
            "region": region,
            "source_ref": "what-if",
            "confidence": "uncertain",
        }
    )
    out["add_ties"].append(
        {
            "source": home,
            "target": node_id,
            "kind": "membership",
            "directed": False,
            "source_ref": "what-if",
            "confidence": "uncertain",
        }
    )
    out["add_ties"].append(
        {
            "source": node_id,
            "target": away,
            "kind": "coordinator_dispatch",
            "directed": True,
            "source_ref": "what-if",
            "confidence": "uncertain",
        }
    )
    out["log"].append(
        t(
            "whatif.log_dispatch",
            lang,
            a=data.cluster_label(from_cluster),
            b=data.cluster_label(to_cluster),
        )
    )
    return out


def _key(scenario: dict[str, list[Any]]) -> str:
    body = json.dumps(
        {k: scenario[k] for k in ("add_ties", "add_nodes")}, sort_keys=True, default=str
    )
    return hashlib.sha1(body.encode()).hexdigest()[:16]


def after_bundle(data: SnapshotData, scenario: dict[str, list[Any]]) -> Bundle:
    from analytics.api import Scenario, apply_scenario

    return apply_scenario(
        data.bundle, Scenario(add_ties=scenario["add_ties"], add_nodes=scenario["add_nodes"])
    )


def _light(bundle: Bundle) -> Any:
    """What a what-if compares, from analytics' own functions: degree, participation, z and
    role (Guimerà–Amaral), cluster pairs, the snapshot for reachability, and betweenness
    when exact is cheap (at most EXACT_MAX organizations; NaN above, said on the page)."""
    from analytics import centrality, gaps, roles
    from analytics.api import NetworkAnalysis
    from analytics.snapshot import build_snapshot

    snap = build_snapshot(bundle)
    nodes = pd.DataFrame({"id": snap.ids.astype(object), "degree": snap.degree})
    if snap.n <= EXACT_MAX:
        nodes["betweenness"] = centrality.betweenness(snap, exact_max=EXACT_MAX)[0]
    else:
        nodes["betweenness"] = np.nan
    nodes[["participation", "within_module_z", "role"]] = roles.role_table(snap)
    empty = pd.DataFrame(columns=["source", "target"])
    return NetworkAnalysis(
        nodes=nodes,
        cluster_pairs=gaps.cluster_pairs(snap),
        bridges=empty,
        local_bridges=empty,
        spof=pd.DataFrame(),
        communities={},
        meta={"n": snap.n},
        snapshot=snap,
    )


def outcome(data: SnapshotData, scenario: Any) -> Any:
    """analytics' compare(before, after) for the scenario, cached per snapshot + scenario."""
    from analytics.api import compare

    sc = scenario_of(scenario)
    before = data.memo("whatif|before", lambda: _light(data.bundle))
    return data.memo(f"whatif|{_key(sc)}", lambda: compare(before, _light(after_bundle(data, sc))))


def summary(data: SnapshotData, diff: Any, lang: str) -> Any:
    reach = diff.reachability
    items = []
    for key in ("components", "connected_pairs"):
        b, a = reach.get(f"{key}_before"), reach.get(f"{key}_after")
        if b is not None and a is not None:
            items.append(
                html.Li(
                    t(f"whatif.{key}", lang, before=f"{b:,}", after=f"{a:,}", delta=f"{a - b:+,}")
                )
            )
    return html.Ul(items, className="summary")


def pair_changes(data: SnapshotData, diff: Any) -> pd.DataFrame:
    cp = diff.cluster_pairs
    changed = cp[
        (cp["delta"].fillna(0).abs() > 1e-12) | cp["ratio_before"].isna() ^ cp["ratio_after"].isna()
    ].copy()
    changed["a_name"] = [data.cluster_label(c) for c in changed["cluster_a"]]
    changed["b_name"] = [data.cluster_label(c) for c in changed["cluster_b"]]
    for col in ("ratio_before", "ratio_after", "delta"):
        changed[col] = changed[col].astype(float).round(3)
    return changed.sort_values("delta", ascending=False, kind="stable").reset_index(drop=True)


def node_changes(data: SnapshotData, diff: Any, scenario: dict[str, list[Any]]) -> pd.DataFrame:
    nodes = diff.nodes
    mask = (nodes["degree_delta"].fillna(1) != 0) | (nodes["role_before"] != nodes["role_after"])
    changed = nodes[mask].copy()
    new_names = {n["id"]: n["name"] for n in scenario["add_nodes"]}
    changed["name"] = [new_names.get(i) or data.org_label(i) for i in changed["id"]]
    for col in (
        "betweenness_before",
        "betweenness_after",
        "betweenness_delta",
        "participation_before",
        "participation_after",
        "participation_delta",
    ):
        changed[col] = changed[col].astype(float).round(4)
    return changed.sort_values("betweenness_delta", ascending=False, kind="stable").reset_index(
        drop=True
    )


def pair_figure(changes: pd.DataFrame, lang: str) -> go.Figure:
    if changes.empty:
        return ui.empty_figure(t("whatif.no_pair_change", lang))
    top = changes.head(15)
    labels = [f"{a[:12]} × {b[:12]}" for a, b in zip(top["a_name"], top["b_name"], strict=True)]
    fig = go.Figure(
        [
            go.Bar(
                y=labels,
                x=top["ratio_before"],
                orientation="h",
                name=t("whatif.before", lang),
                marker_color="#9aa5b1",
            ),
            go.Bar(
                y=labels,
                x=top["ratio_after"],
                orientation="h",
                name=t("whatif.after", lang),
                marker_color="#0072B2",
            ),
        ]
    )
    fig.update_yaxes(autorange="reversed")
    return ui.base_layout(
        fig,
        barmode="group",
        title={"text": t("whatif.pairs_title", lang), "x": 0.01},
        margin={"l": 220, "r": 10, "t": 40, "b": 30},
        xaxis_title=t("gaps.ratio", lang),
    )


PAIR_COLUMNS = ("a_name", "b_name", "ratio_before", "ratio_after", "delta")
NODE_COLUMNS = (
    "name",
    "degree_before",
    "degree_after",
    "betweenness_delta",
    "participation_before",
    "participation_after",
    "role_before",
    "role_after",
)


def render(data: SnapshotData, scenario: Any, lang: str) -> tuple[Any, go.Figure]:
    """The result panel and the gap-change figure for a scenario (plain function)."""
    sc = scenario_of(scenario)
    if not sc["add_ties"] and not sc["add_nodes"]:
        return ui.notice(t("whatif.empty", lang)), ui.empty_figure(t("whatif.empty", lang))
    diff = outcome(data, sc)
    pairs = pair_changes(data, diff)
    nodes = node_changes(data, diff, sc)
    panel = html.Div(
        [
            html.H4(t("whatif.changes", lang)),
            html.Ol([html.Li(x) for x in sc["log"]]),
            summary(data, diff, lang),
            *(
                [ui.notice(t("whatif.no_betweenness", lang, n=f"{EXACT_MAX:,}"))]
                if len(data.bundle.nodes) > EXACT_MAX
                else []
            ),
            html.H4(t("whatif.pairs_title", lang)),
            ui.notice(t("whatif.no_pair_change", lang))
            if pairs.empty
            else ui.grid(
                ids.WHATIF_PAIRS,
                pairs,
                [(c, t(f"whatif.col_{c}", lang)) for c in PAIR_COLUMNS],
                height="220px",
            ),
            html.H4(t("whatif.roles_title", lang)),
            ui.grid(
                ids.WHATIF_NODES,
                nodes,
                [(c, t(f"whatif.col_{c}", lang)) for c in NODE_COLUMNS],
                height="260px",
            ),
        ]
    )
    return panel, pair_figure(pairs, lang)


def export_zip(bundle: Bundle) -> bytes:
    """The scenario's bundle as a zip of CSV files (kizuna's bundle format, loadable again)."""
    from loaders.writers import write_bundle

    with tempfile.TemporaryDirectory() as tmp:
        path = write_bundle(bundle, Path(tmp) / "scenario.zip", fmt="zip")
        return path.read_bytes()


def layout(snapshot: Snapshot, lang: str, selection: dict[str, Any]) -> html.Div:
    data = snapshot.data
    org = selection.get("id") if selection.get("kind") == "org" else None
    cluster_opts = [{"label": r.label, "value": r.id} for r in ui.rows(data.clusters)]
    first = selection.get("id") if selection.get("kind") == "cluster" else selection.get("a")
    second = selection.get("b") if selection.get("kind") == "pair" else None
    return html.Div(
        [
            html.H2(t("whatif.title", lang)),
            html.P(t("whatif.explain", lang), className="explain"),
            html.Div(
                [
                    html.H4(t("whatif.add_tie", lang)),
                    html.Div(
                        [
                            dcc.Dropdown(
                                id=ids.WHATIF_SOURCE,
                                value=org,
                                options=org_options(data, None, org),
                                placeholder=t("whatif.source", lang),
                                className="control wide",
                            ),
                            dcc.Dropdown(
                                id=ids.WHATIF_TARGET,
                                options=org_options(data, None, None),
                                placeholder=t("whatif.target", lang),
                                className="control wide",
                            ),
                            dcc.Dropdown(
                                id=ids.WHATIF_KIND,
                                value="joint_rd",
                                clearable=False,
                                options=list(TIE_KINDS),
                                className="control",
                            ),
                            html.Button(
                                t("whatif.add", lang),
                                id=ids.WHATIF_ADD,
                                className="btn btn-primary",
                            ),
                        ],
                        className="controls",
                    ),
                    html.H4(t("whatif.dispatch", lang)),
                    html.Div(
                        [
                            dcc.Dropdown(
                                id=ids.WHATIF_FROM_CLUSTER,
                                options=cluster_opts,
                                value=first,
                                placeholder=t("whatif.from_cluster", lang),
                                className="control wide",
                            ),
                            dcc.Dropdown(
                                id=ids.WHATIF_TO_CLUSTER,
                                options=cluster_opts,
                                value=second,
                                placeholder=t("whatif.to_cluster", lang),
                                className="control wide",
                            ),
                            html.Button(
                                t("whatif.dispatch_button", lang),
                                id=ids.WHATIF_DISPATCH,
                                className="btn btn-primary",
                            ),
                        ],
                        className="controls",
                    ),
                    html.Div(
                        [
                            html.Button(
                                t("whatif.reset", lang), id=ids.WHATIF_RESET, className="btn"
                            ),
                            html.Button(
                                t("whatif.export", lang), id=ids.WHATIF_EXPORT, className="btn"
                            ),
                            dcc.Download(id=ids.WHATIF_DOWNLOAD),
                        ],
                        className="toolbar",
                    ),
                ],
                className="panel",
            ),
            dcc.Loading(html.Div(id=ids.WHATIF_CHANGES)),
            ui.graph(ids.WHATIF_FIGURE, height="420px"),
        ]
    )


def register(app: Dash, source: DataSource) -> None:
    for dropdown in (ids.WHATIF_SOURCE, ids.WHATIF_TARGET):

        @app.callback(
            Output(dropdown, "options"),
            Input(dropdown, "search_value"),
            State(dropdown, "value"),
            prevent_initial_call=True,
        )
        def org_search(query, value):  # type: ignore[no-untyped-def]
            if not query:
                return no_update
            return org_options(source.peek().data, query, value)

    @app.callback(
        Output(ids.SCENARIO, "data"),
        Input(ids.WHATIF_ADD, "n_clicks"),
        Input(ids.WHATIF_DISPATCH, "n_clicks"),
        Input(ids.WHATIF_RESET, "n_clicks"),
        State(ids.SCENARIO, "data"),
        State(ids.WHATIF_SOURCE, "value"),
        State(ids.WHATIF_TARGET, "value"),
        State(ids.WHATIF_KIND, "value"),
        State(ids.WHATIF_FROM_CLUSTER, "value"),
        State(ids.WHATIF_TO_CLUSTER, "value"),
        State(ids.LANG, "value"),
        prevent_initial_call=True,
    )
    def edit(_a, _d, _r, scenario, src, dst, kind, c_from, c_to, lang):  # type: ignore[no-untyped-def]
        data = source.peek().data
        if ctx.triggered_id == ids.WHATIF_RESET:
            return scenario_of(None)
        if ctx.triggered_id == ids.WHATIF_ADD:
            return add_tie(scenario, src, dst, kind, data, lang)
        if ctx.triggered_id == ids.WHATIF_DISPATCH:
            return dispatch(scenario, c_from, c_to, data, lang)
        return no_update

    @app.callback(
        Output(ids.WHATIF_CHANGES, "children"),
        Output(ids.WHATIF_FIGURE, "figure"),
        Input(ids.SCENARIO, "data"),
        State(ids.LANG, "value"),
    )
    def show(scenario, lang):  # type: ignore[no-untyped-def]
        return render(source.peek().data, scenario, lang)

    @app.callback(
        Output(ids.WHATIF_DOWNLOAD, "data"),
        Input(ids.WHATIF_EXPORT, "n_clicks"),
        State(ids.SCENARIO, "data"),
        prevent_initial_call=True,
    )
    def export(_n, scenario):  # type: ignore[no-untyped-def]
        data = source.peek().data
        content = export_zip(after_bundle(data, scenario_of(scenario)))
        return dcc.send_bytes(content, "kizuna-whatif-scenario.zip")
