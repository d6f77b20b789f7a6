"""The biconnected blocks behind the failure audit equal igraph's own vertex cover."""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from kizuna.analytics.connectivity import _blocks
from kizuna.analytics.snapshot import build_snapshot
from kizuna.graph.bundle import Bundle


def _snapshot(n, pairs):
    ids = [f"n{i}" for i in range(n)]
    ties = pd.DataFrame(
        {"source": [ids[a] for a, _ in pairs], "target": [ids[b] for _, b in pairs]},
        dtype=object,
    )
    return build_snapshot(Bundle(nodes=pd.DataFrame({"id": ids}, dtype=object), ties=ties))


def test_two_triangles_and_a_tail():
    # 0-1-2 triangle, 2-3-4 triangle (2 is a cut vertex), pendant 4-5, isolated 6
    snap = _snapshot(7, [(0, 1), (1, 2), (2, 0), (2, 3), (3, 4), (4, 2), (4, 5)])
    got = sorted(sorted(map(int, b)) for b in _blocks(snap))
    assert got == [[0, 1, 2], [2, 3, 4], [4, 5]]


@settings(max_examples=60, deadline=None)
@given(
    n=st.integers(1, 25),
    raw=st.lists(st.tuples(st.integers(0, 24), st.integers(0, 24)), max_size=60),
)
def test_blocks_equal_igraph_cover(n, raw):
    snap = _snapshot(n, [(a % n, b % n) for a, b in raw])
    want = [list(b) for b in snap.igraph.biconnected_components()]
    assert [list(map(int, b)) for b in _blocks(snap)] == want
