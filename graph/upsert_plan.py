"""What an upsert writes, in order, prepared one batch at a time.

Rows with a repeated identity (node id, tie key, participation key) are dropped up front
and listed in the load report; the rows of a batch are built only when that batch is
written (by :func:`prefetched`, in a helper thread while the batch before it is being
written), so memory stays bounded by the batch size, not the bundle size.

Ties are written sorted by their source: the ties of one organization then go to the
store together, which touches fewer of the store's pages per batch.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

import numpy as np
import pandas as pd
import pyarrow as pa

from kizuna.graph.bundle import COLUMNS, Bundle
from kizuna.graph.model import KEY_SEPARATOR, key_groups, tie_key_array
from kizuna.graph.rows import frame_props, participation_keys
from kizuna.graph.store import LoadReport

Rows = list[dict[str, Any]]
T = TypeVar("T")

#: The ties.csv columns that create_ties stores by name (every other column is "extra").
TIE_COLUMNS: frozenset[str] = frozenset(COLUMNS["ties"].columns)
#: Element handles of organizations by id, for the tie statements of one load.
Handles = dict[str, str]


@dataclass(frozen=True)
class Step:
    """One kind of record to write: a frame (deduplicated) and how to turn it into rows."""

    label: str
    statement: str
    frame: pd.DataFrame
    to_rows: Callable[[pd.DataFrame], Rows]

    def __len__(self) -> int:
        return len(self.frame)

    def batches(self, batch_size: int) -> Iterator[Rows]:
        for start in range(0, len(self.frame), batch_size):
            yield self.to_rows(self.frame.iloc[start : start + batch_size])


@dataclass(frozen=True)
class TieStep:
    """The bundle's ties to write: its frame and the order to write it in.

    ``order`` holds the positions of the rows to write (the first row of each identity),
    sorted by source, and ``keys`` the tie key of every row of the frame; neither the
    frame nor the keys are copied.
    """

    label: str
    frame: pd.DataFrame
    order: np.ndarray
    keys: pa.Array

    def __len__(self) -> int:
        return len(self.order)

    def keys_at(self, rows: np.ndarray) -> list[str]:
        """The tie keys of the frame's rows at positions ``rows``."""
        keys: list[str] = self.keys.take(pa.array(rows, type=pa.int64())).to_pylist()
        return keys

    def slices(self, batch_size: int) -> Iterator[tuple[pd.DataFrame, list[str]]]:
        """Batches of rows to write, with their tie keys."""
        for start in range(0, len(self.order), batch_size):
            rows = self.order[start : start + batch_size]
            yield self.frame.iloc[rows], self.keys_at(rows)


def prefetched(items: Iterable[T]) -> Iterator[T]:
    """``items``, each one computed in a helper thread while the previous one is used.

    The writer waits on the network for most of a batch; building the next batch's rows
    meanwhile takes that time off the load (the driver releases the GIL while it waits).
    """
    it = iter(items)
    done = object()
    with ThreadPoolExecutor(1, thread_name_prefix="kizuna-rows") as pool:
        future = pool.submit(next, it, done)
        while (item := future.result()) is not done:
            future = pool.submit(next, it, done)
            yield item  # type: ignore[misc]


def _keep_first(keys: list[str] | pa.Array, what: str, report: LoadReport | None) -> np.ndarray:
    """False for each row whose key an earlier row has (listed in ``report``)."""
    classes = key_groups(keys) if isinstance(keys, pa.Array) else pd.Series(keys, dtype=object)
    keep = ~pd.Series(classes).duplicated().to_numpy(dtype=bool)
    if report is not None:
        for i in np.flatnonzero(~keep):
            key = keys[i].as_py() if isinstance(keys, pa.Array) else keys[i]
            report.duplicates.append(
                f"{what} row {i + 2}: same identity as an earlier row "
                f"({str(key).replace(KEY_SEPARATOR, ' | ')}); loaded once"
            )
    return keep


def _unique(
    frame: pd.DataFrame, keys: list[str], what: str, report: LoadReport | None
) -> pd.DataFrame:
    keep = _keep_first(keys, what, report)
    return frame if keep.all() else frame[keep]


def node_rows(frame: pd.DataFrame) -> Rows:
    return [{"id": p["id"], "props": p} for p in frame_props(frame)]


