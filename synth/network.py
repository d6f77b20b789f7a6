"""Synthetic national cluster networks in the bundle format, for scale tests and demos.

:func:`synthesize` returns a :class:`graph.bundle.Bundle`; :func:`write_synth` streams the
same network to a CSV bundle folder in chunks, so 1,000,000 organizations and 5,000,000
ties are written in bounded memory.  Both are deterministic: the same arguments give the
same rows, and :func:`write_synth` byte-identical files (with the same numpy: its
``Generator`` streams may change between numpy versions).

The network is calibrated on the seed document's structure (the program's 18 projects
from Hokkaido to Okinawa, a few overseas partners, cluster bodies and coordinator roles):
see :mod:`synth.edges` for the tie model and :mod:`synth.tables` for
the calibration tables.  Every row carries ``source_ref`` ``synth:<seed>``.
"""

from __future__ import annotations

import logging
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from kizuna.graph.bundle import (
    BOOL_COLUMNS,
    COLUMNS,
    FLOAT_COLUMNS,
    YEAR_COLUMNS,
    Bundle,
    empty_frame,
)
from kizuna.graph.errors import KizunaError
from kizuna.synth.edges import generate
from kizuna.synth.model import SynthParams
from kizuna.synth.text import FILES, WRITTEN, Text

log = logging.getLogger(__name__)

#: Smallest network the generator makes (a few clusters with a handful of members each).
MIN_ORGS = 50
MAX_ORGS = 5_000_000
EXCEL_ROWS = 1_048_576  # rows of one sheet, the header included


@dataclass
class SynthSummary:
    """What :func:`write_synth` wrote."""

    out_dir: Path
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    within_cluster_share: float = 0.0


def _params(n_orgs: int, seed: int, ties_per_org: float, **options: float) -> SynthParams:
    if not MIN_ORGS <= n_orgs <= MAX_ORGS:
        raise KizunaError(
            f"--orgs must be between {MIN_ORGS} and {MAX_ORGS:,} (got {n_orgs:,}); "
            "choose a size in that range."
        )
    if not 0.5 <= ties_per_org <= 50:
        raise KizunaError(
            f"--ties-per-org must be between 0.5 and 50 (got {ties_per_org}); "
            "5 gives an average of 10 ties per organization."
        )
    if seed < 0:
        raise KizunaError(f"--seed must be 0 or more (got {seed}).")
    within = options.get("within_share", 0.87)
    gamma = options.get("degree_exponent", 2.8)
    if not (0.0 <= within <= 1.0 and 2.0 < gamma <= 10.0):
        raise KizunaError(
            f"within_share must be in [0, 1] and degree_exponent in (2, 10] "
            f"(got {within}, {gamma})."
        )
    return SynthParams(n_orgs=n_orgs, seed=seed, ties_per_org=ties_per_org, **options)  # type: ignore[arg-type]


def _canonical(table: pa.Table, file: str) -> pd.DataFrame:
    """An Arrow table as a Bundle frame: canonical columns and dtypes, text as object."""
    out: dict[str, object] = {}
    n = table.num_rows
    for col in COLUMNS[file].columns:
        if col not in table.column_names:
            empty = empty_frame(file)[col]
            fill = {"object": None, "float64": np.nan}.get(str(empty.dtype), pd.NA)
            out[col] = pd.Series([fill] * n, dtype=empty.dtype)
            continue
        arr = table.column(col).combine_chunks()
        if col in FLOAT_COLUMNS:
            out[col] = pd.Series(arr.to_numpy(zero_copy_only=False), dtype="float64")
        elif col in YEAR_COLUMNS:
            ints = pc.fill_null(arr, 0).to_numpy(zero_copy_only=False).astype("int64")
            mask = arr.is_null().to_numpy(zero_copy_only=False)
            out[col] = pd.arrays.IntegerArray(ints, mask)
        elif col in BOOL_COLUMNS:
            out[col] = pd.Series(arr.to_numpy(zero_copy_only=False), dtype="bool")
        else:
            out[col] = pd.Series(_objects(arr), dtype="object")  # not pandas' str dtype
    return pd.DataFrame(out)


