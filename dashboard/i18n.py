"""UI text from one message catalogue per language (``dashboard/locales/<lang>.json``).

Data keeps its original (Japanese) names; only the interface text is translated.
"""

from __future__ import annotations

import json
import logging
from functools import cache
from pathlib import Path

logger = logging.getLogger(__name__)

LOCALES = Path(__file__).resolve().parent / "locales"
LANGUAGES: tuple[str, ...] = ("ja", "en")
DEFAULT_LANGUAGE = "ja"


@cache
def catalogue(lang: str) -> dict[str, str]:
    """The message catalogue of ``lang`` (key → text)."""
    if lang not in LANGUAGES:
        lang = DEFAULT_LANGUAGE
    text = (LOCALES / f"{lang}.json").read_text("utf-8")
    data: dict[str, str] = json.loads(text)
    return data


def normalize_lang(lang: str | None) -> str:
    """``lang`` when it is a known language, else the default (Japanese)."""
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def t(key: str, lang: str | None = DEFAULT_LANGUAGE, **values: object) -> str:
    """The text of ``key`` in ``lang``, formatted with ``values``.

    A key missing from ``lang`` falls back to English, then to the key itself (logged), so a
    missing translation never breaks a page.

    Examples
    --------
    >>> t("nav.map", "en")
    'National map'
    """
    lang = normalize_lang(lang)
    text = catalogue(lang).get(key)
    if text is None:
        text = catalogue("en").get(key)
        if text is None:
            logger.warning("missing message %r", key)
            text = key
    if values:
        try:
            return text.format(**values)
        except (KeyError, IndexError, ValueError):
            logger.warning("message %r cannot be formatted with %r", key, values)
    return text


def label(name: object, name_en: object = None) -> str:
    """An organization's or cluster's label: the name as written, the English one beside."""
    main = str(name) if isinstance(name, str) and name else ""
    en = str(name_en) if isinstance(name_en, str) and name_en else ""
    if main and en and en != main:
        return f"{main} ({en})"
    return main or en
