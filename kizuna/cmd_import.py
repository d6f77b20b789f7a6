"""`kizuna import members FILE --cluster ID --out OUT`: a member list as a bundle."""

from __future__ import annotations

from pathlib import Path

import click

from kizuna.options import data_dir_option


@click.group("import")
def import_group() -> None:
    """Bring outside lists into kizuna bundles.

    \b
    Example:
        kizuna import members 会員名簿.xlsx --cluster tama --out tama-members
    """


@import_group.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--cluster", required=True, help="Id of the cluster the members belong to.")
@click.option(
    "--out",
    required=True,
    type=click.Path(path_type=Path),
    help="The bundle to write (a folder; an existing bundle there is added to).",
)
@click.option(
    "--map",
    "mapping",
    default=None,
    help="Which column is which, when not recognized: 'name=会社名,prefecture=所在地,...'.",
)
@data_dir_option
def members(
    file: Path, cluster: str, out: Path, mapping: str | None, data_dir: Path | None
) -> None:
    """Import a member list (会員名簿, .xlsx or .csv in UTF-8 or Shift_JIS).

    Headers are recognized in Japanese or English (会社名 / 企業名 / 法人名 / 団体名 / 名称 /
    name; 所在地 / 住所 / address; 都道府県; 法人番号; 業種 / 分野; 種別; 入会年度 …).
    Each organization gets cluster=ID, a kind guessed from its name, the prefecture
    of its address and a membership tie to the cluster's body. OUT/import-report.csv
    lists every row (added, merged, skipped) and the columns not recognized.

    \b
    Example:
        kizuna import members 会員名簿.xlsx --cluster tama --out tama-members
        kizuna import members list.csv --cluster tama --out b --map 'name=Firm,address=HQ'
    """
    from kizuna.registry.memberfile import parse_map
    from kizuna.registry.members import import_members, report_path

    result = import_members(file, cluster, out, parse_map(mapping))
    for header in result.unknown_headers:
        click.echo(
            f"Warning: {file.name}: column '{header}' not recognized, not imported", err=True
        )
    unsure = sum(1 for r in result.report if "kind unsure" in str(r.get("note")))
    click.echo(
        f"{file.name}: {result.added} organizations added, {result.merged} already known, "
        f"{result.skipped} rows skipped; {unsure} with kind unsure (other)."
    )
    made = {
        "out": f" (the cluster's body already in {out})",
        "seed": " (the seed's cluster row and body, added to the bundle)",
        "created": " (cluster and body created: give the body its real name in nodes.csv)",
    }.get(result.body_origin, "")
    click.echo(f"Membership ties to {result.body}{made}. Wrote {out} and {report_path(out)}.")
