"""National map and network explorer callbacks, as plain functions on the tiny network."""

from __future__ import annotations

import pytest

from kizuna.dashboard import explorer
from kizuna.dashboard.frames import ties_of_selection
from kizuna.dashboard.pages import network as net
from kizuna.dashboard.pages.national_map.layout import render
from kizuna.dashboard.pages.national_map.model import arcs, filter_ties, selection_from_click

ALL_CONF = ["confirmed", "reported", "uncertain"]


def arc_pairs(data, **filters):  # type: ignore[no-untyped-def]
    table = arcs(data, filter_ties(data, **filters))
    return {
        frozenset((a, b)): n for a, b, n in zip(table["a"], table["b"], table["count"], strict=True)
    }


def test_cross_region_arcs_by_hand(data):
    got = arc_pairs(data, confidence=ALL_CONF)
    assert got == {
        frozenset(("cluster:tama", "cluster:kansai_green")): 1,
        frozenset(("cluster:hokkaido_bio", "cluster:kansai_green")): 1,
        frozenset(("cluster:kansai_green", "cluster:kyushu_si")): 1,
        frozenset(("cluster:tama", "cluster:kyushu_si")): 1,  # coordinator dispatch
        frozenset(("overseas", "cluster:kansai_green")): 1,
    }  # METI Kanto → TAMA stays inside Kanto: no arc


def test_cross_cluster_scope_keeps_same_region_ties(data):
    table = arcs(data, filter_ties(data), scope="cross_cluster")
    pairs = {frozenset((a, b)) for a, b in zip(table["a"], table["b"], strict=True)}
    assert frozenset(("pref:埼玉県", "cluster:tama")) in pairs


def test_filters(data):
    assert len(arc_pairs(data, confidence=["confirmed"])) == 3
    assert arc_pairs(data, years=[2001, 2005]) == {
        frozenset(("cluster:hokkaido_bio", "cluster:kansai_green")): 1
    }
    assert len(arc_pairs(data, tie_kinds=["mou"])) == 1
    assert arc_pairs(data, tie_kinds=["finance"]) == {}


def test_render_with_no_matching_tie_says_so(data):
    fig, details = render(data, ["finance"], ALL_CONF, None, "phase", None, "en")
    texts = [a.text for a in fig.layout.annotations]
    assert any("No cross-region tie" in x for x in texts)
    assert "Click a cluster" in str(details)


def test_click_selects_cluster_or_pair():
    click = {"points": [{"customdata": ["cluster", "tama", ""]}]}
    assert selection_from_click(click) == {"kind": "cluster", "id": "tama"}
    arc = {"points": [{"customdata": ["arc", "cluster:tama", "cluster:kansai_green"]}]}
    assert selection_from_click(arc) == {"kind": "pair", "a": "kansai_green", "b": "tama"}
    other = {"points": [{"customdata": ["arc", "overseas", "cluster:kansai_green"]}]}
    assert selection_from_click(other)["kind"] == "arc"
    assert selection_from_click({"points": [{}]}) is None
    assert selection_from_click(None) is None


def test_selected_pair_lists_its_ties_with_provenance(data):
    table = ties_of_selection(data, data.ties, {"kind": "pair", "a": "kansai_green", "b": "tama"})
    assert list(table["source"]) == ["b_tama"]
    assert table["source_ref"].iloc[0] == "seed:L100"
    _fig, details = render(
        data,
        None,
        ALL_CONF,
        None,
        "field",
        {"kind": "pair", "a": "kansai_green", "b": "tama"},
        "ja",
    )
    assert "seed:L100" in str(details)


def test_selected_cluster_is_outlined(data):
    fig, _ = render(data, None, ALL_CONF, None, "field", {"kind": "cluster", "id": "tama"}, "ja")
    ring = [tr for tr in fig.data if tr.marker and tr.marker.line and tr.marker.line.width == 4]
    assert len(ring) == 1 and [c[1] for c in ring[0].customdata] == ["tama"]
    fig, _ = render(data, None, ALL_CONF, None, "field", None, "ja")
    assert not [tr for tr in fig.data if tr.marker and tr.marker.line and tr.marker.line.width == 4]


def test_phase_colouring_uses_phase_names(data):
    fig, _ = render(data, None, ALL_CONF, None, "phase", None, "en")
    names = {tr.name for tr in fig.data if tr.name}
    assert "Launch 2001–05" in names and "Growth 2006–09" in names


def test_ego_depths(data):
    assert set(explorer.ego(data, "b_tama", 1)) == {
        "b_tama",
        "tama_c1",
        "tama_c2",
        "tama_c3",
        "tama_c4",
        "b_kansai",
        "tama_coord",
        "meti_kanto",
    }
    two = set(explorer.ego(data, "b_tama", 2))
    assert {"u_tokyo", "b_ksi", "b_hbio", "fr_body", "kansai_green_c1"} <= two
    assert "kyushu_si_c1" not in two
    assert explorer.ego(data, "lonely", 2) == ["lonely"]
    assert explorer.ego(data, "nope", 1) == []


