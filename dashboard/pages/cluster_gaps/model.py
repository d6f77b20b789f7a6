"""The cluster-gaps page: the data it shows, as plain functions of a snapshot."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from kizuna.dashboard.data import SnapshotData
from kizuna.dashboard.i18n import CURRENT_LANG, normalize_lang
from kizuna.graph.model import REGIONS

MAX_HEATMAP = 40


def gap_table(data: SnapshotData, pairs: pd.DataFrame | None = None) -> pd.DataFrame:
    """Cluster pairs with labels and ratio observed/expected, weakest first.

    ``ratio`` is NaN when nothing is expected (a cluster without ties); such pairs sort last.
    The names (``a_name``, ``b_name``) are in the language of the request: one table is kept
    per language.
    """
    if pairs is None:
        lang = normalize_lang(CURRENT_LANG.get())
        cached: pd.DataFrame = data.memo(
            f"gap_table|{lang}", lambda: gap_table(data, data.analysis.cluster_pairs)
        )
        return cached
    table = pairs[["cluster_a", "cluster_b", "observed", "expected"]].copy()
    expected = table["expected"].astype(float)
    table["ratio"] = np.where(
        expected > 0, table["observed"] / expected.where(expected > 0), np.nan
    )
    table["a_name"] = [data.cluster_label(c) for c in table["cluster_a"]]
    table["b_name"] = [data.cluster_label(c) for c in table["cluster_b"]]
    table["pair"] = table["cluster_a"] + "|" + table["cluster_b"]
    table["expected"] = expected.round(3)
    table["ratio"] = table["ratio"].round(3)
    return table.sort_values(
        ["ratio", "expected"], ascending=[True, False], na_position="last", kind="stable"
    ).reset_index(drop=True)


REGION_ORDER = REGIONS  # north to south (graph.model: the one region order)


def ordered_clusters(data: SnapshotData, present: set[str]) -> list[str]:
    """The clusters of ``present`` by region (north to south), then largest first; at most
    :data:`MAX_HEATMAP` (the largest ones) when there are more."""
    clusters = data.clusters[data.clusters["id"].isin(present)]
    kept = set(clusters.sort_values("orgs", ascending=False)["id"][:MAX_HEATMAP])
    rank = {r: i for i, r in enumerate(REGION_ORDER)}
    rows = clusters[clusters["id"].isin(kept)]
    order = sorted(
        zip(rows["id"], rows["region"], rows["orgs"], strict=True),
        key=lambda r: (rank.get(r[1], len(rank)), -int(r[2]), str(r[0])),
    )
    return [str(r[0]) for r in order]


def selection_from_cell(click: dict[str, Any] | None) -> dict[str, Any] | None:
    if not click or not click.get("points"):
        return None
    custom = click["points"][0].get("customdata")
    if not isinstance(custom, list) or len(custom) != 2 or custom[0] == custom[1]:
        return None
    a, b = sorted(map(str, custom))
    return {"kind": "pair", "a": a, "b": b}
