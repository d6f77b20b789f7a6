"""The JA/EN names of the domain's vocabulary, one catalogue for the app and the reports.

Organization kinds (``kind.*``), tie kinds (``tiekind.*``), program kinds (``progkind.*``),
participation roles (``partrole.*``), regions, fields, confidence, hub roles (``role.R1``
…) and brokerage roles (``broker.*``) are named once, in ``graph/data/terms.json``; the
app's and the reports' message catalogues add their own texts on top and hold no term.

>>> terms("ja")["broker.gatekeeper"], terms("en")["role.R5"]
('ゲートキーパー', 'provincial hub')
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

#: Key prefixes of the vocabulary: ``<prefix><code>`` (one level, no placeholder) is a
#: term, which a message catalogue must not define; longer keys are messages.
VOCABULARY_PREFIXES: tuple[str, ...] = (
    "kind.",
    "tiekind.",
    "progkind.",
    "partrole.",
    "region.",
    "field.",
    "confidence.",
    "role.",
    "broker.",
)


@cache
def _all() -> dict[str, dict[str, str]]:
    text = resources.files("kizuna.graph").joinpath("data/terms.json").read_text("utf-8")
    data: dict[str, dict[str, str]] = json.loads(text)
    return data


def terms(lang: str) -> dict[str, str]:
    """The vocabulary names in ``lang`` ("ja" or "en"; anything else gets English)."""
    catalogue = _all()
    return dict(catalogue.get(lang, catalogue["en"]))
