"""The Bolt store: the GraphStore protocol over the official neo4j driver.

The same code talks to Neo4j 5 (production, docker-compose.yml) and to the embedded
ArcadeDB Bolt server (:mod:`graph.embedded`).  Store schema::

    (:Organization {id, name, kind, ...})      unique id
    (:Cluster {id, ...})  (:Program {id, ...})  unique id
    (:Organization)-[:PARTICIPATES_IN {key, role, since, ...}]->(:Program)   unique key
    (:Organization)-[:TIE {key, kind, directed, since, ..., derived: false}]->(:Organization)
    (:KizunaMeta {key: "bundle", present, source_columns})
    (:KizunaMeta {key: "load_lock", owner, host, pid, started_at, heartbeat})

A TIE's key is unique because one loader at a time writes (:mod:`graph.load_lock`) and
it never creates a key twice (:mod:`graph.bolt_load`), not by a constraint.

The connection, the named statements and the retries are :class:`graph.bolt_session.
BoltSession`'s; the load is :mod:`graph.bolt_load`'s, the reads :mod:`graph.bolt_read`'s.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from typing import Any

import networkx as nx
import pandas as pd
from neo4j.exceptions import Neo4jError, ServiceUnavailable, SessionExpired

from kizuna.cypher import load, migration_names, schema_names
from kizuna.graph import bolt_read
from kizuna.graph.bolt_load import BundleLoad
from kizuna.graph.bolt_session import BoltSession
from kizuna.graph.bundle import COLUMNS, REQUIRED_FILES, Bundle, GraphFilter
from kizuna.graph.errors import LoadStopped, StoreError, StoreRefused
from kizuna.graph.load_lock import (
    LOCK_KEY,
    READ_WAIT_SECONDS,
    LoadLock,
    current_holder,
    read_between_loads,
)
from kizuna.graph.metrics_write import stored_metric_columns, write_metrics
from kizuna.graph.store import BATCH_SIZE, LoadReport, Progress
from kizuna.graph.upsert_plan import rehearse, write_plan

logger = logging.getLogger(__name__)

META_KEY = "bundle"
#: The filter parameters that apply to organizations.
NODE_FILTERS = ("regions", "clusters", "kinds")


class BoltStore(BoltSession):
    """A kizuna graph store behind a Bolt URI: the :class:`graph.store.GraphStore`.

    Parameters
    ----------
    uri : str
        ``bolt://host:port`` or ``neo4j://host:port``.
    user, password : str
        Credentials.
    database : str
        Database name, passed with every query.
    max_retries : int
        Attempts per write batch on retryable errors.

    Notes
    -----
    Create one store per process and close it when done; it owns one driver.

    Examples
    --------
    >>> store = BoltStore("bolt://127.0.0.1:7687", "neo4j", "secret")  # doctest: +SKIP
    >>> store.counts()["organizations"]  # doctest: +SKIP
    12
    """

    def __init__(
        self,
        uri: str,
        user: str,
        password: str,
        *,
        database: str = "neo4j",
        max_retries: int = 6,
    ) -> None:
        super().__init__(uri, user, password, database=database, max_retries=max_retries)
        #: Reads wait this long for a running load to end (then StoreBusy), saying so
        #: through ``notice``.
        self.read_wait = READ_WAIT_SECONDS
        self.notice: Callable[[str], None] = logger.warning

    # ------------------------------------------------------------------ protocol
    def ensure_schema(self) -> None:
        """Create the constraints and indexes (idempotent) and wait until they are online."""
        for name in (*migration_names(), *schema_names()):
            self.query(name)
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            pending = self.query("indexes_pending")
            if not pending or not pending[0]["pending"]:
                return
            time.sleep(0.5)
        raise StoreError("The store's indexes did not come online within 5 minutes.")

    def upsert_bundle(
        self,
        bundle: Bundle,
        *,
        batch_size: int = BATCH_SIZE,
        progress: Progress | None = None,
        replace: bool = False,
    ) -> LoadReport:
        """Write a validated bundle; loading it again changes nothing.

        Parameters
        ----------
        bundle : Bundle
            A validated bundle (``loaders.open_bundle``).
        batch_size : int
            Rows per ``UNWIND`` write transaction.
        progress : callable, optional
            ``progress(done, total)`` after each batch.
        replace : bool
            Empty the store first (while holding the load lock).

        Returns
        -------
        LoadReport
            Rows written per file; ties with a repeated identity are loaded once and
            listed in ``duplicates``.
        """
        t0 = time.perf_counter()
        report = LoadReport()
        self.ensure_schema()
        plan = write_plan(bundle, report)
        try:
            self._rehearse(plan)
        except StoreRefused as exc:
            raise LoadStopped(
                f"The store refused part of this bundle, so nothing was written: {exc.reason}. "
                "The store is as it was.",
                unavailable=False,
            ) from exc
        with LoadLock(self) as lock:
            load = BundleLoad(self, lock, batch_size=batch_size, report=report, progress=progress)
            try:
                if replace:
                    self.clear()
                load.run(plan)
                self._write_meta(bundle.present, bundle.source_columns)
            except StoreError as exc:
                raise load.stopped(exc, plan, replaced=replace) from exc
        report.seconds = time.perf_counter() - t0
        return report

    def _rehearse(self, plan: list[Any]) -> None:
        """A sample of every file written in one transaction that is rolled back
        (:func:`graph.upsert_plan.rehearse`): what the server refuses stops the load
        before it writes."""

        def run(name: str, **params: Any) -> list[dict[str, Any]]:
            return [r.data() for r in tx.run(load(name), params)]

        try:
            with self._driver.session(database=self.database) as session:
                tx = session.begin_transaction()
                try:
                    rehearse(plan, run)
                finally:
                    tx.rollback()
        except Neo4jError as exc:
            raise self._refused("rehearsal", exc) from exc
        except (ServiceUnavailable, SessionExpired) as exc:
            raise self._unavailable() from exc

    def _write_meta(
        self, present_files: frozenset[str], source_columns: dict[str, tuple[str, ...]]
    ) -> None:
        """The bundle's files and source columns, merged with those of earlier loads."""
        old = self.query("read_meta", key=META_KEY)
        present = set(present_files)
        columns: dict[str, list[str]] = {k: list(v) for k, v in source_columns.items()}
        if old:
            present |= set(old[0]["present"] or ())
            for file, cols in json.loads(old[0]["source_columns"] or "{}").items():
                merged = list(cols) + [c for c in columns.get(file, []) if c not in cols]
                columns[file] = merged
        self.write(
            "upsert_meta",
            key=META_KEY,
            present=sorted(present),
            source_columns=json.dumps(columns, ensure_ascii=False, sort_keys=True),
            updated_at=time.time(),
        )

    def read_bundle(self, graph_filter: GraphFilter | None = None) -> Bundle:
        """The stored network (or a filtered part) as a bundle.

        Read in bounded server memory (:mod:`graph.bolt_read`): no server-side sort.
        """
        return read_between_loads(
            self, lambda: self._read(graph_filter), wait=self.read_wait, notice=self.notice
        )

    def read_graph(self, graph_filter: GraphFilter | None = None) -> nx.MultiDiGraph:
        """The stored network as a networkx MultiDiGraph (see :mod:`graph.nxview`)."""
        from kizuna.graph.nxview import to_networkx

        return to_networkx(self.read_bundle(graph_filter))

    def _read(self, graph_filter: GraphFilter | None) -> Bundle:
        params = _filter_params(graph_filter)
        meta = self.query("read_meta", key=META_KEY)
        present = frozenset(REQUIRED_FILES)
        source_columns: dict[str, tuple[str, ...]] = {}
        if meta:
            present = frozenset(meta[0]["present"] or ()) | present
            raw = json.loads(meta[0]["source_columns"] or "{}")
            source_columns = {k: tuple(v) for k, v in raw.items()}
        node_params = {k: params[k] for k in NODE_FILTERS}
        nodes = bolt_read.read_nodes(self, "nodes", "read_organizations", **node_params)
        metrics = [c for c in stored_metric_columns(self) if c not in COLUMNS["nodes"].columns]
        nodes = nodes.drop(columns=metrics, errors="ignore")
        ties = bolt_read.read_ties(self, nodes["id"], **params)
        bundle = Bundle(
            present=present,
            source_columns=source_columns,
            nodes=nodes,
            clusters=bolt_read.read_nodes(self, "clusters", "read_clusters"),
            programs=bolt_read.read_nodes(self, "programs", "read_programs"),
            ties=ties,
            participation=bolt_read.read_participation(self, **node_params),
        )
        if graph_filter is not None:
            bundle = graph_filter.apply(bundle)
        return bundle

    def write_metrics(self, nodes: pd.DataFrame, *, analyzed_at: str, version: str) -> int:
        """Analysis columns as organization properties (see :mod:`graph.metrics_write`)."""
        return write_metrics(self, nodes, analyzed_at=analyzed_at, version=version)

    def current_load(self) -> dict[str, Any] | None:
        """Who is loading into this store now (host, pid, started_at, heartbeat), or None."""
        holder = current_holder(self)
        if holder is None:
            return None
        return {k: holder[k] for k in ("host", "pid", "started_at", "heartbeat")}

    def content_version(self) -> str | None:
        """The store's content version: the time its last load ended (None while one runs).

        ``"empty"`` for a store never loaded.  ``kizuna serve`` asks it every few seconds
        instead of reading the store back; the app keeps one snapshot per version.
        """
        if current_holder(self) is not None:
            return None
        meta = self.query("read_meta", key=META_KEY)
        if not meta:
            return "empty"
        stamp = meta[0].get("updated_at")
        if stamp is None:  # loaded by an older kizuna: the counts stand in for a time
            return "counts-" + "-".join(map(str, self.counts().values()))
        return f"load-{stamp!r}"

    def loaded_at(self) -> float | None:
        """When a bundle was last loaded (POSIX seconds), None for a store never loaded."""
        meta = self.query("read_meta", key=META_KEY)
        value = meta[0].get("updated_at") if meta else None
        return float(value) if isinstance(value, int | float) else None

    def counts(self) -> dict[str, int]:
        """Numbers of organizations, clusters, programs, participations and ties."""
        rows = self.query("counts")
        return {k: int(v) for k, v in rows[0].items()}

    def clear(self) -> None:
        """Delete every kizuna node and relationship (in batches of 10,000 nodes)."""
        while self.write("clear_batch", limit=10_000, lock_key=LOCK_KEY):
            pass


def _filter_params(graph_filter: GraphFilter | None) -> dict[str, Any]:
    f = graph_filter or GraphFilter()

    def opt(values: tuple[str, ...]) -> list[str] | None:
        return list(values) if values else None

    return {
        "regions": opt(f.regions),
        "clusters": opt(f.clusters),
        "kinds": opt(f.kinds),
        "tie_kinds": opt(f.tie_kinds),
        "confidence": opt(f.confidence),
        "since": f.since,
        "until": f.until,
    }
