"""Issue 13 part 5 without a browser: the audit's rules on hand-made texts, and the fixes it
led to (names in the request's language in cached tables, roles by name, field names in
partner reasons)."""

from __future__ import annotations

from typing import Any

import pytest

from kizuna.dashboard.i18n import CURRENT_LANG, role_label
from kizuna.dashboard.pages.cluster_gaps.model import gap_table
from tests.dashboard.test_browser_audit import problems

NAMES = {"tama": ("首都圏西部ネットワーク", "Western Greater Tokyo Network")}
IDS = {"tama", "body_tama"}
TAMA_JA = "首都圏西部ネットワーク (Western Greater Tokyo Network)"


def page(*hovers: str, cells: tuple[str, ...] = (), text: str = "") -> dict[str, Any]:
    return {
        "figures": [],
        "hovers": [{"fig": "f", "text": h} for h in hovers],
        "legends": [],
        "headers": [],
        "cells": [{"grid": "g", "col": "c", "text": c} for c in cells],
        "page": text,
    }


@pytest.mark.parametrize(
    ("lang", "found", "expected"),
    [
        ("ja", page("<b>A</b><br>joint_rd · 確認済み"), "snake_case code 'joint_rd'"),
        ("ja", page(cells=("company",)), "vocabulary code 'company'"),
        ("ja", page("種類 company です"), "vocabulary code 'company'"),
        ("en", page(cells=("kanto",)), "vocabulary code 'kanto'"),
        ("en", page("region: (none)"), "'(none)'"),
        ("ja", page("P=0.1 z=2 · R5"), "role code without its name"),
        ("en", page("<b>首都圏西部ネットワーク (Western Greater Tokyo Network)</b>"), "first"),
        ("ja", page(cells=("tama",)), "id 'tama'"),
    ],
)
def test_the_audit_finds(lang, found, expected):
    found_problems = problems(found, lang, NAMES, IDS)
    assert any(expected in p for p in found_problems), found_problems


@pytest.mark.parametrize(
    ("lang", "found"),
    [
        ("ja", page(f"<b>{TAMA_JA}</b><br>地域内ハブ (R5)")),
        ("en", page("<b>Western Greater Tokyo Network (首都圏西部ネットワーク)</b><br>supply")),
        ("ja", page(cells=("<b>超周辺</b><br>(R1)", "関東"))),
        ("en", page(cells=("company", "Kanto", "provincial hub (R5)"))),
    ],
)
def test_the_audit_lets_names_pass(lang, found):
    assert problems(found, lang, NAMES, IDS) == []


def test_the_data_page_is_read_for_its_vocabulary_columns_only():
    found = page(text="body_tama joint_rd")
    found["cells"] = [
        {"grid": "data-grid", "col": "id", "text": "body_tama"},
        {"grid": "data-grid", "col": "kind", "text": "cluster_body"},
    ]
    found_problems = problems(found, "ja", NAMES, IDS, raw_data=True)
    assert found_problems and all(p.startswith("grid data-grid.kind:") for p in found_problems)


def test_role_label_puts_the_name_first():
    assert role_label("R6", "ja") == "コネクター・ハブ (R6)"
    assert role_label("R6", "en").endswith(" (R6)") and not role_label("R6", "en").startswith("R")


def test_the_gap_table_names_follow_the_language(data):
    token = CURRENT_LANG.set("en")
    try:
        english = set(gap_table(data)["a_name"]) | set(gap_table(data)["b_name"])
    finally:
        CURRENT_LANG.reset(token)
    token = CURRENT_LANG.set("ja")
    try:
        japanese = set(gap_table(data)["a_name"]) | set(gap_table(data)["b_name"])
    finally:
        CURRENT_LANG.reset(token)
    assert "Green KANSAI (環境ビジネスKANSAI)" in english
    assert "環境ビジネスKANSAI (Green KANSAI)" in japanese


def test_partner_reasons_name_the_field(tiny_bundle):
    from kizuna.analytics.partners import suggest_partners
    from kizuna.graph.terms import terms

    found = suggest_partners(tiny_bundle(), cluster="tama", k=10)
    codes = {k.split(".", 1)[1] for k in terms("en") if k.startswith("field.")}
    for reasons in found["reasons_ja"]:
        for reason in reasons:
            if reason.startswith("補完的な分野"):
                field = reason.split("：", 1)[1].split("（", 1)[0]
                assert field not in codes, reason
    complementary = [r for rs in found["reasons_ja"] for r in rs if r.startswith("補完的な分野")]
    assert complementary  # the tiny network has complementary fields to name


def test_the_heatmap_ticks_stay_short_and_distinct(data):
    import doctest

    from kizuna.dashboard.pages.cluster_gaps import figures

    assert doctest.testmod(figures).failed == 0
    forum = "首都圏情報ベンチャーフォーラム"
    names = [f"{forum}(コンテンツ)", f"{forum}(オンラインゲーム)"]
    ticks = figures.short_labels(names, 11)
    assert len(set(ticks)) == 2 and all(len(t) <= 11 for t in ticks)
    from kizuna.dashboard.names import cluster_name

    assert cluster_name(data, "kansai_green", "en") == "Green KANSAI"
    assert cluster_name(data, "kansai_green", "ja") == "環境ビジネスKANSAI"


def test_brokerage_ticks_are_the_own_name_on_two_lines_at_most(data):
    import doctest

    from kizuna.dashboard import names
    from kizuna.dashboard.names import short_name

    assert doctest.testmod(names).failed == 0
    assert short_name(data, "u_tokyo", "en") == "University of Tokyo"
    assert short_name(data, "u_tokyo", "ja") == "東京大学"
    coordinators = short_name(data, "tama_coord", "ja", limit=12)
    assert coordinators.split("<br>") == ["ＴＡＭＡコー", "ディネータ"]
    assert short_name(data, "u_tokyo", "en", limit=12).split("<br>") == ["University", "of Tokyo"]
    assert short_name(data, "u_tokyo", "en", limit=8).split("<br>") == ["Universi", "ty of T…"]


def test_english_partner_reasons_name_the_broker_in_english(tiny_bundle):
    from kizuna.analytics.partners import suggest_partners

    found = suggest_partners(tiny_bundle(), cluster="tama", k=10)
    brokers = [r for rs in found["reasons_en"] for r in rs if "through broker" in r]
    assert brokers  # the tiny network has paths through a broker
    english = set(tiny_bundle().nodes["name_en"].dropna())
    for reason in brokers:
        name = reason.split("through broker ", 1)[1]
        assert name in english or name.isascii(), reason


def test_each_field_keeps_its_colour_in_both_languages(data):
    from kizuna.dashboard.pages.national_map.figures import map_figure
    from kizuna.dashboard.pages.national_map.model import arcs, placed_ties

    def colours(lang: str) -> dict[str, str]:
        fig = map_figure(data, arcs(data, placed_ties(data)), selection={}, lang=lang)
        found = {}
        for trace in fig.to_plotly_json()["data"]:
            colour = (trace.get("marker") or {}).get("color")
            for item in trace.get("customdata") or []:
                if isinstance(colour, str) and item[0] == "cluster":
                    found[str(item[1])] = colour
        return found

    japanese, english = colours("ja"), colours("en")
    assert japanese and japanese == english
    fields = data.clusters.set_index("id")["field"]
    by_field = {fields[c]: japanese[c] for c in japanese}
    assert len(set(by_field.values())) == len(by_field)  # one colour per field