def has_extra_cells(frame: pd.DataFrame) -> bool:
    """Whether ``frame`` has a cell in a column that is not a ties.csv column."""
    extra = [c for c in frame.columns if c not in TIE_COLUMNS]
    return bool(extra) and bool(frame[extra].notna().to_numpy().any())


def _tie_props(frame: pd.DataFrame, keys: list[str]) -> Rows:
    """One dict per tie: every cell that has a value but the ends, plus key and derived.

    ``derived`` is always false: kizuna stores only the bundle's own ties, and keeps the
    property for Cypher written against stores that also held derived ones
    (docs/cypher-cookbook.md filters on it).
    """
    rows = frame_props(frame.drop(columns=["source", "target"]))
    for props, key in zip(rows, keys, strict=True):
        props["key"], props["derived"] = key, False
        props.setdefault("directed", False)
    return rows


def tie_rows(frame: pd.DataFrame, keys: list[str], handles: Handles, *, create: bool) -> Rows:
    """The rows of one batch of ties for ``create_ties`` or (``create=False``) ``upsert_ties``.

    Ties whose ends have no handle (not stored) are left out.  ``create_ties`` rows are
    flat (``{ea, eb, source, target, key, kind, ...}``); ``upsert_ties`` rows carry the
    properties as one map (``{ea, eb, source, target, key, props}``).

    Examples
    --------
    >>> f = pd.DataFrame({"source": ["a"], "target": ["b"], "kind": ["mou"]})
    >>> tie_rows(f, ["k"], {"a": "#1:0", "b": "#1:1"}, create=True)
    [{'kind': 'mou', 'key': 'k', 'derived': False, 'directed': False, 'ea': '#1:0', \
'eb': '#1:1', 'source': 'a', 'target': 'b'}]
    """
    rows: Rows = []
    props_list = _tie_props(frame, keys)
    for source, target, props in zip(frame["source"], frame["target"], props_list, strict=True):
        ea, eb = handles.get(source), handles.get(target)
        if ea is None or eb is None:
            continue
        if create:
            props.update(ea=ea, eb=eb, source=source, target=target)
            rows.append(props)
        else:
            key = props["key"]
            rows.append(
                {"ea": ea, "eb": eb, "source": source, "target": target, "key": key, "props": props}
            )
    return rows


def participation_rows(frame: pd.DataFrame) -> Rows:
    rows = []
    for props, key in zip(frame_props(frame), participation_keys(frame), strict=True):
        program, org = props.pop("program"), props.pop("organization")
        props["key"] = key
        rows.append({"program": program, "organization": org, "key": key, "props": props})
    return rows


def tie_step(
    frame: pd.DataFrame, what: str, report: LoadReport | None, keys: pa.Array | None = None
) -> TieStep:
    """Ties deduplicated by identity (first row kept), to be written sorted by source.

    ``keys``: the identity of each row (:meth:`graph.bundle.Bundle.tie_identity`),
    computed here when not given.  A bundle from :func:`kizuna.loaders.open_bundle` has
    no repeated tie any more; a bundle built in memory may, and the store holds one tie
    per key.
    """
    if keys is None:
        keys = tie_key_array(frame)
    rows = np.flatnonzero(_keep_first(keys, what, report))
    sources = frame["source"].to_numpy(dtype=object)[rows].astype(str)
    order = rows[np.argsort(sources, kind="stable")]
    return TieStep("ties", frame, order, keys)


def write_plan(bundle: Bundle, report: LoadReport) -> list[Step | TieStep]:
    """The steps of an upsert in order: nodes before the relationships that need them."""

    def ids(frame: pd.DataFrame) -> list[str]:
        return [str(v) for v in frame["id"]]

    steps: list[Step | TieStep] = [
        Step(
            "nodes",
            "upsert_organizations",
            _unique(bundle.nodes, ids(bundle.nodes), "nodes.csv", report),
            node_rows,
        ),
        Step(
            "clusters",
            "upsert_clusters",
            _unique(bundle.clusters, ids(bundle.clusters), "clusters.csv", report),
            node_rows,
        ),
        Step(
            "programs",
            "upsert_programs",
            _unique(bundle.programs, ids(bundle.programs), "programs.csv", report),
            node_rows,
        ),
        tie_step(bundle.ties, "ties.csv", report, bundle.tie_identity()),
        Step(
            "participation",
            "upsert_participation",
            _unique(
                bundle.participation,
                participation_keys(bundle.participation),
                "participation.csv",
                report,
            ),
            participation_rows,
        ),
    ]
    return steps
