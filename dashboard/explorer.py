"""The network explorer's model: which organizations a view shows, ego networks, search,
hover texts.  Plain functions over a :class:`dashboard.data.SnapshotData`."""

from __future__ import annotations

from collections import deque
from typing import Any

import pandas as pd
from dash import html

from kizuna.analytics.layout import NO_CLUSTER
from kizuna.dashboard import components as ui
from kizuna.dashboard import grids, ids
from kizuna.dashboard.data import SnapshotData
from kizuna.dashboard.frames import TIE_COLUMNS, tie_table
from kizuna.dashboard.i18n import label_column, t, term
from kizuna.dashboard.text import search

MAX_NODES = 1500


def cluster_colours(data: SnapshotData) -> dict[str, str]:
    colours = {c: ui.colour_of(i) for i, c in enumerate(data.clusters.index)}
    colours[NO_CLUSTER] = "#9a9a9a"
    greys = ("#7f7f7f", "#a6a6a6", "#5f5f5f", "#c4c4c4", "#8c8c8c", "#b0b0b0")
    loose = sorted(g for g in set(data.orgs_base["group"]) if str(g).startswith(NO_CLUSTER))
    for i, group in enumerate(loose):  # organizations without a cluster, one grey per kind
        colours[group] = greys[i % len(greys)]
    return colours


def ego(data: SnapshotData, org: str, depth: int) -> list[str]:
    """Organizations within ``depth`` steps of ``org`` (itself first), breadth first.

    Walks the adjacency of the snapshot's analysis (``S``, its one adjacency), neighbours
    in id order.
    """
    snap = data.analysis.snapshot
    if snap is None:  # an analysis kept without its snapshot
        from kizuna.analytics.snapshot import build_snapshot

        snap = build_snapshot(data.bundle)
    start = int(snap.index.get_indexer(pd.Index([org]))[0])
    if start < 0:
        return []
    ids, indptr, indices = snap.ids, snap.S.indptr, snap.S.indices
    seen = {start: 0}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        if seen[node] >= depth:
            continue
        row = indices[indptr[node] : indptr[node + 1]].tolist()
        for other in sorted(row, key=lambda j: str(ids[j])):
            if other not in seen:
                seen[other] = seen[node] + 1
                queue.append(other)
    return [str(ids[i]) for i in seen]


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


def short_text(text: str, limit: int = 22) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def node_hover(data: SnapshotData, lang: str) -> pd.Series:
    """Hover text of every organization (kind, cluster, region, key metrics), cached."""

    def build() -> pd.Series:
        hovers = [_node_hover(data, r, lang) for r in ui.rows(data.orgs)]
        return pd.Series(hovers, index=data.orgs.index, dtype=object)

    result: pd.Series = data.memo(f"node_hover|{lang}", build)
    return result


def _node_hover(data: SnapshotData, row: Any, lang: str) -> str:
    region = term("region", row.region, lang)
    metrics = [
        f"{t('metric.degree', lang)} {int(row.degree) if pd.notna(row.degree) else 0}",
        f"{t('metric.betweenness', lang)} {row.betweenness:.3f}"
        if pd.notna(row.betweenness)
        else "",
        f"{t('metric.role', lang)} {term('role', row.role, lang)} ({row.role})"
        if isinstance(row.role, str)
        else "",
    ]
    return (
        f"<b>{getattr(row, label_column(lang))}</b><br>{term('org_kind', row.kind, lang)}"
        f" · {data.cluster_label(row.group, lang)}"
        f" · {region}<br>" + " · ".join(m for m in metrics if m)
    )


def search_options(data: SnapshotData, query: str | None, lang: str) -> list[dict[str, Any]]:
    """Radio options for the organizations matching ``query``."""
    if not query or data.is_empty:
        return []
    found = search(data.search_keys, query, rank=data.orgs["degree"], limit=15)
    if not found:
        return [{"label": t("net.no_match", lang, query=query), "value": "", "disabled": True}]
    groups = data.orgs["group"]
    return [  # names in the user's language; "no cluster · university", never "(none)"
        {
            "label": f"{data.org_label(i, lang)} — {data.cluster_label(str(groups[i]), lang)}",
            "value": i,
        }
        for i in found
    ]


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


def _role_text(role: object, lang: str) -> str:
    """A hub role by name with its code (``周辺 (R2)``), "—" when there is none."""
    return f"{term('role', role, lang)} ({role})" if isinstance(role, str) and role else "—"


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
        (t("col.cluster", lang), data.cluster_label(row["group"], lang)),
        (t("col.region", lang), term("region", row["region"], lang) or "—"),
        (t("col.prefecture", lang), row["prefecture"] or "—"),
        (t("metric.degree", lang), int(row["degree"]) if pd.notna(row["degree"]) else 0),
        (t("metric.betweenness", lang), f"{row['betweenness']:.4f}"),
        (t("metric.participation", lang), f"{row['participation']:.3f}"),
        (t("metric.role", lang), _role_text(row["role"], lang)),
        (t("col.source_ref", lang), row.get("source_ref") or "—"),
    ]
    body: Any = (
        ui.notice(t("net.no_ties", lang), kind="warning")
        if mine.empty
        else grids.grid(
            ids.NET_TIES_GRID,
            tie_table(data, mine),
            [(c, t(f"col.{c}", lang)) for c in TIE_COLUMNS],
            height="300px",
            terms={"kind": "tie_kind"},
        )
    )
    panel = html.Div(
        [
            html.H4(data.org_label(org, lang)),
            html.Table(
                [html.Tr([html.Th(k), html.Td(str(v))]) for k, v in facts], className="facts"
            ),
        ]
    )
    return panel, html.Div([html.H4(t("net.ties_of", lang, name=data.org_label(org, lang))), body])