def test_view_modes(data, monkeypatch):
    assert explorer.view_nodes(data, {}, 1)[0] == "all"
    assert explorer.view_nodes(data, {"kind": "cluster", "id": "tama"}, 1)[0] == "cluster"
    assert explorer.view_nodes(data, {"kind": "org", "id": "b_tama"}, 5)[1] == explorer.ego(
        data, "b_tama", 2
    )
    monkeypatch.setattr(explorer, "MAX_NODES", 10)
    assert explorer.view_nodes(data, {}, 1) == ("aggregate", [])
    out = net.render(data, None, net.Choices(), "en")
    groups = [c[1] for tr in out.figure.data if tr.customdata is not None for c in tr.customdata]
    assert set(groups) == {
        "tama",
        "kansai_green",
        "hokkaido_bio",
        "kyushu_si",
        "(none):kind:agency",  # organizations without a cluster, grouped by kind
        "(none):kind:foreign_body",
    }


def test_network_hover_shows_kind_cluster_region_and_tie_evidence(data):
    out = net.render(
        data, {"kind": "org", "id": "b_tama"}, net.Choices(centrality="betweenness"), "ja"
    )
    fig, info, ties = out.figure, out.info, out.ties
    hovers = " ".join(" ".join(tr.hovertext) for tr in fig.data if tr.hovertext is not None)
    assert "クラスター推進組織" in hovers and "関東" in hovers and "媒介中心性" in hovers
    assert "seed:L100" in hovers  # the tie's source_ref
    assert "TAMA協会 (TAMA Association)" in str(info)
    assert "seed:L100" in str(ties)


def test_org_without_ties_says_so(data):
    ties = net.render(data, {"kind": "org", "id": "lonely"}, net.Choices(), "en").ties
    assert "no recorded tie" in str(ties)


def test_search_japanese_fullwidth(data):
    options = explorer.search_options(data, "ｔａｍａ　協会", "ja")
    assert options[0]["value"] == "b_tama"
    assert explorer.search_options(data, "大学", "ja")[0]["value"] == "u_tokyo"
    assert explorer.search_options(data, "コーディネータ", "en")[0]["value"] == "tama_coord"
    none = explorer.search_options(data, "zzz", "en")
    assert none[0]["disabled"] and "zzz" in none[0]["label"]
    assert explorer.search_options(data, "", "en") == []


def test_network_click_expands_a_group_or_selects_an_org():
    assert net.on_click(None, {"points": [{"customdata": ["org", "x"]}]}, [])[1] == {
        "kind": "org",
        "id": "x",
    }
    assert net.on_click(None, {"points": [{"customdata": ["group", "tama"]}]}, [])[0] == ["tama"]


@pytest.mark.parametrize(
    "centrality", ["degree", "betweenness", "pagerank", "eigenvector", "closeness"]
)
def test_every_centrality_sizes_nodes(data, centrality):
    out = net.render(data, None, net.Choices(expanded=("tama",), centrality=centrality), "ja")
    orgs = [
        tr for tr in out.figure.data if tr.customdata is not None and tr.customdata[0][0] == "org"
    ]
    assert orgs and all(len(tr.marker.size) == len(tr.customdata) for tr in orgs)


def test_view_table_for_csv(data):
    table = explorer.view_table(data, {"kind": "cluster", "id": "kyushu_si"}, 1)
    assert set(table["id"]) == {
        "b_ksi",
        "kyushu_si_c1",
        "kyushu_si_c2",
        "kyushu_si_c3",
        "kyushu_si_c4",
        "lonely",
    }
    assert "betweenness" in table.columns


def _arc_dots(fig):
    """The (a, b) places of the arcs drawn (their middle dots carry the click)."""
    dots = [tr for tr in fig.data if tr.customdata is not None and len(tr.customdata)]
    return [(c[1], c[2]) for tr in dots for c in tr.customdata if c[0] == "arc"]


def test_the_map_draws_the_strongest_arcs_and_always_the_selections(data, monkeypatch):
    from kizuna.dashboard.pages.national_map import figures as map_figure

    everything = arcs(data, filter_ties(data, confidence=ALL_CONF))
    assert len(everything) == 5
    fig, _ = render(data, None, ALL_CONF, None, "field", None, "en")
    assert len(_arc_dots(fig)) == 5 and "strongest" not in str(fig.layout.annotations)
    monkeypatch.setattr(map_figure, "MAX_ARCS", 2)
    fig, _ = render(data, None, ALL_CONF, None, "field", None, "en")
    drawn = _arc_dots(fig)
    assert drawn == list(zip(everything["a"][:2], everything["b"][:2], strict=True))
    assert "The 2 strongest of 5 connections" in str(fig.layout.annotations)
    sel = {"kind": "cluster", "id": "kyushu_si"}  # its two arcs are not among the first two
    own = everything[
        (everything["a"] == "cluster:kyushu_si") | (everything["b"] == "cluster:kyushu_si")
    ]
    first_two = set(zip(everything["a"][:2], everything["b"][:2], strict=True))
    assert not set(zip(own["a"], own["b"], strict=True)) <= first_two
    fig, _ = render(data, None, ALL_CONF, None, "field", sel, "ja")
    drawn = set(_arc_dots(fig))
    assert set(zip(own["a"], own["b"], strict=True)) <= drawn and len(drawn) <= 2 + len(own)
    assert "5件の連携のうち" in str(fig.layout.annotations)
    red = [tr for tr in fig.data if tr.line and tr.line.color == "rgba(214,39,40,0.75)"]
    assert len(red) == 1 and sum(x is None for x in red[0].x) == len(own)
