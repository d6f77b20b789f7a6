"""One snapshot of the store as the pages see it: the bundle and what is derived from it.

One :class:`SnapshotData` per store version holds the bundle and everything derived from
it, computed lazily under a lock: a light first pass (clusters, places, ties: enough for
the national map) and the heavy analysis (centralities, roles, layout), run in a worker
process (:func:`run_analysis`).  With a cache directory (the store's data dir) the bundle
and the heavy parts are kept on disk per version (:mod:`dashboard.snapshot_cache`), so a
restarted server draws its pages in a second.  Which snapshot is current is
:class:`dashboard.store_source.DataSource`'s business.
"""

from __future__ import annotations

import atexit
import json
import logging
import pickle
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, cast

import pandas as pd

from kizuna.analytics import layout
from kizuna.analytics.api import NetworkAnalysis, PartnerFinder
from kizuna.analytics.layout import NO_CLUSTER
from kizuna.dashboard import frames
from kizuna.dashboard.i18n import CURRENT_LANG, label_column, normalize_lang, t, term
from kizuna.dashboard.snapshot_cache import (
    CACHED_PARTS,
    LATER_PARTS,
    later_file,
    read_first,
    read_later,
    save_cache,
)
from kizuna.graph.bundle import Bundle
from kizuna.plots import geo as geo_layout

logger = logging.getLogger(__name__)

T = TypeVar("T")

#: Centralities a user can size nodes by (columns of the analysis' node table).
CENTRALITIES: tuple[str, ...] = ("degree", "betweenness", "pagerank", "eigenvector", "closeness")
#: How long a warm-up started by the map waits for the map's own answer first.
LIGHT_FIRST_SECONDS = 10.0
#: Answers kept per snapshot by :meth:`SnapshotData.view` (each a few hundred KB as JSON).
VIEW_LIMIT = 48


def _analyze(bundle: Bundle) -> NetworkAnalysis:
    from kizuna.analytics.api import analyze

    return analyze(bundle)


_POOL: Any = None
_POOL_LOCK = threading.Lock()


def run_analysis(bundle: Bundle) -> NetworkAnalysis:
    """The analytics library's :func:`analytics.api.analyze` on ``bundle``, in a worker process.

    The analysis holds the interpreter for seconds at a time (betweenness, igraph calls);
    in a separate process it never stalls the app's request threads.  If the worker cannot
    be used, the analysis runs here.
    """
    global _POOL
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    with _POOL_LOCK:
        if _POOL is None:
            _POOL = ProcessPoolExecutor(
                max_workers=1, mp_context=multiprocessing.get_context("spawn")
            )
            atexit.register(_POOL.shutdown, wait=False, cancel_futures=True)
        pool = _POOL
    try:
        return pool.submit(_analyze, bundle).result()
    except (BrokenProcessPool, OSError, pickle.PicklingError):
        logger.warning("the analysis worker failed; analysing in the app process", exc_info=True)
        with _POOL_LOCK:
            _POOL = None
        return _analyze(bundle)


