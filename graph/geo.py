"""Prefecture geography: the 47 prefectures, their regions and capital coordinates.

The table lives in ``graph/data/prefectures.csv`` (one row per prefecture: ``prefecture``
in Japanese, ``prefecture_en``, bundle ``region`` code, ``capital`` and the capital's
``lat``/``lon`` to three decimals).  It places organizations whose prefecture is known
on the map, and tells which bundle region a prefecture belongs to.

Regions follow the usual eight-region division with Okinawa on its own (the bundle's
region vocabulary, :data:`graph.model.REGIONS`): 山梨県, 長野県, 新潟県 and 静岡県 are
``chubu``, 三重県 is ``kinki``.
"""

from __future__ import annotations

import csv
import functools
import io
import logging
import unicodedata
from dataclasses import dataclass
from importlib import resources

from kizuna.graph.model import REGIONS

logger = logging.getLogger(__name__)

_JA_SUFFIXES = ("都", "道", "府", "県")
_EN_SUFFIXES = (" prefecture", " metropolis", "-ken", "-fu", "-to", " ken", " fu", " to")


@dataclass(frozen=True)
class Prefecture:
    """One prefecture and its capital.

    Attributes
    ----------
    name : str
        Japanese name with its suffix (``東京都``, ``北海道``, ``大阪府``).
    name_en : str
        English name without suffix (``Tokyo``).
    region : str
        Bundle region code (``kanto``).
    capital : str
        The prefectural capital in Japanese (``新宿区`` for Tokyo).
    lat, lon : float
        Decimal degrees of the capital (the prefectural office), three decimals.
    """

    name: str
    name_en: str
    region: str
    capital: str
    lat: float
    lon: float


@functools.cache
def prefectures() -> tuple[Prefecture, ...]:
    """The 47 prefectures, north to south (JIS order).

    Returns
    -------
    tuple of Prefecture

    Examples
    --------
    >>> len(prefectures())
    47
    >>> prefectures()[0].name
    '北海道'
    """
    text = resources.files("kizuna.graph").joinpath("data/prefectures.csv").read_text("utf-8")
    rows = csv.DictReader(io.StringIO(text))
    return tuple(
        Prefecture(
            name=row["prefecture"],
            name_en=row["prefecture_en"],
            region=row["region"],
            capital=row["capital"],
            lat=float(row["lat"]),
            lon=float(row["lon"]),
        )
        for row in rows
    )


def _fold(text: str) -> str:
    """NFKC, strip, lower case, and drop diacritics (``Kōchi`` → ``kochi``)."""
    text = unicodedata.normalize("NFKC", text).strip().casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@functools.cache
def _index() -> dict[str, Prefecture]:
    index: dict[str, Prefecture] = {}
    for pref in prefectures():
        index[_fold(pref.name)] = pref
        index[_fold(pref.name_en)] = pref
        if pref.name != "北海道" and pref.name.endswith(_JA_SUFFIXES):
            index.setdefault(_fold(pref.name[:-1]), pref)
    return index


def find_prefecture(name: str | None) -> Prefecture | None:
    """Look a prefecture up by its Japanese or English name.

    Parameters
    ----------
    name : str or None
        ``東京都``, ``東京``, ``Tokyo``, ``tokyo-to``, ``Tokyo Prefecture``, ``Kōchi``,
        full-width or half-width; case and surrounding spaces do not matter.

    Returns
    -------
    Prefecture or None
        None when the name is empty or not a prefecture (e.g. a country).

    Examples
    --------
    >>> find_prefecture("Osaka-fu").name
    '大阪府'
    >>> find_prefecture("フランス") is None
    True
    """
    if name is None:
        return None
    key = _fold(name)
    if not key:
        return None
    index = _index()
    if key in index:
        return index[key]
    for suffix in _EN_SUFFIXES:
        if key.endswith(suffix) and key[: -len(suffix)] in index:
            return index[key[: -len(suffix)]]
    return None


def prefecture_coordinates(name: str | None) -> tuple[float, float] | None:
    """Latitude and longitude of a prefecture's capital.

    Parameters
    ----------
    name : str or None
        Japanese or English prefecture name (see :func:`find_prefecture`).

    Returns
    -------
    (lat, lon) or None
        None when the name is not a prefecture.

    Examples
    --------
    >>> prefecture_coordinates("東京都")
    (35.69, 139.692)
    >>> prefecture_coordinates("Hokkaido")
    (43.064, 141.347)
    """
    pref = find_prefecture(name)
    return None if pref is None else (pref.lat, pref.lon)


def region_of_prefecture(name: str | None) -> str | None:
    """The bundle region code of a prefecture (``長野県`` → ``chubu``).

    Parameters
    ----------
    name : str or None
        Japanese or English prefecture name.

    Returns
    -------
    str or None
        One of :data:`graph.model.REGIONS` (never ``overseas``), or None.

    Examples
    --------
    >>> region_of_prefecture("Kagawa")
    'shikoku'
    """
    pref = find_prefecture(name)
    return None if pref is None else pref.region


def region_coordinates(region: str | None) -> tuple[float, float] | None:
    """A representative point for a region: the mean of its prefectural capitals.

    Useful to place an organization whose region is known but prefecture is not.

    Parameters
    ----------
    region : str or None
        A bundle region code other than ``overseas``.

    Returns
    -------
    (lat, lon) or None
        Rounded to three decimals; None for ``overseas`` or an unknown code.

    Notes
    -----
    :math:`(\\bar\\phi, \\bar\\lambda) = \\frac{1}{n}\\sum_i (\\phi_i, \\lambda_i)` over the
    region's n capitals, a plain arithmetic mean (fine at Japan's scale).

    Examples
    --------
    >>> region_coordinates("okinawa")
    (26.212, 127.681)
    """
    if region is None or region not in REGIONS:
        return None
    members = [p for p in prefectures() if p.region == region]
    if not members:
        return None
    lat = sum(p.lat for p in members) / len(members)
    lon = sum(p.lon for p in members) / len(members)
    return (round(lat, 3), round(lon, 3))
