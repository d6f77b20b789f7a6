"""What-if scenarios and data tables as plain functions."""

from __future__ import annotations

import io
import zipfile

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from kizuna.dashboard.pages.data_tables import layout as dt_layout
from kizuna.dashboard.pages.data_tables import model as dt
from kizuna.dashboard.pages.what_if import layout as wi
from kizuna.dashboard.pages.what_if import model as scenario


def test_add_tie_and_dispatch_build_a_scenario(data):
    sc = scenario.add_tie(None, "tama_c2", "kansai_green_c3", "joint_rd", data, "en")
    assert sc["add_ties"][0]["source"] == "tama_c2" and sc["add_ties"][0]["directed"] is False
    assert scenario.add_tie(sc, "tama_c2", "tama_c2", "joint_rd", data, "en") == sc  # no self-tie
    assert scenario.add_tie(sc, "tama_c2", "ghost", "joint_rd", data, "en") == sc
    sc = scenario.dispatch(sc, "tama", "kyushu_si", data, "ja")
    node = sc["add_nodes"][0]
    assert node["kind"] == "coordinator" and node["cluster"] == "tama"
    dispatch = sc["add_ties"][-1]
    assert dispatch == {
        **dispatch,
        "source": node["id"],
        "target": "b_ksi",
        "kind": "coordinator_dispatch",
        "directed": True,
    }
    assert len(sc["log"]) == 2


def test_linking_the_isolate_joins_two_components(data):
    sc = scenario.add_tie(None, "lonely", "kyushu_si_c1", "supply", data, "en")
    diff = scenario.outcome(data, sc)
    reach = diff.reachability
    assert reach["components_after"] == reach["components_before"] - 1
    panel, _fig = wi.render(data, sc, "en")
    assert "Components" in str(panel)
    changed = scenario.node_changes(data, diff, sc)
    assert {"lonely", "kyushu_si_c1"} <= set(changed["id"])


def test_cross_cluster_tie_raises_the_pair_ratio(data):
    sc = scenario.add_tie(None, "tama_c2", "b_hbio", "joint_rd", data, "en")
    pairs = scenario.pair_changes(data, scenario.outcome(data, sc))
    row = pairs[(pairs["cluster_a"] == "hokkaido_bio") & (pairs["cluster_b"] == "tama")].iloc[0]
    assert row["ratio_before"] == 0 and row["ratio_after"] > 0


def test_the_baseline_is_the_snapshots_own_analysis(data, monkeypatch):
    """The what-if's "before" is not a second analysis of the snapshot, and compares the
    same as one would."""
    from kizuna.analytics.api import compare

    sc = scenario.add_tie(None, "tama_c2", "b_hbio", "joint_rd", data, "en")
    after = scenario.measure(scenario.after_bundle(data, sc))
    again = compare(scenario.measure(data.bundle), after)
    assert scenario.baseline(data) is data.analysis
    diff = compare(scenario.baseline(data), after)
    pd.testing.assert_frame_equal(diff.nodes, again.nodes)
    pd.testing.assert_frame_equal(diff.cluster_pairs, again.cluster_pairs)
    assert diff.reachability == again.reachability
    monkeypatch.setattr(scenario, "EXACT_MAX", 1)
    assert scenario.baseline(data).nodes["betweenness"].isna().all()


def test_empty_scenario_and_reset(data):
    panel, _ = wi.render(data, None, "en")
    assert "No change yet" in str(panel)
    assert scenario.scenario_of(None) == {"add_ties": [], "add_nodes": [], "log": []}


def test_export_zip_is_a_loadable_bundle(data, tmp_path):
    sc = scenario.dispatch(None, "tama", "kyushu_si", data, "en")
    content = scenario.export_zip(scenario.after_bundle(data, sc))
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        names = {n.rsplit("/", 1)[-1] for n in archive.namelist()}
        assert {"nodes.csv", "ties.csv"} <= names
        nodes_name = next(n for n in archive.namelist() if n.endswith("nodes.csv"))
        nodes = pd.read_csv(archive.open(nodes_name), dtype=str)
    assert sc["add_nodes"][0]["id"] in set(nodes["id"])
    from kizuna.loaders import open_bundle

    (tmp_path / "scenario.zip").write_bytes(content)
    loaded = open_bundle(tmp_path / "scenario.zip", strict=True)
    assert len(loaded.ties) == len(data.bundle.ties) + 2
    assert len(nodes) == len(data.bundle.nodes) + 1
    assert len(data.bundle.nodes) == 25  # the session's scenario never touches the data


