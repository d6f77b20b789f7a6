"""The app's source of bundles over the configured store, and the snapshot a load leaves.

:class:`StoreSource` is what ``kizuna serve`` gives :func:`kizuna.dashboard.app.create_app`
when it serves the store; :func:`prime_app_cache` is what ``kizuna load`` calls after an
exact load, so that the app's first page does not read the store back.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from kizuna.config import Settings, command_hint
from kizuna.graph.bundle import Bundle
from kizuna.graph.store import GraphStore

logger = logging.getLogger(__name__)
T = TypeVar("T")


class StoreSource:
    """Zero-argument bundle source over the store: connects lazily, reconnects after a failure.

    ``version()`` is the cheap check the app makes instead of re-reading the store: the
    time the last load finished (written on the store's meta node), None while a load
    holds the store's load lock.  Snapshots are cached per version under
    ``<data dir>/app-cache``.
    """

    def __init__(self, settings: Settings):
        self._settings = settings
        self._store: GraphStore | None = None
        self._lock = threading.Lock()

    def hint(self, command: str) -> str:
        """``kizuna <command>`` with the ``--data-dir`` this app was started with."""
        return command_hint(self._settings, command)

    @property
    def cache_dir(self) -> Path:
        """Where the app keeps its snapshots (one file per store version)."""
        return self._settings.data_dir / "app-cache"

    def __call__(self) -> Bundle:
        return self._with_store(lambda store: store.read_bundle())

    def version(self) -> str | None:
        """The store's content version (two small reads), or None while a load runs."""
        return self._with_store(lambda store: store.content_version())

    def _with_store(self, work: Callable[[GraphStore], T]) -> T:
        from kizuna.store_access import connect

        with self._lock:  # the driver is thread-safe: only connecting is serialised
            if self._store is None:
                self._store = connect(self._settings)
            store = self._store
        try:
            return work(store)
        except Exception:
            with self._lock:
                if self._store is store:
                    self.close()
            raise

    def close(self) -> None:
        if self._store is not None:
            try:
                self._store.close()
            except Exception:  # closing a broken connection may fail too
                logger.debug("closing the store failed", exc_info=True)
            self._store = None


def prime_app_cache(store: GraphStore, bundle: Bundle, cache_dir: Path) -> bool:
    """After a load that left exactly ``bundle`` in the store, keep it as the app's snapshot
    of the new store version, so the next ``kizuna serve`` draws without reading the store.

    Only call it when the store held nothing else (an empty store or ``--replace``) and no
    tie was dropped as a duplicate; the stored counts are checked against the bundle.
    """
    from kizuna.dashboard.data import SnapshotData, save_cache

    counts = store.counts()
    if counts.get("organizations") != len(bundle.nodes) or counts.get("ties") != len(bundle.ties):
        return False
    version = store.content_version()
    if version is None or version == "empty":
        return False
    data = SnapshotData(bundle, version)
    data.warm_light()  # what the map needs (seconds at 100k): done here, not on the first page
    save_cache(cache_dir, data)
    return True
