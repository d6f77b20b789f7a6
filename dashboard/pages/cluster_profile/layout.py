"""The cluster profile page: its components for one snapshot."""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from kizuna.dashboard import components as ui
from kizuna.dashboard import grids, ids, urlstate
from kizuna.dashboard.data import SnapshotData
from kizuna.dashboard.frames import TIE_COLUMNS, tie_table
from kizuna.dashboard.i18n import t, term
from kizuna.dashboard.pages.cluster_profile.model import (
    cluster_of_path,
    gaps_of,
    members_by_kind,
    partners_of,
    roles_of,
)
from kizuna.dashboard.pages.national_map.figures import map_figure
from kizuna.dashboard.pages.national_map.model import arcs, placed_ties
from kizuna.dashboard.store_source import Snapshot


def layout(snapshot: Snapshot, lang: str, selection: dict[str, Any]) -> html.Div:
    data = snapshot.data
    cluster = cluster_of_path(urlstate.CURRENT_PATH.get())
    if cluster not in data.clusters.index:
        return html.Div(
            [
                html.H2(t("profile.title", lang, name=cluster)),
                ui.notice(t("common.not_found", lang, name=cluster), kind="warning"),
            ]
        )
    touching = data.ties[
        (data.ties["source_group"] == cluster) | (data.ties["target_group"] == cluster)
    ]
    return html.Div(
        [
            *_header(data, cluster, touching, lang),
            *_members(data, cluster, lang),
            *_on_the_map(data, cluster, lang),
            *_roles_gaps_partners(data, cluster, lang),
            html.H3(t("profile.evidence", lang)),
            grids.grid(
                ids.PROFILE_EVIDENCE,
                tie_table(data, touching),
                [(c, t(f"col.{c}", lang)) for c in TIE_COLUMNS],
                height="360px",
                terms={"kind": "tie_kind"},
            ),
        ]
    )


def _header(data: SnapshotData, cluster: str, touching: Any, lang: str) -> list[Any]:
    """The cluster's name, region, field and counts, and the two report buttons."""
    row = data.clusters.loc[cluster]
    ties = placed_ties(data)
    cross = ties[(ties["source_group"] == cluster) | (ties["target_group"] == cluster)]
    return [
        html.H2(t("profile.title", lang, name=data.cluster_label(cluster, lang))),
        html.P(
            f"{term('region', row['region'], lang)} · {term('field', row['field'], lang)}"
            f" · {t('map.orgs', lang)} {row['orgs']} · {t('profile.ties', lang)} "
            f"{len(touching)} ({t('profile.cross', lang)} {len(cross)})"
        ),
        html.Div(
            [
                html.Button(t("profile.report_xlsx", lang), id=ids.PROFILE_XLSX, className="btn"),
                html.Button(t("profile.report_pdf", lang), id=ids.PROFILE_PDF, className="btn"),
                dcc.Download(id=ids.PROFILE_DOWNLOAD),
                dcc.Store(id=ids.PROFILE_CLUSTER, data=cluster),
            ],
            className="toolbar",
        ),
    ]


def _members(data: SnapshotData, cluster: str, lang: str) -> list[Any]:
    """Members by kind, with the largest of each."""
    return [
        html.H3(t("profile.members", lang)),
        grids.grid(
            ids.PROFILE_MEMBERS,
            members_by_kind(data, cluster, lang),
            [
                ("kind", t("col.kind", lang)),
                ("count", t("profile.count", lang)),
                ("names", t("profile.largest", lang)),
            ],
            height="220px",
        ),
    ]


def _on_the_map(data: SnapshotData, cluster: str, lang: str) -> list[Any]:
    """The national map with this cluster selected."""
    fig = map_figure(
        data, arcs(data, placed_ties(data)), selection={"kind": "cluster", "id": cluster}, lang=lang
    )
    return [html.H3(t("profile.map", lang)), ui.graph(ids.PROFILE_FIGURE, fig, height="520px")]


def _roles_gaps_partners(data: SnapshotData, cluster: str, lang: str) -> list[Any]:
    """The members' hub roles, the cluster's gaps to others and its partner suggestions."""
    return [
        html.H3(t("profile.roles", lang)),
        grids.grid(
            ids.PROFILE_ROLES,
            roles_of(data, cluster, lang),
            [("role", t("col.role", lang)), ("count", t("profile.count", lang))],
            height="220px",
        ),
        html.H3(t("profile.gaps", lang)),
        grids.grid(
            ids.PROFILE_GAPS,
            gaps_of(data, cluster),
            [
                ("other", t("profile.other", lang)),
                ("observed", t("gaps.observed", lang)),
                ("expected", t("gaps.expected", lang)),
                ("ratio", t("gaps.ratio", lang)),
            ],
            height="260px",
        ),
        html.H3(t("profile.partners", lang)),
        grids.grid(
            ids.PROFILE_PARTNERS,
            partners_of(data, cluster),
            [
                ("name", t("col.name", lang)),
                ("cluster_name", t("col.cluster", lang)),
                ("score", t("profile.score", lang)),
            ],
            height="260px",
        ),
    ]
