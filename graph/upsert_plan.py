"""What an upsert writes, in order, prepared one batch at a time, and its rehearsal.

A stored record is a property map: the cells of its row that have a value (Neo4j stores
no nulls; :func:`frame_props`).  Rows with a repeated identity (node id, tie key,
participation key) are dropped up front and listed in the load report; the rows of a
batch are built only when that batch is written (by :func:`prefetched`, in a helper
thread while the batch before it is being written), so memory stays bounded by the batch
size, not the bundle size.

Ties are written sorted by their source: the ties of one organization then go to the
store together, which touches fewer of the store's pages per batch.

Validation cannot know every value a server refuses at write time (ArcadeDB refuses a
property named ``@rid``, for one).  So before a load takes the lock, :func:`rehearse`
writes a sample of the plan — the first row that has a value in each column, and the
organizations and programs those rows point to — in **one transaction that the caller
rolls back**.  What the server refuses for a column then stops the load while the store
is still as it was; what it accepts, the real batches write the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

import numpy as np
import pandas as pd
import pyarrow as pa

from kizuna.graph.bundle import BOOL_COLUMNS, COLUMNS, FLOAT_COLUMNS, YEAR_COLUMNS, Bundle
from kizuna.graph.model import KEY_SEPARATOR, key_groups, tie_key_array
from kizuna.graph.store import LoadReport

Rows = list[dict[str, Any]]
T = TypeVar("T")
#: ``run(statement, **params)``: one statement inside the rehearsal's transaction.
Run = Callable[..., Rows]

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


def _python_values(series: pd.Series, column: str) -> list[Any]:
    """A column as a list of plain Python values, None for missing cells."""
    missing = series.isna().to_numpy()
    if column in BOOL_COLUMNS:
        values: list[Any] = [bool(v) for v in series.fillna(False).to_numpy()]
        return values
    if column in YEAR_COLUMNS:
        raw = series.to_numpy(dtype=object)
        return [None if m else int(v) for v, m in zip(raw, missing, strict=True)]
    if column in FLOAT_COLUMNS or pd.api.types.is_float_dtype(series.dtype):
        raw = series.to_numpy(dtype=object)
        return [None if m else float(v) for v, m in zip(raw, missing, strict=True)]
    raw = series.to_numpy(dtype=object)
    out: list[Any] = []
    for v, m in zip(raw, missing, strict=True):
        if m:
            out.append(None)
        elif isinstance(v, np.generic):
            out.append(v.item())
        else:
            out.append(v)
    return out


def frame_props(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """One property map per row, without missing cells (NaN, NA, None)."""
    columns = [str(c) for c in frame.columns]
    values = [_python_values(frame[c], c) for c in columns]
    rows: list[dict[str, Any]] = []
    for i in range(len(frame)):
        props: dict[str, Any] = {}
        for c, vals in zip(columns, values, strict=True):
            v = vals[i]
            if v is not None:
                props[c] = v
        rows.append(props)
    return rows


def participation_keys(part: pd.DataFrame) -> list[str]:
    """The identity of each participation row: program|organization|role|since."""
    n = len(part)
    role = _python_values(part["role"], "role") if "role" in part else [None] * n
    since = _python_values(part["since"], "since") if "since" in part else [None] * n
    return [
        KEY_SEPARATOR.join((str(p), str(o), r or "", "" if y is None else str(y)))
        for p, o, r, y in zip(part["program"], part["organization"], role, since, strict=True)
    ]


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


def covering_rows(frame: pd.DataFrame) -> np.ndarray:
    """Positions of a few rows that together have a value in every column that has one.

    Examples
    --------
    >>> f = pd.DataFrame({"a": [1, None, 3], "b": [None, None, "x"], "c": [None] * 3})
    >>> covering_rows(f).tolist()
    [0, 2]
    """
    if not len(frame):
        return np.array([], dtype=int)
    present = frame.notna().to_numpy()
    has = present.any(axis=0)
    first = present.argmax(axis=0)[has]
    return np.unique(np.concatenate([[0], first]))


def _with_ids(frame: pd.DataFrame, picked: np.ndarray, ids: set[str]) -> pd.DataFrame:
    """The ``picked`` rows of ``frame`` and those whose id is in ``ids``."""
    wanted = frame["id"].astype(str).isin(ids).to_numpy().copy()
    wanted[picked] = True
    return frame[wanted]


def rehearse(plan: list[Step | TieStep], run: Run) -> None:
    """Write a sample of ``plan`` through ``run(statement, **params)`` (inside a transaction
    the caller rolls back).  Raises whatever the store raises."""
    steps = {step.label: step for step in plan}
    ties = steps.get("ties")
    tie_sample = pd.DataFrame()
    tie_keys: list[str] = []
    if isinstance(ties, TieStep) and len(ties):
        frame = ties.frame.iloc[ties.order]
        picked = covering_rows(frame)
        tie_sample = frame.iloc[picked]
        tie_keys = ties.keys_at(ties.order[picked])
    part = steps.get("participation")
    part_sample = pd.DataFrame()
    if isinstance(part, Step) and len(part):
        part_sample = part.frame.iloc[covering_rows(part.frame)]
    org_ids: set[str] = set()
    if len(tie_sample):
        org_ids |= set(map(str, tie_sample["source"])) | set(map(str, tie_sample["target"]))
    if len(part_sample):
        org_ids |= set(map(str, part_sample["organization"]))

    handles: dict[str, str] = {}
    for label, rows_of, wanted in (
        ("nodes", node_rows, org_ids),
        ("clusters", node_rows, set()),
        (
            "programs",
            node_rows,
            set(map(str, part_sample["program"])) if len(part_sample) else set(),
        ),
    ):
        step = steps.get(label)
        if not isinstance(step, Step) or not len(step):
            continue
        sample = _with_ids(step.frame, covering_rows(step.frame), wanted)
        records = run(step.statement, rows=rows_of(sample))
        if label == "nodes":
            handles = {str(r["id"]): str(r["eid"]) for r in records}
    if len(tie_sample):
        rows = tie_rows(tie_sample, tie_keys, handles, create=False)
        run("upsert_ties", rows=rows)
    if isinstance(part, Step) and len(part_sample):
        run(part.statement, rows=participation_rows(part_sample))
