"""Cluster gaps, hub roles and partner finder callbacks as plain functions."""

from __future__ import annotations

import pytest

from kizuna.dashboard.pages.cluster_gaps.callbacks import follow_pair
from kizuna.dashboard.pages.cluster_gaps.figures import TICK_LIMIT, heatmap
from kizuna.dashboard.pages.cluster_gaps.layout import drill_down
from kizuna.dashboard.pages.cluster_gaps.model import (
    gap_table,
    ordered_clusters,
    selection_from_cell,
)
from kizuna.dashboard.pages.hub_roles.layout import follow, render
from kizuna.dashboard.pages.hub_roles.model import BROKERAGE, brokers_for, region_names, spof_table
from kizuna.dashboard.pages.partners.figures import path_figure
from kizuna.dashboard.pages.partners.layout import run
from kizuna.dashboard.pages.partners.model import partners


def test_gap_table_is_observed_over_expected_weakest_first(data):
    table = gap_table(data)
    pairs = data.analysis.cluster_pairs
    assert len(table) == len(pairs) == 6
    for row in table.itertuples():
        src = pairs[(pairs["cluster_a"] == row.cluster_a) & (pairs["cluster_b"] == row.cluster_b)]
        assert row.ratio == pytest.approx(
            src["observed"].iloc[0] / src["expected"].iloc[0], abs=1e-3
        )
    ratios = list(table["ratio"])
    assert ratios == sorted(ratios)
    assert table["a_name"].iloc[0] in {data.cluster_label(c) for c in data.clusters.index}


def test_heatmap_is_symmetric_and_marks_the_selection(data):
    fig = heatmap(
        data, gap_table(data), selection={"kind": "pair", "a": "kansai_green", "b": "tama"}
    )
    z = fig.data[0].z
    n = len(z)
    assert all((z[i][j] == z[j][i]) or (z[i][j] != z[i][j]) for i in range(n) for j in range(n))
    assert len(fig.layout.shapes) == 2


def test_cell_click_and_drill_down(data):
    sel = selection_from_cell({"points": [{"customdata": ["tama", "kansai_green"]}]})
    assert sel == {"kind": "pair", "a": "kansai_green", "b": "tama"}
    assert selection_from_cell({"points": [{"customdata": ["tama", "tama"]}]}) is None
    assert "seed:L100" in str(drill_down(data, sel, "ja"))
    none = drill_down(data, {"kind": "pair", "a": "hokkaido_bio", "b": "tama"}, "en")
    assert "no tie between these two clusters" in str(none)


def test_role_map_draws_seven_regions_and_toggles_partition(data):
    fig, bars = render(data, "official", {}, "en")
    assert len(fig.layout.shapes) == 7
    assert "official" in fig.layout.title.text
    fig2, _ = render(data, "community", {}, "en")
    assert "communities" in fig2.layout.title.text
    xs = [x for tr in fig.data for x in tr.x]
    assert len(xs) == len(data.orgs)
    assert bars.data  # top brokers overall


def test_brokers_follow_the_selection(data):
    one = brokers_for(data, {"kind": "org", "id": "b_kansai"})
    assert list(one.index) == ["b_kansai"]
    members = brokers_for(data, {"kind": "cluster", "id": "tama"})
    assert set(members.index) <= set(data.orgs.index[data.orgs["group"] == "tama"])
    total = members[list(BROKERAGE)].sum(axis=1).tolist()
    assert total == sorted(total, reverse=True)


def test_spof_list_names_regions(data):
    table = spof_table(data, "ja")
    assert "b_kansai" in set(table["id"])
    row = table[table["id"] == "b_kansai"].iloc[0]
    assert "近畿" in row["regions_cut"] and "海外" in row["regions_cut"]
    assert region_names("kanto|kinki", "en") == "Kanto, Kinki"


def test_partner_finder_for_an_org_in_both_languages(data):
    rows, _status, fig = run(data, "tama_c1", None, "en")
    assert rows and rows[0]["rank"] == 1
    assert all(r["cluster_name"] != data.cluster_label("tama") for r in rows)
    assert "steps through broker" in " ".join(r["reasons"] for r in rows)
    rows_ja, _, _ = run(data, "tama_c1", None, "ja")
    assert "仲介役" in " ".join(r["reasons"] for r in rows_ja)
    texts = [tr.text for tr in fig.data if tr.text is not None]
    assert texts  # the path with its organizations


