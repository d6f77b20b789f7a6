"""The network overview's words and URL: super-node names, the expanded-groups picker, the
page's choices as URL query values (pure functions over :mod:`.model`)."""

from __future__ import annotations

from typing import Any

import numpy as np

from kizuna.dashboard.data import SnapshotData
from kizuna.dashboard.i18n import t, term
from kizuna.dashboard.pages.network.model import (
    GROUP_BY,
    LABEL_MODES,
    LAYOUTS,
    MIN_DEGREES,
    Overview,
    parse_loose,
    per_snapshot,
)


def supernode_label(data: SnapshotData, key: str, lang: str) -> str:
    """A super-node's name: the cluster's, or "No cluster · Universities" / "… · Kanto"."""
    loose = parse_loose(key)
    if loose is None:
        return data.cluster_label(key, lang)
    by, value = loose
    vocabulary = "region" if by == "region" else "org_kind"
    name = term(vocabulary, "none" if value == "unknown" else value, lang)
    none = t("cluster.none", lang)
    return f"{none[:1].upper()}{none[1:]} · {name}"


def short_name(data: SnapshotData, key: str, lang: str, limit: int = 14) -> str:
    """A super-node's name written on the figure: the name in ``lang`` only, shortened."""
    loose = parse_loose(key)
    if loose is None and key in data.clusters.index:
        row = data.clusters.loc[key]
        en = row["name_en"] if isinstance(row["name_en"], str) and row["name_en"] else None
        name = str(en if lang == "en" and en else row["name"] or key)
    else:
        name = supernode_label(data, key, lang)
        limit += 12  # "No cluster · " and the kind or region, whole
    return name if len(name) <= limit else name[: limit - 1] + "…"


def names(data: SnapshotData, ov: Overview, lang: str) -> tuple[list[str], list[str]]:
    """(full names, names written on the figure) of every super-node, cached per language."""

    def build() -> tuple[list[str], list[str]]:
        return (
            [supernode_label(data, k, lang) for k in ov.keys],
            [short_name(data, k, lang) for k in ov.keys],
        )

    result = per_snapshot(data, f"names|{ov.by}|{lang}", build)
    return result


def options(data: SnapshotData, ov: Overview, lang: str) -> list[dict[str, Any]]:
    """The expanded-groups picker's options: every super-node by name, largest first."""
    order = np.argsort(-ov.members, kind="stable")
    return [
        {
            "label": f"{supernode_label(data, ov.keys[i], lang)} ({int(ov.members[i])})",
            "value": ov.keys[i],
            "search": f"{supernode_label(data, ov.keys[i], 'ja')} "
            f"{supernode_label(data, ov.keys[i], 'en')}",
        }
        for i in order
    ]


def toggle(expanded: Any, key: str) -> list[str]:
    """``expanded`` with ``key`` opened, or closed when it was open.

    Examples
    --------
    >>> toggle(["tama"], "kansai"), toggle(["tama", "kansai"], "tama")
    (['tama', 'kansai'], ['kansai'])
    """
    keys = [k for k in (expanded or []) if isinstance(k, str)]
    return [k for k in keys if k != key] if key in keys else [*keys, key]


def initial_expanded(selection: dict[str, Any], query: dict[str, str]) -> list[str]:
    """Groups open when the page is drawn: the URL's ``open``, else the selected cluster(s).

    Examples
    --------
    >>> initial_expanded({"kind": "cluster", "id": "tama"}, {})
    ['tama']
    >>> initial_expanded({"kind": "cluster", "id": "tama"}, {"open": "a|b"})
    ['a', 'b']
    """
    if "open" in query:
        return [k for k in query["open"].split("|") if k and k != "-"]
    if selection.get("kind") == "cluster" and selection.get("id"):
        return [str(selection["id"])]
    if selection.get("kind") == "pair":
        return [str(selection[k]) for k in ("a", "b") if selection.get(k)]
    return []


def view_query(
    expanded: Any, group_by: Any, layout: Any, labels: Any, min_degree: Any, selection: Any
) -> dict[str, str]:
    """The page's choices as URL query values; defaults are left out.

    Examples
    --------
    >>> view_query(["tama"], "region", "geo", "groups", 2, {})
    {'open': 'tama', 'group': 'region', 'layout': 'geo', 'labels': '', 'mindeg': '2'}
    >>> view_query([], "kind", "force", "groups", 0, {"kind": "cluster", "id": "tama"})["open"]
    '-'
    """
    keys = [k for k in (expanded or []) if isinstance(k, str)]
    default = initial_expanded(selection if isinstance(selection, dict) else {}, {})
    opened = "" if keys == default else ("|".join(keys) or "-")
    return {
        "open": opened,
        "group": group_by if group_by == "region" else "",
        "layout": layout if layout == "geo" else "",
        "labels": labels if labels in LABEL_MODES and labels != "groups" else "",
        "mindeg": str(int(min_degree)) if min_degree else "",
    }


def choices_of_query(query: dict[str, str]) -> dict[str, Any]:
    """The page's choices a URL query asks for (defaults for anything missing or unknown)."""
    degree = query.get("mindeg", "0")
    return {
        "group_by": query.get("group") if query.get("group") in GROUP_BY else "kind",
        "layout": query.get("layout") if query.get("layout") in LAYOUTS else "force",
        "labels": query.get("labels") if query.get("labels") in LABEL_MODES else "groups",
        "min_degree": int(degree) if degree.isdigit() and int(degree) in MIN_DEGREES else 0,
    }
