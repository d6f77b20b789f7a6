"""`kizuna enrich BUNDLE --out OUT`: registry facts filled into a copy of a bundle."""

from __future__ import annotations

from pathlib import Path

import click

from kizuna.options import data_dir_option, settings_for


@click.command()
@click.argument("bundle", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--out",
    required=True,
    type=click.Path(path_type=Path),
    help="Where the enriched bundle goes (a folder; .zip or .xlsx also work).",
)
@data_dir_option
def enrich(bundle: Path, out: Path, data_dir: Path | None) -> None:
    """Fill corporate numbers, addresses, kana and English names from the registry.

    Organizations are matched by corporate number, else by name within their
    prefecture. Values the bundle has are never overwritten. OUT/enrich-report.csv
    says, per organization, how it was matched (number, name_prefecture, candidates,
    none), whether it is closed and its successor.

    \b
    Example:
        kizuna registry add 13_tokyo_all_20240329.zip
        kizuna enrich data/examples/tiny --out tiny-enriched
    """
    from kizuna.registry.enrich import enrich as run
    from kizuna.registry.enrich import report_path

    settings = settings_for(data_dir)
    result = run(bundle, out, settings.data_dir)
    counts = ", ".join(f"{k} {v}" for k, v in result.counts.items())
    filled = ", ".join(f"{k} {v}" for k, v in result.filled.items() if v) or "nothing"
    click.echo(f"{len(result.report)} organizations: {counts}.")
    click.echo(f"Filled: {filled}.")
    click.echo(f"Wrote {out} and {report_path(out)}.")
