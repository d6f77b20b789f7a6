"""Frames ⇄ property maps (no server): what the store writes is what it reads back."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from kizuna.graph.bolt_read import canonical_frame
from kizuna.graph.bundle import COLUMNS, FLOAT_COLUMNS, YEAR_COLUMNS
from kizuna.graph.model import tie_key, tie_keys
from kizuna.graph.nxview import to_networkx
from kizuna.graph.upsert_plan import frame_props, participation_keys
from tests.store.bundles import same_rows, tiny_bundle

text = st.one_of(st.none(), st.text(min_size=1, max_size=8))
year = st.one_of(st.none(), st.integers(1900, 2100))
number = st.one_of(st.none(), st.floats(-1e12, 1e12, allow_nan=False))


@st.composite
def tie_rows(draw: st.DrawFn) -> list[dict[str, object]]:
    n = draw(st.integers(0, 6))
    rows = []
    for _ in range(n):
        row: dict[str, object] = {}
        for col in COLUMNS["ties"].columns:
            if col in YEAR_COLUMNS:
                row[col] = draw(year)
            elif col in FLOAT_COLUMNS:
                row[col] = draw(number)
            elif col == "directed":
                row[col] = draw(st.booleans())
            else:
                row[col] = draw(text)
        for col in ("source", "target", "kind"):
            row[col] = row[col] or "x"
        rows.append(row)
    return rows


@settings(max_examples=60, deadline=None)
@given(rows=tie_rows())
def test_props_round_trip(rows: list[dict[str, object]]) -> None:
    frame = canonical_frame("ties", rows)
    props = frame_props(frame)
    for p in props:
        assert all(
            v is not None and not (isinstance(v, float) and math.isnan(v)) for v in p.values()
        )
    assert same_rows(canonical_frame("ties", props), frame)


def test_dtypes_are_canonical() -> None:
    frame = canonical_frame("ties", [{"source": "a", "target": "b", "kind": "mou"}])
    assert frame["since"].dtype == "Int64"
    assert frame["weight"].dtype == "float64"
    assert frame["directed"].dtype == bool
    assert frame["evidence"].dtype == object and frame["evidence"].iat[0] is None


def test_tie_keys_use_id_else_identity() -> None:
    frame = canonical_frame(
        "ties",
        [
            {"id": "t1", "source": "a", "target": "b", "kind": "mou"},
            {"source": "a", "target": "b", "kind": "mou", "since": 2003},
            {"source": "b", "target": "a", "kind": "mou", "since": 2003},
        ],
    )
    assert tie_keys(frame) == ["t1", tie_key("a", "b", "mou", 2003), tie_key("b", "a", "mou", 2003)]
    assert len(set(tie_keys(frame))) == 3


def test_participation_keys() -> None:
    part = canonical_frame(
        "participation",
        [
            {"program": "p", "organization": "a", "role": "host", "since": 2004},
            {"program": "p", "organization": "a"},
        ],
    )
    keys = participation_keys(part)
    assert keys[0] != keys[1] and keys[1].split("\x1f") == ["p", "a", "", ""]


def test_networkx_view_keeps_everything() -> None:
    bundle = tiny_bundle()
    graph = to_networkx(bundle)
    assert graph.number_of_nodes() == len(bundle.nodes)
    assert graph.number_of_edges() == len(bundle.ties)
    assert graph.nodes["tama"]["name"] == "TAMA協会" and "cluster" not in graph.nodes["bank1"]
    # (a, b) and (b, a) are two edges; an undirected tie is not duplicated
    assert graph.number_of_edges("tama", "kobe_u") == 1
    assert graph.number_of_edges("kobe_u", "tama") == 1
    finance = graph.get_edge_data("bank1", "acme")[tie_key("bank1", "acme", "finance", 2005)]
    assert finance["directed"] is True and finance["amount_yen"] == 1.5e8
    assert set(graph.graph["clusters"]) == {"c_tama", "c_kansai"}
    assert len(graph.graph["participation"]) == 3
    assert isinstance(graph.graph["present"], list)


def test_empty_bundle_graph() -> None:
    from kizuna.graph.bundle import Bundle

    graph = to_networkx(Bundle())
    assert graph.number_of_nodes() == graph.number_of_edges() == 0
    assert graph.graph["present"] == ["nodes", "ties"]
