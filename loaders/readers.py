"""Read a bundle: a folder of CSV/JSON files, a .zip of one, or one .xlsx workbook.

:func:`read_bundle` never raises for bad content: it returns the :class:`Bundle` it could
build and every problem it met while reading (encoding, empty files, missing or unknown
columns, cells that are not years / numbers / true-false).  The checks that need the
whole bundle (unknown kinds, ties to missing nodes, duplicate ids …) are in
:func:`loaders.validate.validate_bundle`; :func:`loaders.open_bundle` runs both.
"""

from __future__ import annotations

import difflib
import logging
import unicodedata
import zipfile
from pathlib import Path, PurePosixPath

import numpy as np
import pandas as pd
import pyarrow as pa
from pandas.arrays import IntegerArray

from graph.bundle import COLUMNS, REQUIRED_FILES, Bundle, empty_frame
from graph.errors import BundleError
from loaders.csvfile import RawTable, read_csv_bytes
from loaders.normalize import typed_column_arrow
from loaders.problems import LoadProblem, problem

log = logging.getLogger(__name__)

#: File name endings read as CSV / as JSON.
CSV_SUFFIXES = (".csv", ".txt")
JSON_SUFFIXES = (".json", ".jsonl", ".ndjson")
DATA_SUFFIXES = CSV_SUFFIXES + JSON_SUFFIXES


#: Normalized pyarrow arrays of the id/code columns as read, per (file, column).
ArrowCache = dict[tuple[str, str], pa.Array]
_Read = tuple[Bundle, list[LoadProblem], ArrowCache]


def read_bundle(path: str | Path) -> tuple[Bundle, list[LoadProblem]]:
    """Read the bundle at ``path`` (folder, ``.zip`` or ``.xlsx``).

    Parameters
    ----------
    path : str or Path
        A folder holding ``nodes.csv``, ``ties.csv`` and the optional files (or their
        ``.json`` versions), a ``.zip`` of such a folder (or of the files themselves), or an
        ``.xlsx`` workbook with one sheet per file.

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
        bundle, a damaged zip or workbook.

    Examples
    --------
    >>> bundle, problems = read_bundle("data/examples/tiny")  # doctest: +SKIP
    >>> bundle.node_count, [str(p) for p in problems]  # doctest: +SKIP
    (12, [])
    """
    bundle, problems, _ = read_bundle_arrow(path)
    return bundle, problems


def read_bundle_arrow(path: str | Path) -> _Read:
    """:func:`read_bundle`, plus the id/code columns as pyarrow arrays (for validation)."""
    p = Path(path)
    if not p.exists():
        raise BundleError(
            [problem("unreadable", str(p), None, None, "no such file or folder", _WHAT)]
        )
    if p.is_dir():
        return _read_folder(p)
    suffix = p.suffix.lower()
    if suffix == ".zip":
        return _read_zip(p)
    if suffix in (".xlsx", ".xlsm"):
        from loaders.excel import read_workbook

        return assemble(read_workbook(p))
    if p.name.lower().split(".")[0] in COLUMNS and suffix in DATA_SUFFIXES:
        return _read_folder(p.parent)
    raise BundleError(
        [problem("unreadable", p.name, None, None, f"'{p.name}' is not a bundle", _WHAT)]
    )


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
    """Parse ``{table: (label, bytes)}``."""
    from loaders.jsonfile import read_json_bytes

    tables: list[RawTable] = []
    problems: list[LoadProblem] = []
    for table in COLUMNS:
        if table not in entries:
            continue
        label, data = entries[table]
        if label.lower().endswith(JSON_SUFFIXES):
            raw, more = read_json_bytes(data, label, table)
        else:
            raw, more = read_csv_bytes(data, label, table)
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


def _read_folder(folder: Path) -> _Read:
    names = [f.name for f in folder.iterdir() if f.is_file() and not f.name.startswith(".")]
    if not any(_table_of(n) for n in names):
        # an unzipped archive often nests the bundle one level down: bundle/bundle/nodes.csv
        inner = [
            d
            for d in folder.iterdir()
            if d.is_dir() and any(_table_of(f.name) == "nodes" for f in d.iterdir())
        ]
        if len(inner) == 1:
            log.info("reading the bundle in %s", inner[0])
            return _read_folder(inner[0])
    chosen, problems = _pick(names)
    entries = {t: (n, (folder / n).read_bytes()) for t, n in chosen.items()}
    tables, more = _read_entries(entries)
    return assemble((tables, problems + more))


def _read_zip(path: Path) -> _Read:
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
            entries = {t: (PurePosixPath(n).name, zf.read(n)) for t, n in chosen.items()}
    except zipfile.BadZipFile as exc:
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
    return assemble((tables, problems + more))


