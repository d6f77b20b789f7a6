"""Read a bundle: a folder of CSV/JSON files, a .zip of one, or one .xlsx workbook.

:func:`read_bundle` never raises for bad content: it returns the :class:`Bundle` it could
build and every problem it met while reading (encoding, empty files, missing or unknown
columns, cells that are not years / numbers / true-false).  The checks that need the
whole bundle (unknown kinds, ties to missing nodes, duplicate ids …) are in
:func:`loaders.validate.validate_bundle`; :func:`loaders.open_bundle` runs both.
"""

from __future__ import annotations

import csv
import difflib
import logging
import unicodedata
import zipfile
from collections.abc import Collection, Mapping
from pathlib import Path, PurePosixPath

import numpy as np
import pandas as pd
import pyarrow as pa

from kizuna.graph.bundle import COLUMNS, REQUIRED_FILES, Bundle
from kizuna.graph.errors import BundleError
from kizuna.loaders.csvfile import RawTable, read_csv_bytes
from kizuna.loaders.frames import frame_of
from kizuna.loaders.limits import shown
from kizuna.loaders.problems import UNREAD_CODES, LoadProblem, problem
from kizuna.loaders.zipread import ZIP_ERRORS, ZipLimits, read_members

log = logging.getLogger(__name__)

#: File name endings read as CSV / as JSON.
CSV_SUFFIXES = (".csv", ".txt")
JSON_SUFFIXES = (".json", ".jsonl", ".ndjson")
DATA_SUFFIXES = CSV_SUFFIXES + JSON_SUFFIXES


#: Normalized pyarrow arrays of the id/code columns as read, per (file, column).
ArrowCache = dict[tuple[str, str], pa.Array]
_Read = tuple[Bundle, list[LoadProblem], ArrowCache]
#: Canonical columns to keep per table (a lean read); tables not named keep everything.
Keep = Mapping[str, Collection[str]] | None


def bundle_bytes(path: str | Path) -> int:
    """Bytes on disk of what the reader reads: a zip or workbook, or the files of the
    folder (and of its sub-folders, one level: an unzipped bundle may be nested)."""
    path = Path(path)
    if path.is_file() and path.suffix.lower() not in (".zip", ".xlsx", ".xlsm"):
        path = path.parent  # nodes.csv given: the reader reads its folder
    if not path.is_dir():
        return path.stat().st_size
    total = 0
    for entry in path.iterdir():
        if entry.is_file():
            total += entry.stat().st_size
        elif entry.is_dir():
            total += sum(f.stat().st_size for f in entry.iterdir() if f.is_file())
    return total


def bundle_mtime(path: str | Path) -> float:
    """When the bundle at ``path`` last changed: its files' newest modification time
    (seconds since the epoch; a zip or workbook: its own)."""
    path = Path(path)
    files = [p for p in path.iterdir() if p.is_file()] if path.is_dir() else [path]
    return max((p.stat().st_mtime for p in files), default=path.stat().st_mtime)


def read_bundle(
    path: str | Path, *, limits: ZipLimits | None = None
) -> tuple[Bundle, list[LoadProblem]]:
    """Read the bundle at ``path`` (folder, ``.zip`` or ``.xlsx``).

    Parameters
    ----------
    path : str or Path
        A folder holding ``nodes.csv``, ``ties.csv`` and the optional files (or their
        ``.json`` versions), a ``.zip`` of such a folder (or of the files themselves), or an
        ``.xlsx`` workbook with one sheet per file.
    limits : ZipLimits, optional
        How much a zip (or workbook) may unpack to; default :meth:`ZipLimits.from_env`.

    Returns
    -------
    (Bundle, list of LoadProblem)
        The bundle with canonical columns and dtypes (:mod:`graph.bundle`), and the problems
        met while reading, in file order.  Problems of severity "error" mean the bundle must
        not be loaded.

    Raises
    ------
    BundleError
        Only when nothing can be read at all: no such path, a file type that is not a
        bundle, a damaged zip or workbook, a zip that unpacks to more than ``limits``.

    Examples
    --------
    >>> bundle, problems = read_bundle("data/examples/tiny")  # doctest: +SKIP
    >>> bundle.node_count, [str(p) for p in problems]  # doctest: +SKIP
    (12, [])
    """
    bundle, problems, _ = read_bundle_arrow(path, limits=limits)
    return bundle, problems


