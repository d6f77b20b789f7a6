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
  goes through it.  Defined in :mod:`loaders.load`, beside the load that uses it.
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

from kizuna.loaders.load import RepeatedTies, check_bundle, open_bundle
from kizuna.loaders.problems import LoadProblem

__all__ = ["LoadProblem", "RepeatedTies", "check_bundle", "open_bundle"]
