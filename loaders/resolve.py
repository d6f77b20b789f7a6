"""Entity resolution, minimal but real: flag organizations that are probably the same.

Two organizations are flagged (never merged) when

- they have the same corporate number (法人番号), or
- their names are the same after NFKC normalization, removing legal-form words
  (株式会社, (株), ㈱, 国立大学法人, 一般社団法人 …) and spaces, and they are in the same
  prefecture (both unknown counts as the same), or
- one's name is among the other's aliases (same normalization, same prefecture rule).
"""

from __future__ import annotations

import re
import unicodedata
from itertools import combinations

import numpy as np
import pandas as pd

#: Legal-form words removed before comparing names (after NFKC, so ㈱ and （株） are (株)).
LEGAL_FORMS: tuple[str, ...] = (
    "株式会社",
    "有限会社",
    "合同会社",
    "合資会社",
    "合名会社",
    "相互会社",
    "(株)",
    "(有)",
    "(同)",
    "(合)",  # used loosely for 合同会社 (sometimes 合資会社); removed either way
    "(資)",
    "(名)",
    "(財)",
    "(社)",
    "(独)",
    "(地独)",
    "(国研)",
    "(福)",
    "(学)",
    "(医)",
    "(一社)",
    "(一財)",
    "(公社)",
    "(公財)",
    "(特非)",
    "国立大学法人",
    "公立大学法人",
    "学校法人",
    "一般社団法人",
    "公益社団法人",
    "一般財団法人",
    "公益財団法人",
    "財団法人",
    "社団法人",
    "地方独立行政法人",
    "独立行政法人",
    "国立研究開発法人",
    "特定非営利活動法人",
    "NPO法人",
    "社会福祉法人",
    "医療法人",
)
_LEGAL_RE = re.compile("|".join(re.escape(f) for f in sorted(LEGAL_FORMS, key=len, reverse=True)))
_SPACE_RE = re.compile(r"[\s・]+")

#: In a group of more than this many same-key organizations, each is paired only with
#: the group's first (the list stays readable).
MAX_GROUP = 30


def name_key(name: object) -> str:
    """The comparison key of an organization name.

    >>> name_key("㈱ ＴＡＭＡ 精機"), name_key("TAMA精機株式会社")
    ('tama精機', 'tama精機')
    >>> name_key("国立大学法人 東北大学")
    '東北大学'

    """
    if not isinstance(name, str):
        return ""
    text = unicodedata.normalize("NFKC", name)
    text = _LEGAL_RE.sub("", text)
    return _SPACE_RE.sub("", text).lower()


def _pairs(ids: np.ndarray) -> list[tuple[str, str]]:
    if len(ids) <= MAX_GROUP:
        return [(a, b) for a, b in combinations(ids.tolist(), 2)]
    first = ids[0]
    return [(first, b) for b in ids[1:].tolist()]


def probable_duplicates(nodes: pd.DataFrame) -> pd.DataFrame:
    """Pairs of organizations that are probably the same, with the reason.

    Parameters
    ----------
    nodes : pandas.DataFrame
        The organizations (a bundle's ``nodes``): id, name, and when present prefecture,
        corporate_number, aliases.

    Returns
    -------
    pandas.DataFrame
        Columns ``id_a``, ``id_b`` (``id_a < id_b``), ``reason`` (reasons joined by
        ``; ``), ``name_a``, ``name_b``; one row per pair, sorted by id_a, id_b.

    Examples
    --------
    >>> import pandas as pd
    >>> nodes = pd.DataFrame({"id": ["a", "b", "c"], "name": ["㈱ビー", "ビー株式会社", "シー"],
    ...                       "kind": "company", "prefecture": "東京都"})
    >>> probable_duplicates(nodes)[["id_a", "id_b"]].values.tolist()
    [['a', 'b']]
    """
    frame = nodes[nodes["id"].notna()]
    pref = (
        frame["prefecture"].fillna("").astype(str)
        if "prefecture" in frame
        else pd.Series("", index=frame.index)
    )
    keys = pd.DataFrame(
        {"id": frame["id"], "key": frame["name"].map(name_key), "pref": pref.map(_nfkc)}
    )
    named = keys[keys["key"] != ""]
    found: dict[tuple[str, str], list[str]] = {}
    for pairs, reason in (
        *_same_corporate_number(frame),
        *_same_name(named),
        *_alias_matches(frame, pref, named),
    ):
        for a, b in pairs:
            if a == b:
                continue
            reasons = found.setdefault((a, b) if a < b else (b, a), [])
            if reason not in reasons:
                reasons.append(reason)
    names = dict(zip(frame["id"], frame["name"], strict=True))
    rows = [(a, b, "; ".join(r), names.get(a), names.get(b)) for (a, b), r in sorted(found.items())]
    return pd.DataFrame(rows, columns=["id_a", "id_b", "reason", "name_a", "name_b"], dtype=object)


_Matches = list[tuple[list[tuple[str, str]], str]]


def _same_corporate_number(frame: pd.DataFrame) -> _Matches:
    """Organizations sharing a corporate number (法人番号)."""
    if "corporate_number" not in frame:
        return []
    with_number = frame[frame["corporate_number"].notna()]
    with_number = with_number[with_number["corporate_number"].duplicated(keep=False)]
    return [
        (_pairs(group["id"].to_numpy(dtype=object)), f"same corporate number {number}")
        for number, group in with_number.groupby("corporate_number", sort=False)
        if len(group) > 1
    ]


def _same_name(named: pd.DataFrame) -> _Matches:
    """Organizations with the same name key in the same prefecture."""
    repeated = named[named.duplicated(["key", "pref"], keep=False)]
    return [
        (_pairs(group["id"].to_numpy(dtype=object)), f"same name ({key}) in the same prefecture")
        for (key, _), group in repeated.groupby(["key", "pref"], sort=False)
        if len(group) > 1
    ]


def _alias_matches(frame: pd.DataFrame, pref: pd.Series, named: pd.DataFrame) -> _Matches:
    """Organizations one of whose aliases is another's name (in the same prefecture)."""
    if "aliases" not in frame or not frame["aliases"].notna().any():
        return []
    aliased = frame[frame["aliases"].notna()]
    alias_rows = pd.DataFrame(
        {
            "id": aliased["id"],
            "alias": aliased["aliases"].astype(str).map(_nfkc).str.split("|"),
            "pref": pref[aliased.index].map(_nfkc),
        }
    ).explode("alias")
    alias_rows["key"] = alias_rows["alias"].map(name_key)
    alias_rows = alias_rows[alias_rows["key"] != ""]
    merged = alias_rows.merge(named, on=["key", "pref"], suffixes=("", "_other"))
    pairs = list(zip(merged["id"], merged["id_other"], strict=True))
    return [(pairs, "one's name is the other's alias")]


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()
