"""`kizuna report`: hub-role reports per cluster or organization (HTML, PDF, Excel, Markdown)."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path

import click

from kizuna.graph.bundle import Bundle
from kizuna.graph.errors import ConfigError
from kizuna.options import data_dir_option, settings_for

logger = logging.getLogger(__name__)


def _read_input(path: Path) -> tuple[Bundle, str]:
    """The bundle at ``path`` and its data date: its files' newest time, in JST."""
    from kizuna.analytics.inputs import canonical_order
    from kizuna.loaders import open_bundle
    from kizuna.loaders.readers import bundle_mtime
    from kizuna.reports.i18n import jst

    bundle = canonical_order(open_bundle(path, strict=False))  # as from the store
    return bundle, jst(datetime.fromtimestamp(bundle_mtime(path), tz=UTC))


def _read_store(data_dir: Path | None = None) -> tuple[Bundle, str]:
    """The stored bundle (of ``--data-dir``, else the configured store) and its data date:
    the store's last load, in JST."""
    from kizuna.reports.i18n import jst
    from kizuna.store_access import opened_store

    with opened_store(settings_for(data_dir)) as store:
        bundle = store.read_bundle()
        loaded = store.loaded_at()
    return bundle, jst(datetime.fromtimestamp(loaded, tz=UTC)) if loaded else ""


@click.command()
@click.option("--cluster", "clusters", multiple=True, help="Cluster id (repeatable), e.g. tama.")
@click.option("--org", "orgs", multiple=True, help="Organization id of a hub (repeatable).")
@click.option("--all", "all_clusters", is_flag=True, help="One report per cluster.")
@click.option(
    "--format",
    "formats",
    default="html",
    show_default=True,
    help="Comma-separated: pdf,html,xlsx,md.",
)
@click.option(
    "--lang",
    "langs",
    default="ja",
    show_default=True,
    help="Report language: ja, en, or both (ja,en).",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("reports-out"),
    show_default=True,
    help="Folder for the report files (created if missing).",
)
@click.option(
    "--input",
    "input_path",
    type=click.Path(exists=True, path_type=Path),
    help="Read this bundle (folder, .zip or .xlsx) instead of the store.",
)
@data_dir_option
def report(
    clusters: tuple[str, ...],
    orgs: tuple[str, ...],
    all_clusters: bool,
    formats: str,
    langs: str,
    out_dir: Path,
    input_path: Path | None,
    data_dir: Path | None,
) -> None:
    """Write hub-role reports for committees: page 1's key findings, summary, hubs and
    brokers, cross-cluster gaps, partner suggestions, the national map, method notes and
    the sources cited. The data date (the store's last load, or the --input files' time)
    is given in Japan time.

    \b
    Examples:
        kizuna report --cluster tama --format pdf --lang ja --out reports/
        kizuna report --all --format xlsx,html --lang en --out reports/
        kizuna report --org body_tama --format pdf,md --lang ja,en --input data/seed
    """
    from kizuna.reports.build import build_cluster_report, build_org_report, known_clusters
    from kizuna.reports.render import check_formats, parse_formats, write_report

    wanted = parse_formats(formats)
    check_formats(wanted)  # every format can be made here, before the first file is written
    languages = [code.strip().lower() for code in langs.split(",") if code.strip()]
    if not languages or any(code not in ("ja", "en") for code in languages):
        raise ConfigError(f"Unknown report language {langs!r}: use ja, en or ja,en.")
    if not (clusters or orgs or all_clusters):
        raise ConfigError(
            "Say which report to write: --cluster ID, --org ID or --all "
            "(e.g. kizuna report --cluster tama --format pdf)."
        )
    bundle, snapshot = _read_input(input_path) if input_path else _read_store(data_dir)
    if bundle.node_count == 0:
        raise ConfigError(
            "There are no organizations in the data. Load a bundle first "
            "(kizuna load data/seed) or pass one with --input."
        )
    if all_clusters:
        clusters = tuple(dict.fromkeys((*clusters, *known_clusters(bundle))))
    from kizuna.analytics.api import analyze

    analysis = analyze(bundle)
    count = 0
    for lang in languages:
        docs = [
            build_cluster_report(bundle, c, lang=lang, analysis=analysis, snapshot=snapshot)
            for c in clusters
        ] + [
            build_org_report(bundle, o, lang=lang, analysis=analysis, snapshot=snapshot)
            for o in orgs
        ]
        for doc in docs:
            for path in write_report(doc, out_dir, wanted):
                click.echo(str(path))
                count += 1
    logger.info("%d files written to %s", count, out_dir)
