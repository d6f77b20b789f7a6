"""Loading a bundle file into a graph store: the library behind ``kizuna load``.

:func:`load_bundle` = read and validate the whole bundle through
:func:`kizuna.loaders.open_bundle` (repeated tie rows dropped; nothing written if any
error) → entity resolution report (probable duplicates listed, never merged) → upsert in
batches → counts before and after.  :func:`check_for_load` is the same without writing
(``kizuna load --check``, ``kizuna export --input``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kizuna.graph.bundle import Bundle
from kizuna.graph.errors import Problem
from kizuna.graph.store import BATCH_SIZE, GraphStore, LoadReport, Progress
from kizuna.loaders.problems import LoadProblem

logger = logging.getLogger(__name__)

__all__ = ["LoadResult", "check_for_load", "load_bundle", "load_checked"]


@dataclass
class LoadResult:
    """Everything `kizuna load` reports."""

    path: str
    problems: list[Problem] = field(default_factory=list)
    probable_duplicates: list[dict[str, Any]] = field(default_factory=list)
    report: LoadReport | None = None
    counts_before: dict[str, int] = field(default_factory=dict)
    counts_after: dict[str, int] = field(default_factory=dict)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity != "error"]

    def as_dict(self) -> dict[str, Any]:
        return {
            "bundle": self.path,
            "valid": not self.errors,
            "loaded": self.report is not None,
            "errors": [p.as_dict() for p in self.errors],
            "warnings": [p.as_dict() for p in self.warnings],
            "probable_duplicates": self.probable_duplicates,
            "load": self.report.as_dict() if self.report else None,
            "counts_before": self.counts_before,
            "counts_after": self.counts_after,
        }


def check_for_load(path: str | Path) -> tuple[Bundle, LoadResult]:
    """Read and validate ``path``; the bundle (repeated ties dropped) and its problems."""
    from kizuna.loaders import open_bundle
    from kizuna.loaders.resolve import probable_duplicates

    problems: list[LoadProblem] = []
    bundle = open_bundle(path, repeated_ties="drop", problems=problems)
    result = LoadResult(path=str(path), problems=list(problems))
    if not result.errors:
        pairs = probable_duplicates(bundle.nodes)
        records = pairs.astype(object).where(pairs.notna(), None).to_dict("records")
        result.probable_duplicates = [{str(k): v for k, v in r.items()} for r in records]
    return bundle, result


def load_bundle(
    store: GraphStore,
    path: str | Path,
    *,
    replace: bool = False,
    batch_size: int = BATCH_SIZE,
    progress: Progress | None = None,
    after_exact_load: Callable[[Bundle], object] | None = None,
) -> LoadResult:
    """Validate the bundle at ``path`` and, when it has no error, upsert it into ``store``.

    Parameters
    ----------
    store : GraphStore
        Where to write (schema is ensured).
    path : Path
        Bundle folder, ``.zip`` or ``.xlsx``.
    replace : bool
        Empty the store first (otherwise the bundle is merged into what is stored).
    batch_size : int
        Rows per write transaction.
    progress : callable, optional
        ``progress(done, total)``.
    after_exact_load : callable, optional
        Called with the bundle when the store holds exactly it afterwards (the store was
        empty, or ``replace``, and no tie was dropped as a duplicate): ``kizuna load``
        keeps it as the app's snapshot of the new store version.  Its failure is logged,
        not raised (only the app's first start gets slower).

    Returns
    -------
    LoadResult
        ``report`` is None when the bundle has errors (nothing was written).
    """
    bundle, result = check_for_load(path)
    if result.errors:
        return result
    return load_checked(
        store,
        bundle,
        result,
        replace=replace,
        batch_size=batch_size,
        progress=progress,
        after_exact_load=after_exact_load,
    )


def load_checked(
    store: GraphStore,
    bundle: Bundle,
    result: LoadResult,
    *,
    replace: bool = False,
    batch_size: int = BATCH_SIZE,
    progress: Progress | None = None,
    after_exact_load: Callable[[Bundle], object] | None = None,
) -> LoadResult:
    """The writing half of :func:`load_bundle`: upsert what :func:`check_for_load` gave.

    For a caller that checks the bundle before it has a store (``kizuna demo`` starts
    the store only for a bundle without errors).  ``result`` is filled in and returned.
    """
    if result.errors:
        return result
    result.counts_before = store.counts()
    result.report = store.upsert_bundle(
        bundle, batch_size=batch_size, progress=progress, replace=replace
    )
    result.counts_after = store.counts()
    exact = replace or not any(result.counts_before.values())
    if after_exact_load is not None and exact and not result.report.duplicates:
        try:
            after_exact_load(bundle)
        except Exception:  # only the app's first start gets slower
            logger.warning("could not keep the app's snapshot", exc_info=True)
    return result
