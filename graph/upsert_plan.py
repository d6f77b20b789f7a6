"""What an upsert writes, in order, prepared one batch at a time.

Rows with a repeated identity (node id, tie key, participation key) are dropped up front
and listed in the load report; the property maps of a batch are built only when that
batch is written, so memory stays bounded by the batch size, not the bundle size.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from graph.bundle import Bundle
from graph.rows import KEY_SEPARATOR, frame_props, participation_keys, tie_keys
from graph.store import LoadReport

Rows = list[dict[str, Any]]


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


def _keep_first(keys: list[str], what: str, report: LoadReport | None) -> np.ndarray:
    seen: set[str] = set()
    keep = np.ones(len(keys), dtype=bool)
    for i, key in enumerate(keys):
        if key in seen:
            keep[i] = False
            if report is not None:
                report.duplicates.append(
                    f"{what} row {i + 2}: same identity as an earlier row "
                    f"({key.replace(KEY_SEPARATOR, ' | ')}); loaded once"
                )
        else:
            seen.add(key)
    return keep


def _unique(
    frame: pd.DataFrame, keys: list[str], what: str, report: LoadReport | None
) -> pd.DataFrame:
    keep = _keep_first(keys, what, report)
    return frame if keep.all() else frame[keep]


def node_rows(frame: pd.DataFrame) -> Rows:
    return [{"id": p["id"], "props": p} for p in frame_props(frame)]


def _tie_rows(frame: pd.DataFrame, *, derived: bool) -> Rows:
    rows = []
    for props, key in zip(frame_props(frame), tie_keys(frame), strict=True):
        source, target = props.pop("source"), props.pop("target")
        props["key"], props["derived"] = key, derived
        props.setdefault("directed", False)
        rows.append({"source": source, "target": target, "key": key, "props": props})
    return rows


def direct_tie_rows(frame: pd.DataFrame) -> Rows:
    return _tie_rows(frame, derived=False)


def derived_tie_rows(frame: pd.DataFrame) -> Rows:
    return _tie_rows(frame, derived=True)


def participation_rows(frame: pd.DataFrame) -> Rows:
    rows = []
    for props, key in zip(frame_props(frame), participation_keys(frame), strict=True):
        program, org = props.pop("program"), props.pop("organization")
        props["key"] = key
        rows.append({"program": program, "organization": org, "key": key, "props": props})
    return rows


def write_plan(bundle: Bundle, derived: pd.DataFrame | None, report: LoadReport) -> list[Step]:
    """The steps of an upsert in order: nodes before the relationships that need them."""

    def ids(frame: pd.DataFrame) -> list[str]:
        return [str(v) for v in frame["id"]]

    steps = [
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
        Step(
            "ties",
            "upsert_ties",
            _unique(bundle.ties, tie_keys(bundle.ties), "ties.csv", report),
            direct_tie_rows,
        ),
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
    if derived is not None and len(derived):
        steps.append(
            Step(
                "derived",
                "upsert_ties",
                _unique(derived, tie_keys(derived), "derived", None),
                derived_tie_rows,
            )
        )
    return steps