def _objects(arr: pa.Array) -> np.ndarray:
    """Text as an object array of str/None; equal values share one str object."""
    enc = pc.dictionary_encode(arr)
    values = np.empty(len(enc.dictionary) + 1, dtype=object)  # last slot: None for nulls
    values[:-1] = enc.dictionary.to_numpy(zero_copy_only=False)
    index = pc.fill_null(enc.indices, -1).to_numpy(zero_copy_only=False)
    return np.asarray(values[index])


def synthesize(
    n_orgs: int,
    *,
    seed: int = 0,
    ties_per_org: float = 5.0,
    within_share: float = 0.87,
    degree_exponent: float = 2.8,
) -> Bundle:
    """A synthetic national cluster network as an in-memory bundle.

    Parameters
    ----------
    n_orgs : int
        Number of organizations (nodes), 50 … 5,000,000; includes one cluster body and
        one coordinator role per cluster and a few overseas partner bodies.
    seed : int
        Random seed; the same arguments always give the same bundle.
    ties_per_org : float
        Ties per organization, m ≈ n·ties_per_org (average degree 2·ties_per_org).
    within_share : float
        Share of ties inside a cluster (0.87 in the analytics benchmarks).
    degree_exponent : float
        Exponent γ of the degree tail, P(k) ∝ k^−γ (2.8).

    Returns
    -------
    Bundle
        All five files, canonical columns and dtypes.

    Notes
    -----
    A degree-corrected planted partition (Karrer & Newman): K = max(18, n/500) clusters
    with lognormal sizes; node propensity θ_i ~ Pareto(γ − 1) times a factor per kind;
    a tie inside cluster c joins i, j with probability ∝ θ_i θ_j, cluster c receiving a
    share Σ_{i∈c} θ_i / Σ θ of the within-cluster ties.  The remaining ties join
    different clusters of one region or different regions, their ends drawn
    ∝ θ_i·b(kind_i), b favouring cluster bodies and coordinators.  Repeated pairs and
    self-ties are redrawn, so the undirected simple graph has ≈ m edges.

    References
    ----------
    B. Karrer and M. E. J. Newman, "Stochastic blockmodels and community structure in
    networks", Phys. Rev. E 83, 016107 (2011).

    Examples
    --------
    >>> b = synthesize(1000, seed=1)
    >>> len(b.nodes), b.nodes["id"].is_unique
    (1000, True)
    """
    a = generate(
        _params(
            n_orgs, seed, ties_per_org, within_share=within_share, degree_exponent=degree_exponent
        )
    )
    return _bundle(Text(a))


def _bundle(text: Text) -> Bundle:
    frames = {}
    for file in FILES:
        table = pa.concat_tables(list(text.chunks(file, 1_000_000)))
        frames[file] = _canonical(table, file)
    return Bundle(
        nodes=frames["nodes"],
        ties=frames["ties"],
        clusters=frames["clusters"],
        programs=frames["programs"],
        participation=frames["participation"],
        present=frozenset(FILES),
        source_columns={f: WRITTEN[f] for f in FILES},
    )


