"""The cluster profile page: the data it shows, as plain functions of a snapshot."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd

from kizuna.dashboard.data import SnapshotData
from kizuna.dashboard.i18n import term

PATH = "/cluster"


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
    from kizuna.dashboard.pages.cluster_gaps.model import gap_table

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


def report_file(data: SnapshotData, cluster: str, lang: str, fmt: str) -> tuple[bytes, str]:
    """The cluster's report as Excel or PDF bytes, with its file name."""
    from kizuna.reports.build import build_cluster_report
    from kizuna.reports.render import write_report

    report = build_cluster_report(data.bundle, cluster, lang=lang, analysis=data.analysis)
    with tempfile.TemporaryDirectory() as tmp:
        paths = write_report(report, tmp, [fmt])
        path = next(p for p in map(Path, paths) if p.suffix == f".{fmt}")
        return path.read_bytes(), path.name
