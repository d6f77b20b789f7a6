"""`kizuna analyze` and `kizuna partners`: thin commands over :mod:`analytics`."""

from __future__ import annotations

import json
import logging
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from kizuna.graph.bundle import Bundle, GraphFilter
from kizuna.options import data_dir_option, settings_for

log = logging.getLogger(__name__)


def _analysis_bundle(
    input_path: Path | None, graph_filter: GraphFilter, data_dir: Path | None = None
) -> Bundle:
    """The bundle ``analyze`` works on: the input (lean when big) or the store's."""
    from kizuna.analytics.inputs import read_for_analysis, slim

    if input_path is not None:
        return read_for_analysis(input_path)
    return slim(_store_bundle(graph_filter, data_dir))


def _store_bundle(graph_filter: GraphFilter, data_dir: Path | None = None) -> Bundle:
    """The store's bundle (of ``--data-dir``, else the configured one)."""
    from kizuna.store_access import opened_store

    with opened_store(settings_for(data_dir)) as store:
        return store.read_bundle(graph_filter)


def _write_to_store(nodes: Any, meta: dict[str, Any], data_dir: Path | None = None) -> None:
    from kizuna.store_access import opened_store

    with opened_store(settings_for(data_dir)) as store:
        written = store.write_metrics(
            nodes, analyzed_at=str(meta.get("computed_at")), version=str(meta.get("version"))
        )
    click.echo(f"Wrote the metrics of {written} organizations to the store.", err=True)


def _timed(into: dict[str, float], fn: Callable[[], Bundle]) -> Bundle:
    """fn() (reading the input), its seconds kept in ``into["seconds"]`` and logged."""
    t0 = time.perf_counter()
    out = fn()
    into["seconds"] = round(time.perf_counter() - t0, 3)
    log.info("read: %.2f s", into["seconds"])
    return out


@click.command()
@click.option(
    "--input",
    "input_path",
    type=click.Path(exists=True, path_type=Path),
    help="Bundle folder (or file) to analyse directly, without the store.",
)
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(path_type=Path),
    help="Output folder (created if missing).",
)
@click.option("--region", multiple=True, help="Only organizations in this region (repeatable).")
@click.option("--since", type=int, help="Only ties active in or after this year.")
@click.option("--until", type=int, help="Only ties active in or before this year.")
@click.option("--with-programs", is_flag=True, help="Add co_participation ties from programs.")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed for sampling.")
@click.option(
    "--exact-max",
    type=int,
    default=20_000,
    show_default=True,
    help="Exact betweenness up to this many organizations; sampled above.",
)
@click.option(
    "--betweenness-k",
    type=int,
    default=None,
    help="Sources sampled above --exact-max (default 256; 64 at 5M links).",
)
@click.option("--contract-only", is_flag=True, help="Only the contract columns (faster).")
@click.option(
    "--write",
    "write_back",
    is_flag=True,
    help="Also set the nodes.csv columns as properties of the stored organizations.",
)
@data_dir_option
def analyze(
    input_path: Path | None,
    out_dir: Path,
    region: tuple[str, ...],
    since: int | None,
    until: int | None,
    with_programs: bool,
    seed: int,
    exact_max: int,
    betweenness_k: int | None,
    contract_only: bool,
    write_back: bool,
    data_dir: Path | None,
) -> None:
    """Analyse the network and write nodes.csv, cluster_pairs.csv, bridges.csv, meta.json.

    \b
    Examples:
        kizuna analyze --input data/examples/tiny --out out/
        kizuna analyze --out out/ --region kanto --since 2005 --until 2009
        kizuna analyze --out out/ --write   # then: MATCH (o:Organization) RETURN o.betweenness
    """
    from kizuna.analytics.api import analyze as run_analysis
    from kizuna.analytics.output import write_analysis

    graph_filter = GraphFilter(regions=region, since=since, until=until)
    if write_back and (input_path is not None or not graph_filter.is_empty):
        raise click.UsageError(
            "--write stores the metrics of the whole stored network; "
            "run it without --input, --region, --since and --until."
        )
    read: dict[str, float] = {}
    result = run_analysis(
        # no local name for the bundle: the analysis lets go of the tie rows once they
        # are in its arrays, and nothing here must keep them alive (memory at 1M)
        _timed(read, lambda: _analysis_bundle(input_path, graph_filter, data_dir)),
        with_programs=with_programs,
        seed=seed,
        exact_betweenness_max=exact_max,
        betweenness_k=betweenness_k,
        graph_filter=None if graph_filter.is_empty or input_path is None else graph_filter,
        extras=not contract_only,
        progress=lambda s: log.info("analyze: %s", s),
    )
    result.meta["timings"] = {"read": read["seconds"], **result.meta["timings"]}
    paths = write_analysis(result, out_dir)
    meta = result.meta
    if write_back:
        _write_to_store(result.nodes, meta, data_dir)
    click.echo(
        f"Analysed {meta['n']} organizations, {meta['m']} links "
        f"(betweenness {meta['betweenness']['method']}) in {meta['timings']['total']:.1f} s; "
        f"wrote {', '.join(p.name for p in paths.values())} to {out_dir}",
        err=True,
    )


@click.command()
@click.option("--org", help="Organization id to find partners for.")
@click.option("--cluster", help="Cluster id to find partners for.")
@click.option(
    "--input",
    "input_path",
    type=click.Path(exists=True, path_type=Path),
    help="Bundle to read instead of the store.",
)
@click.option("-k", "--top", "k", type=int, default=10, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="JSON output.")
@click.option("--lang", type=click.Choice(["ja", "en"]), default="ja", show_default=True)
@data_dir_option
def partners(
    org: str | None,
    cluster: str | None,
    input_path: Path | None,
    k: int,
    as_json: bool,
    lang: str,
    data_dir: Path | None,
) -> None:
    """Suggest partner organizations in other clusters, with reasons.

    \b
    Examples:
        kizuna partners --org body_tama --input data/seed
        kizuna partners --cluster tama --json
    """
    from kizuna.analytics.inputs import read_input
    from kizuna.analytics.partners import suggest_partners

    if (org is None) == (cluster is None):
        raise click.UsageError("Give exactly one of --org ID or --cluster ID.")
    bundle = read_input(input_path) if input_path else _store_bundle(GraphFilter(), data_dir)
    table = suggest_partners(bundle, org=org, cluster=cluster, k=k)
    if as_json:
        json.dump(table.to_dict(orient="records"), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    if table.empty:
        click.echo("No candidates found." if lang == "en" else "候補が見つかりませんでした。")
        return
    for row in table.to_dict("records"):
        click.echo(
            f"{row['rank']:>2}. {row['candidate']}  {row['name']}  [{row['cluster']}]  "
            f"score {row['score']:.3f}"
        )
        for reason in row["reasons_ja"] if lang == "ja" else row["reasons_en"]:
            click.echo(f"      - {reason}")
