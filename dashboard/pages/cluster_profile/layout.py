"""Cluster profile (``/cluster/<id>``): members, ties on the map, roles, gaps, partners,
evidence, and the cluster's report (Excel or PDF, from :mod:`kizuna.reports`)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pandas as pd
from dash import Dash, Input, Output, State, dcc, html, no_update

from kizuna.dashboard import components as ui
from kizuna.dashboard import ids, urlstate
from kizuna.dashboard.arcs import TIE_COLUMNS, arcs, placed_ties, tie_table
from kizuna.dashboard.data import DataSource, Snapshot, SnapshotData
from kizuna.dashboard.i18n import t, term

PATH = "/cluster"
NAV_KEY = "nav.cluster"
#: ``/cluster/<id>``: the rest of the path names the cluster.
PREFIX = True


def cluster_of_path(pathname: str | None) -> str:
    """``/cluster/tama`` → ``tama``."""
    return (pathname or "").rstrip("/").removeprefix(PATH + "/")


def members_by_kind(data: SnapshotData, cluster: str, lang: str) -> pd.DataFrame:
    """Kind (by name), number of members and the largest ones (by degree)."""
    orgs = data.orgs[data.orgs["group"] == cluster]
    rows = []
    for kind, part in orgs.groupby("kind", dropna=False, sort=False):
        top = part.sort_values("degree", ascending=False).index[:5]
        rows.append(
            {
                "kind": term("org_kind", kind, lang) or "—",
                "count": len(part),
                "names": "、".join(data.org_label(i, lang) for i in top)
                if lang == "ja"
                else ", ".join(data.org_label(i, lang) for i in top),
            }
        )
    return pd.DataFrame(rows, columns=["kind", "count", "names"]).sort_values(
        "count", ascending=False
    )


def roles_of(data: SnapshotData, cluster: str, lang: str) -> pd.DataFrame:
    """Members by hub role (name first, R-code beside)."""
    orgs = data.orgs[data.orgs["group"] == cluster]
    counts = orgs["role"].dropna().value_counts()
    return pd.DataFrame(
        {
            "role": [f"{term('role', r, lang)} ({r})" for r in counts.index],
            "count": counts.to_numpy(),
        }
    )


def gaps_of(data: SnapshotData, cluster: str) -> pd.DataFrame:
    """The cluster's pairs with the other clusters, weakest first (observed vs expected)."""
    from kizuna.dashboard.pages.cluster_gaps import gap_table

    table = gap_table(data)
    mine = table[(table["cluster_a"] == cluster) | (table["cluster_b"] == cluster)].copy()
    mine["other"] = [
        data.cluster_label(b if a == cluster else a)
        for a, b in zip(mine["cluster_a"], mine["cluster_b"], strict=True)
    ]
    return mine[["other", "observed", "expected", "ratio"]]


def partners_of(data: SnapshotData, cluster: str) -> pd.DataFrame:
    """Partner suggestions for the cluster (as on the partner page)."""

    def compute() -> pd.DataFrame:
        return data.partner_finder.suggest(cluster=cluster, k=10)

    found: pd.DataFrame = data.memo(f"profile_partners|{cluster}", compute)
    if found.empty:
        return pd.DataFrame(columns=["name", "cluster_name", "score"])
    return pd.DataFrame(
        {
            "name": [data.org_label(c) for c in found["candidate"]],
            "cluster_name": [data.cluster_label(c) for c in found["cluster"]],
            "score": found["score"].round(3).to_numpy() if "score" in found else None,
        }
    )


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
    from kizuna.dashboard.map_figure import map_figure

    row = data.clusters.loc[cluster]
    ties = placed_ties(data)
    mine = ties[(ties["source_group"] == cluster) | (ties["target_group"] == cluster)]
    fig = map_figure(
        data, arcs(data, ties), selection={"kind": "cluster", "id": cluster}, lang=lang
    )
    touching = data.ties[
        (data.ties["source_group"] == cluster) | (data.ties["target_group"] == cluster)
    ]
    return html.Div(
        [
            html.H2(t("profile.title", lang, name=data.cluster_label(cluster, lang))),
            html.P(
                f"{term('region', row['region'], lang)} · {term('field', row['field'], lang)}"
                f" · {t('map.orgs', lang)} {row['orgs']} · {t('profile.ties', lang)} "
                f"{len(touching)} ({t('profile.cross', lang)} {len(mine)})"
            ),
            html.Div(
                [
                    html.Button(
                        t("profile.report_xlsx", lang), id=ids.PROFILE_XLSX, className="btn"
                    ),
                    html.Button(t("profile.report_pdf", lang), id=ids.PROFILE_PDF, className="btn"),
                    dcc.Download(id=ids.PROFILE_DOWNLOAD),
                    dcc.Store(id=ids.PROFILE_CLUSTER, data=cluster),
                ],
                className="toolbar",
            ),
            html.H3(t("profile.members", lang)),
            ui.grid(
                "profile-members",
                members_by_kind(data, cluster, lang),
                [
                    ("kind", t("col.kind", lang)),
                    ("count", t("profile.count", lang)),
                    ("names", t("profile.largest", lang)),
                ],
                height="220px",
            ),
            html.H3(t("profile.map", lang)),
            ui.graph(ids.PROFILE_FIGURE, fig, height="520px"),
            html.H3(t("profile.roles", lang)),
            ui.grid(
                "profile-roles",
                roles_of(data, cluster, lang),
                [("role", t("col.role", lang)), ("count", t("profile.count", lang))],
                height="220px",
            ),
            html.H3(t("profile.gaps", lang)),
            ui.grid(
                "profile-gaps",
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
            ui.grid(
                "profile-partners",
                partners_of(data, cluster),
                [
                    ("name", t("col.name", lang)),
                    ("cluster_name", t("col.cluster", lang)),
                    ("score", t("profile.score", lang)),
                ],
                height="260px",
            ),
            html.H3(t("profile.evidence", lang)),
            ui.grid(
                "profile-evidence",
                tie_table(data, touching),
                [(c, t(f"col.{c}", lang)) for c in TIE_COLUMNS],
                height="360px",
                terms={"kind": "tie_kind"},
            ),
        ]
    )


def report_file(data: SnapshotData, cluster: str, lang: str, fmt: str) -> tuple[bytes, str]:
    """The cluster's report as Excel or PDF bytes, with its file name."""
    from kizuna.reports.build import build_cluster_report
    from kizuna.reports.render import write_report

    report = build_cluster_report(data.bundle, cluster, lang=lang, analysis=data.analysis)
    with tempfile.TemporaryDirectory() as tmp:
        paths = write_report(report, tmp, [fmt])
        path = next(p for p in map(Path, paths) if p.suffix == f".{fmt}")
        return path.read_bytes(), path.name


def register(app: Dash, source: DataSource) -> None:
    @app.callback(
        Output(ids.PROFILE_DOWNLOAD, "data"),
        Input(ids.PROFILE_XLSX, "n_clicks"),
        Input(ids.PROFILE_PDF, "n_clicks"),
        State(ids.PROFILE_CLUSTER, "data"),
        State(ids.LANG, "value"),
        prevent_initial_call=True,
    )
    def download(n_xlsx, n_pdf, cluster, lang):  # type: ignore[no-untyped-def]
        from dash import ctx

        if not cluster:
            return no_update
        fmt = "pdf" if ctx.triggered_id == ids.PROFILE_PDF else "xlsx"
        content, name = report_file(source.peek().data, cluster, lang or "ja", fmt)
        return dcc.send_bytes(content, name)
