"""The app's cached snapshot of the store: read once per store version, analysed once.

A :class:`DataSource` wraps the zero-argument ``source`` callable given to
:func:`dashboard.app.create_app`.  A source may tell its content version cheaply
(``source.version()``: the time of the last load written on the store's meta node, None
while a load runs); the app then checks that version at most every ``refresh_seconds``
and reads the store again only when it changed, in the background, showing the previous
figures under an "updating" notice until the new ones are computed.  A source without
``version`` (a bundle file, tests) is read once.

One :class:`SnapshotData` per version holds the bundle and everything derived from it,
computed lazily under a lock: a light first pass (clusters, places, ties: enough for the
national map) and the heavy analysis (centralities, roles, layout).  With a cache
directory (``source.cache_dir``: the store's data dir) the bundle and the heavy parts are
kept on disk per version, so a restarted server draws its pages in a second.  A store
that cannot be reached leaves the last good snapshot in place with an error for the banner.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import logging
import os
import pickle
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeVar, cast

import numpy as np
import pandas as pd

from kizuna.analytics.api import NetworkAnalysis, PartnerFinder
from kizuna.dashboard import layout_engine
from kizuna.dashboard.i18n import CURRENT_LANG, label, label_column, normalize_lang, t, term
from kizuna.dashboard.text import normalize_text
from kizuna.graph.bundle import Bundle
from kizuna.graph.errors import StoreBusy, StoreRefused
from kizuna.graph.model import phase_of
from kizuna.plots import geo as geo_layout

logger = logging.getLogger(__name__)

BundleSource = Callable[[], Bundle]
T = TypeVar("T")

#: Centralities a user can size nodes by (columns of the analysis' node table).
CENTRALITIES: tuple[str, ...] = ("degree", "betweenness", "pagerank", "eigenvector", "closeness")
NO_CLUSTER = "(none)"
#: How long a warm-up started by the map waits for the map's own answer first.
LIGHT_FIRST_SECONDS = 10.0
#: Answers kept per snapshot by :meth:`SnapshotData.view` (each a few hundred KB as JSON).
VIEW_LIMIT = 48
#: After a failed read, a page load tries the store again once this many seconds passed.
RETRY_SECONDS = 3.0
#: Bump when what the disk cache holds changes shape (old files are then ignored).
CACHE_FORMAT = 3
#: The parts of a snapshot kept on disk (the rest is rebuilt in well under a second).
CACHED_PARTS: tuple[str, ...] = (
    "analysis",
    "positions",
    "cluster_positions",
    # the light first pass too: a restarted server draws the map without rebuilding them
    "clusters",
    "orgs_base",
    "ties",
    "place_coords",
)
#: The parts kept in a second file, read after the map is drawn (the analysis is the
#: biggest part and the map does not need it).
LATER_PARTS: tuple[str, ...] = ("analysis", "positions", "cluster_positions")
#: Parts that are a bundle frame plus columns of their own (part → bundle file): on disk
#: only their own columns, the bundle's are shared again when read (at 500k this halves
#: the time to read the snapshot the first page waits for).
DERIVED_FRAMES: dict[str, str] = {"orgs_base": "nodes", "ties": "ties"}


@dataclass(frozen=True)
class OwnColumns:
    """A derived frame on disk: its column order, its index and its own columns."""

    columns: list[str]
    index: pd.Index
    own: pd.DataFrame


def _own_columns(bundle: Bundle, parts: dict[str, Any]) -> dict[str, Any]:
    """``parts`` with each derived frame reduced to its own columns, when it is exactly
    its bundle frame plus columns (otherwise kept whole)."""
    out = dict(parts)
    for name, file in DERIVED_FRAMES.items():
        frame, base = parts.get(name), getattr(bundle, file, None)
        if not isinstance(frame, pd.DataFrame) or base is None or len(frame) != len(base):
            continue
        shared = [c for c in frame.columns if c in base.columns]
        if len(shared) != len(base.columns) or not all(
            frame[c].reset_index(drop=True).equals(base[c].reset_index(drop=True)) for c in shared
        ):
            continue
        own = frame[[c for c in frame.columns if c not in base.columns]].reset_index(drop=True)
        out[name] = OwnColumns(list(frame.columns), frame.index, own)
    return out


def _whole_frames(bundle: Bundle, parts: dict[str, Any]) -> dict[str, Any]:
    """The inverse of :func:`_own_columns`: derived frames joined to their bundle frame."""
    out = dict(parts)
    for name, file in DERIVED_FRAMES.items():
        kept = parts.get(name)
        if isinstance(kept, OwnColumns):
            base = getattr(bundle, file).reset_index(drop=True)
            whole = pd.concat([base, kept.own], axis=1)[kept.columns]
            whole.index = kept.index
            out[name] = whole
    return out


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
            try:
                with path.open("rb") as handle:
                    parts = pickle.load(handle)["parts"]  # our own file, in the data dir
            except Exception:
                logger.warning("ignoring the unreadable app cache %s", path, exc_info=True)
                return
            kept = {k: v for k, v in parts.items() if k in LATER_PARTS}
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
        return self._cached("clusters", self._build_clusters)

    @property
    def orgs_base(self) -> pd.DataFrame:
        """Organizations with labels, groups and map places (no metrics), indexed by id."""
        return self._cached("orgs_base", self._build_orgs_base)

    @property
    def orgs(self) -> pd.DataFrame:
        """Organizations with their metrics, labels and map place, indexed by id."""
        return self._cached("orgs", self._build_orgs)

    @property
    def ties(self) -> pd.DataFrame:
        """Ties with the clusters, regions and map places of both ends."""
        return self._cached("ties", self._build_ties)

    @property
    def positions(self) -> pd.DataFrame:
        """Network-explorer coordinates x, y of every organization, indexed by id."""
        return self._cached("positions", lambda: layout_engine.node_positions(self))

    @property
    def cluster_positions(self) -> pd.DataFrame:
        """Super-node coordinates (x, y, orgs) of every cluster group, indexed by group."""
        return self._cached("cluster_positions", lambda: layout_engine.group_centres(self))

    @property
    def partner_finder(self) -> PartnerFinder:
        """analytics' partner finder over this snapshot's analysis, built once for all queries."""
        return self._cached("partner_finder", lambda: PartnerFinder.of(self.bundle, self.analysis))

    @property
    def search_keys(self) -> pd.Series:
        """NFKC + casefolded text of id, name, name_en and aliases, for partial search."""
        return self._cached("search_keys", self._build_search_keys)

    def warm_light(self) -> None:
        """The light first pass: what the national map needs (no analysis)."""
        if not self.is_empty:
            from kizuna.dashboard.arcs import place_coords  # arcs builds on this module

            _ = (self.clusters, self.orgs_base, self.ties, place_coords(self))

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

    # -- builders --------------------------------------------------------------------------
    def _build_clusters(self) -> pd.DataFrame:
        nodes = self.bundle.nodes
        declared = self.bundle.clusters
        member_ids = nodes["cluster"].dropna()
        ids = list(dict.fromkeys([*declared["id"].dropna().tolist(), *member_ids.tolist()]))
        rows = []
        counts = member_ids.value_counts()
        info = declared.drop_duplicates("id").set_index("id") if len(declared) else None
        for cid in ids:
            row: dict[str, Any] = {"id": cid, "orgs": int(counts.get(cid, 0))}
            if info is not None and cid in info.index:
                rec = info.loc[cid]
                for col in ("name", "name_en", "region", "field", "body"):
                    value = rec.get(col)
                    row[col] = value if isinstance(value, str) and value else None
                since = rec.get("since")
                row["since"] = None if pd.isna(since) else int(since)
            else:
                row.update(name=cid, name_en=None, region=None, field=None, body=None, since=None)
            row["label"] = label(row["name"], row["name_en"])
            row["label_en"] = label(row["name"], row["name_en"], "en")
            row["phase"] = phase_of(row["since"]) or "unknown"
            rows.append(row)
        frame = pd.DataFrame(
            rows,
            columns=[
                "id",
                "name",
                "name_en",
                "label",
                "label_en",
                "region",
                "field",
                "body",
                "since",
                "phase",
                "orgs",
            ],
        )
        frame = frame.astype({"orgs": "int64"})
        places = geo_layout.cluster_places(frame, nodes)
        frame["lat"] = places["lat"].to_numpy()
        frame["lon"] = places["lon"].to_numpy()
        frame["region"] = places["region"].to_numpy()
        return frame.set_index("id", drop=False)

    def _build_orgs(self) -> pd.DataFrame:
        base = self.orgs_base
        metrics = self.analysis.nodes
        extra = [c for c in metrics.columns if c not in base.columns]
        looked = metrics.drop_duplicates("id").set_index("id")[extra].reindex(base.index)
        return pd.concat([base, looked], axis=1)

    def _build_orgs_base(self) -> pd.DataFrame:
        orgs = self.bundle.nodes.copy()
        orgs["label"] = [label(n, e) for n, e in zip(orgs["name"], orgs["name_en"], strict=True)]
        orgs["label_en"] = [
            label(n, e, "en") for n, e in zip(orgs["name"], orgs["name_en"], strict=True)
        ]
        # organizations without a cluster are grouped by kind ("(none):university" …), so the
        # network overview shows a few labelled groups instead of one grey ball
        kinds = orgs["kind"].fillna("other").astype(str)
        orgs["group"] = orgs["cluster"].where(orgs["cluster"].notna(), NO_CLUSTER + ":" + kinds)
        clusters = self.clusters
        labels = {str(k): str(v) for k, v in clusters["label"].items()}
        orgs["cluster_label"] = [labels.get(c, NO_CLUSTER) for c in orgs["group"]]
        place = geo_layout.org_places(orgs, clusters)
        for col in ("place", "place_lat", "place_lon", "place_region"):
            orgs[col] = place[col].to_numpy()
        return orgs.set_index("id", drop=False)

    def _build_ties(self) -> pd.DataFrame:
        ties = self.bundle.ties.copy()
        orgs = self.orgs_base
        for end in ("source", "target"):
            looked = orgs.reindex(ties[end])
            ties[f"{end}_group"] = looked["group"].to_numpy()
            ties[f"{end}_region"] = looked["place_region"].to_numpy()
            ties[f"{end}_place"] = looked["place"].to_numpy()
        ties["year"] = ties["since"]
        return ties

    def _build_search_keys(self) -> pd.Series:
        nodes = self.bundle.nodes
        parts = [nodes[c].fillna("") for c in ("id", "name", "name_en", "aliases") if c in nodes]
        joined = parts[0].astype(str)
        for part in parts[1:]:
            joined = joined + "\n" + part.astype(str)
        keys = joined.map(normalize_text)
        keys.index = nodes["id"].to_numpy()
        return keys


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


def cache_file(cache_dir: Path, version: str) -> Path:
    """The disk cache of one store version (the code version is part of the name)."""
    from kizuna.graph import __version__

    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", f"{CACHE_FORMAT}-{__version__}-{version}")
    return cache_dir / f"snapshot-{safe[:150]}.pickle"


def later_file(cache_dir: Path, version: str) -> Path:
    """The second file of a version's disk cache: its :data:`LATER_PARTS`."""
    first = cache_file(cache_dir, version)
    return first.with_name("analysis-" + first.name.removeprefix("snapshot-"))


