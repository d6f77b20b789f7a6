"""The app's data over time: the current snapshot per store version, and the store it reads.

A :class:`DataSource` wraps the zero-argument ``source`` callable given to
:func:`dashboard.app.create_app`.  A source may tell its content version cheaply
(``source.version()``: the time of the last load written on the store's meta node, None
while a load runs); the app then checks that version at most every ``refresh_seconds``
and reads the store again only when it changed, in the background, showing the previous
figures under an "updating" notice until the new ones are computed.  A source without
``version`` (a bundle file, tests) is read once.  A store that cannot be reached leaves
the last good snapshot in place with an error for the banner.

:class:`StoreSource` is that source when ``kizuna serve`` serves the store;
:func:`prime_app_cache` is what ``kizuna load`` calls after an exact load, so that the
app's first page does not read the store back.  The snapshots themselves are
:class:`dashboard.data.SnapshotData`, kept on disk by :mod:`dashboard.snapshot_cache`.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar

import numpy as np
import pandas as pd

from kizuna.config import Settings, command_hint
from kizuna.dashboard.data import SnapshotData, load_cache
from kizuna.dashboard.snapshot_cache import save_cache
from kizuna.graph.bundle import Bundle
from kizuna.graph.errors import StoreBusy, StoreRefused
from kizuna.graph.store import GraphStore

logger = logging.getLogger(__name__)
T = TypeVar("T")

BundleSource = Callable[[], Bundle]
#: After a failed read, a page load tries the store again once this many seconds passed.
RETRY_SECONDS = 3.0


@dataclass(frozen=True)
class Snapshot:
    """What a page shows: the data (possibly an older one) and why the store failed, if it did.

    ``updating`` is true while the store holds newer data than ``data`` (a load is running,
    or the new version is being read and analysed in the background).
    """

    data: SnapshotData
    error: str | None = None
    loaded_at: float = 0.0
    updating: bool = False
    #: With an ``error``: whether the store is down (cannot be reached), as opposed to a
    #: store that answered but refused the read or was busy with a load.
    down: bool = True


def fingerprint(bundle: Bundle) -> str:
    """A content hash of the bundle: equal bundles share one analysis."""
    digest = hashlib.sha1()
    for file in ("nodes", "ties", "clusters", "programs", "participation"):
        frame = bundle.frame(file)
        digest.update(file.encode())
        digest.update("|".join(map(str, frame.columns)).encode())
        if len(frame):
            hashed = pd.util.hash_pandas_object(frame.astype(object), index=False)
            digest.update(np.asarray(hashed.values).tobytes())
    return digest.hexdigest()[:16]


def store_down(exc: BaseException) -> bool:
    """Whether a failed read means the store is down, not that it refused or was busy.

    >>> from kizuna.graph.errors import StoreBusy, StoreNotRunning
    >>> store_down(StoreNotRunning("no store")), store_down(StoreBusy("a load runs"))
    (True, False)
    """
    return not isinstance(exc, StoreRefused | StoreBusy)


def _first_line(exc: BaseException) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


class DataSource:
    """The current snapshot of ``source``, re-read only when the store's version changes.

    Parameters
    ----------
    source : callable
        Returns the current bundle.  Optional attributes: ``version()`` (a cheap content
        version; None while a load runs) and ``cache_dir`` (where snapshots are kept).
    refresh_seconds : float
        How often (at most) a page load or status poll asks the source for its version.
    cache_dir : Path, optional
        Overrides ``source.cache_dir``.
    keep : int
        Snapshots kept in memory.
    """

    def __init__(
        self,
        source: BundleSource,
        *,
        refresh_seconds: float = 5.0,
        cache_dir: Path | None = None,
        keep: int = 2,
    ):
        self._source = source
        self._version: Callable[[], str | None] | None = getattr(source, "version", None)
        self._cache_dir = cache_dir if cache_dir is not None else getattr(source, "cache_dir", None)
        self._refresh = refresh_seconds
        self._keep = keep
        self._lock = threading.Lock()
        self._datas: OrderedDict[str, SnapshotData] = OrderedDict()
        self._current: Snapshot | None = None
        self._checked_at = 0.0
        self._checking = False
        self._building: threading.Thread | None = None
        self._building_version: str | None = None

    def hint(self, command: str) -> str:
        """``kizuna <command>`` as the user must type it for this source's store.

        A store source that knows its settings (``kizuna serve --data-dir …``) adds its
        ``--data-dir``; any other source gives the plain command.
        """
        of_source = getattr(self._source, "hint", None)
        return of_source(command) if of_source is not None else f"kizuna {command}"

    @property
    def versioned(self) -> bool:
        """Whether the source tells its version (a store) or is read once (a bundle)."""
        return self._version is not None

    def current(self, *, refresh: bool = False) -> Snapshot:
        """The current snapshot; checks the source's version when the last check is old.

        Only the first call waits for a read; later ones return at once (a newer version is
        read in the background).  ``refresh`` checks now.
        """
        with self._lock:
            if self._current is None:
                self._checked_at = time.monotonic()
                self._current = self._first_read()
                return self._current
            current = self._current
            age = time.monotonic() - self._checked_at
            due = (
                refresh
                or (self.versioned and age >= self._refresh)
                or (current.error is not None and age >= RETRY_SECONDS)
            )
            if not due or self._checking:
                return current
            self._checking = True
            self._checked_at = time.monotonic()
        try:
            self._check()
        finally:
            with self._lock:
                self._checking = False
        assert self._current is not None
        return self._current

    def peek(self) -> Snapshot:
        """The snapshot last read (reads once if none yet); never checks (for callbacks)."""
        if self._current is None:
            return self.current()
        return self._current

    def warm(self, *, light_first: bool = False) -> None:
        """Read the store and compute the first snapshot's analysis and layout now.

        With ``light_first`` (``kizuna serve`` starting) the snapshot is read at once and
        the rest waits until the map has its first answer (see
        :meth:`SnapshotData.warm_in_background`).
        """
        data = self.current().data
        data.warm_in_background(light_first=light_first)
        if data._warming is not None:
            data._warming.join()

    # -- reading ---------------------------------------------------------------------------
    def _first_read(self) -> Snapshot:
        version: str | None = None
        if self._version is not None:
            try:
                version = self._version()
            except Exception as exc:  # the store is a separate system: any failure → banner
                logger.warning("cannot read the store: %s", exc)
                return Snapshot(
                    self._data_for(Bundle(), "empty"),
                    _first_line(exc),
                    time.time(),
                    down=store_down(exc),
                )
            cached = load_cache(self._cache_dir, version) if version is not None else None
            if cached is not None:
                logger.info("snapshot %s read from the app cache", version)
                return Snapshot(self._keep_data(self._watch(cached)), None, time.time())
        return self._read(version)

    def _read(self, version: str | None) -> Snapshot:
        """Read the whole store now (first read, or a source without a version)."""
        try:
            bundle = self._source()
        except Exception as exc:  # the store is a separate system: any failure → banner
            logger.warning("cannot read the store: %s", exc)
            previous = self._current.data if self._current is not None else None
            data = previous if previous is not None else self._data_for(Bundle(), "empty")
            return Snapshot(
                data=data, error=_first_line(exc), loaded_at=time.time(), down=store_down(exc)
            )
        key = version if version is not None else fingerprint(bundle)
        return Snapshot(self._data_for(bundle, key, loading=version is None and self.versioned))

    def _check(self) -> None:
        assert self._current is not None
        if self._version is None:
            self._current = self._read(None)
            return
        try:
            version = self._version()
        except Exception as exc:
            logger.warning("cannot read the store: %s", exc)
            self._current = replace(
                self._current, error=_first_line(exc), loaded_at=time.time(), down=store_down(exc)
            )
            return
        shown = self._current.data.key
        if version == shown:
            self._current = replace(self._current, error=None, updating=False)
            return
        self._current = replace(self._current, error=None, updating=True)
        if version is not None:
            self._build_in_background(version)

    def _build_in_background(self, version: str) -> None:
        with self._lock:
            if self._building is not None and self._building.is_alive():
                return
            self._building_version = version
            self._building = threading.Thread(
                target=self._build, args=(version,), name="kizuna-snapshot", daemon=True
            )
            self._building.start()

    def _build(self, version: str) -> None:
        """Read and analyse ``version``, then show it (the old figures stay until then)."""
        try:
            data = load_cache(self._cache_dir, version)
            if data is None:
                data = SnapshotData(self._source(), version)
            self._watch(data).warm()
        except Exception as exc:
            logger.warning("cannot read the new store version: %s", exc)
            with self._lock:
                if self._current is not None:
                    self._current = replace(
                        self._current, error=_first_line(exc), down=store_down(exc)
                    )
            return
        save_cache(self._cache_dir, data)
        with self._lock:
            self._current = Snapshot(self._keep_data(data), None, time.time())
            self._checked_at = 0.0  # check again soon: another load may have ended since

    def _watch(self, data: SnapshotData) -> SnapshotData:
        if self._cache_dir is not None and data.on_ready is None:
            cache_dir = self._cache_dir
            data.cache_dir = cache_dir
            data.on_ready = lambda ready: save_cache(cache_dir, ready)
        return data

    def _data_for(self, bundle: Bundle, key: str, *, loading: bool = False) -> SnapshotData:
        if loading:  # read while a load was writing: never cached, re-read when it ends
            return SnapshotData(bundle, f"loading-{time.time()}")
        data = self._datas.get(key)
        if data is None:
            data = self._watch(SnapshotData(bundle, key))
        return self._keep_data(data)

    def _keep_data(self, data: SnapshotData) -> SnapshotData:
        self._datas[data.key] = data
        self._datas.move_to_end(data.key)
        while len(self._datas) > self._keep:
            self._datas.popitem(last=False)
        return data


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
