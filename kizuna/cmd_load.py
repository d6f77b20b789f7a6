"""`kizuna load` and `kizuna export`: bundles into and out of the graph store.

Argument parsing and printing only: reading, checking and loading are
:mod:`kizuna.loaders.load` (read through :func:`kizuna.loaders.open_bundle`).
"""

from __future__ import annotations

import json
import logging
import shlex
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from kizuna.config import command_hint
from kizuna.graph.bundle import Bundle
from kizuna.graph.errors import LoadStopped
from kizuna.graph.store import BATCH_SIZE, GraphStore, Progress
from kizuna.loaders.load import LoadResult, check_for_load
from kizuna.loaders.load import load_bundle as load_library
from kizuna.options import data_dir_option, settings_for

logger = logging.getLogger(__name__)


def load_bundle(
    store: GraphStore,
    path: Path,
    *,
    replace: bool = False,
    batch_size: int = BATCH_SIZE,
    progress: Progress | None = None,
    app_cache: Path | None = None,
) -> LoadResult:
    """:func:`kizuna.loaders.load.load_bundle`; with ``app_cache``, an exact load is kept
    there as the app's snapshot of the new store version (``kizuna serve`` then opens
    without reading the store back)."""
    after = None
    if app_cache is not None:
        from kizuna.dashboard.store_source import prime_app_cache

        def after(bundle: Bundle) -> object:
            return prime_app_cache(store, bundle, app_cache)

    return load_library(
        store,
        path,
        replace=replace,
        batch_size=batch_size,
        progress=progress,
        after_exact_load=after,
    )


