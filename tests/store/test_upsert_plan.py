"""The write plan and its row builders (no store needed)."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kizuna.graph.model import tie_keys
from kizuna.graph.store import LoadReport
from kizuna.graph.upsert_plan import (
    frame_props,
    has_extra_cells,
    prefetched,
    tie_rows,
    tie_step,
    write_plan,
)
from tests.store.bundles import frame, tiny_bundle


def test_prefetched_keeps_order_and_works_ahead() -> None:
    produced: list[int] = []
    started = threading.Event()

    def items() -> Iterator[int]:
        for i in range(5):
            produced.append(i)
            started.set()
            yield i

    it = prefetched(items())
    assert next(it) == 0
    started.wait(2)
    # while item 0 is used, item 1 is being (or has been) built
    for _ in range(100):
        if len(produced) >= 2:
            break
        threading.Event().wait(0.01)
    assert produced[:2] == [0, 1]
    assert list(it) == [1, 2, 3, 4]


def test_prefetched_passes_errors_on() -> None:
    def items() -> Iterator[int]:
        yield 1
        raise ValueError("broken batch")

    it = prefetched(items())
    assert next(it) == 1
    with pytest.raises(ValueError, match="broken batch"):
        next(it)


def test_prefetched_of_nothing() -> None:
    assert list(prefetched([])) == []


def test_tie_step_keeps_first_of_a_key_and_sorts_by_source() -> None:
    ties = frame(
        "ties",
        [
            {"source": "c", "target": "a", "kind": "mou"},
            {"source": "a", "target": "b", "kind": "mou", "weight": 1.0},
            {"source": "b", "target": "c", "kind": "mou"},
            {"source": "a", "target": "b", "kind": "mou", "weight": 2.0},  # same identity
        ],
    )
    report = LoadReport()
    step = tie_step(ties, "ties.csv", report)
    (part, keys), *more = list(step.slices(10))
    assert not more and len(step) == 3
    assert list(part["source"]) == ["a", "b", "c"]
    assert part["weight"].iloc[0] == 1.0
    assert keys == tie_keys(part)
    assert [len(p) for p, _ in step.slices(2)] == [2, 1]
    assert len(report.duplicates) == 1 and "ties.csv row 5" in report.duplicates[0]


@settings(deadline=None)  # a loaded machine; no timed assertions
@given(
    st.lists(
        st.tuples(st.sampled_from("abcd"), st.sampled_from("abcd"), st.sampled_from(["x", "y"])),
        max_size=20,
    )
)
def test_tie_step_keys_stay_with_their_rows(rows: list[tuple[str, str, str]]) -> None:
    ties = frame("ties", [{"source": s, "target": t, "kind": k} for s, t, k in rows])
    step = tie_step(ties, "ties.csv", None)
    parts = list(step.slices(3))
    keys = [k for _, ks in parts for k in ks]
    sources = [s for p, _ in parts for s in p["source"]]
    assert all(ks == tie_keys(p) for p, ks in parts)
    assert len(set(keys)) == len(keys) == len(set(tie_keys(ties)))
    assert sources == sorted(sources)


def test_tie_rows_for_create_and_merge() -> None:
    bundle = tiny_bundle()
    part, keys = next(tie_step(bundle.ties, "ties.csv", None).slices(10))
    handles = {"tama": "#1:0", "kobe_u": "#1:1", "acme": "#1:2"}  # bank1 not stored
    create = tie_rows(part, keys, handles, create=True)
    merge = tie_rows(part, keys, handles, create=False)
    assert len(create) == len(merge) == 3  # bank1 → acme left out
    for flat, nested in zip(create, merge, strict=True):
        assert None not in flat.values() and None not in nested["props"].values()
        assert {k: flat[k] for k in ("ea", "eb", "source", "target", "key")} == {
            k: nested[k] for k in ("ea", "eb", "source", "target", "key")
        }
        assert {k: v for k, v in flat.items() if k not in ("ea", "eb", "source", "target")} == (
            nested["props"]
        )
        assert flat["derived"] is False and isinstance(flat["directed"], bool)
    by_source = {r["source"]: r for r in create if r["target"] == "acme"}
    assert by_source["tama"]["program"] == "p1" and by_source["tama"]["deals"] == 3.0


def test_tie_props_are_what_frame_props_gives() -> None:
    ties = tiny_bundle().ties
    part, keys = next(tie_step(ties, "ties.csv", None).slices(10))
    handles = {o: f"#1:{i}" for i, o in enumerate(["tama", "kobe_u", "acme", "bank1"])}
    merge = tie_rows(part, keys, handles, create=False)
    for row, props in zip(merge, frame_props(part), strict=True):
        expected = {k: v for k, v in props.items() if k not in ("source", "target")}
        expected |= {"key": row["key"], "derived": False}
        assert row["props"] == expected


def test_has_extra_cells() -> None:
    ties = tiny_bundle().ties
    assert not has_extra_cells(ties)
    with_empty = ties.assign(custom=pd.Series([None] * len(ties), dtype=object))
    assert not has_extra_cells(with_empty)
    assert has_extra_cells(with_empty.assign(custom=["x", None, None, None]))


def test_write_plan_order() -> None:
    plan = write_plan(tiny_bundle(), LoadReport())
    assert [s.label for s in plan] == [
        "nodes",
        "clusters",
        "programs",
        "ties",
        "participation",
    ]
