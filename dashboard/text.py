"""Text matching for search: full/half-width and case insensitive, Japanese or English."""

from __future__ import annotations

import unicodedata

import pandas as pd


def normalize_text(text: object) -> str:
    """NFKC-normalized, case-folded text (``ＴＡＭＡ協会`` and ``tama協会`` match).

    Examples
    --------
    >>> normalize_text("ＴＡＭＡ　協会")
    'tama 協会'
    """
    if not isinstance(text, str):
        return ""
    return unicodedata.normalize("NFKC", text).casefold()


def search(
    keys: pd.Series, query: str, *, rank: pd.Series | None = None, limit: int = 20
) -> list[str]:
    """Ids whose key contains every word of ``query``, best first.

    Parameters
    ----------
    keys : pandas.Series
        Normalized search text, indexed by id (:func:`normalize_text`).
    query : str
        Words separated by spaces; each must occur (partial match).
    rank : pandas.Series, optional
        Tie-breaker, larger first (for example degree), indexed by id.
    limit : int
        At most this many ids.

    Returns
    -------
    list of str
        Ids whose text starts with the first word come first, then by ``rank``.
    """
    words = normalize_text(query).split()
    if not words or keys.empty:
        return []
    hit = pd.Series(True, index=keys.index)
    for word in words:
        hit &= keys.str.contains(word, regex=False)
    found = keys[hit]
    if found.empty:
        return []
    names = found.str.split("\n").str[1].fillna("")
    order = pd.DataFrame(
        {
            "exact": ~(names == words[0]),
            "prefix": ~names.str.startswith(words[0]),
            "rank": -(rank.reindex(found.index).fillna(0) if rank is not None else 0),
            "length": names.str.len(),
        },
        index=found.index,
    )
    order = order.sort_values(["exact", "prefix", "rank", "length"], kind="stable")
    return [str(i) for i in order.index[:limit]]
