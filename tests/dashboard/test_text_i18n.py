"""Search normalization and the message catalogues."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from kizuna.dashboard.i18n import LANGUAGES, catalogue, label, t
from kizuna.dashboard.text import normalize_text, search

DASHBOARD = Path(__file__).resolve().parents[2] / "dashboard"


def keys_of(names: dict[str, str]) -> pd.Series:
    return pd.Series({i: normalize_text(f"{i}\n{n}") for i, n in names.items()})


def test_full_and_half_width_and_case_match():
    keys = keys_of({"a": "ＴＡＭＡ協会", "b": "tama企業", "c": "環境ビジネスKANSAI"})
    assert set(search(keys, "tama")) == {"a", "b"}
    assert set(search(keys, "ＴＡＭＡ")) == {"a", "b"}
    assert search(keys, "ｋａｎｓａｉ") == ["c"]
    assert search(keys, "ビジネス") == ["c"]


def test_every_word_must_match_and_prefix_first():
    keys = keys_of({"x": "関西バイオ", "y": "バイオ関西", "z": "北海道バイオ"})
    assert search(keys, "バイオ 関西")[:2] in (["y", "x"], ["x", "y"])
    assert search(keys, "バイオ")[0] == "y"  # name starts with the query
    assert search(keys, "存在しない") == []
    assert search(keys, "   ") == []


def test_rank_breaks_ties():
    keys = keys_of({"p": "企業A", "q": "企業B"})
    rank = pd.Series({"p": 1, "q": 5})
    assert search(keys, "企業", rank=rank) == ["q", "p"]


@given(st.lists(st.text(min_size=1, max_size=8), min_size=1, max_size=8), st.text(max_size=4))
def test_search_matches_brute_force(names, query):
    keys = keys_of({f"id{i}": n for i, n in enumerate(names)})
    got = set(search(keys, query, limit=100))
    words = normalize_text(query).split()
    expected = {i for i, k in keys.items() if words and all(w in k for w in words)}
    assert got == expected


@given(st.text(max_size=10))
def test_normalize_is_idempotent_and_width_insensitive(text):
    once = normalize_text(text)
    assert normalize_text(once) == once
    assert normalize_text(unicodedata.normalize("NFKC", text)) == once


def test_catalogues_have_the_same_keys():
    ja, en = catalogue("ja"), catalogue("en")
    assert set(ja) == set(en)
    for key in ja:
        fields = set(re.findall(r"{(\w+)}", ja[key]))
        assert fields == set(re.findall(r"{(\w+)}", en[key])), key


def test_every_literal_key_in_the_code_exists():
    used = set()
    for path in DASHBOARD.rglob("*.py"):
        used |= set(re.findall(r'\bt\(\s*"([a-z_]+\.[a-z_.0-9]+)"', path.read_text("utf-8")))
    assert used, "no message key found in the code"
    missing = sorted(k for k in used if k not in catalogue("en"))
    assert missing == []


def test_dynamic_key_families_are_complete():
    from kizuna.dashboard.data import CENTRALITIES
    from kizuna.dashboard.pages.hub_roles.model import BROKERAGE, ROLE_REGIONS
    from kizuna.graph.model import CONFIDENCE_LEVELS, ORG_KINDS, PHASES

    en = catalogue("en")
    wanted = [f"kind.{k}" for k in ORG_KINDS] + [f"metric.{c}" for c in CENTRALITIES]
    wanted += [f"role.{r[0]}" for r in ROLE_REGIONS] + [f"broker.{b}" for b in BROKERAGE]
    wanted += [f"conf.{c}" for c in CONFIDENCE_LEVELS] + [f"phase.{p}" for p in PHASES]
    wanted += [f"net.mode_{m}" for m in ("ego", "overview")]  # the network page's titles
    assert [k for k in wanted if k not in en] == []


def test_t_formats_and_falls_back():
    assert t("partners.found", "en", n=3, name="TAMA") == "3 partner candidates for TAMA"
    assert "TAMA" in t("partners.found", "ja", n=3, name="TAMA")
    assert t("no.such.key", "ja") == "no.such.key"
    assert t("nav.map", "fr") == t("nav.map", "ja")  # unknown language → default
    assert LANGUAGES == ("ja", "en")


def test_label_keeps_japanese_and_adds_english():
    assert label("TAMA協会", "TAMA Association") == "TAMA協会 (TAMA Association)"
    assert label("東京大学", None) == "東京大学"
    assert label("TAMA", "TAMA") == "TAMA"


def test_catalogue_files_are_valid_utf8_json():
    for lang in LANGUAGES:
        data = json.loads((DASHBOARD / "locales" / f"{lang}.json").read_text("utf-8"))
        assert all(isinstance(v, str) and v for v in data.values())
