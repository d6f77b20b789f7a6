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

Writes are ``UNWIND $rows`` batches, each in one managed write transaction
(``session.execute_write``); a batch that fails with a transient, constraint or
incomplete-commit error is retried (it is idempotent), a bounded number of times.
Reads use ``driver.execute_query`` with ``database_`` always given.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import networkx as nx
import pandas as pd
from neo4j import READ_ACCESS, Driver, GraphDatabase, ManagedTransaction, Record
from neo4j.exceptions import (
    AuthError,
    ConstraintError,
    IncompleteCommit,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)

from kizuna.cypher import load, migration_names, schema_names
from kizuna.graph import bolt_read
from kizuna.graph.bolt_load import BundleLoad
from kizuna.graph.bundle import COLUMNS, REQUIRED_FILES, Bundle, GraphFilter
from kizuna.graph.errors import LoadStopped, StoreError, StoreRefused, StoreUnavailable
from kizuna.graph.load_lock import (
    LOCK_KEY,
    READ_WAIT_SECONDS,
    LoadLock,
    current_holder,
    read_between_loads,
)
from kizuna.graph.metrics_write import stored_metric_columns, write_metrics
from kizuna.graph.rehearsal import rehearse
from kizuna.graph.store import BATCH_SIZE, LoadReport, Progress
from kizuna.graph.upsert_plan import write_plan

logger = logging.getLogger(__name__)

#: Errors after which a batch is written again by kizuna (it is idempotent): the driver
#: does not retry these itself.  Lost connections the driver retries for
#: DRIVER_RETRY_SECONDS; kizuna does not multiply that (the store is then given up).
RETRYABLE = (ConstraintError, TransientError, IncompleteCommit)
#: How long the driver retries one transaction on a lost connection or a transient error
#: (its default is 30 s, which kizuna's own retries multiplied into minutes on a dead store).
DRIVER_RETRY_SECONDS = 15.0
#: Seconds to open a connection (TCP and Bolt handshake), and to get one from the pool.
CONNECT_SECONDS = 10.0
ACQUIRE_SECONDS = 20.0
META_KEY = "bundle"
T = TypeVar("T")
#: The filter parameters that apply to organizations.
NODE_FILTERS = ("regions", "clusters", "kinds")