def frame_of(
    raw: RawTable,
) -> tuple[pd.DataFrame, tuple[str, ...], list[LoadProblem], dict[str, pa.Array]]:
    """The canonical frame of one raw table, the source's columns, the problems and the
    normalized pyarrow arrays of its id/code columns."""
    arrows: dict[str, pa.Array] = {}
    spec = COLUMNS[raw.table]
    problems: list[LoadProblem] = []
    n = raw.n_rows
    seen: dict[str, int] = {}
    for i, name in enumerate(raw.header):
        if name == "":
            if raw.columns[i].null_count < n:
                problems.append(
                    problem(
                        "unknown_column",
                        raw.label,
                        1,
                        f"#{i + 1}",
                        f"column {i + 1} has values but no name; it is ignored",
                        "write a column name in the header row, or delete the column",
                        table=raw.table,
                        warning=True,
                    )
                )
            continue
        if name in seen:
            problems.append(
                problem(
                    "duplicate_column",
                    raw.label,
                    1,
                    name,
                    f"the column '{name}' appears twice (columns {seen[name] + 1} and {i + 1}); "
                    "only the first is read",
                    "delete or rename one of them",
                    table=raw.table,
                )
            )
            continue
        seen[name] = i
    for col in spec.required:
        if col not in seen:
            problems.append(
                problem(
                    "missing_column",
                    raw.label,
                    1,
                    col,
                    f"the required column '{col}' is missing",
                    f"{raw.table} needs the columns {', '.join(spec.required)} in the header "
                    f"row; found: {', '.join(n for n in raw.header if n) or 'nothing'}",
                    table=raw.table,
                )
            )
    extras = [c for c in seen if c not in spec.columns]
    for col in extras:
        close = difflib.get_close_matches(col, list(spec.columns), n=1)
        problems.append(
            problem(
                "unknown_column",
                raw.label,
                1,
                col,
                f"kizuna does not know the column '{col}'; it is kept but not used",
                (f"did you mean '{close[0]}'? " if close else "")
                + f"known columns: {', '.join(spec.columns)}",
                table=raw.table,
                warning=True,
            )
        )
    base = empty_frame(raw.table)
    data: dict[str, pd.Series] = {}
    for col in spec.columns:
        if col in seen:
            series, more, arrow = typed_column_arrow(
                col, raw.columns[seen[col]], label=raw.label, table=raw.table, row_of=raw.row_of
            )
            problems += more
            data[col] = series
            if arrow is not None:
                arrows[col] = arrow
        else:
            data[col] = _blank(base[col], n)
    for col in extras:
        data[col] = typed_column_arrow(
            col, raw.columns[seen[col]], label=raw.label, table=raw.table, row_of=raw.row_of
        )[0]
    frame = pd.DataFrame(data, index=pd.RangeIndex(n), copy=False)
    blank = _blank_rows(frame, [c for c in seen if c in frame])
    if blank.any():
        # rows left with nothing after normalization (only spaces in id cells): not records
        keep = ~blank
        frame = frame[keep].reset_index(drop=True)
        arrows = {c: a.filter(pa.array(keep)) for c, a in arrows.items()}
        rows = raw.rows if raw.rows is not None else np.arange(n) + 2
        raw.rows = rows[keep]
    return frame, tuple(seen), problems, arrows


def _blank_rows(frame: pd.DataFrame, columns: list[str]) -> np.ndarray:
    """Rows whose every source column is empty (``directed`` false counts as empty)."""
    blank = np.ones(len(frame), dtype=bool)
    for col in columns:
        values = frame[col]
        if values.dtype == bool:
            blank &= ~values.to_numpy(dtype=bool)
        else:
            blank &= values.isna().to_numpy(dtype=bool)
        if not blank.any():
            break
    return blank


def _blank(template: pd.Series, n: int) -> pd.Series:
    """An all-empty column of ``template``'s dtype (no copies: columns can be 5M rows)."""
    if template.dtype == bool:
        return pd.Series(np.zeros(n, dtype=bool), dtype=bool, copy=False)
    if template.dtype == object:
        return pd.Series(np.full(n, None, dtype=object), dtype=object, copy=False)
    if template.dtype == "Int64":
        empty = IntegerArray(np.zeros(n, dtype=np.int64), np.ones(n, dtype=bool))
        return pd.Series(empty, copy=False)
    return pd.Series(np.full(n, np.nan), dtype="float64", copy=False)


def assemble(read: tuple[list[RawTable], list[LoadProblem]]) -> _Read:
    """Build the :class:`Bundle` from parsed raw tables; report missing required files."""
    tables, problems = read
    frames: dict[str, pd.DataFrame] = {}
    source_columns: dict[str, tuple[str, ...]] = {}
    source_files: dict[str, str] = {}
    source_rows: dict[str, np.ndarray] = {}
    cache: ArrowCache = {}
    for raw in tables:
        frame, cols, more, arrows = frame_of(raw)
        problems += more
        cache.update({(raw.table, c): a for c, a in arrows.items()})
        frames[raw.table] = frame
        source_columns[raw.table] = cols
        source_files[raw.table] = raw.label
        if raw.rows is not None:
            source_rows[raw.table] = raw.rows
    found = {p.table for p in problems if p.code == "empty_file"} | set(frames)
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


def raw_from_cells(
    label: str, table: str, header: list[str], rows: list[list[str | None]], numbers: list[int]
) -> RawTable:
    """A :class:`RawTable` from Python cells (Excel sheets, JSON records)."""
    width = len(header)
    columns: list[pa.Array | pa.ChunkedArray] = [
        pa.array([r[i] if i < len(r) else None for r in rows], type=pa.string())
        for i in range(width)
    ]
    return RawTable(label, table, header, columns, np.asarray(numbers, dtype=np.int64))
