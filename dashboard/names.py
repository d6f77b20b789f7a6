"""Short names for the ticks and labels of figures: an organization's or a cluster's own name in
the page's language (no other-language name beside it), cut to fit; the full label goes in the
hover."""

from __future__ import annotations

from typing import Any

from kizuna.dashboard.data import SnapshotData


def own_name(row: Any, lang: str, fallback: str) -> str:
    """The English name in English when there is one, else the name as written."""
    if row is None:
        return fallback
    english, name = row.get("name_en"), row.get("name")
    if lang == "en" and isinstance(english, str) and english:
        return english
    return name if isinstance(name, str) and name else fallback


def org_name(data: SnapshotData, org: str, lang: str) -> str:
    """An organization's own name in ``lang``."""
    row = data.orgs.loc[org] if org in data.orgs.index else None
    return own_name(row, lang, str(org))


def cluster_name(data: SnapshotData, cluster: str, lang: str) -> str:
    """A cluster's own name in ``lang``."""
    if cluster not in data.clusters.index:
        return data.cluster_label(cluster, lang)
    return own_name(data.clusters.loc[cluster], lang, str(cluster))


def two_lines(text: str, width: int, lang: str) -> str:
    """``text`` on at most two lines of ``width`` characters (``<br>`` between), cut with "…";
    English breaks at a space.

    Examples
    --------
    >>> two_lines("University of Tokyo", 12, "en"), two_lines("ＴＡＭＡコーディネータ", 6, "ja")
    ('University<br>of Tokyo', 'ＴＡＭＡコー<br>ディネータ')
    """
    if len(text) > 2 * width:
        text = text[: 2 * width - 1] + "…"
    if len(text) <= width:
        return text
    cut = text.rfind(" ", 0, width + 1) if lang == "en" else -1
    cut = cut if cut > 0 else width
    return text[:cut].rstrip() + "<br>" + text[cut:].lstrip()


def short_name(data: SnapshotData, org: str, lang: str, limit: int = 24) -> str:
    """An organization's own name on at most two lines of ``limit`` characters in English,
    ``limit // 2`` in Japanese (a Japanese character is about twice as wide)."""
    width = limit // 2 if lang == "ja" else limit
    return two_lines(org_name(data, org, lang), width, lang)
