"""The report message catalogues (``templates/locales/{lang}.json``) and value labels.

Every sentence of a report is a Jinja2 template string from the catalogue, rendered with
the numbers of the analytics results; Python code never concatenates report text.
"""

from __future__ import annotations

import json
import logging
import math
from datetime import UTC, datetime
from functools import cache
from importlib import resources
from typing import Any
from zoneinfo import ZoneInfo

import jinja2

from kizuna.graph.errors import ConfigError
from kizuna.graph.terms import terms

logger = logging.getLogger(__name__)

LANGS: tuple[str, ...] = ("ja", "en")

_ENV = jinja2.Environment(autoescape=False, undefined=jinja2.StrictUndefined)


def _plural(number: Any, one: str, many: str) -> str:
    """``one`` when ``number`` is 1, else ``many`` (English sentences)."""
    value = getattr(number, "number", number)
    return one if value == 1 else many


_ENV.globals["plural"] = _plural


@cache
def _messages(lang: str) -> dict[str, str]:
    if lang not in LANGS:
        raise ConfigError(f"Unknown report language {lang!r}: use one of {', '.join(LANGS)}.")
    text = resources.files("kizuna.reports").joinpath("templates", "locales", f"{lang}.json")
    data: dict[str, str] = {**terms(lang), **json.loads(text.read_text(encoding="utf-8"))}
    return data


@cache
def _template(lang: str, key: str) -> jinja2.Template:
    return _ENV.from_string(_messages(lang)[key])


class Catalogue:
    """Messages of one language.

    Parameters
    ----------
    lang : {"ja", "en"}
        Report language.

    Examples
    --------
    >>> Catalogue("en").t("cross.none", name="TAMA")
    'In this dataset, no ties to other clusters are recorded for TAMA.'
    >>> Catalogue("ja").label("role", "R6")
    'コネクター・ハブ'
    """

    def __init__(self, lang: str):
        _messages(lang)
        self.lang = lang

    def t(self, key: str, **values: Any) -> str:
        """The message ``key`` rendered with ``values`` (numbers formatted for reading)."""
        shown = {k: fmt(v, lang=self.lang) for k, v in values.items()}
        return _template(self.lang, key).render(**shown)

    def has(self, key: str) -> bool:
        return key in _messages(self.lang)

    def label(self, prefix: str, value: Any) -> str:
        """The display name of a vocabulary value (``kind``, ``region``, ``role`` …)."""
        if value is None or (isinstance(value, float) and math.isnan(value)) or value == "":
            key = f"{prefix}.none"
            return _messages(self.lang).get(key, self.t("report.none"))
        key = f"{prefix}.{value}"
        return _messages(self.lang).get(key, str(value))

    def column(self, name: str) -> str:
        """Header of a table column (the key itself when the catalogue lacks it)."""
        return _messages(self.lang).get(f"col.{name}", name)

    def join(self, items: list[str]) -> str:
        """A list for a sentence: 「A、B、C」 in Japanese, "A, B and C" in English."""
        if self.lang == "ja":
            return "、".join(items)
        if len(items) <= 2:
            return " and ".join(items)
        return ", ".join(items[:-1]) + " and " + items[-1]


class Shown(str):
    """A formatted number that keeps the number's truth value (``{% if n %}`` is False for 0)."""

    number: float

    def __new__(cls, text: str, number: float) -> Shown:
        obj = super().__new__(cls, text)
        obj.number = number
        return obj

    def __bool__(self) -> bool:
        return bool(self.number) and not math.isnan(self.number)


def fmt(value: Any, *, lang: str = "en", digits: int = 3) -> Any:
    """A number as a person reads it: integers plain, floats to ``digits`` significant places.

    Strings and other values pass through unchanged; NaN/None become "—".  Numbers become
    :class:`Shown` strings, so templates can still test them (``{% if unstated %}``).
    """
    if value is None:
        return "—"
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return Shown(f"{value:,}", value)
    if isinstance(value, float):
        if math.isnan(value):
            return Shown("—", value)
        if value.is_integer() and abs(value) < 1e15:
            return Shown(f"{int(value):,}", value)
        return Shown(f"{value:.{digits}g}", value)
    return value


def percent(part: float, whole: float) -> str:
    """``part / whole`` as a rounded percentage ("—" when whole is 0)."""
    if not whole:
        return "—"
    return f"{100.0 * part / whole:.0f}%"


#: Dates in reports are Japan Standard Time.
JST = ZoneInfo("Asia/Tokyo")


def jst(moment: datetime | str) -> str:
    """A moment (or an ISO 8601 text) as Japan Standard Time to the minute.

    Text that is not an ISO 8601 moment is returned unchanged; a moment without a zone is
    taken as UTC.

    Examples
    --------
    >>> jst(datetime(2026, 12, 4, 6, 11, tzinfo=UTC))
    '2026-12-04 15:11 JST'
    >>> jst("2026-12-04T06:19:10+00:00")
    '2026-12-04 15:19 JST'
    """
    if isinstance(moment, str):
        try:
            when = datetime.fromisoformat(moment)
        except ValueError:
            return moment
    else:
        when = moment
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(JST).strftime("%Y-%m-%d %H:%M JST")
