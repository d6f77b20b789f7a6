"""Readers (CSV folder, .zip, .xlsx, JSON), validation, entity resolution and projection.

Public API (used by the CLI, the store loader and analytics):

- :func:`loaders.readers.read_bundle` ``(path) -> (Bundle, list[Problem])`` — reads a
  folder, zip or workbook; never raises for bad content, returns the problems instead
  (raises :class:`graph.errors.BundleError` only when nothing can be read at all).
- :func:`loaders.validate.validate_bundle` ``(bundle) -> list[Problem]`` — every problem
  at once (severity "error" or "warning").
- :func:`loaders.resolve.probable_duplicates` ``(bundle) -> pandas.DataFrame`` — pairs of
  organizations that are probably the same.
- :func:`graph.projection.project_participation` ``(bundle) -> pandas.DataFrame`` —
  co_participation ties (weight 1/(n-1)) derived from participation.
- :func:`loaders.writers.write_bundle` ``(bundle, out_dir, *, fmt="csv")`` — the inverse
  of read_bundle (CSV folder; also xlsx/zip).
- :func:`loaders.open_bundle` ``(path, *, strict=True) -> Bundle`` — read + validate; raises
  BundleError listing every error (warnings logged) when strict.

- :func:`loaders.check_bundle` ``(path) -> (Bundle, list[Problem])`` — read + validate,
  every problem, nothing raised for bad content (for ``kizuna load --check``).
- :func:`loaders.readers.read_bundle_arrow` / :func:`loaders.validate.validate_with_duplicates`
  — the same in two steps, passing the id columns as read (pyarrow) to validation, which
  then does not convert them again (faster on millions of rows), and returning the mask
  of repeated tie rows.

Every problem is a :class:`loaders.problems.LoadProblem` (a ``graph.errors.Problem`` with a
``code``, the ``table`` it is about and a Japanese title ``message_ja``).
"""

from __future__ import annotations

import logging
from pathlib import Path

from kizuna.graph.bundle import Bundle
from kizuna.graph.errors import BundleError
from kizuna.loaders.problems import LoadProblem, is_fatal

log = logging.getLogger(__name__)

__all__ = ["LoadProblem", "check_bundle", "dedupe_ties", "open_bundle"]


def check_bundle(path: str | Path) -> tuple[Bundle, list[LoadProblem]]:
    """Read and validate the bundle at ``path``: the bundle and every problem found.

    Reading problems come first, then validation problems.  Values a reader could not
    convert (a year ``20O3``) are already reported and are empty in the bundle.
    """
    from kizuna.loaders.readers import read_bundle_arrow
    from kizuna.loaders.validate import validate_with_duplicates

    bundle, problems, arrow = read_bundle_arrow(path)
    more, _ = validate_with_duplicates(bundle, arrow)
    return bundle, problems + more


def dedupe_ties(bundle: Bundle) -> Bundle:
    """The bundle with one row per tie identity (the first row of each), as the store loads it."""
    from kizuna.loaders.validate import duplicate_ties

    ties = bundle.ties
    dup = duplicate_ties(ties)
    if not dup.any():
        return bundle
    return bundle.with_frames(ties=ties[~dup].reset_index(drop=True))


def open_bundle(path: str | Path, *, strict: bool = True) -> Bundle:
    """Read and validate a bundle, ready for analysis (duplicate ties dropped).

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

    Returns
    -------
    Bundle
        Ties are deduplicated by identity (the first row of each identity is kept).

    Raises
    ------
    BundleError
        With ``problems`` listing every problem found (errors and warnings).
    """
    from kizuna.loaders.readers import read_bundle_arrow
    from kizuna.loaders.validate import validate_with_duplicates

    bundle, problems, arrow = read_bundle_arrow(path)
    more, dups = validate_with_duplicates(bundle, arrow)
    del arrow
    problems += more
    blocking = [p for p in problems if p.severity == "error" and (strict or is_fatal(p))]
    if blocking:
        raise BundleError(list(problems))
    for p in problems:
        log.warning("%s", p)
    if dups.any():
        bundle = bundle.with_frames(ties=bundle.ties[~dups].reset_index(drop=True))
    return bundle
