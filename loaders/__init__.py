"""Readers (CSV folder, .zip, .xlsx, JSON), validation, entity resolution and projection.

Public API (used by the CLI, the store loader and analytics):

- :func:`loaders.readers.read_bundle` ``(path) -> (Bundle, list[Problem])`` — reads a
  folder, zip or workbook; never raises for bad content, returns the problems instead
  (raises :class:`graph.errors.BundleError` only when nothing can be read at all).
- :func:`loaders.validate.validate_bundle` ``(bundle) -> list[Problem]`` — every problem
  at once (severity "error" or "warning").
- :func:`loaders.resolve.probable_duplicates` ``(nodes) -> pandas.DataFrame`` — pairs of
  organizations that are probably the same.
- :func:`graph.projection.project_participation` ``(bundle) -> pandas.DataFrame`` —
  co_participation ties (weight 1/(n-1)) derived from participation.
- :func:`loaders.writers.write_bundle` ``(bundle, out_dir, *, fmt="csv")`` — the inverse
  of read_bundle (CSV folder; also xlsx/zip).
- :func:`loaders.open_bundle` ``(path, *, strict=True, repeated_ties="drop", columns=None,
  problems=None) -> Bundle`` — THE way in: read + validate; raises BundleError listing every
  error (warnings logged), or hands every problem back in ``problems``.  Every command that
  reads a bundle file (load, analyze, partners, report, serve, export, demo, enrich, import)
  goes through it.
- :func:`loaders.check_bundle` ``(path) -> (Bundle, list[Problem])`` — ``open_bundle`` with
  every problem handed back and every tie row kept (enrich, import members).
- :func:`loaders.load.load_bundle` ``(store, path, ...) -> LoadResult`` — the one library
  function that loads a bundle file into a store (``kizuna load``);
  :func:`loaders.load.check_for_load` the same without writing (``load --check``, ``export``).
- :func:`loaders.readers.read_bundle_arrow` / :func:`loaders.validate.validate_with_duplicates`
  — the same in two steps, passing the id columns as read (pyarrow) to validation, which
  then does not convert them again (faster on millions of rows), and returning the mask
  of repeated tie rows.

Every problem is a :class:`loaders.problems.LoadProblem` (a ``graph.errors.Problem`` with a
``code``, the ``table`` it is about and a Japanese title ``message_ja``).
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Literal

from kizuna.graph.bundle import Bundle
from kizuna.graph.errors import BundleError
from kizuna.loaders.problems import LoadProblem, is_fatal

log = logging.getLogger(__name__)

__all__ = ["LoadProblem", "RepeatedTies", "check_bundle", "open_bundle"]

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
            log.warning("%s", p)
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
