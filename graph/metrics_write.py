"""Analysis metrics written back onto the stored organizations (`kizuna analyze --write`).

The GDS write-mode convention: every column of the analysis' nodes.csv that is not a
bundle column becomes a property of the same name on the ``Organization`` with that id
(``o.betweenness``, ``o.role`` …); the time and version of the analysis and the column
names go on the ``KizunaMeta {key: "analysis"}`` node.  Writing is batched (``UNWIND``)
and idempotent; properties of columns an earlier analysis wrote and this one does not are
removed.  Reading the network back (``read_bundle``) leaves these properties out, so the
metrics never look like bundle columns.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from kizuna.graph.bundle import COLUMNS

if TYPE_CHECKING:
    from kizuna.graph.bolt_session import BoltSession

__all__ = ["ANALYSIS_KEY", "metric_columns", "metric_rows", "write_metrics"]

ANALYSIS_KEY = "analysis"
BATCH = 5_000


def metric_columns(nodes: pd.DataFrame) -> list[str]:
    """The analysis columns written as properties: every column but the bundle's."""
    bundle_columns = set(COLUMNS["nodes"].columns)
    return [str(c) for c in nodes.columns if c not in bundle_columns]


def _value(value: Any) -> Any:
    """A property value: NaN/None → None (no property), lists joined with ``|`` as in
    nodes.csv, numpy scalars as Python's."""
    if isinstance(value, list | tuple | np.ndarray):
        return "|".join(map(str, value))
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return value


def metric_rows(nodes: pd.DataFrame, columns: list[str], drop: list[str]) -> Iterator[dict]:
    """``{id, props}`` per organization; ``drop`` columns are set to null (removed)."""
    ids = nodes["id"].to_numpy(dtype=object)
    values = [nodes[c].to_numpy(dtype=object) for c in columns]
    for i, node in enumerate(ids):
        props = {c: _value(v[i]) for c, v in zip(columns, values, strict=True)}
        props.update(dict.fromkeys(drop))
        yield {"id": str(node), "props": props}


def stored_metric_columns(store: BoltSession) -> list[str]:
    """The columns the last ``analyze --write`` stored (empty before the first)."""
    rows = store.query("read_analysis_meta", key=ANALYSIS_KEY)
    return list(rows[0]["columns"] or ()) if rows else []


def write_metrics(
    store: BoltSession,
    nodes: pd.DataFrame,
    *,
    analyzed_at: str,
    version: str,
    batch_size: int = BATCH,
) -> int:
    """Write the metric columns of ``nodes`` (the analysis' node table) onto the store.

    Parameters
    ----------
    store : BoltStore
        The store holding the analysed organizations.
    nodes : pandas.DataFrame
        ``NetworkAnalysis.nodes``: an ``id`` column and the metric columns.
    analyzed_at, version : str
        When and by which kizuna version the analysis ran (its meta.json).
    batch_size : int
        Organizations per write transaction.

    Returns
    -------
    int
        Organizations written.
    """
    columns = metric_columns(nodes)
    drop = [c for c in stored_metric_columns(store) if c not in columns]
    written = 0
    batch: list[dict] = []
    for row in metric_rows(nodes, columns, drop):
        batch.append(row)
        if len(batch) >= batch_size:
            written += store.write("write_organization_metrics", rows=batch)
            batch = []
    if batch:
        written += store.write("write_organization_metrics", rows=batch)
    store.write(
        "upsert_analysis_meta",
        key=ANALYSIS_KEY,
        analyzed_at=analyzed_at,
        version=version,
        columns=columns,
        organizations=written,
        written_at=time.time(),
    )
    return written
