"""The national map page: the data it shows, as plain functions of a snapshot."""

from __future__ import annotations

from typing import Any

from kizuna.dashboard.arcs import (
    cluster_of_place,
)
from kizuna.dashboard.data import SnapshotData
from kizuna.dashboard.i18n import term

SCOPES = ("cross_region", "cross_cluster")


def selection_from_click(click: dict[str, Any] | None) -> dict[str, Any] | None:
    """The selection a click on the map makes (None when it hit nothing selectable)."""
    if not click or not click.get("points"):
        return None
    custom = click["points"][0].get("customdata")
    if not isinstance(custom, list) or len(custom) < 2:
        return None
    kind, a = custom[0], custom[1]
    if kind == "cluster":
        return {"kind": "cluster", "id": a}
    if kind == "arc":
        b = custom[2]
        ca, cb = cluster_of_place(a), cluster_of_place(b)
        if ca and cb:
            return {"kind": "pair", "a": min(ca, cb), "b": max(ca, cb)}
        return {"kind": "arc", "a": a, "b": b}
    return None


#: A time control acts only when at least this share of the ties (clusters) carries a year.
YEAR_MIN_SHARE = 0.10


def year_coverage(data: SnapshotData) -> tuple[int, int]:
    """(ties carrying a year, all ties): the year slider and phase filter act on the first."""
    ties = data.bundle.ties
    dated = int((ties["since"].notna() | ties["until"].notna()).sum()) if len(ties) else 0
    return dated, len(ties)


def phase_coverage(data: SnapshotData) -> tuple[int, int]:
    """(clusters with a start year, all clusters): "colour by phase" needs the first."""
    clusters = data.clusters
    return int(clusters["since"].notna().sum()), len(clusters)


def enough_share(part: int, whole: int) -> bool:
    """Whether ``part`` of ``whole`` is enough to offer a filter (:data:`YEAR_MIN_SHARE`)."""
    return whole > 0 and part / whole >= YEAR_MIN_SHARE


def cluster_options(data: SnapshotData, lang: str) -> list[dict[str, Any]]:
    """Every cluster for the picker, by name (Japanese and English searchable), A→Z."""
    clusters = data.clusters
    options = [
        {
            "label": f"{data.cluster_label(c, lang)} — {term('region', r, lang)}",
            "value": c,
            "search": f"{data.cluster_label(c, 'ja')} {data.cluster_label(c, 'en')} {c}",
        }
        for c, r in zip(clusters["id"], clusters["region"], strict=True)
    ]
    return sorted(options, key=lambda o: str(o["label"]).casefold())
