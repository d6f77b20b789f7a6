"""Tie identity is computed once per load and kept with the bundle's ties frame."""

from __future__ import annotations

import pickle
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kizuna.graph import model
from kizuna.graph.bundle import Bundle
from kizuna.graph.model import tie_keys
from kizuna.loaders.load import load_bundle
from kizuna.loaders.writers import write_bundle
from tests.store.bundles import frame, tiny_bundle


@contextmanager
def counted_calls(code: Any) -> Iterator[list[int]]:
    """Count the calls of one function (its code object) in every thread while the block runs."""
    count = [0]
    lock = threading.Lock()

    def profile(frame: FrameType, event: str, arg: Any) -> None:
        if event == "call" and frame.f_code is code:
            with lock:
                count[0] += 1

    threading.setprofile(profile)
    sys.setprofile(profile)
    try:
        yield count
    finally:
        sys.setprofile(None)
        threading.setprofile(None)


@pytest.mark.store
def test_a_load_computes_tie_identity_once(clean_store: Any, tmp_path: Path) -> None:
    bundle = tiny_bundle()
    repeated = pd.concat([bundle.ties, bundle.ties.iloc[[1]]], ignore_index=True)
    folder = write_bundle(bundle.with_frames(ties=repeated), tmp_path / "bundle")
    with counted_calls(model.tie_key_array.__code__) as calls:
        result = load_bundle(clean_store, folder)
    assert result.report is not None, result.errors
    # validation (the repeated row), the write plan and its rehearsal share one computation
    assert calls[0] == 1
    assert [p.code for p in result.warnings] == ["duplicate_tie"]
    assert result.report.written["ties"] == len(bundle.ties)
    assert not result.report.duplicates  # open_bundle dropped it already


@pytest.mark.store
def test_a_bundle_built_in_memory_computes_it_once_too(clean_store: Any) -> None:
    bundle = tiny_bundle()
    ties = pd.concat([bundle.ties, bundle.ties.iloc[[0]]], ignore_index=True)
    with counted_calls(model.tie_key_array.__code__) as calls:
        report = clean_store.upsert_bundle(bundle.with_frames(ties=ties))
    assert calls[0] == 1
    assert len(report.duplicates) == 1 and "row 6" in report.duplicates[0]


ties_rows = st.lists(
    st.tuples(
        st.sampled_from("abc"),
        st.sampled_from("abc"),
        st.sampled_from(["mou", "finance"]),
        st.one_of(st.none(), st.sampled_from([2001, 2003])),
        st.one_of(st.none(), st.sampled_from(["t1", "t2"])),
    ),
    max_size=12,
)


def ties_of(rows: list[tuple[Any, ...]]) -> pd.DataFrame:
    return frame(
        "ties",
        [{"source": s, "target": t, "kind": k, "since": y, "id": i} for s, t, k, y, i in rows],
    )


@settings(deadline=None)  # a loaded machine; no timed assertions
@given(ties_rows, st.data())
def test_kept_identity_is_the_identity_of_the_rows_kept(
    rows: list[tuple[Any, ...]], data: st.DataObject
) -> None:
    bundle = Bundle(ties=ties_of(rows))
    assert bundle.tie_identity().to_pylist() == tie_keys(bundle.ties)
    drawn = data.draw(st.lists(st.booleans(), min_size=len(rows), max_size=len(rows)))
    keep = np.array(drawn, dtype=bool)
    kept = bundle.with_tie_rows(keep)
    assert kept.ties.equals(bundle.ties[keep].reset_index(drop=True))
    with counted_calls(model.tie_key_array.__code__) as calls:
        keys = kept.tie_identity().to_pylist()
    assert calls[0] == 0  # carried over, not computed again
    assert keys == tie_keys(kept.ties)


def test_a_new_ties_frame_is_never_given_old_keys() -> None:
    bundle = Bundle(ties=ties_of([("a", "b", "mou", None, None), ("b", "a", "mou", None, "t1")]))
    first = bundle.tie_identity()
    assert bundle.tie_identity() is first
    swapped = bundle.with_frames(ties=bundle.ties.iloc[::-1].reset_index(drop=True))
    assert swapped.tie_identity().to_pylist() == first.to_pylist()[::-1]
    bundle.ties = bundle.ties.iloc[:1]
    assert bundle.tie_identity().to_pylist() == first.to_pylist()[:1]
    back = pickle.loads(pickle.dumps(bundle))  # not stored in pickles (the app's snapshots)
    assert back._tie_identity is None
    assert back.tie_identity().to_pylist() == first.to_pylist()[:1]
