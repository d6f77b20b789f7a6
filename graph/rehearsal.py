"""A load rehearsed in one transaction that is rolled back, before anything is written.

Validation cannot know every value a server refuses at write time (ArcadeDB refuses a
property named ``@rid``, for one).  So before a load takes the lock, a few rows of every
file — the first row that has a value in each column, and the organizations and programs
those rows point to — are written in **one transaction that is then rolled back**.  What
the server refuses for a column then stops the load while the store is still as it was;
what it accepts, the real batches write the same way.  It costs one small transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from kizuna.graph.upsert_plan import Step, TieStep, node_rows, participation_rows, tie_rows

Run = Callable[..., list[dict[str, Any]]]


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