def test_partner_finder_for_a_cluster_and_odd_inputs(data):
    rows, _, _ = run(data, None, "kyushu_si", "en")
    assert rows
    _, status, _ = run(data, None, None, "en")
    assert "Choose an organization" in str(status)
    _, status, _ = run(data, "ghost", None, "en")
    assert "not in the current data" in str(status)


def test_path_figure_marks_the_broker(data):
    found = partners(data, org="tama_c1")
    far = found[found["distance"] >= 3].iloc[0]
    fig = path_figure(data, found, far["candidate"], "en")
    nodes = next(tr for tr in fig.data if tr.customdata is not None)
    assert [c[1] for c in nodes.customdata] == list(far["path"])
    assert "#d62728" in list(nodes.marker.color)  # the broker in red


def test_the_gap_heatmap_centres_at_one_and_shows_zero_pairs_apart(data):
    import math

    table = gap_table(data)
    fig = heatmap(data, table, lang="en")
    zero_layer, ratios = fig.data
    assert ratios.zmid == 0  # log2(O/E) = 0: observed = expected is the white middle
    names = ordered_clusters(data, set(table["cluster_a"]) | set(table["cluster_b"]))
    index = {c: i for i, c in enumerate(names)}
    for row in table.itertuples():
        i, j = index[row.cluster_a], index[row.cluster_b]
        if row.observed == 0:  # grey layer, never the strongest blue
            assert zero_layer.z[i][j] == 1 and math.isnan(ratios.z[i][j])
        else:
            assert math.isnan(zero_layer.z[i][j])
    # north to south: Hokkaido's cluster before Kanto's before Kyushu's
    assert names.index("hokkaido_bio") < names.index("tama") < names.index("kyushu_si")
    assert all(len(label) <= TICK_LIMIT["en"] for label in ratios.x)
    assert len(set(ratios.x)) == len(ratios.x)  # distinct ticks


def test_a_pair_click_sends_only_the_frames_the_full_heatmap_would_draw(data):
    sel = {"kind": "pair", "a": "kansai_green", "b": "tama"}
    drill, change = follow_pair(data, sel, "ja")
    full = heatmap(data, gap_table(data), selection=sel, lang="ja")
    ops = change.to_plotly_json()["operations"]
    assert [op["location"] for op in ops] == [["layout", "shapes"]]
    drawn = [s.to_plotly_json() for s in full.layout.shapes]
    assert ops[0]["params"]["value"] == drawn and len(drawn) == 2
    assert "seed:L100" in str(drill)
    _, cleared = follow_pair(data, {"kind": "cluster", "id": "tama"}, "ja")
    assert cleared.to_plotly_json()["operations"][0]["params"]["value"] == []


def test_every_heatmap_cell_has_its_hover_on_exactly_one_layer(data):
    fig = heatmap(data, gap_table(data), lang="en")
    zero, ratio = fig.data[0], fig.data[1]
    n = len(ratio.z)
    seen = {"zero": 0, "ties": 0}
    for i in range(n):
        for j in range(n):
            texts = [zero.text[i][j], ratio.text[i][j]]
            if zero.z[i][j] == 1:
                assert texts[0] and not texts[1]
                seen["zero"] += 1
            elif ratio.z[i][j] == ratio.z[i][j]:  # not NaN: a pair with ties
                assert texts[1] and not texts[0]
                seen["ties"] += 1
    assert seen["zero"] and seen["ties"]


@pytest.mark.parametrize("partition", ["official", "community"])
@pytest.mark.parametrize(
    "selection", [{"kind": "cluster", "id": "tama"}, {"kind": "org", "id": "b_tama"}, None]
)
def test_a_selection_click_moves_only_the_rings_the_full_role_map_would_draw(
    data, partition, selection
):
    full, bars = render(data, partition, selection, "en")
    change, bars_again = follow(data, partition, selection, "en")
    (op,) = change.to_plotly_json()["operations"]
    index = op["location"][1]
    assert op["location"] == ["data", index] and index == len(full.data) - 1
    rings = full.data[index]
    assert rings["name"] == op["params"]["value"]["name"]
    assert list(op["params"]["value"]["customdata"][:, 1]) == list(rings["customdata"][:, 1])
    assert (len(rings["x"]) > 0) == (selection is not None)
    assert bars_again.to_plotly_json() == bars.to_plotly_json()
