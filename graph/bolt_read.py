"""Reading a store back in bounded memory: the read side of :class:`graph.bolt.BoltStore`.

No read sorts in the server.  A server-side ``ORDER BY`` holds the whole result in the
server's heap, and the embedded server refuses that beyond a few hundred thousand ties
(its per-query heap budget), so:

* organizations, clusters, programs and participations are read by one unsorted query
  each, streamed (the driver pulls 1,000 records at a time; the server never holds the
  result);
* ties are read per batch of :data:`SOURCE_BATCH` source organizations (``UNWIND $sources
  ... MATCH (a:Organization {id: source})-[t:TIE]->(b)``: the unique id index, then the
  organization's outgoing ties), each batch one short query;
* records become frames :data:`PAGE_ROWS` at a time, and the frames are put in a fixed
  order here (by id, or by tie/participation key), as the sorted reads of before did.

A record is a property map without the missing cells (Neo4j stores no nulls):
:func:`canonical_frame` rebuilds the canonical columns and dtypes of :mod:`graph.bundle`
(text ``object`` with ``str`` or ``None``, floats, nullable ``Int64`` years, bool
``directed``), dropping the keys a store adds for itself (:data:`graph.store.INTERNAL`).

The client holds the frames it returns (that is what a read is for) and at most one page
of records besides.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from typing import Any

import numpy as np
import pandas as pd

from kizuna.graph.bolt_session import BoltSession
from kizuna.graph.bundle import BOOL_COLUMNS, COLUMNS, FLOAT_COLUMNS, YEAR_COLUMNS
from kizuna.graph.store import INTERNAL

#: Records turned into one frame at a time.
PAGE_ROWS = 50_000
#: Source organizations per read_ties query (the store's ~5 ties per organization make
#: that ~10,000 rows; a hub makes one batch bigger, never the whole store).
SOURCE_BATCH = 2_000

Record = dict[str, Any]


def _pages(records: Iterable[Record], size: int = PAGE_ROWS) -> Iterator[list[Record]]:
    page: list[Record] = []
    for record in records:
        page.append(record)
        if len(page) >= size:
            yield page
            page = []
    if page:
        yield page


def _frame_and_keys(file: str, records: list[Record], key: str) -> tuple[pd.DataFrame, np.ndarray]:
    extra = sorted({k for r in records for k in r} - set(COLUMNS[file].columns))
    keys = np.array([str(r.get(key)) for r in records], dtype=object)
    return canonical_frame(file, records, extra), keys


def ordered_frame(file: str, parts: list[tuple[pd.DataFrame, np.ndarray]]) -> pd.DataFrame:
    """The pages of ``file`` as one frame, sorted by their keys.

    Columns are ``file``'s canonical ones, then every other column of any page, sorted; a
    cell of such a column that a page lacked is None.

    Examples
    --------
    >>> a = (pd.DataFrame({"id": ["b"], "x": ["1"]}), np.array(["b"], dtype=object))
    >>> b = (pd.DataFrame({"id": ["a"]}), np.array(["a"], dtype=object))
    >>> ordered_frame("clusters", [a, b])[["id", "x"]].to_dict("records")
    [{'id': 'a', 'x': None}, {'id': 'b', 'x': '1'}]
    """
    if not parts:
        return canonical_frame(file, [])
    canonical = list(COLUMNS[file].columns)
    extra = sorted({str(c) for frame, _ in parts for c in frame.columns} - set(canonical))
    frames = [frame for frame, _ in parts]
    frame = frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)
    frame = frame.reindex(columns=canonical + extra)
    for column in extra:
        values = frame[column].astype(object)
        frame[column] = values.where(values.notna(), None)
    keys = np.concatenate([k for _, k in parts])
    order = np.argsort(keys, kind="stable")
    return frame.iloc[order].reset_index(drop=True)


def read_nodes(store: BoltSession, file: str, name: str, **params: Any) -> pd.DataFrame:
    """Organizations, clusters or programs (statement ``name``), ordered by id."""
    records = (props for (props,) in store.stream(name, **params))
    parts = [_frame_and_keys(file, page, "id") for page in _pages(records)]
    return ordered_frame(file, parts)


def read_participation(store: BoltSession, **params: Any) -> pd.DataFrame:
    """Participations of the organizations kept by ``params``, ordered by key."""

    def records() -> Iterator[Record]:
        for program, organization, props in store.stream("read_participation", **params):
            props["program"], props["organization"] = program, organization
            yield props

    parts = [_frame_and_keys("participation", page, "key") for page in _pages(records())]
    return ordered_frame("participation", parts)


def read_ties(store: BoltSession, sources: Iterable[str], **params: Any) -> pd.DataFrame:
    """The ties whose source is one of ``sources``, ordered by key."""
    ids = [str(s) for s in sources]
    page: list[Record] = []
    parts: list[tuple[pd.DataFrame, np.ndarray]] = []
    for start in range(0, len(ids), SOURCE_BATCH):
        batch = ids[start : start + SOURCE_BATCH]
        for source, ties in store.records("read_ties", sources=batch, **params):
            for target, props in ties:
                props["source"], props["target"] = source, target
                page.append(props)
                if len(page) >= PAGE_ROWS:
                    parts.append(_frame_and_keys("ties", page, "key"))
                    page = []
    if page:
        parts.append(_frame_and_keys("ties", page, "key"))
    return ordered_frame("ties", parts)


def canonical_frame(
    file: str, records: Iterable[dict[str, Any]], extra: Iterable[str] = ()
) -> pd.DataFrame:
    """A frame of ``file``'s canonical columns (then ``extra`` ones) from property maps."""
    records = list(records)
    columns = list(COLUMNS[file].columns)
    columns += [c for c in extra if c not in columns and c not in INTERNAL]
    data: dict[str, pd.Series] = {}
    for col in columns:
        vals = [r.get(col) for r in records]
        if col in FLOAT_COLUMNS:
            floats = [math.nan if v is None else float(v) for v in vals]
            data[col] = pd.Series(floats, dtype="float64")
        elif col in YEAR_COLUMNS:
            data[col] = pd.Series(vals, dtype="Int64")
        elif col in BOOL_COLUMNS:
            data[col] = pd.Series([bool(v) for v in vals], dtype="bool")
        else:
            data[col] = pd.Series(vals, dtype="object")
    return pd.DataFrame(data, columns=columns)