def read_bundle_arrow(
    path: str | Path, *, columns: Keep = None, limits: ZipLimits | None = None
) -> _Read:
    """:func:`read_bundle`, plus the id/code columns as pyarrow arrays (for validation).

    ``columns`` maps a table to the canonical columns to read (a lean read for analysing
    big bundles; see :func:`loaders.frames.frame_of`): the other columns of that table
    are not typed, kept or checked.  ``None`` reads everything.  ``limits``: see
    :func:`read_bundle`.
    """
    p = Path(path)
    if not p.exists():
        raise BundleError(
            [problem("unreadable", str(p), None, None, "no such file or folder", _WHAT)]
        )
    if p.is_dir():
        return _read_folder(p, columns)
    suffix = p.suffix.lower()
    if suffix not in (".zip", ".xlsx", ".xlsm") and zipfile.is_zipfile(p):
        suffix = _zip_kind(p)  # a bundle saved without its ending
    if suffix == ".zip":
        return _read_zip(p, columns, limits or ZipLimits.from_env())
    if suffix in (".xlsx", ".xlsm"):
        from kizuna.loaders.excel import read_workbook

        return assemble(read_workbook(p, limits or ZipLimits.from_env()), columns)
    if p.name.lower().split(".")[0] in COLUMNS and suffix in DATA_SUFFIXES:
        return _read_folder(p.parent, columns)
    raise BundleError(
        [problem("unreadable", p.name, None, None, f"'{p.name}' is not a bundle", _WHAT)]
    )


