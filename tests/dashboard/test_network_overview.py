"""The network overview's model and figures on tiny graphs whose answers are known by hand.

The graph: clusters A (a1, a2, a3) and B (b1, b2); without a cluster two universities
(u1 in Kanto, u2 in Kinki) and an agency (g1, Kanto).

    a1 — a2 — a3      b1 — b2      a1 — b1, a2 — b1      a3 — u1, b2 — u2, u1 — g1
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kizuna.dashboard.i18n import term
from kizuna.dashboard.pages import network as net
from kizuna.dashboard.pages.network import model, state, views
from kizuna.dashboard.store_source import DataSource
from kizuna.graph.bundle import Bundle, empty_frame

KANTO, KINKI = "kanto", "kinki"
ORGS = [  # id, kind, cluster, region
    ("a1", "company", "A", KANTO),
    ("a2", "company", "A", KANTO),
    ("a3", "university", "A", KANTO),
    ("b1", "company", "B", KINKI),
    ("b2", "company", "B", KINKI),
    ("u1", "university", None, KANTO),
    ("u2", "university", None, KINKI),
    ("g1", "agency", None, KANTO),
]
TIES = [
    ("a1", "a2"),
    ("a2", "a3"),
    ("b1", "b2"),
    ("a1", "b1"),
    ("a2", "b1"),
    ("a3", "u1"),
    ("b2", "u2"),
    ("u1", "g1"),
]


def _frame(file: str, rows: list[dict[str, Any]]) -> pd.DataFrame:
    empty = empty_frame(file)
    data = pd.DataFrame(rows, columns=list(empty.columns))
    for col in empty.columns:
        dtype = str(empty[col].dtype)
        if dtype == "object":
            data[col] = data[col].astype(object).where(data[col].notna(), None)
        elif dtype == "bool":
            data[col] = data[col].fillna(False).astype(bool)
        else:
            data[col] = data[col].astype(empty[col].dtype)
    return data


def small_bundle() -> Bundle:
    places = {KANTO: ("東京都", 35.68, 139.69), KINKI: ("大阪府", 34.69, 135.5)}
    nodes = [
        {
            "id": i,
            "name": f"組織{i}",
            "name_en": f"Org {i}",
            "kind": kind,
            "cluster": cluster,
            "region": region,
            "prefecture": places[region][0],
            "lat": places[region][1],
            "lon": places[region][2],
        }
        for i, kind, cluster, region in ORGS
    ]
    clusters = [
        {"id": "A", "name": "エー", "name_en": "Alpha", "region": KANTO, "field": "bio"},
        {"id": "B", "name": "ビー", "name_en": "Beta", "region": KINKI, "field": "it"},
    ]
    ties = [
        {"source": s, "target": t, "kind": "joint_rd", "confidence": "confirmed", "source_ref": "x"}
        for s, t in TIES
    ]
    return Bundle(
        nodes=_frame("nodes", nodes),
        ties=_frame("ties", ties),
        clusters=_frame("clusters", clusters),
        present=frozenset({"nodes", "ties", "clusters"}),
    )


@pytest.fixture(scope="module")
def small():  # type: ignore[no-untyped-def]
    bundle = small_bundle()
    return DataSource(lambda: bundle).current().data


def links_by_key(ov: model.Overview, frame: pd.DataFrame) -> dict[frozenset[str], int]:
    return {
        frozenset((ov.keys[a], ov.keys[b])): int(n)
        for a, b, n in zip(frame["a"], frame["b"], frame["ties"], strict=True)
    }


UNI, AGENCY = "(none):kind:university", "(none):kind:agency"


def test_super_nodes_grouped_by_kind(small):
    ov = model.overview(small, "kind")
    assert ov.keys == ["A", "B", AGENCY, UNI]  # clusters first, then the groups
    assert dict(zip(ov.keys, ov.members.tolist(), strict=True)) == {
        "A": 3,
        "B": 2,
        AGENCY: 1,
        UNI: 2,
    }
    assert dict(zip(ov.keys, ov.internal.tolist(), strict=True)) == {
        "A": 2,
        "B": 1,
        AGENCY: 0,
        UNI: 0,
    }
    assert links_by_key(ov, ov.links) == {
        frozenset(("A", "B")): 2,
        frozenset(("A", UNI)): 1,
        frozenset(("B", UNI)): 1,
        frozenset((AGENCY, UNI)): 1,
    }
    assert ov.is_cluster.tolist() == [True, True, False, False]


def test_super_nodes_grouped_by_region(small):
    ov = model.overview(small, "region")
    kanto, kinki = "(none):region:kanto", "(none):region:kinki"
    assert dict(zip(ov.keys, ov.members.tolist(), strict=True)) == {
        "A": 3,
        "B": 2,
        kanto: 2,  # u1 and g1
        kinki: 1,
    }
    assert ov.internal[ov.code[kanto]] == 1  # u1 — g1 stays inside its group
    assert links_by_key(ov, ov.links) == {
        frozenset(("A", "B")): 2,
        frozenset(("A", kanto)): 1,
        frozenset(("B", kinki)): 1,
    }


def test_cluster_colours_follow_the_palette(small):
    from kizuna.graph.model import CLUSTER_PALETTE

    ov = model.overview(small, "kind")
    assert ov.colours[:2] == list(CLUSTER_PALETTE[:2])
    assert not set(ov.colours[2:]) & set(CLUSTER_PALETTE)


def ids_of(ov: model.Overview, codes: np.ndarray) -> set[str]:
    return {str(ov.org_ids[c]) for c in codes}


def test_expanding_one_cluster(small):
    ov = model.overview(small, "kind")
    v = views.view(ov, ["A"])
    assert ids_of(ov, v.orgs) == {"a1", "a2", "a3"}
    assert [ov.keys[c] for c in v.collapsed] == ["B", AGENCY, UNI]
    pairs = {frozenset((ov.org_ids[ov.tie_a[i]], ov.org_ids[ov.tie_b[i]])) for i in v.org_ties}
    assert pairs == {frozenset(("a1", "a2")), frozenset(("a2", "a3"))}
    org_links = {
        (ov.org_ids[o], ov.keys[g]): n
        for o, g, n in zip(
            v.org_links["org"], v.org_links["group"], v.org_links["ties"], strict=True
        )
    }
    assert org_links == {("a1", "B"): 1, ("a2", "B"): 1, ("a3", UNI): 1}
    assert links_by_key(ov, v.group_links) == {
        frozenset(("B", UNI)): 1,
        frozenset((AGENCY, UNI)): 1,
    }


def test_expanding_two_clusters_and_unknown_keys(small):
    ov = model.overview(small, "kind")
    v = views.view(ov, ["A", "B", "nope"])
    assert ids_of(ov, v.orgs) == {"a1", "a2", "a3", "b1", "b2"}
    assert len(v.org_ties) == 5
    assert len(v.org_links) == 2 and set(v.org_links["ties"]) == {1}
    assert links_by_key(ov, v.group_links) == {frozenset((AGENCY, UNI)): 1}
    nothing = views.view(ov, [])
    assert len(nothing.orgs) == 0 and len(nothing.group_links) == len(ov.links)


def test_minimum_degree_hides_organizations(small):
    ov = model.overview(small, "kind")
    degree = dict(zip(ov.org_ids, ov.degree, strict=True))
    assert (degree["a1"], degree["a2"], degree["a3"]) == (2, 3, 2)
    v = views.view(ov, ["A"], min_degree=3)
    assert ids_of(ov, v.orgs) == {"a2"} and v.hidden == 2
    assert len(v.org_ties) == 0  # its neighbours in A are hidden, not redrawn as a group
    assert v.org_links[["ties"]].to_numpy().ravel().tolist() == [1]  # a2 — B


def test_drawing_is_capped_highest_degree_first(small, monkeypatch):
    monkeypatch.setattr(views, "MAX_DRAWN", 1)
    ov = model.overview(small, "kind")
    v = views.view(ov, ["A"])
    assert ids_of(ov, v.orgs) == {"a2"} and v.capped == 2


def bare_overview(groups: list[int], ties: list[tuple[int, int]], n_groups: int) -> model.Overview:
    """An :class:`Overview` straight from codes (no snapshot), for property checks."""
    org_group = np.asarray(groups, dtype=np.int64)
    a = np.asarray([s for s, t in ties if s != t], dtype=np.int64)
    b = np.asarray([t for s, t in ties if s != t], dtype=np.int64)
    ga, gb = org_group[a], org_group[b]
    degree = np.bincount(np.concatenate([a, b]), minlength=len(groups)).astype(float)
    return model.Overview(
        by="kind",
        keys=[f"g{i}" for i in range(n_groups)],
        members=np.bincount(org_group, minlength=n_groups),
        internal=np.bincount(ga[ga == gb], minlength=n_groups),
        is_cluster=np.ones(n_groups, dtype=bool),
        org_ids=np.asarray([f"o{i}" for i in range(len(groups))], dtype=object),
        org_group=org_group,
        degree=degree,
        tie_a=a,
        tie_b=b,
        tie_rows=np.arange(len(a)),
        links=model.count_pairs(ga[ga != gb], gb[ga != gb]),
        centres={},
        offsets=np.zeros((len(groups), 2)),
        colours=["#000"] * n_groups,
        code={f"g{i}": i for i in range(n_groups)},
    )


@st.composite
def graphs(draw: Any) -> tuple[model.Overview, list[str]]:
    n_groups = draw(st.integers(1, 5))
    n = draw(st.integers(1, 12))
    groups = draw(st.lists(st.integers(0, n_groups - 1), min_size=n, max_size=n))
    ties = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=30))
    ov = bare_overview(groups, ties, n_groups)
    opened = draw(st.lists(st.sampled_from(ov.keys), unique=True))
    return ov, opened


@settings(max_examples=150, deadline=None)
@given(graphs())
def test_every_tie_is_counted_once_whatever_is_expanded(case):
    ov, opened = case
    v = views.view(ov, opened)
    closed = set(v.collapsed.tolist())
    inside_closed = sum(int(ov.internal[g]) for g in closed)
    counted = (
        len(v.org_ties)
        + int(v.org_links["ties"].sum())
        + int(v.group_links["ties"].sum())
        + inside_closed
    )
    assert counted == len(ov.tie_a)
    assert set(ov.org_group[v.orgs].tolist()) <= set(v.expanded.tolist())


def test_toggle_and_the_url():
    assert state.toggle(None, "A") == ["A"]
    assert state.toggle(["A", "B"], "A") == ["B"]
    query = state.view_query(["A", "(none):kind:agency"], "kind", "geo", "top10", 3, {})
    assert query == {
        "open": "A|(none):kind:agency",
        "group": "",
        "layout": "geo",
        "labels": "top10",
        "mindeg": "3",
    }
    parsed = {k: v for k, v in query.items() if v}
    assert state.initial_expanded({}, parsed) == ["A", "(none):kind:agency"]
    assert state.choices_of_query(parsed) == {
        "group_by": "kind",
        "layout": "geo",
        "labels": "top10",
        "min_degree": 3,
    }
    assert state.choices_of_query({"layout": "3d", "mindeg": "x"})["layout"] == "force"
    # a selected cluster opens; collapsing it is remembered as "-"
    selected = {"kind": "cluster", "id": "A"}
    assert state.initial_expanded(selected, {}) == ["A"]
    assert state.view_query([], "kind", "force", "groups", 0, selected)["open"] == "-"
    assert state.initial_expanded(selected, {"open": "-"}) == []


def test_clicks_expand_collapse_and_select():
    group = {"points": [{"customdata": ["group", "A"]}]}
    assert net.on_click(None, group, ["B"]) == (["B", "A"], net.callbacks.no_update)
    assert net.on_click(None, group, ["A"])[0] == []
    org = {"points": [{"customdata": ["org", "a1"]}]}
    assert net.on_click(None, org, [])[1] == {"kind": "org", "id": "a1"}
    assert net.on_click("net-collapse-all", None, ["A"])[0] == []
    assert net.on_click("net-back", None, ["A"])[1] is None
    assert net.on_click(None, {"points": [{}]}, ["A"]) == (
        net.callbacks.no_update,
        net.callbacks.no_update,
    )


def customdata(fig: Any, kind: str) -> list[str]:
    return [
        c[1] for tr in fig.data if tr.customdata is not None for c in tr.customdata if c[0] == kind
    ]


def texts(fig: Any) -> list[str]:
    """Every text written on the figure (trace texts and annotations)."""
    notes = [str(a["text"]) for a in (fig.layout.annotations or [])]
    return [str(x) for tr in fig.data if tr.text is not None for x in tr.text] + notes


def test_render_overview_names_groups_in_both_languages(small):
    out = net.render(small, None, net.Choices(), "ja")
    assert set(customdata(out.figure, "group")) == {"A", "B", AGENCY, UNI}
    assert not customdata(out.figure, "org")
    assert {"エー", "ビー", "クラスター外 · 大学", "クラスター外 · 行政機関"} <= set(
        texts(out.figure)
    )
    assert not out.orgs_shown and "展開" in str(out.note)  # the filters say why they are off
    en = net.render(small, None, net.Choices(labels="none"), "en")
    assert not texts(en.figure)
    hovers = " ".join(
        str(h) for tr in en.figure.data if tr.hovertext is not None for h in tr.hovertext
    )
    assert "Alpha (エー) ↔ Beta (ビー) · ties: 2" in hovers
    english = texts(net.render(small, None, net.Choices(), "en").figure)
    assert "No cluster · university" in english


def test_render_expanded_geo_and_ego(small):
    out = net.render(small, None, net.Choices(expanded=("A",), layout="geo", labels="top10"), "en")
    assert set(customdata(out.figure, "org")) == {"a1", "a2", "a3"}
    assert "A" in customdata(out.figure, "group")  # its collapse mark
    assert any(tr.fill == "toself" for tr in out.figure.data)  # the map behind
    assert {"Org a1 (組織a1)", "Org a2 (組織a2)", "Org a3 (組織a3)"} <= set(texts(out.figure))
    assert out.orgs_shown
    ego = net.render(small, {"kind": "org", "id": "a2"}, net.Choices(), "en")
    assert ego.ego and set(customdata(ego.figure, "org")) == {"a1", "a2", "a3", "b1"}
    assert "Ego network" in ego.figure.layout.title["text"]
    role = str(small.orgs.at["a2", "role"])
    assert f"{term('role', role, 'en')} ({role})" in str(ego.info)  # the role by name


def test_grouping_is_off_when_every_organization_has_a_cluster(small_clustered):
    out = net.render(small_clustered, None, net.Choices(group_by="region"), "en")
    assert not out.loose and "belongs to a cluster" in str(out.note)


@pytest.fixture(scope="module")
def small_clustered():  # type: ignore[no-untyped-def]
    bundle = small_bundle()
    nodes = bundle.nodes.copy()
    nodes["cluster"] = nodes["cluster"].where(nodes["cluster"].notna(), "A")
    clustered = Bundle(
        nodes=nodes, ties=bundle.ties, clusters=bundle.clusters, present=bundle.present
    )
    return DataSource(lambda: clustered).current().data


def test_geographic_positions_keep_discs_apart(small):
    ov = model.overview(small, "kind")
    v = views.view(ov, ["A", "B"])
    centres, xy = views.positions(ov, v, "geo")
    room = np.where(
        np.isin(np.arange(len(ov.keys)), v.expanded), centres["radius"], centres["mark"]
    )
    pts = centres[["x", "y"]].to_numpy()
    for i in range(len(pts)):
        for j in range(i + 1, len(pts)):
            if centres["fixed"].iloc[i] and centres["fixed"].iloc[j]:
                continue
            assert np.hypot(*(pts[i] - pts[j])) >= (room[i] + room[j]) * 0.99
    assert xy.shape == (5, 2) and np.isfinite(xy).all()


def test_the_csv_holds_what_the_figure_shows(small):
    table = net.view_csv(small, None, net.Choices(expanded=("A",)), "en")
    groups = table[table["point"] == "group"]
    assert dict(zip(groups["group"], groups["organizations"], strict=True)) == {
        "B": 2,
        AGENCY: 1,
        UNI: 2,
    }
    assert set(groups["group_name"]) == {
        "Beta (ビー)",
        "No cluster · public agency",
        "No cluster · university",
    }
    orgs = table[table["point"] == "organization"]
    assert set(orgs["id"]) == {"a1", "a2", "a3"} and set(orgs["group"]) == {"A"}
    ego = net.view_csv(small, {"kind": "org", "id": "b2"}, net.Choices(), "en")
    assert set(ego["id"]) == {"b2", "b1", "u2"}


def test_ego_colours_match_the_overview(small):
    ov = model.overview(small, "kind")
    out = net.render(small, {"kind": "org", "id": "b2"}, net.Choices(), "en")
    colour = {
        c[1]: tr.marker.color
        for tr in out.figure.data
        if tr.customdata is not None and isinstance(tr.marker.color, str)
        for c in tr.customdata
    }
    assert colour["u2"] == ov.colours[ov.code[UNI]]  # not a grey
    assert colour["b1"] == ov.colours[ov.code["B"]]


def test_a_search_names_drawn_matches_and_rings_closed_groups(small):
    ov = model.overview(small, "kind")
    assert {str(ov.org_ids[c]) for c in views.matches(small, ov, "org a")} == {"a1", "a2", "a3"}
    assert len(views.matches(small, ov, "  ")) == 0
    # A open: its three matches are named; nothing else matches
    out = net.render(small, None, net.Choices(expanded=("A",), search="org a"), "en")
    named = [str(a["text"]) for a in out.figure.layout.annotations or []]
    assert sorted(named) == ["Org a1 (組織a1)", "Org a2 (組織a2)", "Org a3 (組織a3)"]
    assert "3 organizations match (3 drawn" in str(out.note)
    # closed: A is ringed (its hover says how many match)
    closed = net.render(small, None, net.Choices(search="org a"), "en")
    rings = [tr for tr in closed.figure.data if tr.marker and tr.marker.symbol == "circle-open"]
    assert [c[1] for c in rings[0].customdata] == ["A"]
    assert "3 organizations match" in rings[0].hovertext[0]
    assert not closed.figure.layout.annotations


def test_search_results_name_the_group_never_a_code(small):
    ja = net.search_options(small, "組織u1", "ja")
    assert ja[0]["label"] == "組織u1 (Org u1) — クラスター外 · 大学"
    en = net.search_options(small, "org b1", "en")
    assert en[0]["label"] == "Org b1 (組織b1) — Beta (ビー)"


def test_per_snapshot_parts_are_computed_once_and_kept(small):
    calls: list[int] = []

    def compute() -> int:
        calls.append(1)
        return len(calls)

    first = model.per_snapshot(small, "test-part", compute)
    for _ in range(100):  # never pushed out, unlike the bounded per-query memo
        small.memo(f"other-{_}", lambda: 0)
    assert model.per_snapshot(small, "test-part", compute) == first == 1
    assert calls == [1]
    assert model.overview(small, "kind") is model.overview(small, "kind")
