"""Shareable URLs: the page is the path; language, selection and map filters the query.

``/?lang=en&sel=cluster:tama&kinds=joint_rd,supply&conf=confirmed&years=2001-2009&color=phase``

Opening such a URL restores the view (the shell's ``restore`` callback sets the language and
the selection; the map page reads its filters); every change writes the query back
(``history.replaceState`` through ``dcc.Location``, no reload).
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any
from urllib.parse import parse_qsl, urlencode

#: The query of the URL the page is being drawn for (set by the shell's route callback).
CURRENT_QUERY: ContextVar[dict[str, str]] = ContextVar("kizuna_query", default={})  # noqa: B039

#: The path of the page being drawn (``/cluster/<id>`` names its cluster).
CURRENT_PATH: ContextVar[str] = ContextVar("kizuna_path", default="/")

#: Query keys of the map page's filters.
MAP_KEYS: tuple[str, ...] = ("kinds", "conf", "years", "color")


def parse(search: str | None) -> dict[str, str]:
    """``?a=1&b=2`` → ``{"a": "1", "b": "2"}`` (unknown keys kept, empty values dropped).

    Examples
    --------
    >>> parse("?lang=en&sel=cluster%3Atama")
    {'lang': 'en', 'sel': 'cluster:tama'}
    """
    return {k: v for k, v in parse_qsl((search or "").lstrip("?")) if v}


def build(query: dict[str, str]) -> str:
    """The ``?…`` of ``query`` in a stable key order ("" when empty)."""
    order = ["lang", "sel", *MAP_KEYS]
    keys = sorted(query, key=lambda k: (order.index(k) if k in order else len(order), k))
    items = [(k, query[k]) for k in keys if query[k]]
    return "?" + urlencode(items, safe=":,|-") if items else ""


def share(query: dict[str, str], paths: list[str]) -> tuple[str, list[str]]:
    """(URL query, nav hrefs of ``paths``): every page link keeps the language and the selection.

    Examples
    --------
    >>> share({"lang": "en", "kinds": "supply"}, ["/", "/gaps"])
    ('?lang=en&kinds=supply', ['/?lang=en', '/gaps?lang=en'])
    """
    carried = build({k: v for k, v in query.items() if k in ("lang", "sel")})
    return build(query), [path + carried for path in paths]


def selection_param(selection: Any) -> str:
    """A selection as ``cluster:tama``, ``pair:a,b``, ``org:id`` or ``arc:a|b`` ("" if none).

    Examples
    --------
    >>> selection_param({"kind": "pair", "a": "kansai", "b": "tama"})
    'pair:kansai,tama'
    """
    if not isinstance(selection, dict):
        return ""
    kind = selection.get("kind")
    if kind in ("cluster", "org") and selection.get("id"):
        return f"{kind}:{selection['id']}"
    if kind == "pair" and selection.get("a") and selection.get("b"):
        return f"pair:{selection['a']},{selection['b']}"
    if kind == "arc" and selection.get("a") and selection.get("b"):
        return f"arc:{selection['a']}|{selection['b']}"
    return ""


def selection_of_param(value: str | None) -> dict[str, Any] | None:
    """The inverse of :func:`selection_param` (None for anything else).

    Examples
    --------
    >>> selection_of_param("cluster:tama")
    {'kind': 'cluster', 'id': 'tama'}
    >>> selection_of_param("arc:pref:東京都|overseas")
    {'kind': 'arc', 'a': 'pref:東京都', 'b': 'overseas'}
    """
    kind, _, rest = (value or "").partition(":")
    if not rest:
        return None
    if kind in ("cluster", "org"):
        return {"kind": kind, "id": rest}
    if kind == "pair" and "," in rest:
        a, b = rest.split(",", 1)
        return {"kind": "pair", "a": a, "b": b}
    if kind == "arc" and "|" in rest:
        a, b = rest.split("|", 1)
        return {"kind": "arc", "a": a, "b": b}
    return None


def map_filters(query: dict[str, str]) -> dict[str, Any]:
    """The map's filter values a query asks for (missing ones absent)."""
    out: dict[str, Any] = {}
    if query.get("kinds"):
        out["kinds"] = [k for k in query["kinds"].split(",") if k]
    if query.get("conf"):
        out["conf"] = [c for c in query["conf"].split(",") if c]
    low, _, high = query.get("years", "").partition("-")
    if low.isdigit() and high.isdigit():
        out["years"] = [int(low), int(high)]
    if query.get("color") in ("field", "phase"):
        out["color"] = query["color"]
    return out


def map_query(
    kinds: Any, confidence: Any, years: Any, color_by: Any, *, defaults: Any
) -> dict[str, str]:
    """The map's filters as query values; defaults (everything shown) are left out."""
    all_conf, low, high = defaults
    out: dict[str, str] = {}
    out["kinds"] = ",".join(kinds) if kinds else ""
    conf = list(confidence or [])
    out["conf"] = ",".join(conf) if set(conf) != set(all_conf) else ""
    if isinstance(years, list) and len(years) == 2 and (years[0] > low or years[1] < high):
        out["years"] = f"{int(years[0])}-{int(years[1])}"
    else:
        out["years"] = ""
    out["color"] = color_by if color_by == "phase" else ""
    return out
