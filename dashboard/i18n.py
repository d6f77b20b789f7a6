"""UI text from one message catalogue per language (``dashboard/locales/<lang>.json``).

Data keeps its original (Japanese) names; only the interface text is translated.
"""

from __future__ import annotations

import json
import logging
from contextvars import ContextVar
from functools import cache
from pathlib import Path

from kizuna.graph.terms import terms

logger = logging.getLogger(__name__)

LOCALES = Path(__file__).resolve().parent / "locales"
LANGUAGES: tuple[str, ...] = ("ja", "en")
DEFAULT_LANGUAGE = "ja"
#: The language of the request being answered (set by the app from the callback's
#: ``lang`` input); names of organizations and clusters follow it.
CURRENT_LANG: ContextVar[str] = ContextVar("kizuna_lang", default=DEFAULT_LANGUAGE)

#: Vocabulary → message-key prefix of its terms (``tiekind.joint_rd`` …).
VOCABULARIES: dict[str, str] = {
    "org_kind": "kind",
    "tie_kind": "tiekind",
    "program_kind": "progkind",
    "confidence": "conf",
    "region": "region",
    "field": "field",
    "role": "role",
    "participation_role": "partrole",
    "phase": "phase",
}


@cache
def catalogue(lang: str) -> dict[str, str]:
    """The message catalogue of ``lang`` (key → text)."""
    if lang not in LANGUAGES:
        lang = DEFAULT_LANGUAGE
    text = (LOCALES / f"{lang}.json").read_text("utf-8")
    vocabulary = terms(lang)  # shared with the reports (graph/data/terms.json)
    aliases = {f"conf.{k[11:]}": v for k, v in vocabulary.items() if k.startswith("confidence.")}
    data: dict[str, str] = {**vocabulary, **aliases, **json.loads(text)}
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


def term(vocabulary: str, code: object, lang: str | None = None) -> str:
    """The name of a vocabulary code (``tie_kind``, ``joint_rd`` → 共同研究開発); an unknown
    code is shown as written, a missing one as "".

    Examples
    --------
    >>> term("tie_kind", "joint_rd", "ja"), term("region", "kanto", "en"), term("field", "x")
    ('共同研究開発', 'Kanto', 'x')
    """
    if code is None or code == "" or (isinstance(code, float) and code != code):
        return ""
    key = f"{VOCABULARIES[vocabulary]}.{code}"
    lang = normalize_lang(lang or CURRENT_LANG.get())
    text = catalogue(lang).get(key) or catalogue("en").get(key)
    return text if text is not None else str(code)


def role_label(code: object, lang: str | None = None) -> str:
    """A hub role by name with its R-code beside (地域内ハブ (R5)); a missing role is "".

    Examples
    --------
    >>> role_label("R5", "ja"), role_label("R5", "en"), role_label(None, "en")
    ('地域内ハブ (R5)', 'provincial hub (R5)', '')
    """
    name = term("role", code, lang)
    return f"{name} ({code})" if name and name != str(code) else name


def label(name: object, name_en: object = None, lang: str | None = "ja") -> str:
    """An organization's or cluster's label: in Japanese the name as written with the English
    one beside; in English the English name first.

    Examples
    --------
    >>> label("東京大学", "University of Tokyo"), label("東京大学", "University of Tokyo", "en")
    ('東京大学 (University of Tokyo)', 'University of Tokyo (東京大学)')
    """
    main = str(name) if isinstance(name, str) and name else ""
    en = str(name_en) if isinstance(name_en, str) and name_en else ""
    if normalize_lang(lang) == "en":
        main, en = en, main
    if main and en and en != main:
        return f"{main} ({en})"
    return main or en


def label_column(lang: str | None = None) -> str:
    """The column of the name labels in ``lang`` (``label`` or ``label_en``)."""
    return "label_en" if normalize_lang(lang or CURRENT_LANG.get()) == "en" else "label"