def _zip_kind(path: Path) -> str:
    """ ".xlsx" for an Excel workbook (it holds xl/workbook.xml), else ".zip"."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return ".zip"  # the zip reader names what is wrong with it
    return ".xlsx" if "xl/workbook.xml" in names else ".zip"


_WHAT = "give a folder with nodes.csv and ties.csv, a .zip of that folder, or an .xlsx workbook"


def _table_of(name: str) -> str | None:
    stem = unicodedata.normalize("NFKC", PurePosixPath(name).name).strip().lower()
    for suffix in DATA_SUFFIXES:
        if stem.endswith(suffix):
            stem = stem[: -len(suffix)].strip()
            return stem if stem in COLUMNS else None
    return None


def _unknown_file(name: str) -> LoadProblem:
    stem = PurePosixPath(name).name.split(".")[0].lower()
    close = difflib.get_close_matches(stem, list(COLUMNS), n=1)
    hint = f"did you mean {close[0]}.csv? " if close else ""
    return problem(
        "unknown_file",
        name,
        None,
        None,
        "kizuna does not know this file; it is ignored",
        hint + "bundle files are nodes, ties, clusters, programs and participation (.csv)",
        table="",
        warning=True,
    )


def _read_entries(
    entries: dict[str, tuple[str, bytes]],
) -> tuple[list[RawTable], list[LoadProblem]]:
    """Parse ``{table: (label, bytes)}`` (the parsed entries are removed from it)."""
    from kizuna.loaders.jsonfile import read_json_bytes

    tables: list[RawTable] = []
    problems: list[LoadProblem] = []
    for table in COLUMNS:
        if table not in entries:
            continue
        label, data = entries.pop(table)  # each file's bytes are freed once parsed
        try:
            if label.lower().endswith(JSON_SUFFIXES):
                raw, more = read_json_bytes(data, label, table)
            else:
                raw, more = read_csv_bytes(data, label, table)
        except (ValueError, csv.Error, pa.ArrowException, RecursionError, OverflowError) as exc:
            # a safety net: whatever a hostile file does, it is one plain problem
            log.debug("%s: unexpected read error", label, exc_info=True)
            raw, more = None, [_unexpected(label, table, exc)]
        del data
        problems += more
        if raw is not None:
            tables.append(raw)
    return tables, problems


def _pick(names: list[str]) -> tuple[dict[str, str], list[LoadProblem]]:
    """Choose one file name per table from ``names``; report doubles and unknown files."""
    chosen: dict[str, str] = {}
    problems: list[LoadProblem] = []
    for name in sorted(names):
        table = _table_of(name)
        if table is None:
            if name.lower().endswith(DATA_SUFFIXES):
                problems.append(_unknown_file(name))
            continue
        if table in chosen:
            problems.append(
                problem(
                    "duplicate_file",
                    name,
                    None,
                    None,
                    f"the bundle has two files for {table}: {chosen[table]} and {name}; "
                    f"only {chosen[table]} is read",
                    "keep one of them",
                    table=table,
                )
            )
            continue
        chosen[table] = name
    return chosen, problems


def _holds_nodes(folder: Path) -> bool:
    try:
        return any(_table_of(f.name) == "nodes" for f in folder.iterdir())
    except OSError:  # a folder we may not open is not the bundle
        return False


def _read_folder(folder: Path, columns: Keep = None) -> _Read:
    try:
        names = [f.name for f in folder.iterdir() if f.is_file() and not f.name.startswith(".")]
    except OSError as exc:
        raise BundleError([_unexpected(folder.name or str(folder), "", exc)]) from None
    if not any(_table_of(n) for n in names):
        # an unzipped archive often nests the bundle one level down: bundle/bundle/nodes.csv
        inner = [d for d in folder.iterdir() if d.is_dir() and _holds_nodes(d)]
        if len(inner) == 1:
            log.info("reading the bundle in %s", inner[0])
            return _read_folder(inner[0], columns)
    chosen, problems = _pick(names)
    entries: dict[str, tuple[str, bytes]] = {}
    for t, n in chosen.items():
        try:
            entries[t] = (n, (folder / n).read_bytes())
        except OSError as exc:
            problems.append(_unexpected(n, t, exc))
    tables, more = _read_entries(entries)
    del entries  # the file bytes (400 MB for 5M ties) are parsed: free them now
    return assemble((tables, problems + more), columns)


def _unexpected(label: str, table: str, exc: BaseException) -> LoadProblem:
    return problem(
        "unreadable",
        label,
        None,
        None,
        f"the file cannot be read ({type(exc).__name__}: {shown(str(exc), 200)})",
        "check that it is a CSV or JSON file saved as UTF-8, and that you may open it",
        table=table,
    )


def _read_zip(path: Path, columns: Keep, limits: ZipLimits) -> _Read:
    try:
        with zipfile.ZipFile(path) as zf:
            members = [
                i.filename
                for i in zf.infolist()
                if not i.is_dir()
                and not i.filename.startswith("__MACOSX/")
                and not PurePosixPath(i.filename).name.startswith(".")
            ]
            folders = sorted(
                {str(PurePosixPath(m).parent) for m in members if _table_of(m) == "nodes"}
            )
            if len(folders) > 1:
                raise BundleError(
                    [
                        problem(
                            "unreadable",
                            path.name,
                            None,
                            None,
                            f"the zip holds several bundles ({', '.join(folders)})",
                            "zip one bundle folder at a time",
                        )
                    ]
                )
            top = folders[0] if folders else "."
            here = [m for m in members if str(PurePosixPath(m).parent) == top]
            chosen, problems = _pick(here)
            entries, more = read_members(zf, chosen, path.name, limits)
            problems += more
    except ZIP_ERRORS as exc:
        raise BundleError(
            [
                problem(
                    "unreadable",
                    path.name,
                    None,
                    None,
                    f"the zip file is damaged ({exc})",
                    "zip the bundle folder again",
                )
            ]
        ) from None
    tables, more = _read_entries(entries)
    del entries
    return assemble((tables, problems + more), columns)


def assemble(read: tuple[list[RawTable], list[LoadProblem]], columns: Keep = None) -> _Read:
    """Build the :class:`Bundle` from parsed raw tables; report missing required files.

    ``columns``: see :func:`read_bundle_arrow`.
    """
    tables, problems = read
    frames: dict[str, pd.DataFrame] = {}
    source_columns: dict[str, tuple[str, ...]] = {}
    source_files: dict[str, str] = {}
    source_rows: dict[str, np.ndarray] = {}
    cache: ArrowCache = {}
    tables.reverse()  # in place: the caller's list lets go of each table too
    while tables:
        raw = tables.pop()  # the text columns of each table are freed once typed
        frame, cols, more, arrows = frame_of(
            raw, None if columns is None else columns.get(raw.table)
        )
        problems += more
        cache.update({(raw.table, c): a for c, a in arrows.items()})
        frames[raw.table] = frame
        source_columns[raw.table] = cols
        source_files[raw.table] = raw.label
        if raw.rows is not None:
            source_rows[raw.table] = raw.rows
        del raw
    unread = {p.table: p.file for p in problems if p.code in UNREAD_CODES and p.table}
    for table, label in unread.items():
        if table not in frames:  # there, but not readable: no rows, no columns
            source_files.setdefault(table, label)
            source_columns.setdefault(table, ())
    found = set(unread) | set(frames)
    for table in REQUIRED_FILES:
        if table not in found:
            problems.append(
                problem(
                    "missing_file",
                    f"{table}.csv",
                    None,
                    None,
                    f"the bundle has no {table}.csv",
                    "a bundle needs nodes.csv (organizations) and ties.csv (ties; it may have "
                    "only its header row)",
                    table=table,
                )
            )
    bundle = Bundle(
        **frames,
        present=frozenset(REQUIRED_FILES) | frozenset(frames),
        source_columns=source_columns,
    )
    bundle.source_files = source_files
    bundle.source_rows = source_rows
    return bundle, problems, cache
