"""The hub-roles page: the data it shows, as plain functions of a snapshot."""

from __future__ import annotations

from typing import Any

import pandas as pd

from kizuna.dashboard.data import SnapshotData
from kizuna.dashboard.i18n import term
from kizuna.graph.model import HUB_Z, ROLE_BOUNDS

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


def selection_from_click(click: dict[str, Any] | None) -> dict[str, Any] | None:
    """The organization a click on the role map selects (None when it hit no organization)."""
    point = (click or {}).get("points") or [{}]
    custom = point[0].get("customdata")
    if isinstance(custom, list) and len(custom) == 2 and custom[0] == "org":
        return {"kind": "org", "id": custom[1]}
    return None