def write_synth(
    out: str | Path,
    n_orgs: int,
    *,
    seed: int = 0,
    ties_per_org: float = 5.0,
    within_share: float = 0.87,
    degree_exponent: float = 2.8,
    fmt: str = "csv",
    overwrite: bool = False,
    chunk_rows: int = 500_000,
) -> SynthSummary:
    """Generate a synthetic network and write it as a bundle, chunk by chunk.

    Parameters
    ----------
    out : str or Path
        The bundle folder (``fmt="csv"``), or the ``.zip`` / ``.xlsx`` file to write.
    n_orgs, seed, ties_per_org, within_share, degree_exponent
        As in :func:`synthesize`.
    fmt : {"csv", "zip", "xlsx"}
        A folder of CSV files, one zip holding them, or one Excel workbook (one sheet per
        file; only up to Excel's 1,048,576 rows a sheet, built in memory).
    overwrite : bool
        Replace existing bundle files; without it an existing bundle is never touched.
    chunk_rows : int
        Rows turned into text at a time (bounds the memory).

    Returns
    -------
    SynthSummary
        Rows written per file, seconds, and the share of ties inside a cluster.

    Raises
    ------
    KizunaError
        Bad size or options, or ``out`` already holds a bundle (without ``overwrite``).

    Notes
    -----
    Files are UTF-8 with a BOM (so Excel shows the Japanese names); the same arguments
    give byte-identical CSV and zip files (zip entries carry a fixed date).  A workbook
    holds the same rows but records its creation time.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     s = write_synth(d, 200, seed=3)
    >>> s.rows["nodes"]
    200
    """
    start = time.perf_counter()
    p = _params(
        n_orgs, seed, ties_per_org, within_share=within_share, degree_exponent=degree_exponent
    )
    if fmt not in ("csv", "zip", "xlsx"):
        raise KizunaError(f"Unknown format '{fmt}': choose csv (a folder), zip or xlsx.")
    target = Path(out)
    if fmt == "xlsx" and max(n_orgs, round(n_orgs * ties_per_org)) >= EXCEL_ROWS:
        raise KizunaError(
            f"{n_orgs:,} organizations with {ties_per_org:g} ties each do not fit in an Excel "
            f"sheet ({EXCEL_ROWS:,} rows); write a CSV folder or a .zip instead."
        )
    _check_target(target, fmt, overwrite)
    a = generate(p)
    text = Text(a)
    summary = SynthSummary(out_dir=target)
    if fmt == "csv":
        for file in FILES:
            with open(target / f"{file}.csv", "wb") as fh:
                _write_csv(fh, text, file, chunk_rows)
    else:
        tmp = target.with_name(target.name + ".partial")
        try:
            if fmt == "zip":
                _write_zip(tmp, text, chunk_rows)
            else:
                from kizuna.loaders.writers import write_bundle

                write_bundle(_bundle(text), tmp, fmt="xlsx")
            tmp.replace(target)
        finally:
            tmp.unlink(missing_ok=True)
    for file in FILES:
        summary.rows[file] = text.rows(file)
    log.info("synth: wrote %s %s", target, summary.rows)
    inside = (a.cluster[a.src] == a.cluster[a.dst]) & (a.cluster[a.src] >= 0)
    summary.within_cluster_share = float(inside.mean()) if len(inside) else 0.0
    summary.seconds = time.perf_counter() - start
    return summary


def _write_zip(path: Path, text: Text, chunk_rows: int) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        for file in FILES:
            info = zipfile.ZipInfo(f"{file}.csv", date_time=(2012, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            with zf.open(info, "w", force_zip64=True) as fh:
                _write_csv(fh, text, file, chunk_rows)


def _check_target(target: Path, fmt: str, overwrite: bool) -> None:
    """Refuse to replace an existing bundle unless asked; create the folder."""
    if fmt in ("zip", "xlsx"):
        if target.suffix.lower() != f".{fmt}":
            raise KizunaError(f"The {fmt} output must end in .{fmt} (got {target}).")
        if target.exists() and not overwrite:
            raise KizunaError(f"{target} already exists; add --overwrite to replace it.")
        folder = target.parent
    else:
        existing = [f"{f}.csv" for f in FILES if (target / f"{f}.csv").exists()]
        if existing and not overwrite:
            raise KizunaError(
                f"The folder {target} already holds a bundle ({', '.join(existing)}); "
                "choose an empty folder or add --overwrite."
            )
        folder = target
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise KizunaError(
            f"Cannot create the folder {folder}: {exc.strerror}. Choose another --out."
        ) from exc


def _write_csv(fh: IO[bytes], text: Text, file: str, chunk_rows: int) -> None:
    fh.write("\ufeff".encode())
    writer: pacsv.CSVWriter | None = None
    for table in text.chunks(file, chunk_rows):
        table = table.select(list(WRITTEN[file]))
        if writer is None:
            writer = pacsv.CSVWriter(fh, table.schema)
        writer.write_table(table)
    if writer is not None:
        writer.close()
