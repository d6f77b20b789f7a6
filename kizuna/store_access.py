"""Connect to the configured graph store: the embedded server of a data dir, or a Bolt URI."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from kizuna.config import Settings, command_hint
from kizuna.graph.errors import ConfigError, StoreAlreadyRunning, StoreNotRunning
from kizuna.graph.store import GraphStore

logger = logging.getLogger(__name__)


def not_running_message(settings: Settings) -> str:
    return (
        f"No kizuna store is running for {settings.data_dir}. "
        f"Start it with: {command_hint(settings, 'store start')}"
    )


def _notice(message: str) -> None:
    """A notice for the person at the terminal (stderr: stdout may be --json)."""
    print(message, file=sys.stderr, flush=True)


def connect(
    settings: Settings, *, start_if_needed: bool = False, attached: bool = False
) -> GraphStore:
    """A :class:`graph.bolt.BoltStore` for ``settings``.

    Parameters
    ----------
    settings : Settings
        Embedded (``store_uri`` None: the server of ``settings.data_dir``) or external.
    start_if_needed : bool
        Embedded only: start the server when none is running instead of raising.
    attached : bool
        With ``start_if_needed``: a server started here stops when this process ends
        (``kizuna demo``, notebooks); otherwise it keeps running like ``store start``.

    Returns
    -------
    GraphStore

    Raises
    ------
    StoreNotRunning
        Embedded, no server for the data directory and ``start_if_needed`` is False.
    ConfigError
        External URI without a password.
    StoreError
        The server cannot be reached or refuses the login.
    """
    from kizuna.graph.bolt import BoltStore

    if settings.store_uri is not None:
        if not settings.password:
            raise ConfigError(
                f"KIZUNA_STORE_URI is {settings.store_uri} but KIZUNA_STORE_PASSWORD is not set."
            )
        external = BoltStore(
            settings.store_uri, settings.user, settings.password, database=settings.database
        )
        external.notice = _notice
        return external
    from kizuna.graph.embedded import (
        DATABASE,
        USER,
        log_file,
        server_status,
        start_server,
        store_root,
    )

    info = server_status(settings.data_dir)
    if info is None:
        if not start_if_needed:
            raise StoreNotRunning(not_running_message(settings))
        logger.info("starting the embedded store in %s", settings.data_dir)
        try:
            info = start_server(settings.data_dir, attached=attached)
        except StoreAlreadyRunning as exc:  # started by someone else meanwhile
            info = exc.info  # type: ignore[attr-defined]
    store = BoltStore(info.uri, USER, info.password, database=DATABASE)
    store.notice = _notice
    store.start_hint = f"Start it again ({command_hint(settings, 'store start')})"
    store.server_log = str(log_file(store_root(settings.data_dir)))
    return store


@contextmanager
def opened_store(
    settings: Settings, *, start_if_needed: bool = False, attached: bool = False
) -> Iterator[GraphStore]:
    """:func:`connect` for the block, closed when it ends (also on an error).

    The commands that read or write the store once (``analyze``, ``report``, ``export``,
    ``load``, ``demo``) open it with this instead of each closing it themselves.
    """
    store = connect(settings, start_if_needed=start_if_needed, attached=attached)
    try:
        yield store
    finally:
        store.close()