class BoltStore:
    """A kizuna graph store behind a Bolt URI.

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
        self.uri = uri
        self.database = database
        self.max_retries = max_retries
        #: How to bring the store back, said when it stops answering (set by connect()).
        self.start_hint = f"Check that the store at {uri} is running"
        #: Where the server's own messages are, when known (the embedded server's log).
        self.server_log: str | None = None
        #: Reads wait this long for a running load to end (then StoreBusy), saying so
        #: through ``notice``.
        self.read_wait = READ_WAIT_SECONDS
        self.notice: Callable[[str], None] = logger.warning
        self._driver: Driver = GraphDatabase.driver(
            uri,
            auth=(user, password),
            max_transaction_retry_time=DRIVER_RETRY_SECONDS,
            connection_timeout=CONNECT_SECONDS,
            connection_acquisition_timeout=ACQUIRE_SECONDS,
        )
        try:
            self._driver.verify_connectivity()
            agent = self._driver.get_server_info().agent
        except AuthError as exc:
            self._driver.close()
            raise StoreError(
                f"The store at {uri} refused the user name or password. "
                "Check KIZUNA_STORE_USER and KIZUNA_STORE_PASSWORD."
            ) from exc
        except (ServiceUnavailable, OSError) as exc:
            self._driver.close()
            raise StoreUnavailable(f"Cannot reach the store at {uri}. Is it running?") from exc
        self.server_agent = str(agent)

    # ------------------------------------------------------------------ plumbing
    def query(self, name: str, **params: Any) -> list[dict[str, Any]]:
        """Run the named read statement; records as dicts."""
        return [r.data() for r in self.records(name, **params)]

    def records(self, name: str, **params: Any) -> list[Record]:
        """Run the named read statement; the driver's records (tuples, also keyed by name)."""
        try:
            records, _, _ = self._driver.execute_query(load(name), params, database_=self.database)
        except Neo4jError as exc:
            raise self._refused(name, exc) from exc
        except (ServiceUnavailable, SessionExpired) as exc:
            raise self._unavailable() from exc
        return list(records)

    def stream(self, name: str, **params: Any) -> Iterator[Record]:
        """Run the named read statement; its records, as the driver pulls them.

        One auto-commit transaction; the driver fetches 1,000 records at a time, so
        neither side holds the whole result (for reads of every organization, say).
        """
        try:
            with self._driver.session(
                database=self.database, default_access_mode=READ_ACCESS
            ) as session:
                yield from session.run(load(name), params)
        except Neo4jError as exc:
            raise self._refused(name, exc) from exc
        except (ServiceUnavailable, SessionExpired) as exc:
            raise self._unavailable() from exc

    def write(self, name: str, **params: Any) -> int:
        """Run the named write statement in one managed transaction, with bounded retries.

        Returns the statement's ``written``/``deleted`` count (0 when it returns nothing).
        """
        return int(self._write(name, params, _first_count, self.max_retries))

    def write_records(self, name: str, **params: Any) -> list[dict[str, Any]]:
        """Like :meth:`write`, returning the statement's records as dicts."""
        result: list[dict[str, Any]] = self._write(name, params, _all_records, self.max_retries)
        return result

    def write_once(self, name: str, **params: Any) -> int | None:
        """One attempt of :meth:`write`; None when it failed in a way worth retrying.

        For statements that are not idempotent (``create_ties``): after such a failure
        the transaction may or may not have been committed, so the caller redoes the work
        with an idempotent statement instead of repeating this one.
        """
        try:
            return int(self._write(name, params, _first_count, 1, quiet=True))
        except _Retryable:
            return None

    def _write(
        self,
        name: str,
        params: dict[str, Any],
        read: Callable[[Any], Any],
        attempts: int,
        *,
        quiet: bool = False,
    ) -> Any:
        text = load(name)

        def work(tx: ManagedTransaction) -> Any:
            return read(tx.run(text, params))

        for attempt in range(1, attempts + 1):
            try:
                with self._driver.session(database=self.database) as session:
                    return session.execute_write(work)
            except RETRYABLE as exc:  # before ServiceUnavailable: IncompleteCommit is one
                if quiet:
                    raise _Retryable from exc
                if attempt == attempts:
                    reason = f"{type(exc).__name__} {attempt} times"
                    raise StoreRefused(
                        f"The store refused the statement {name} {attempt} times "
                        f"({type(exc).__name__}). Run the load again; it is safe to repeat.",
                        reason,
                    ) from exc
                logger.info("retrying %s after %s (attempt %d)", name, type(exc).__name__, attempt)
                time.sleep(min(0.1 * 2**attempt, 2.0))
            except (ServiceUnavailable, SessionExpired) as exc:
                raise self._unavailable() from exc
            except Neo4jError as exc:
                raise self._refused(name, exc) from exc
        raise AssertionError("unreachable")

    def _unavailable(self) -> StoreUnavailable:
        return StoreUnavailable(
            f"The graph store at {self.uri} stopped answering. {self.start_hint}, "
            "then run the command again."
        )

    def _refused(self, name: str, exc: Neo4jError) -> StoreRefused:
        reason = plain_reason(exc, self.server_log)
        return StoreRefused(f"The store refused the statement {name}: {reason}", reason)

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
                self._write_meta(bundle)
            except StoreError as exc:
                raise load.stopped(exc, plan, replaced=replace) from exc
        report.seconds = time.perf_counter() - t0
        return report

    def _rehearse(self, plan: list[Any]) -> None:
        """A sample of every file written in one transaction that is rolled back
        (:mod:`graph.rehearsal`): what the server refuses stops the load before it writes."""

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

    def _write_meta(self, bundle: Bundle) -> None:
        old = self.query("read_meta", key=META_KEY)
        present = set(bundle.present)
        columns: dict[str, list[str]] = {k: list(v) for k, v in bundle.source_columns.items()}
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
        return self._between_loads(lambda: self._read(graph_filter))

    def read_graph(self, graph_filter: GraphFilter | None = None) -> nx.MultiDiGraph:
        """The stored network as a networkx MultiDiGraph (see :mod:`graph.nxview`)."""
        from kizuna.graph.nxview import to_networkx

        return to_networkx(self.read_bundle(graph_filter))

    def _between_loads(self, read: Callable[[], T]) -> T:
        """``read()`` while no load writes (waits up to ``read_wait`` s; see load_lock)."""
        return read_between_loads(self, read, wait=self.read_wait, notice=self.notice)

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

    def close(self) -> None:
        """Release the driver."""
        self._driver.close()

    def __enter__(self) -> BoltStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _Retryable(Exception):
    """A single write attempt failed with a retryable error (see ``write_once``)."""


def plain_reason(exc: Neo4jError, server_log: str | None = None) -> str:
    """The server's reason for ``exc`` as one plain line, never the statement's text.

    Examples
    --------
    >>> from types import SimpleNamespace  # a server error as the driver raises it
    >>> plain_reason(SimpleNamespace(message="Error executing Cypher command: UNWIND $rows"))
    'the server could not run it (its log has the cause)'
    >>> plain_reason(SimpleNamespace(message="Property name '@rid' is reserved"))
    "Property name '@rid' is reserved"
    """
    text = (exc.message or "").strip()
    first = text.splitlines()[0].strip() if text else ""
    if not first or first.startswith("Error executing Cypher command"):
        where = f" (the cause is in {server_log})" if server_log else " (its log has the cause)"
        return "the server could not run it" + where
    return first if len(first) <= 300 else first[:300] + "…"


def _first_count(result: Any) -> int:
    record = result.single()
    return int(record[0]) if record is not None and len(record) else 0


def _all_records(result: Any) -> list[dict[str, Any]]:
    return [r.data() for r in result]


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
