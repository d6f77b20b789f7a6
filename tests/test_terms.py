"""One JA/EN vocabulary for the app and the reports (graph/data/terms.json)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kizuna.dashboard.i18n import t
from kizuna.graph.model import ORG_KINDS, REGIONS, TIE_KINDS
from kizuna.graph.terms import VOCABULARY_PREFIXES, terms
from kizuna.reports.i18n import Catalogue

ROOT = Path(__file__).resolve().parent.parent
LOCALES = [
    *sorted((ROOT / "dashboard" / "locales").glob("*.json")),
    *sorted((ROOT / "reports" / "templates" / "locales").glob("*.json")),
]


@pytest.mark.parametrize("path", LOCALES, ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_no_message_catalogue_names_a_term_itself(path: Path) -> None:
    keys = json.loads(path.read_text("utf-8"))
    named = set(terms("ja")) | {
        f"conf.{k[11:]}" for k in terms("ja") if k.startswith("confidence.")
    }
    assert not named & set(keys)
    assert all(k.startswith(VOCABULARY_PREFIXES) for k in terms("ja"))


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_app_and_reports_say_every_term_alike(lang: str) -> None:
    report = Catalogue(lang)
    for key, name in terms(lang).items():
        assert t(key, lang) == name
        assert report.t(key) == name


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_code_of_the_model_has_a_name(lang: str) -> None:
    names = terms(lang)
    for prefix, codes in (("kind", ORG_KINDS), ("tiekind", TIE_KINDS), ("region", REGIONS)):
        missing = [c for c in codes if f"{prefix}.{c}" not in names]
        assert not missing, (prefix, missing)
    assert all(f"role.R{i}" in names for i in range(1, 8))
    assert names["broker.gatekeeper"] == {"ja": "ゲートキーパー", "en": "gatekeeper"}[lang]
