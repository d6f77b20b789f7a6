"""Readers (CSV folder, .zip, .xlsx, JSON), validation, entity resolution and projection.

Public API (used by the CLI, the store loader and analytics):

- :func:`loaders.readers.read_bundle` ``(path) -> (Bundle, list[Problem])`` — reads a
  folder, zip or workbook; never raises for bad content, returns the problems instead
  (raises :class:`graph.errors.BundleError` only when nothing can be read at all).
- :func:`loaders.validate.validate_bundle` ``(bundle) -> list[Problem]`` — every problem
  at once (severity "error" or "warning").
- :func:`loaders.resolve.probable_duplicates` ``(bundle) -> pandas.DataFrame`` — pairs of
  organizations that are probably the same.
- :func:`loaders.projection.project_participation` ``(bundle) -> pandas.DataFrame`` —
  co_participation ties (weight 1/(n-1)) derived from participation.
- :func:`loaders.writers.write_bundle` ``(bundle, out_dir, *, fmt="csv")`` — the inverse
  of read_bundle (CSV folder; also xlsx/zip).
- :func:`loaders.open_bundle` ``(path, *, strict=True) -> Bundle`` — read + validate; raises
  BundleError listing every error (warnings logged) when strict.
"""
