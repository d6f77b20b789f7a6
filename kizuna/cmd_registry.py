"""`kizuna registry add|status`: the national corporate-number registry of a data directory."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from kizuna.options import data_dir_option, settings_for


@click.group()
def registry() -> None:
    """The NTA corporate-number registry (法人番号 基本3情報), kept under the data directory.

    \b
    Example:
        kizuna registry add 13_tokyo_all_20240329.zip diff_20240401.zip
        kizuna registry status --json
    """


@contextmanager
def _progress() -> Iterator[Callable[[str, int], None] | None]:
    """A rich spinner with the rows read on stderr when it is a terminal, else nothing."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn

    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task("reading", total=None)

        def update(name: str, rows: int) -> None:
            bar.update(task, description=f"{name}: {rows:,} rows")

        yield update


@registry.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@data_dir_option
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def add(files: tuple[Path, ...], data_dir: Path | None, as_json: bool) -> None:
    """Add NTA download files: the .zip as downloaded, or the .csv inside it.

    Full files (全件, per prefecture or national) and difference files (差分) are applied
    in date order; a later row for a corporate number replaces the earlier one. Adding a
    file twice changes nothing. A bad file or row stops everything: nothing is added.

    \b
    Example:
        kizuna registry add 13_tokyo_all_20240329.zip
        kizuna registry add --data-dir ./kizuna-data diff_20240401.zip diff_20240402.zip
    """
    from kizuna.registry.store import add_files

    settings = settings_for(data_dir)
    with _progress() as progress:
        results, status = add_files(settings.data_dir, list(files), progress=progress)
    if as_json:
        click.echo(
            json.dumps(
                {"added": [r.as_dict() for r in results], "rows_held": status["rows_held"]},
                ensure_ascii=False,
            )
        )
        return
    for r in results:
        if r.skipped:
            click.echo(f"{r.name}: already added (same file), nothing changed")
        else:
            click.echo(
                f"{r.name}: {r.rows:,} rows ({r.kind}, as of {r.as_of}, {r.encoding}), "
                f"{r.changed:,} new or changed"
            )
    click.echo(f"The registry holds {status['rows_held']:,} organizations ({status['registry']}).")


@registry.command()
@data_dir_option
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def status(data_dir: Path | None, as_json: bool) -> None:
    """Show the files added, their as-of dates and the rows the registry holds.

    \b
    Example:
        kizuna registry status --json
    """
    from kizuna.registry.store import Registry

    settings = settings_for(data_dir)
    with Registry.open(settings.data_dir) as reg:
        data = reg.status()
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False))
        return
    click.echo(f"registry:  {data['registry']}")
    click.echo(f"as of:     {data['as_of']}")
    click.echo(f"rows held: {data['rows_held']:,} (closed {data['closed']:,})")
    click.echo(f"files:     {len(data['files'])}")
    for f in data["files"]:
        click.echo(f"  {f['name']}  {f['kind']:<7} as of {f['as_of']}  {f['rows']:>10,} rows")
