"""`kizuna demo`: start the embedded store, load the seed network, analyse it, open the app."""

from __future__ import annotations

import json
import logging
import socket
import time
import webbrowser
from pathlib import Path
from typing import Any

import click

from kizuna.config import command_hint
from kizuna.graph.errors import BundleError, KizunaError
from kizuna.options import data_dir_option

logger = logging.getLogger(__name__)

#: The seed network, transcribed from the program's best-practice collection.
SEED_DIR = Path(__file__).resolve().parent / "seed"

SCOPE_LABELS = {
    "within_cluster": "inside one cluster / クラスター内",
    "cross_cluster": "across clusters, same region / 同一地域内のクラスター間",
    "cross_region": "across regions / 地域間",
    "international": "international / 海外",
    "unknown": "region unknown / 地域不明",
}


def _table(title: str, counts: dict[str, int], labels: dict[str, str] | None = None) -> str:
    lines = [title]
    for key, value in counts.items():
        label = (labels or {}).get(key, key or "(none / なし)")
        lines.append(f"  {value:>6}  {label}")
    return "\n".join(lines)


def summary_text(overview: dict[str, Any], analysis: Any | None) -> str:
    """The demo's printed summary: what was loaded and what the analysis found first."""
    parts = [
        f"Loaded {overview['organizations']} organizations, {overview['ties']} ties, "
        f"{overview['clusters']} clusters, {overview['programs']} programs.",
        _table("Organizations by kind / 種別:", overview["by_kind"]),
        _table("Organizations by region / 地域:", overview["by_region"]),
        _table("Ties by scope / 紐帯の範囲:", overview["ties_by_scope"], SCOPE_LABELS),
        _table("Ties by confidence / 確度:", overview["ties_by_confidence"]),
    ]
    if analysis is not None:
        nodes = analysis.nodes
        top = nodes.sort_values(["betweenness", "degree"], ascending=False).head(5)
        lines = ["Main brokers (betweenness) / 主な仲介者:"]
        for row in top.itertuples():
            lines.append(
                f"  {row.betweenness:6.3f}  {row.name}  [{row.cluster or '-'}] role {row.role}"
            )
        parts.append("\n".join(lines))
        pairs = analysis.cluster_pairs
        weak = pairs[pairs["expected"] >= 1.0].sort_values("ratio").head(5)
        if not weak.empty:
            lines = ["Weakest cluster pairs (observed / expected) / 結び付きの弱いクラスター対:"]
            for row in weak.itertuples():
                lines.append(
                    f"  {row.observed:>3} / {row.expected:5.2f}  {row.cluster_a} – {row.cluster_b}"
                )
            parts.append("\n".join(lines))
    return "\n\n".join(parts)


@click.command()
@data_dir_option
@click.option(
    "--bundle",
    "bundle_path",
    type=click.Path(exists=True, path_type=Path),
    default=None,
    help="Load this bundle instead of the seed network.",
)
@click.option("--port", default=8050, show_default=True, type=int, help="Port of the app.")
@click.option("--lang", type=click.Choice(["ja", "en"]), default="ja", show_default=True)
@click.option("--no-serve", is_flag=True, help="Load and summarise only; do not start the app.")
@click.option("--no-browser", is_flag=True, help="Do not open a browser window.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def demo(
    data_dir: Path | None,
    bundle_path: Path | None,
    port: int,
    lang: str,
    no_serve: bool,
    no_browser: bool,
    as_json: bool,
) -> None:
    """Start the embedded store, load the seed network, analyse it and open the app.

    A store that this command starts stops when it ends; one that was already running
    (`kizuna store start`, or KIZUNA_STORE_URI) is left as it is.

    \b
    Examples:
        kizuna demo                 # http://127.0.0.1:8050
        kizuna demo --no-serve      # load and print a summary only
    """
    from kizuna.analytics.api import analyze
    from kizuna.analytics.overview import network_overview
    from kizuna.config import Settings
    from kizuna.loaders.load import check_for_load, load_checked
    from kizuna.store_access import opened_store

    path = bundle_path or SEED_DIR
    if not path.exists():
        raise KizunaError(
            f"The bundle {path} does not exist. Give a bundle folder, .zip or .xlsx with "
            "--bundle, or leave --bundle out to load the seed network."
        )
    settings = Settings.from_env().with_data_dir(data_dir)
    if not no_serve:
        require_free_port(port, hint=command_hint(settings, f"demo --port {port + 1}"))
    started = time.perf_counter()
    bundle, checked = check_for_load(path)  # before starting a store: errors stop here
    if checked.errors:
        raise BundleError(checked.problems)
    for problem in checked.warnings:
        logger.warning("%s", problem)
    click.echo(f"Starting the graph store ({settings.store_uri or settings.data_dir}) …", err=True)
    with opened_store(settings, start_if_needed=True, attached=True) as store:
        report = load_checked(store, bundle, checked).report
        stored = store.read_bundle()
    analysis = analyze(stored)
    overview = network_overview(stored)
    if as_json:
        payload = {
            "overview": overview,
            "load": report.as_dict() if report else None,
            "analysis": analysis.meta,
            "seconds": round(time.perf_counter() - started, 2),
        }
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2, default=str))
    else:
        click.echo(summary_text(overview, analysis))
    if no_serve:
        return
    from kizuna.cmd_serve import serve

    url = f"http://127.0.0.1:{port}/"
    if not no_browser:
        try:
            webbrowser.open(url)
        except webbrowser.Error:  # no browser on this machine: the URL is printed anyway
            logger.info("no browser to open %s", url)
    click.get_current_context().invoke(
        serve, port=port, host="127.0.0.1", data_dir=settings.data_dir, lang=lang
    )


def require_free_port(port: int, host: str = "127.0.0.1", *, hint: str | None = None) -> None:
    """Raise a KizunaError when ``host:port`` is taken (another demo or app runs there).

    Checked before anything is started or loaded; ``hint`` is the command to suggest.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the app's server does
        try:
            probe.bind((host, port))
        except OSError:
            raise KizunaError(
                f"Port {port} is in use (another kizuna demo or app?). Stop it, or choose "
                f"another port: {hint or f'kizuna demo --port {port + 1}'}"
            ) from None
