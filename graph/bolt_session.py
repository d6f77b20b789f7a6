"""A Bolt connection: one neo4j driver and the named statements (:mod:`kizuna.cypher`) run
over it, with kizuna's errors.

Writes are ``UNWIND $rows`` batches, each in one managed write transaction
(``session.execute_write``).  The driver itself retries a transaction on a lost
connection or a transient error, for :data:`DRIVER_RETRY_SECONDS`; kizuna writes a batch
again only after the errors the driver does not retry (:data:`RETRYABLE`), a bounded
number of times, so the two never multiply.  Reads use ``driver.execute_query`` with
``database_`` always given.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from neo4j import READ_ACCESS, Driver, GraphDatabase, ManagedTransaction, Record
from neo4j.exceptions import (
    AuthError,
    ConstraintError,
    IncompleteCommit,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)

from kizuna.cypher import load
from kizuna.graph.errors import StoreError, StoreRefused, StoreUnavailable

logger = logging.getLogger(__name__)

#: Errors after which kizuna writes a batch again (it is idempotent): the driver does not
#: retry these itself.  Lost connections and transient errors the driver retries for
#: DRIVER_RETRY_SECONDS; kizuna does not multiply that (the error is then given up).
RETRYABLE = (ConstraintError, IncompleteCommit)
#: How long the driver retries one transaction on a lost connection or a transient error
#: (its default is 30 s, which kizuna's own retries multiplied into minutes on a dead store).
DRIVER_RETRY_SECONDS = 15.0
#: Seconds to open a connection (TCP and Bolt handshake), and to get one from the pool.
CONNECT_SECONDS = 10.0
ACQUIRE_SECONDS = 20.0
S = TypeVar("S", bound="BoltSession")


class BoltSession:
    """One driver to a Bolt server and the named statements run over it.

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
    The plumbing under :class:`graph.bolt.BoltStore`: the load (:mod:`graph.bolt_load`),
    the reads (:mod:`graph.bolt_read`), the load lock and the metrics writer need only
    this, so none of them imports :mod:`graph.bolt`.
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

    def close(self) -> None:
        """Release the driver."""
        self._driver.close()

    def __enter__(self: S) -> S:
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
