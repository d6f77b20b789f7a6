"""`kizuna serve`: the Dash app over the configured store (read-only)."""

from __future__ import annotations

import ipaddress
import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path

import click

from kizuna.config import Settings
from kizuna.graph.bundle import Bundle
from kizuna.graph.store import GraphStore
from kizuna.options import data_dir_option, settings_for

logger = logging.getLogger(__name__)


class StoreSource:
    """Zero-argument bundle source over the store: connects lazily, reconnects after a failure."""

    def __init__(self, settings: Settings):
        self._settings = settings
        self._store: GraphStore | None = None
        self._lock = threading.Lock()

    def __call__(self) -> Bundle:
        from kizuna.store_access import connect

        with self._lock:
            if self._store is None:
                self._store = connect(self._settings)
            try:
                return self._store.read_bundle()
            except Exception:
                self.close()
                raise

    def close(self) -> None:
        if self._store is not None:
            try:
                self._store.close()
            except Exception:  # closing a broken connection may fail too
                logger.debug("closing the store failed", exc_info=True)
            self._store = None


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def bundle_source(path: Path) -> Callable[[], Bundle]:
    """A source that serves one bundle file or folder (no store)."""
    from kizuna.loaders import open_bundle

    bundle = open_bundle(path, strict=True)
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
    default=60.0,
    show_default=True,
    type=float,
    help="Seconds before a page load reads the store again.",
)
def serve(
    port: int, host: str, data_dir: Path | None, input_path: Path | None, lang: str, refresh: float
) -> None:
    """Open the kizuna app in a browser (read-only; the store is never written).

    \b
    Example:
        kizuna serve                         # http://127.0.0.1:8050
        kizuna serve --input data/seed       # a bundle, without a store
        KIZUNA_BASIC_AUTH=analyst:secret kizuna serve --host 0.0.0.0
    Set KIZUNA_BASIC_AUTH=user:password to require a login (always do so with --host).
    """
    from kizuna.dashboard.app import create_app
    from kizuna.dashboard.auth import parse_credentials, require_basic_auth

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
    warm = threading.Thread(target=app.server.config["KIZUNA_DATA"].warm, daemon=True)
    warm.start()  # analysis and layout of the first snapshot, before the first page load
    click.echo(f"kizuna app on http://{host}:{port}/  (Ctrl+C to stop)")
    app.run(host=host, port=port, debug=False)