@contextmanager
def progress_bar(enabled: bool, label: str) -> Iterator[Progress | None]:
    """A rich progress bar on stderr when it is a terminal, else nothing."""
    if not enabled or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task(label, total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update


def print_problems(result: LoadResult) -> None:
    errors = result.errors
    if errors:
        click.echo(
            f"{len(errors)} problem(s) in {result.path}; nothing was written. Fix them and run "
            "the command again:",
            err=True,
        )
        for p in errors:
            click.echo(f"  - {p}", err=True)
    for p in result.warnings:
        click.echo(f"  warning: {p}", err=True)


def print_summary(result: LoadResult, *, checked_only: bool) -> None:
    print_problems(result)
    if result.probable_duplicates:
        click.echo(
            f"{len(result.probable_duplicates)} pair(s) of organizations look like the same "
            "one (not merged; check them and merge in the bundle if they are):"
        )
        for pair in result.probable_duplicates[:50]:
            click.echo(
                f"  - {pair['id_a']} ({pair.get('name_a')}) ~ {pair['id_b']} "
                f"({pair.get('name_b')}): {pair['reason']}"
            )
        if len(result.probable_duplicates) > 50:
            click.echo(f"  … and {len(result.probable_duplicates) - 50} more (see --json)")
    if checked_only:
        if not result.errors:
            click.echo(f"{result.path} is valid.")
        return
    report = result.report
    if report is None:
        return
    click.echo(f"Loaded {result.path} in {report.seconds:.1f} s.")
    click.echo(f"  {'':<16}{'before':>10}{'after':>10}")
    for key, after in result.counts_after.items():
        click.echo(f"  {key:<16}{result.counts_before.get(key, 0):>10,}{after:>10,}")
    for w in report.warnings:
        click.echo(f"  warning: {w}")


@click.command()
@click.argument("bundle", type=click.Path(exists=True, path_type=Path))
@click.option("--check", is_flag=True, help="Only validate; write nothing.")
@click.option("--replace", is_flag=True, help="Empty the store before loading.")
@click.option(
    "--batch-size", default=BATCH_SIZE, show_default=True, type=click.IntRange(1, 100_000)
)
@data_dir_option
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def load(
    bundle: Path,
    check: bool,
    replace: bool,
    batch_size: int,
    data_dir: Path | None,
    as_json: bool,
) -> None:
    """Validate a bundle (folder, .zip or .xlsx) and load it into the store.

    Nothing is written unless the whole bundle is valid; every problem is listed with its
    file, row and column. Loading the same bundle again changes nothing.

    \b
    Examples:
        kizuna load data/examples/tiny
        kizuna load network.xlsx --check        # validate only
        kizuna load snapshot.zip --replace --json
    """
    if check:
        _, result = check_for_load(bundle)
    else:
        from kizuna.store_access import opened_store

        settings = settings_for(data_dir)
        try:
            with (
                opened_store(settings) as store,
                progress_bar(not as_json, "loading") as progress,
            ):
                result = load_bundle(
                    store,
                    bundle,
                    replace=replace,
                    batch_size=batch_size,
                    progress=progress,
                    app_cache=settings.data_dir / "app-cache",
                )
        except LoadStopped as exc:
            exc.rerun = command_hint(settings, f"load --replace {shlex.quote(str(bundle))}")
            raise
    if as_json:
        click.echo(json.dumps(result.as_dict(), ensure_ascii=False, indent=2, default=str))
    else:
        print_summary(result, checked_only=check)
    if result.errors:
        raise SystemExit(1)


#: Output formats of `kizuna export`: bundles, then graph files for Gephi / Cytoscape / yEd.
EXPORT_FORMATS = ("csv", "xlsx", "zip", "gexf", "graphml")


def export_format(out: Path, fmt: str | None) -> str:
    """``fmt``, else the one ``out``'s ending names (``.zip``, ``.xlsx``, ``.gexf``,
    ``.graphml``), else ``csv`` (a folder)."""
    suffix = out.suffix.lower()[1:]
    return fmt or (suffix if suffix in EXPORT_FORMATS and suffix != "csv" else "csv")


def export_bundle(input_path: Path | None, data_dir: Path | None) -> Bundle:
    """The bundle to export: ``input_path`` read and validated, else the store's."""
    if input_path is not None:
        bundle, result = check_for_load(input_path)
        if result.errors:
            print_problems(result)
            raise SystemExit(1)
        return bundle
    from kizuna.store_access import opened_store

    with opened_store(settings_for(data_dir)) as store:
        return store.read_bundle()


@click.command()
@click.option("--out", required=True, type=click.Path(path_type=Path), help="Output path.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(EXPORT_FORMATS),
    default=None,
    help="csv folder (default), one xlsx workbook, a zip of the csv files, "
    "gexf (Gephi) or graphml (Cytoscape, yEd); default from --out's ending.",
)
@click.option(
    "--input",
    "input_path",
    type=click.Path(exists=True, path_type=Path),
    help="Bundle (folder, .zip or .xlsx) to export instead of the store.",
)
@click.option(
    "--with-metrics",
    is_flag=True,
    help="gexf/graphml: add the node columns of `kizuna analyze` (betweenness, role, …).",
)
@data_dir_option
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def export(
    out: Path,
    fmt: str | None,
    input_path: Path | None,
    with_metrics: bool,
    data_dir: Path | None,
    as_json: bool,
) -> None:
    """Write the stored network (or --input BUNDLE) as a bundle or a graph file.

    A bundle has the same files and columns as loaded. GEXF and GraphML hold every
    organization and tie with its attributes; GEXF adds the app's colours and layout and
    the tie years for Gephi's timeline.

    \b
    Examples:
        kizuna export --out snapshot/
        kizuna export --out snapshot.xlsx --format xlsx
        kizuna export --out network.gexf --with-metrics
        kizuna export --input data/seed --out seed.graphml
    """
    fmt = export_format(out, fmt)
    from kizuna.interop.graphfiles import GRAPH_FORMATS

    if with_metrics and fmt not in GRAPH_FORMATS:
        raise click.UsageError("--with-metrics needs --format gexf or graphml.")
    bundle = export_bundle(input_path, data_dir)
    if fmt in GRAPH_FORMATS:
        from kizuna.interop.graphfiles import write_graph_file

        metrics = None
        if with_metrics:
            from kizuna.analytics.api import analyze

            metrics = analyze(bundle).nodes
        path = write_graph_file(bundle, out, fmt, metrics=metrics)
        rows = {"nodes": len(bundle.nodes), "ties": len(bundle.ties)}
    else:
        from kizuna.loaders.writers import write_bundle

        path = write_bundle(bundle, out, fmt=fmt)
        rows = {f: len(bundle.frame(f)) for f in sorted(bundle.present)}
    if as_json:
        click.echo(json.dumps({"out": str(path), "format": fmt, "rows": rows}))
    else:
        click.echo(f"Wrote {path}: " + ", ".join(f"{f} {n:,}" for f, n in rows.items()))