def load_cache(cache_dir: Path | None, version: str) -> SnapshotData | None:
    """The snapshot of ``version`` kept on disk, or None (missing, unreadable, other code).

    Only the first file (bundle and what the map needs) is read now; the analysis file is
    read when a page first needs it.
    """
    if cache_dir is None:
        return None
    path = cache_file(cache_dir, version)
    if not path.is_file():
        return None
    try:
        with path.open("rb") as handle:
            saved = pickle.load(handle)  # our own file, in the user's data dir
        bundle = saved["bundle"]
        data = SnapshotData.with_parts(bundle, version, _whole_frames(bundle, saved["parts"]))
    except Exception:  # a broken or foreign file is recomputed, never fatal
        logger.warning("ignoring the unreadable app cache %s", path, exc_info=True)
        return None
    later = later_file(cache_dir, version)
    if later.is_file():
        data.later_file = later
    return data


def save_cache(cache_dir: Path | None, data: SnapshotData, *, keep: int = 2) -> None:
    """Write ``data`` (bundle and costly parts) for its version; keep the newest files."""
    if cache_dir is None or data.is_empty:
        return
    parts = data.cached_parts()
    first = {k: v for k, v in parts.items() if k not in LATER_PARTS}
    later = {k: v for k, v in parts.items() if k in LATER_PARTS}
    path, second = cache_file(cache_dir, data.key), later_file(cache_dir, data.key)
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        if not (set(first) <= data.saved_parts and path.is_file()):
            kept = _own_columns(data.bundle, first)
            _write_pickle(path, {"bundle": data.bundle, "parts": kept})
        if later and not (set(later) <= data.saved_parts and second.is_file()):
            _write_pickle(second, {"parts": later})
        data.saved_parts = data.saved_parts | frozenset(parts)
        old = sorted(cache_dir.glob("snapshot-*.pickle"), key=lambda p: p.stat().st_mtime)
        for stale in old[:-keep]:
            stale.unlink(missing_ok=True)
            later_of = stale.with_name("analysis-" + stale.name.removeprefix("snapshot-"))
            later_of.unlink(missing_ok=True)
    except OSError as exc:  # a read-only data dir only costs speed
        logger.warning("cannot write the app cache in %s: %s", cache_dir, exc)


def _write_pickle(path: Path, value: Any) -> None:
    """Write ``value`` to ``path`` whole or not at all (a reader never sees half a file)."""
    partial = path.with_suffix(f".{os.getpid()}.part")
    with partial.open("wb") as handle:
        pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
    partial.replace(path)


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
