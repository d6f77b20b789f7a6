"""Shareable URLs, vocabulary names in both languages, honest map controls."""

from __future__ import annotations

import doctest

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kizuna.dashboard import i18n, urlstate
from kizuna.dashboard.i18n import catalogue, label, term
from kizuna.dashboard.pages.national_map.layout import layout
from kizuna.dashboard.pages.national_map.model import cluster_options
from kizuna.dashboard.store_source import DataSource
from kizuna.graph import model

VOCABULARY_CODES = {
    "org_kind": model.ORG_KINDS,
    "tie_kind": model.TIE_KINDS,
    "program_kind": model.PROGRAM_KINDS,
    "confidence": model.CONFIDENCE_LEVELS,
    "region": model.REGIONS,
    "participation_role": model.PARTICIPATION_ROLES,
    "role": ("R1", "R2", "R3", "R4", "R5", "R6", "R7"),
}


def test_the_doctests_hold():
    for module in (urlstate, i18n):
        assert doctest.testmod(module).failed == 0


@pytest.mark.parametrize("vocabulary", sorted(VOCABULARY_CODES))
def test_every_code_has_a_japanese_and_an_english_name(vocabulary):
    prefix = i18n.VOCABULARIES[vocabulary]
    for code in VOCABULARY_CODES[vocabulary]:
        ja, en = term(vocabulary, code, "ja"), term(vocabulary, code, "en")
        assert f"{prefix}.{code}" in catalogue("ja"), code
        assert ja != code and not ja.isascii(), (vocabulary, code, ja)  # no code on screen
        assert en and "_" not in en, (vocabulary, code, en)


def test_unknown_and_missing_codes():
    assert term("tie_kind", "handshake", "ja") == "handshake"
    assert term("region", None, "ja") == "" and term("region", float("nan"), "en") == ""


def test_english_puts_the_english_name_first():
    assert label("東京大学", "University of Tokyo", "en") == "University of Tokyo (東京大学)"
    assert label("東京大学", "University of Tokyo", "ja") == "東京大学 (University of Tokyo)"
    assert label("東京大学", None, "en") == "東京大学"


selections = st.one_of(
    st.builds(
        lambda k, i: {"kind": k, "id": i},
        st.sampled_from(["cluster", "org"]),
        st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1),
    ),
    st.builds(
        lambda a, b: {"kind": "pair", "a": a, "b": b},
        st.text(alphabet="abcdefg_xyz0123", min_size=1),
        st.text(alphabet="abcdefg_xyz0123,", min_size=1),
    ),
    st.builds(
        lambda a, b: {"kind": "arc", "a": a, "b": b},
        st.text(alphabet="abc:東京都region", min_size=1),
        st.text(alphabet="abc:|overseas", min_size=1),
    ),
)


@settings(deadline=None)
@given(selections)
def test_a_selection_survives_the_url(selection):
    search = urlstate.build({"lang": "en", "sel": urlstate.selection_param(selection)})
    assert urlstate.selection_of_param(urlstate.parse(search)["sel"]) == selection


def test_map_filters_round_trip_and_defaults_stay_out():
    defaults = (model.CONFIDENCE_LEVELS, 2000, 2012)
    shown_all = urlstate.map_query(
        None, list(model.CONFIDENCE_LEVELS), [2000, 2012], "field", defaults=defaults
    )
    assert urlstate.build(shown_all) == ""
    query = urlstate.map_query(
        ["joint_rd", "supply"], ["confirmed"], [2001, 2009], "phase", defaults=defaults
    )
    search = urlstate.build({"lang": "ja", **query})
    assert search == "?lang=ja&kinds=joint_rd,supply&conf=confirmed&years=2001-2009&color=phase"
    assert urlstate.map_filters(urlstate.parse(search)) == {
        "kinds": ["joint_rd", "supply"],
        "conf": ["confirmed"],
        "years": [2001, 2009],
        "color": "phase",
    }


def _controls(layout) -> dict[str, object]:  # type: ignore[no-untyped-def]
    found: dict[str, object] = {}

    def walk(node) -> None:  # type: ignore[no-untyped-def]
        node_id = getattr(node, "id", None)
        if isinstance(node_id, str):
            found[node_id] = node
        children = getattr(node, "children", None)
        for child in children if isinstance(children, list | tuple) else [children]:
            if child is not None and hasattr(child, "to_plotly_json"):
                walk(child)

    walk(layout)
    return found


def test_the_year_slider_is_off_when_few_ties_carry_a_year(tiny_bundle):
    bundle = tiny_bundle()
    ties = bundle.ties.copy()
    ties.loc[ties.index[2:], "since"] = None  # 2 of 30 ties keep a year (under 10 %)
    data = DataSource(lambda: bundle.with_frames(ties=ties)).current().data
    snapshot = type("S", (), {"data": data})()
    controls = _controls(layout(snapshot, "en", {}))
    assert controls["map-years"].disabled is True  # type: ignore[attr-defined]
    phases = controls["map-phase"].options  # type: ignore[attr-defined]
    assert all(o["disabled"] for o in phases if o["value"] != "all")
    note = str(controls["map-controls-note"].to_plotly_json())  # type: ignore[attr-defined]
    assert f"only 2 of {len(ties)} ties carry a year" in note


def test_the_year_slider_works_when_ties_carry_years(data):
    snapshot = type("S", (), {"data": data})()
    controls = _controls(layout(snapshot, "ja", {}))
    assert not controls["map-years"].disabled  # type: ignore[attr-defined]
    assert controls["map-controls-note"].children == []  # type: ignore[attr-defined]


def test_the_cluster_picker_lists_every_cluster_by_name_in_both_languages(data):
    options = cluster_options(data, "en")
    assert {o["value"] for o in options} == set(data.clusters["id"])
    tama = next(o for o in options if o["value"] == "tama")
    assert "TAMA" in tama["label"] and "Kanto" in tama["label"]
    green = next(o for o in options if o["value"] == "kansai_green")
    assert "環境ビジネスKANSAI" in green["search"] and "Green KANSAI" in green["search"]
