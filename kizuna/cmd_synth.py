"""`kizuna synth`: write a synthetic national cluster network (thin over kizuna.synth)."""

from __future__ import annotations

from pathlib import Path

import click

from kizuna.config import command_hint
from kizuna.options import data_dir_option, settings_for


def _format_of(out: Path, fmt: str | None) -> str:
    if fmt:
        return fmt
    suffix = out.suffix.lower()
    return {".zip": "zip", ".xlsx": "xlsx"}.get(suffix, "csv")


@click.command()
@click.option(
    "--orgs",
    "n_orgs",
    type=click.IntRange(min=1),
    required=True,
    help="Number of organizations (50 to 5,000,000).",
)
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed.")
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=True, dir_okay=True),
    required=True,
    help="Bundle folder to write (or a .zip / .xlsx file).",
)
@click.option(
    "--ties-per-org",
    type=float,
    default=5.0,
    show_default=True,
    help="Ties per organization (average degree is twice this).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "zip", "xlsx"]),
    default=None,
    help="csv: a folder of CSV files (default); zip: one .zip file; xlsx: one Excel "
    "workbook (small networks only). Default: from the --out ending.",
)
@click.option("--overwrite", is_flag=True, help="Replace a bundle already in --out.")
@data_dir_option
def synth(
    n_orgs: int,
    seed: int,
    out: Path,
    ties_per_org: float,
    fmt: str | None,
    overwrite: bool,
    data_dir: Path | None,
) -> None:
    """Write a synthetic national cluster network (合成ネットワーク) for scale tests.

    The network has the shape of the seed: 18 clusters from Hokkaido to Okinawa (more
    for big sizes), dense ties inside clusters, a few hubs, sparse cross-region ties
    between cluster bodies and coordinators, programs across clusters.  The same seed
    always gives the same files; every row has source_ref synth:<seed>.

    \b
    Example:
        kizuna synth --orgs 10000 --seed 1 --out synth-10k
        kizuna store start --data-dir synth-10k-store
        kizuna load synth-10k --data-dir synth-10k-store
    """
    from kizuna.synth.network import write_synth

    fmt = _format_of(out, fmt)
    click.echo(f"Generating {n_orgs:,} organizations (seed {seed}) …", err=True)
    summary = write_synth(
        out, n_orgs, seed=seed, ties_per_org=ties_per_org, fmt=fmt, overwrite=overwrite
    )
    click.echo(f"Wrote {out} in {summary.seconds:.1f} s:")
    for file, rows in summary.rows.items():
        click.echo(f"  {file + '.csv':<18} {rows:>12,} rows")
    click.echo(f"  ties inside a cluster: {summary.within_cluster_share:.1%}")
    for line in next_steps(out, data_dir):
        click.echo(line)


def next_steps(out: Path, data_dir: Path | None) -> list[str]:
    """What to run next: load the synthetic network into a store of its own.

    Synthetic organizations must not mix with a real network, so without ``--data-dir``
    the hint names a separate data directory beside the bundle, and says how to replace a
    store's contents instead.
    """
    if data_dir is not None:
        settings = settings_for(data_dir)
        return [
            "Next (the store of --data-dir; --replace clears what it holds first):",
            f"  {command_hint(settings, 'store start')}",
            f"  {command_hint(settings, f'load {out} --replace')}",
            f"  {command_hint(settings, 'serve')}",
        ]
    own = settings_for(out.with_name(out.stem + "-store"))
    return [
        "Next, in a store of its own (so it does not mix with the network you work on):",
        f"  {command_hint(own, 'store start')}",
        f"  {command_hint(own, f'load {out}')}",
        f"  {command_hint(own, 'serve')}",
        f"Or replace what your usual store holds: kizuna load {out} --replace",
    ]
