"""The app's cached snapshot of the store: read once, analysed once, shared by every page.

A :class:`DataSource` wraps the zero-argument ``source`` callable given to
:func:`dashboard.app.create_app`.  It re-reads the store at most every ``refresh_seconds``
(on page loads only, never on a hover or a click), fingerprints the bundle it got, and keeps
one :class:`SnapshotData` per fingerprint: the analysis and every derived table are computed
once for a snapshot, lazily, under a lock.  A store that cannot be reached leaves the last
good snapshot in place with an error message for the banner.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from kizuna.dashboard import layout_engine
from kizuna.dashboard.i18n import label
from kizuna.dashboard.text import normalize_text
from kizuna.graph.bundle import Bundle
from kizuna.graph.model import phase_of
from kizuna.plots import geo as geo_layout

logger = logging.getLogger(__name__)

BundleSource = Callable[[], Bundle]

#: Centralities a user can size nodes by (columns of the analysis' node table).
CENTRALITIES: tuple[str, ...] = ("degree", "betweenness", "pagerank", "eigenvector", "closeness")
NO_CLUSTER = "(none)"
#: After a failed read, a page load tries the store again once this many seconds passed.
RETRY_SECONDS = 3.0


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


def run_analysis(bundle: Bundle) -> Any:
    """The analytics library's :func:`analytics.api.analyze` on ``bundle``."""
    from kizuna.analytics.api import analyze

    return analyze(bundle)


