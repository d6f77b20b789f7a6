"""`kizuna serve`: the Dash app over the configured store (read-only)."""

from __future__ import annotations

import ipaddress
import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from kizuna.config import command_hint
from kizuna.dashboard.store_source import StoreSource
from kizuna.graph.bundle import Bundle
from kizuna.options import data_dir_option, settings_for

logger = logging.getLogger(__name__)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def bundle_source(path: Path) -> Callable[[], Bundle]:
    """A source that serves one bundle file or folder (no store)."""
    from kizuna.analytics.inputs import canonical_order
    from kizuna.loaders import open_bundle

    bundle = canonical_order(open_bundle(path, strict=True))  # as from the store
    return lambda: bundle


@click.command()
@click.option("--port", default=8050, show_default=True, type=int, help="Port to listen on.")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to bind; anything but loopback exposes the app to the network.",
)
@data_dir_option
@click.option(
    "--input",
    "input_path",
    type=click.Path(exists=True, path_type=Path),
    default=None,
    help="Serve this bundle (folder, .zip or .xlsx) instead of the store.",
)
@click.option(
    "--lang",
    type=click.Choice(["ja", "en"]),
    default="ja",
    show_default=True,
    help="Interface language until the user switches.",
)
@click.option(
    "--refresh",
    default=5.0,
    show_default=True,
    type=float,
    help="Seconds between checks of the store's version (a cheap read; the store is read "
    "again only after a load).",
)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Server processes. Callbacks are CPU-bound and one process runs one at a time: "
    "for many users give one per CPU core (docs/app.md).",
)
@click.option(
    "--threads",
    default=8,
    show_default=True,
    type=click.IntRange(1, 256),
    help="Threads per worker process (with --workers above 1).",
)
def serve(
    port: int,
    host: str,
    data_dir: Path | None,
    input_path: Path | None,
    lang: str,
    refresh: float,
    workers: int,
    threads: int,
) -> None:
    """Open the kizuna app in a browser (read-only; the store is never written).

    \b
    Example:
        kizuna serve                         # http://127.0.0.1:8050
        kizuna serve --input data/seed       # a bundle, without a store
        kizuna serve --workers 4             # many users: one process per core
        KIZUNA_BASIC_AUTH=analyst:secret kizuna serve --host 0.0.0.0
    Set KIZUNA_BASIC_AUTH=user:password to require a login (always do so with --host).
    """
    from kizuna.cmd_demo import require_free_port
    from kizuna.dashboard.app import create_app
    from kizuna.dashboard.auth import parse_credentials, require_basic_auth

    next_port = f"serve --port {port + 1}"
    require_free_port(
        port,
        host,
        hint=f"kizuna {next_port}"
        if input_path
        else command_hint(settings_for(data_dir), next_port),
    )
    credentials = os.environ.get("KIZUNA_BASIC_AUTH")
    parsed = parse_credentials(credentials) if credentials else None
    source: Callable[[], Bundle] = (
        bundle_source(input_path) if input_path is not None else StoreSource(settings_for(data_dir))
    )
    app = create_app(source, lang=lang, refresh_seconds=refresh)
    if parsed is not None:
        require_basic_auth(app.server, *parsed)
    elif not is_loopback(host):
        click.echo(
            f"Warning: the app is exposed on {host} without a login; anyone who can reach "
            "this machine can read the network. Set KIZUNA_BASIC_AUTH=user:password.",
            err=True,
        )
    click.echo(f"kizuna app on http://{host}:{port}/  (Ctrl+C to stop)")
    if workers > 1:
        run_workers(app, host=host, port=port, workers=workers, threads=threads)
        return
    start_warming(app)
    app.run(host=host, port=port, debug=False)


def start_warming(app: Any) -> None:
    """Read the store (or the app's snapshot of it) now, before the first page load; the
    analysis parts follow once the map has its first answer."""
    source = app.server.config["KIZUNA_DATA"]
    warm = threading.Thread(target=lambda: source.warm(light_first=True), daemon=True)
    warm.start()


def run_workers(app: Any, *, host: str, port: int, workers: int, threads: int) -> None:
    """Serve ``app`` from ``workers`` processes (gunicorn, threaded workers).

    Each worker holds its own snapshot in memory; they share the disk cache of the data
    directory, so only one computes the analysis of a store version.
    """
    from gunicorn.app.base import BaseApplication

    class Server(BaseApplication):
        def load_config(self) -> None:
            settings = {
                "bind": f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
                "workers": workers,
                "threads": threads,
                "worker_class": "gthread",
                "timeout": 300,
                "graceful_timeout": 5,
                "post_fork": lambda _server, _worker: start_warming(app),
            }
            for key, value in settings.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            return app.server

    Server().run()