class SnapshotData:
    """Everything the pages show for one snapshot, each part computed once on first use."""

    def __init__(self, bundle: Bundle, key: str):
        self.bundle = bundle
        self.key = key
        self._lock = threading.RLock()
        self._part_locks: dict[str, threading.RLock] = {}
        self._memo: dict[str, Any] = {}
        self._warming: threading.Thread | None = None
        self._warm_lock = threading.Lock()
        self.warm_error: str | None = None
        #: Called (from the warming thread) once everything is computed.
        self.on_ready: Callable[[SnapshotData], None] | None = None
        #: The costly parts already in the disk cache (nothing to write again).
        self.saved_parts: frozenset[str] = frozenset()
        #: Set once the first light page (the map) has its answer: a warm-up started by that
        #: page waits for it, so the map is not slowed by the rest of the work.
        self.first_view = threading.Event()
        #: The disk cache's second file (analysis, layout), read on first use, or None.
        self.later_file: Path | None = None
        #: Where this snapshot is kept on disk (set by the DataSource), or None.
        self.cache_dir: Path | None = None

    def _cached(self, name: str, compute: Callable[[], T]) -> T:
        if name in self._memo:
            return self._memo[name]
        if name in LATER_PARTS and self.later_file is not None:
            self._read_later_parts()
            if name in self._memo:
                return self._memo[name]
        with self._lock:  # one lock per part: the analysis never blocks the light pass
            part_lock = self._part_locks.setdefault(name, threading.RLock())
        with part_lock:
            if name not in self._memo:
                started = time.perf_counter()
                self._memo[name] = compute()
                logger.info("%s computed in %.2f s", name, time.perf_counter() - started)
            return self._memo[name]

    def _read_later_parts(self) -> None:
        """Read the disk cache's analysis file (once); a broken file is recomputed."""
        with self._lock:
            path, self.later_file = self.later_file, None
            if path is None:
                return
            kept = read_later(path)
            for name, value in kept.items():
                self._memo.setdefault(name, value)
            self.saved_parts = self.saved_parts | frozenset(kept)

    def memo(self, name: str, compute: Callable[[], T], *, limit: int = 64) -> T:
        """A per-snapshot cache for results keyed by user choices (partner queries …)."""
        return self._kept("_results", name, compute, limit)

    def view(self, name: str, compute: Callable[..., T], *args: Any) -> T:
        """What a page answers for these inputs, computed once per snapshot and kept.

        Many analysts look at the same clusters and pairs: an answer already given for the
        same snapshot, inputs and language is returned again instead of rebuilt (an LRU of
        :data:`VIEW_LIMIT` answers per snapshot, so memory stays bounded).  ``compute`` must
        depend on nothing but this snapshot and ``args``.
        """
        key = json.dumps(
            [name, normalize_lang(CURRENT_LANG.get()), args],
            sort_keys=True,
            default=str,
            ensure_ascii=False,
        )
        return self._kept("_views", key, lambda: compute(*args), VIEW_LIMIT)

    def _kept(self, store: str, key: str, compute: Callable[[], T], limit: int) -> T:
        """``compute()`` kept under ``key`` in this snapshot's LRU ``store`` of ``limit``."""
        cache: OrderedDict[str, Any] = self._cached(store, OrderedDict)
        with self._lock:
            if key in cache:
                cache.move_to_end(key)
                return cast(T, cache[key])
        value = compute()
        with self._lock:
            cache[key] = value
            while len(cache) > limit:
                cache.popitem(last=False)
        return value

    # -- basic facts -----------------------------------------------------------------------
    @property
    def is_empty(self) -> bool:
        return len(self.bundle.nodes) == 0

    @property
    def analysis(self) -> NetworkAnalysis:
        """The analytics result (:class:`analytics.api.NetworkAnalysis`)."""
        return self._cached("analysis", self._shared_analysis)

    def _shared_analysis(self) -> NetworkAnalysis:
        """The analysis, computed once per version across the app's worker processes: the
        first one computes it under a file lock and keeps it in the cache directory, the
        others wait for the lock and read it from there."""
        if self.cache_dir is None:
            return run_analysis(self.bundle)
        import fcntl

        self.cache_dir.mkdir(parents=True, exist_ok=True)
        with (self.cache_dir / "analysis.lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            kept = load_cache(self.cache_dir, self.key)
            if kept is not None and "analysis" in kept._memo:
                return kept._memo["analysis"]
            result = run_analysis(self.bundle)
            self._memo.setdefault("analysis", result)
            save_cache(self.cache_dir, self)
            return result

    @property
    def clusters(self) -> pd.DataFrame:
        """One row per cluster: id, name, label, region, field, phase, orgs, lat, lon."""
        return self._cached("clusters", lambda: frames.cluster_table(self.bundle))

    @property
    def orgs_base(self) -> pd.DataFrame:
        """Organizations with labels, groups and map places (no metrics), indexed by id."""
        return self._cached("orgs_base", lambda: frames.org_table(self.bundle, self.clusters))

    @property
    def orgs(self) -> pd.DataFrame:
        """Organizations with their metrics, labels and map place, indexed by id."""
        return self._cached("orgs", self._build_orgs)

    @property
    def ties(self) -> pd.DataFrame:
        """Ties with the clusters, regions and map places of both ends."""
        return self._cached("ties", lambda: frames.placed_ends(self.bundle.ties, self.orgs_base))

    @property
    def place_coords(self) -> pd.DataFrame:
        """Mean position, region and a label of every map place, indexed by place."""
        return self._cached("place_coords", lambda: frames.place_table(self.orgs_base))

    @property
    def positions(self) -> pd.DataFrame:
        """Network-explorer coordinates x, y of every organization, indexed by id."""
        return self._cached(
            "positions",
            lambda: layout.node_positions(
                self.orgs_base["group"], self.ties, self.cluster_positions
            ),
        )

    @property
    def cluster_positions(self) -> pd.DataFrame:
        """Super-node coordinates (x, y, orgs) of every cluster group, indexed by group."""
        return self._cached(
            "cluster_positions", lambda: layout.group_centres(self.orgs_base["group"], self.ties)
        )

    @property
    def partner_finder(self) -> PartnerFinder:
        """analytics' partner finder over this snapshot's analysis, built once for all queries."""
        return self._cached("partner_finder", lambda: PartnerFinder.of(self.bundle, self.analysis))

    @property
    def search_keys(self) -> pd.Series:
        """NFKC + casefolded text of id, name, name_en and aliases, for partial search."""
        return self._cached("search_keys", lambda: frames.search_keys(self.bundle.nodes))

    def warm_light(self) -> None:
        """The light first pass: what the national map needs (no analysis)."""
        if not self.is_empty:
            _ = (self.clusters, self.orgs_base, self.ties, self.place_coords)

    def warm(self) -> None:
        """Compute everything the pages need (call from a thread)."""
        if self.is_empty:
            return
        self.warm_light()
        _ = (self.analysis, self.orgs, self.search_keys)
        _ = self.positions

    @property
    def ready(self) -> bool:
        """Whether the analysis and layout of this snapshot are computed."""
        return self.is_empty or all(k in self._memo for k in ("analysis", "orgs", "positions"))

    def warm_in_background(self, *, wait: float = 0.0, light_first: bool = False) -> bool:
        """Start :meth:`warm` in a thread (once); wait up to ``wait`` seconds; ready or not.

        A page load on a big new snapshot returns at once with a "computing" notice instead
        of holding the browser's request for the whole analysis.  With ``light_first`` (the
        first page is the map) the thread first waits until the map has its answer
        (:attr:`first_view`, at most :data:`LIGHT_FIRST_SECONDS`).
        """
        if not light_first:  # a page that needs the analysis: no waiting for the map
            self.first_view.set()
        with self._warm_lock:
            if self._warming is None and not self.ready:
                self._warming = threading.Thread(
                    target=self._warm_safely, args=(light_first,), daemon=True
                )
                self._warming.start()
        thread = self._warming
        if thread is not None and wait > 0:
            thread.join(timeout=wait)
        return self.ready

    def _warm_safely(self, light_first: bool = False) -> None:
        if light_first:
            self.first_view.wait(LIGHT_FIRST_SECONDS)
        try:
            self.warm()
        except Exception as exc:  # shown on the page; the app keeps running
            logger.exception("the analysis of this snapshot failed")
            self.warm_error = f"{type(exc).__name__}: {exc}"
            return
        if self.on_ready is not None:
            self.on_ready(self)

    # -- disk cache ------------------------------------------------------------------------
    def cached_parts(self) -> dict[str, Any]:
        """The costly parts computed so far (what :func:`save_cache` writes)."""
        return {k: self._memo[k] for k in CACHED_PARTS if k in self._memo}

    @classmethod
    def with_parts(cls, bundle: Bundle, key: str, parts: dict[str, Any]) -> SnapshotData:
        """A snapshot whose costly parts come from a disk cache."""
        data = cls(bundle, key)
        data._memo.update({k: v for k, v in parts.items() if k in CACHED_PARTS})
        data.saved_parts = frozenset(data._memo)
        return data

    def cluster_label(self, cluster_id: str | None, lang: str | None = None) -> str:
        """A cluster's name in ``lang`` (default: the language of the request)."""
        lang = normalize_lang(lang or CURRENT_LANG.get())
        if cluster_id is None or cluster_id == "" or cluster_id == NO_CLUSTER:
            return t("cluster.none", lang)
        if str(cluster_id).startswith(NO_CLUSTER + ":"):  # organizations without a cluster
            kind = str(cluster_id).split(":", 1)[1]
            return f"{t('cluster.none', lang)} · {term('org_kind', kind, lang)}"
        column = label_column(lang)
        labels: dict[str, str] = self._cached(
            f"cluster_labels|{column}",
            lambda: {str(k): str(v) for k, v in self.clusters[column].items()},
        )
        return labels.get(str(cluster_id), str(cluster_id))

    def org_label(self, org_id: str, lang: str | None = None) -> str:
        """An organization's name in ``lang`` (default: the language of the request)."""
        column = label_column(lang)
        labels: dict[str, str] = self._cached(
            f"org_labels|{column}",
            lambda: {str(k): str(v) for k, v in self.orgs_base[column].items()},
        )
        return labels.get(str(org_id), str(org_id))

    def place_label(self, place: str, lang: str) -> str:
        """A map place's name in ``lang``: its cluster, region, prefecture or "overseas"."""
        if place.startswith("cluster:"):
            return self.cluster_label(place.split(":", 1)[1], lang)
        if place == geo_layout.OVERSEAS:
            return t("map.overseas", lang)
        if place.startswith("region:"):
            return term("region", place.split(":", 1)[1], lang)
        return place.partition(":")[2] or place

    # -- builders -----------------------------------------------------------------------------
    def _build_orgs(self) -> pd.DataFrame:
        base = self.orgs_base
        metrics = self.analysis.nodes
        extra = [c for c in metrics.columns if c not in base.columns]
        looked = metrics.drop_duplicates("id").set_index("id")[extra].reindex(base.index)
        return pd.concat([base, looked], axis=1)


def load_cache(cache_dir: Path | None, version: str) -> SnapshotData | None:
    """The snapshot of ``version`` kept on disk, or None (missing, unreadable, other code).

    Only the first file (bundle and what the map needs) is read now; the analysis file is
    read when a page first needs it.
    """
    if cache_dir is None:
        return None
    kept = read_first(cache_dir, version)
    if kept is None:
        return None
    bundle, parts = kept
    data = SnapshotData.with_parts(bundle, version, parts)
    later = later_file(cache_dir, version)
    if later.is_file():
        data.later_file = later
    return data
