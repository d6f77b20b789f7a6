"""How a bundle file comes into kizuna: opened (the one way in), checked, loaded.

:func:`open_bundle` reads and validates a bundle file; every command that reads one goes
through it.  :func:`load_bundle`, the library behind ``kizuna load``, = open the whole
bundle (repeated tie rows dropped; nothing written if any error) → entity resolution
report (probable duplicates listed, never merged) → upsert in batches → counts before
and after.  :func:`check_for_load` is the same without writing (``kizuna load --check``,
``kizuna export --input``); :func:`check_bundle` opens a bundle keeping every tie row and
handing every problem back (enrich, import members).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from kizuna.graph.bundle import Bundle
from kizuna.graph.errors import BundleError, Problem
from kizuna.graph.store import BATCH_SIZE, GraphStore, LoadReport, Progress
from kizuna.loaders.problems import LoadProblem, is_fatal

logger = logging.getLogger(__name__)

__all__ = [
    "LoadResult",
    "RepeatedTies",
    "check_bundle",
    "check_for_load",
    "load_bundle",
    "load_checked",
    "open_bundle",
]

#: What :func:`open_bundle` does with tie rows whose identity (``id``, else source, target,
#: kind, since) repeats an earlier row: "drop" them (what the store holds: load, serve,
#: report, export, demo) or "keep" every row (analyze, partners: two rows with one
#: identity may differ in ``directed``; enrich and import, which write the bundle back).
RepeatedTies = Literal["drop", "keep"]


def open_bundle(
    path: str | Path,
    *,
    strict: bool = True,
    repeated_ties: RepeatedTies = "drop",
    columns: Mapping[str, Collection[str]] | None = None,
    problems: list[LoadProblem] | None = None,
) -> Bundle:
    """Read and validate a bundle: the one way a bundle file comes into kizuna.

    Parameters
    ----------
    path : str or Path
        A bundle folder, ``.zip`` or ``.xlsx`` (see docs/bundle-format.md).
    strict : bool, default True
        When True, any error stops: :class:`BundleError` lists every error.  When False,
        only errors that make the graph impossible to build stop (missing nodes/ties
        file, missing required column, empty nodes/ties file, tie to a missing node,
        duplicate node id); the other errors are logged as warnings and the values stay
        as read (unconvertible cells empty).
    repeated_ties : {"drop", "keep"}, default "drop"
        "drop": one row per tie identity (the first), as the store loads it.  "keep":
        every tie row as read (a ``duplicate_tie`` warning is still reported).
    columns : mapping, optional
        A lean read: per table, the canonical columns to read and check (see
        :func:`loaders.readers.read_bundle_arrow`).  None reads everything.
    problems : list, optional
        When given, every problem found (reading first, then validation) is appended to
        it and nothing is raised or logged for bad content: the caller reports them
        (``kizuna load --check`` lists every problem at once).

    Returns
    -------
    Bundle
        The bundle, its tie rows as ``repeated_ties`` says.

    Raises
    ------
    BundleError
        With ``problems`` listing every problem found (errors and warnings); also when
        nothing can be read at all (no such path, a damaged zip ...), even with ``problems``.
    """
    from kizuna.loaders.readers import read_bundle_arrow
    from kizuna.loaders.validate import validate_with_duplicates

    bundle, found, arrow = read_bundle_arrow(path, columns=columns)
    more, dups = validate_with_duplicates(bundle, arrow)
    del arrow
    found += more
    if problems is not None:
        problems.extend(found)
    else:
        blocking = [p for p in found if p.severity == "error" and (strict or is_fatal(p))]
        if blocking:
            raise BundleError(list(found))
        for p in found:
            logger.warning("%s", p)
    if repeated_ties == "drop" and dups.any():
        bundle = bundle.with_tie_rows(~dups)
    return bundle


def check_bundle(path: str | Path) -> tuple[Bundle, list[LoadProblem]]:
    """:func:`open_bundle` keeping every tie row and handing every problem back.

    Reading problems come first, then validation problems.  Values a reader could not
    convert (a year ``20O3``) are already reported and are empty in the bundle.
    """
    problems: list[LoadProblem] = []
    bundle = open_bundle(path, repeated_ties="keep", problems=problems)
    return bundle, problems


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
