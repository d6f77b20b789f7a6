"""The partner-finder page: the data it shows, as plain functions of a snapshot."""

from __future__ import annotations

import pandas as pd

from kizuna.dashboard.data import SnapshotData

K = 10


def partners(
    data: SnapshotData, *, org: str | None = None, cluster: str | None = None, k: int = K
) -> pd.DataFrame:
    """analytics' suggest_partners for an organization or a cluster, cached per snapshot."""
    key = f"partners|{org}|{cluster}|{k}"

    def compute() -> pd.DataFrame:
        return data.partner_finder.suggest(org=org, cluster=cluster, k=k)

    result: pd.DataFrame = data.memo(key, compute)
    return result


def partner_table(data: SnapshotData, found: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Grid rows: names, clusters and reasons in the UI language."""
    reasons = found["reasons_ja" if lang == "ja" else "reasons_en"]
    return pd.DataFrame(
        {
            "rank": found["rank"].to_numpy(),
            "candidate": found["candidate"].to_numpy(),
            "name": [data.org_label(c) for c in found["candidate"]],
            "cluster_name": [data.cluster_label(c) for c in found["cluster"]],
            "score": found["score"].astype(float).round(3).to_numpy(),
            "reasons": ["; ".join(r) if isinstance(r, list | tuple) else str(r) for r in reasons],
            "broker_name": [
                data.org_label(b) if isinstance(b, str) and b else "—" for b in found["broker"]
            ],
            "gap_gain": found["gap_gain"].astype(float).round(3).to_numpy(),
        }
    )
