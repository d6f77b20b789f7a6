import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kizuna.graph.bundle import Bundle, GraphFilter, empty_frame
from kizuna.graph.errors import BundleError, Problem
from kizuna.graph.model import Tie, phase_of, repeated_ties, tie_groups, tie_key, tie_keys


@pytest.mark.parametrize(
    ("year", "phase"),
    [
        (2000, None),
        (2001, "launch"),
        (2005, "launch"),
        (2006, "growth"),
        (2009, "growth"),
        (2010, "self_reliance"),
        (2024, "self_reliance"),
        (None, None),
    ],
)
def test_phase_of(year: int | None, phase: str | None) -> None:
    assert phase_of(year) == phase


def test_tie_identity_is_directional_and_includes_since() -> None:
    assert tie_key("a", "b", "mou", 2003) != tie_key("b", "a", "mou", 2003)
    assert tie_key("a", "b", "mou", 2003) != tie_key("a", "b", "mou", None)
    assert Tie("a", "b", "mou", id="t1").key == "t1"
    assert Tie("a", "b", "mou", since=2003).key == tie_key("a", "b", "mou", 2003)


@settings(deadline=None)  # a loaded machine; no timed assertions
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["a", "b", "東京"]),
            st.sampled_from(["a", "b"]),
            st.sampled_from(["mou", "finance"]),
            st.sampled_from([None, 1999, 2003]),
            st.sampled_from([None, "", "t1", "t2"]),
        ),
        max_size=10,
    )
)
def test_tie_keys_are_the_tie_key_of_each_row(rows: list[tuple]) -> None:  # type: ignore[type-arg]
    ties = pd.DataFrame(rows, columns=["source", "target", "kind", "since", "id"], dtype=object)
    ties["since"] = ties["since"].astype("Int64")
    keys = tie_keys(ties)
    assert keys == [Tie(s, t, k, since=y, id=i).key for s, t, k, y, i in rows]
    groups = tie_groups(ties)
    assert [groups[i] == groups[j] for i in range(len(rows)) for j in range(len(rows))] == [
        keys[i] == keys[j] for i in range(len(rows)) for j in range(len(rows))
    ]
    assert repeated_ties(ties).tolist() == [k in keys[:i] for i, k in enumerate(keys)]


def test_problem_text_names_file_row_column_and_fix() -> None:
    p = Problem("ties.csv", 7, "target", "node 'x' does not exist", "add it to nodes.csv")
    assert (
        str(p) == "ties.csv, row 7, column 'target': node 'x' does not exist — add it to nodes.csv"
    )
    err = BundleError([p, Problem("nodes.csv", None, None, "odd column", severity="warning")])
    assert "1 problem(s)" in str(err) and "odd column" not in str(err)


def _bundle() -> Bundle:
    nodes = empty_frame("nodes").reindex(range(3))
    nodes["id"] = ["a", "b", "c"]
    nodes["region"] = ["kanto", "kanto", "kinki"]
    nodes["cluster"] = ["tama", "tama", "kansai"]
    nodes["kind"] = ["company", "university", "company"]
    ties = empty_frame("ties").reindex(range(3))
    ties["source"] = ["a", "a", "b"]
    ties["target"] = ["b", "c", "c"]
    ties["kind"] = ["joint_rd", "mou", "matching"]
    ties["since"] = pd.array([2002, 2007, None], dtype="Int64")
    ties["until"] = pd.array([2004, None, None], dtype="Int64")
    return Bundle(nodes=nodes, ties=ties)


def test_filter_by_year_range_keeps_active_ties() -> None:
    b = _bundle()
    assert GraphFilter(since=2006).apply(b).ties["kind"].tolist() == ["mou", "matching"]
    assert GraphFilter(until=2005).apply(b).ties["kind"].tolist() == ["joint_rd", "matching"]
    assert GraphFilter(since=2003, until=2003).apply(b).ties["kind"].tolist() == [
        "joint_rd",
        "matching",
    ]


def test_filter_by_region_drops_ties_leaving_it() -> None:
    f = GraphFilter(regions=("kanto",)).apply(_bundle())
    assert f.nodes["id"].tolist() == ["a", "b"]
    assert f.ties["kind"].tolist() == ["joint_rd"]


def test_empty_filter_returns_the_bundle_itself() -> None:
    b = _bundle()
    assert GraphFilter().apply(b) is b


def test_roles_are_defined_once_for_analytics_app_and_reports() -> None:
    from kizuna.analytics import roles
    from kizuna.dashboard import components
    from kizuna.dashboard.pages.hub_roles.model import ROLE_REGIONS
    from kizuna.graph import model
    from kizuna.reports import figures

    assert components.ROLE_COLOURS is model.ROLE_COLOURS
    assert figures.ROLE_COLOURS is model.ROLE_COLOURS
    assert roles._NONHUB == ((5, "R1"), (62, "R2"), (80, "R3"))
    assert roles._HUB == ((30, "R5"), (75, "R6"))
    assert (roles._Z_NUM, roles._Z_DEN) == (5, 2)  # z ≥ 2.5
    assert ROLE_REGIONS[4] == ("R5", 0.0, 0.30, 2.5, None)
    assert ROLE_REGIONS[0] == ("R1", 0.0, 0.05, None, 2.5)