class SnapshotData:
    """Everything the pages show for one snapshot, each part computed once on first use."""

    def __init__(self, bundle: Bundle, key: str):
        self.bundle = bundle
        self.key = key
        self._lock = threading.RLock()
        self._memo: dict[str, Any] = {}
        self._warming: threading.Thread | None = None
        self._warm_lock = threading.Lock()
        self.warm_error: str | None = None

    def _cached(self, name: str, compute: Callable[[], Any]) -> Any:
        if name in self._memo:
            return self._memo[name]
        with self._lock:
            if name not in self._memo:
                started = time.perf_counter()
                self._memo[name] = compute()
                logger.info("%s computed in %.2f s", name, time.perf_counter() - started)
            return self._memo[name]

    def memo(self, name: str, compute: Callable[[], Any], *, limit: int = 64) -> Any:
        """A per-snapshot cache for results keyed by user choices (partner queries …)."""
        cache: OrderedDict[str, Any] = self._cached("_results", OrderedDict)
        with self._lock:
            if name in cache:
                cache.move_to_end(name)
                return cache[name]
        value = compute()
        with self._lock:
            cache[name] = value
            while len(cache) > limit:
                cache.popitem(last=False)
        return value

    # -- basic facts -----------------------------------------------------------------------
    @property
    def is_empty(self) -> bool:
        return len(self.bundle.nodes) == 0

    @property
    def analysis(self) -> Any:
        """The analytics result (:class:`analytics.api.NetworkAnalysis`)."""
        return self._cached("analysis", lambda: run_analysis(self.bundle))

    @property
    def clusters(self) -> pd.DataFrame:
        """One row per cluster: id, name, label, region, field, phase, orgs, lat, lon."""
        return self._cached("clusters", self._build_clusters)

    @property
    def orgs(self) -> pd.DataFrame:
        """Organizations with their metrics, labels and map place, indexed by id."""
        return self._cached("orgs", self._build_orgs)

    @property
    def ties(self) -> pd.DataFrame:
        """Ties with the clusters, regions and map places of both ends."""
        return self._cached("ties", self._build_ties)

    @property
    def neighbours(self) -> dict[str, set[str]]:
        """Undirected adjacency (self-ties dropped)."""
        return self._cached("neighbours", self._build_neighbours)

    @property
    def positions(self) -> pd.DataFrame:
        """Network-explorer coordinates x, y of every organization, indexed by id."""
        return self._cached("positions", lambda: layout_engine.node_positions(self))

    @property
    def cluster_positions(self) -> pd.DataFrame:
        """Super-node coordinates (x, y, orgs) of every cluster group, indexed by group."""
        return self._cached("cluster_positions", lambda: layout_engine.group_centres(self))

    @property
    def search_keys(self) -> pd.Series:
        """NFKC + casefolded text of id, name, name_en and aliases, for partial search."""
        return self._cached("search_keys", self._build_search_keys)

    def warm(self) -> None:
        """Compute everything a first page load needs (call from a thread at start-up)."""
        if self.is_empty:
            return
        _ = (self.analysis, self.orgs, self.ties, self.neighbours, self.search_keys)
        _ = self.positions

    @property
    def ready(self) -> bool:
        """Whether the analysis and layout of this snapshot are computed."""
        return self.is_empty or all(k in self._memo for k in ("analysis", "orgs", "positions"))

    def warm_in_background(self, *, wait: float = 0.0) -> bool:
        """Start :meth:`warm` in a thread (once); wait up to ``wait`` seconds; ready or not.

        A page load on a big new snapshot returns at once with a "computing" notice instead
        of holding the browser's request for the whole analysis.
        """
        with self._warm_lock:
            if self._warming is None and not self.ready:
                self._warming = threading.Thread(target=self._warm_safely, daemon=True)
                self._warming.start()
        thread = self._warming
        if thread is not None and wait > 0:
            thread.join(timeout=wait)
        return self.ready

    def _warm_safely(self) -> None:
        try:
            self.warm()
        except Exception as exc:  # shown on the page; the app keeps running
            logger.exception("the analysis of this snapshot failed")
            self.warm_error = f"{type(exc).__name__}: {exc}"

    def cluster_label(self, cluster_id: str | None) -> str:
        if cluster_id is None or cluster_id == "" or cluster_id == NO_CLUSTER:
            return NO_CLUSTER
        labels: dict[str, str] = self._cached(
            "cluster_labels", lambda: {str(k): str(v) for k, v in self.clusters["label"].items()}
        )
        return labels.get(str(cluster_id), str(cluster_id))

    def org_label(self, org_id: str) -> str:
        labels: dict[str, str] = self._cached(
            "org_labels", lambda: {str(k): str(v) for k, v in self.orgs["label"].items()}
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
            row["phase"] = phase_of(row["since"]) or "unknown"
            rows.append(row)
        frame = pd.DataFrame(
            rows,
            columns=[
                "id",
                "name",
                "name_en",
                "label",
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
        nodes = self.bundle.nodes.copy()
        metrics = self.analysis.nodes
        extra = [c for c in metrics.columns if c not in nodes.columns or c == "id"]
        orgs = nodes.merge(metrics[extra], on="id", how="left")
        orgs["label"] = [label(n, e) for n, e in zip(orgs["name"], orgs["name_en"], strict=True)]
        orgs["group"] = orgs["cluster"].where(orgs["cluster"].notna(), NO_CLUSTER)
        clusters = self.clusters
        orgs["cluster_label"] = [
            str(clusters.at[c, "label"]) if c in clusters.index else NO_CLUSTER
            for c in orgs["group"]
        ]
        place = geo_layout.org_places(orgs, clusters)
        for col in ("place", "place_lat", "place_lon", "place_region"):
            orgs[col] = place[col].to_numpy()
        return orgs.set_index("id", drop=False)

    def _build_ties(self) -> pd.DataFrame:
        ties = self.bundle.ties.copy()
        orgs = self.orgs
        for end in ("source", "target"):
            looked = orgs.reindex(ties[end])
            ties[f"{end}_group"] = looked["group"].to_numpy()
            ties[f"{end}_region"] = looked["place_region"].to_numpy()
            ties[f"{end}_place"] = looked["place"].to_numpy()
        ties["year"] = ties["since"]
        return ties

    def _build_neighbours(self) -> dict[str, set[str]]:
        adj: dict[str, set[str]] = {i: set() for i in self.bundle.nodes["id"]}
        ties = self.bundle.ties
        for s, t in zip(ties["source"], ties["target"], strict=True):
            if s != t and s in adj and t in adj:
                adj[s].add(t)
                adj[t].add(s)
        return adj

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
    """What a page shows: the data (possibly an older one) and why the store failed, if it did."""

    data: SnapshotData
    error: str | None = None
    loaded_at: float = 0.0


class DataSource:
    """Reads the store through ``source`` at most every ``refresh_seconds``; caches by content."""

    def __init__(self, source: BundleSource, *, refresh_seconds: float = 60.0, keep: int = 3):
        self._source = source
        self._refresh = refresh_seconds
        self._keep = keep
        self._lock = threading.Lock()
        self._datas: OrderedDict[str, SnapshotData] = OrderedDict()
        self._current: Snapshot | None = None
        self._read_at = 0.0

    def current(self, *, refresh: bool = False) -> Snapshot:
        """The current snapshot, re-reading the store when it is older than the refresh time."""
        with self._lock:
            age = time.monotonic() - self._read_at
            due = (
                self._current is None
                or age >= self._refresh
                or (self._current.error is not None and age >= RETRY_SECONDS)
            )
            if refresh or due:
                self._current = self._read()
            assert self._current is not None
            return self._current

    def warm(self) -> None:
        """Read the store and compute the first snapshot's analysis and layout now."""
        self.current().data.warm()

    def peek(self) -> Snapshot:
        """The snapshot last read (reads once if none yet); never re-reads (for callbacks)."""
        if self._current is None:
            return self.current()
        return self._current

    def _read(self) -> Snapshot:
        self._read_at = time.monotonic()
        try:
            bundle = self._source()
        except Exception as exc:  # the store is a separate system: any failure → banner
            logger.warning("cannot read the store: %s", exc)
            message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            previous = self._current.data if self._current is not None else None
            data = previous if previous is not None else self._data_for(Bundle())
            return Snapshot(data=data, error=message, loaded_at=time.time())
        return Snapshot(data=self._data_for(bundle), error=None, loaded_at=time.time())

    def _data_for(self, bundle: Bundle) -> SnapshotData:
        key = fingerprint(bundle)
        data = self._datas.get(key)
        if data is None:
            data = SnapshotData(bundle, key)
            self._datas[key] = data
            while len(self._datas) > self._keep:
                self._datas.popitem(last=False)
        else:
            self._datas.move_to_end(key)
        return data