def test_filter_and_sort_model(data):
    ties = dt.table_frame(data, "ties")
    req = {
        "startRow": 0,
        "endRow": 100,
        "filterModel": {"kind": {"filterType": "text", "type": "contains", "filter": "JOINT"}},
        "sortModel": [{"colId": "since", "sort": "desc"}],
    }
    out = dt.rows_response(ties, req)
    assert out["rowCount"] == (ties["kind"] == "joint_rd").sum()
    years = [r["since"] for r in out["rowData"]]
    assert years == sorted(years, reverse=True)
    num = dt.apply_model(
        ties, {"since": {"filterType": "number", "type": "greaterThan", "filter": 2007}}, None
    )
    assert (num["since"] > 2007).all() and len(num) == (ties["since"] > 2007).sum()
    blank = dt.apply_model(data.orgs, {"name_en": {"filterType": "text", "type": "blank"}}, None)
    assert blank["name_en"].isna().all() and len(blank) > 0
    both = dt.apply_model(
        ties,
        {
            "kind": {
                "filterType": "text",
                "operator": "OR",
                "conditions": [
                    {"filterType": "text", "type": "equals", "filter": "mou"},
                    {"filterType": "text", "type": "equals", "filter": "matching"},
                ],
            }
        },
        None,
    )
    assert set(both["kind"]) == {"mou", "matching"}


def test_paging(data):
    orgs = dt.table_frame(data, "organizations")
    page = dt.rows_response(orgs, {"startRow": 20, "endRow": 40})
    assert page["rowCount"] == 25 and len(page["rowData"]) == 5


def test_selection_scope_and_provenance(data):
    ties = dt.table_frame(data, "ties", {"kind": "org", "id": "lonely"})
    assert ties.empty
    orgs = dt.table_frame(data, "organizations", {"kind": "cluster", "id": "hokkaido_bio"})
    assert set(orgs["cluster"]) == {"hokkaido_bio"} and "source_ref" in orgs.columns
    pair = dt.table_frame(data, "ties", {"kind": "pair", "a": "hokkaido_bio", "b": "kansai_green"})
    assert list(pair["source_ref"]) == ["seed:L200-201"]
    for table in ("organizations", "ties"):
        visible = list(dt.table_frame(data, table).columns[:10])
        assert {"evidence", "source_ref", "confidence"} <= set(visible), table
    defs = dt_layout.column_defs(dt.table_frame(data, "ties"), "ja")
    assert {"field": "evidence"}.items() <= next(
        d for d in defs if d["field"] == "evidence"
    ).items()


def test_excel_download_round_trips(data):
    frame = dt.table_frame(data, "organizations")
    back = pd.read_excel(io.BytesIO(dt.excel_bytes(frame, "organizations")))
    assert list(back["id"]) == list(frame["id"])
    assert back.loc[back["id"] == "b_tama", "name"].iloc[0] == "TAMA協会"


@settings(deadline=None)  # a busy machine is no failure: correctness only
@given(
    st.lists(
        st.tuples(st.sampled_from(["ａｂ", "AB", "ab", "x", "", None]), st.integers(0, 9)),
        min_size=0,
        max_size=30,
    ),
    st.sampled_from(["contains", "notContains", "equals", "startsWith", "blank", "notBlank"]),
    st.sampled_from(["ab", "AB", "x"]),
    st.sampled_from(["asc", "desc"]),
)
def test_filter_model_matches_brute_force(rows, op, value, order):
    frame = pd.DataFrame(rows, columns=["name", "n"]).astype({"name": object})
    model = {"name": {"filterType": "text", "type": op, "filter": value}}
    got = dt.apply_model(frame, model, [{"colId": "n", "sort": order}])

    def keep(cell: object) -> bool:
        text = "" if cell is None or pd.isna(cell) else str(cell).casefold()
        v = value.casefold()
        return {
            "contains": v in text,
            "notContains": v not in text,
            "equals": text == v,
            "startsWith": text.startswith(v),
            "blank": text == "",
            "notBlank": text != "",
        }[op]

    expected = frame[pd.Series([keep(c) for c in frame["name"]], index=frame.index, dtype=bool)]
    expected = expected.sort_values("n", ascending=order == "asc", kind="stable")
    assert list(got.index) == list(expected.index)


def test_big_networks_skip_betweenness_and_say_so(data, monkeypatch):
    monkeypatch.setattr(scenario, "EXACT_MAX", 5)
    monkeypatch.setattr(wi, "EXACT_MAX", 5)
    sc = scenario.add_tie(None, "tama_c3", "b_ksi", "alliance", data, "en")
    diff = scenario.outcome(data, sc)
    assert diff.nodes["betweenness_after"].isna().all()
    assert diff.reachability["components_after"] == diff.reachability["components_before"]
    panel, _ = wi.render(data, sc, "en")
    assert "betweenness is not computed" in str(panel)
