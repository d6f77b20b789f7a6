"""One writer at a time: the load lock kept in the store itself.

A load holds the lock for as long as it writes (``kizuna load``, ``--replace`` included).
Ties have no uniqueness constraint in the store (it made every tie insert 1.5-2x slower on
the embedded server), so it is the loader that keeps them unique: one writer, creating
ties into a store that had none and merging them otherwise.  The lock is what makes the
"one writer" true when two loads are started against one store.

The lock is a ``(:KizunaMeta {key: "load_lock"})`` node with the owner's token, host, pid,
start time and a heartbeat the owner refreshes while it writes.  A lock left behind by a
load that died (killed, power cut) is taken over at once when its owner was a process of
this host that no longer exists, else when its heartbeat is older than
:data:`STALE_SECONDS`.
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from kizuna.graph.embedded import pid_alive
from kizuna.graph.errors import StoreBusy, StoreError, StoreUnavailable

if TYPE_CHECKING:
    from kizuna.graph.bolt_session import BoltSession

logger = logging.getLogger(__name__)

LOCK_KEY = "load_lock"
#: A lock whose heartbeat is older than this is abandoned (its owner beats every 30 s).
STALE_SECONDS = 600.0
HEARTBEAT_SECONDS = 30.0
#: How long a read waits for a running load to end, and how often it looks.
READ_WAIT_SECONDS = 60.0
READ_POLL_SECONDS = 1.0
T = TypeVar("T")


def current_holder(store: BoltSession) -> dict[str, Any] | None:
    """The ``read_load_lock`` record of whoever holds the lock now, or None."""
    rows = store.query("read_load_lock", key=LOCK_KEY)
    return rows[0] if rows and rows[0]["owner"] is not None else None


def abandoned(holder: dict[str, Any], *, host: str, now: float) -> bool:
    """Whether the lock ``holder`` (a ``read_load_lock`` record) is left by a dead load.

    Examples
    --------
    >>> abandoned({"host": "h", "pid": 2**22 + 1, "heartbeat": 0.0}, host="h", now=1.0)
    True
    >>> abandoned({"host": "other", "pid": 1, "heartbeat": 0.0}, host="h", now=1.0)
    False
    """
    heartbeat = holder.get("heartbeat")
    if heartbeat is None or now - float(heartbeat) > STALE_SECONDS:
        return True
    pid = holder.get("pid")
    return holder.get("host") == host and pid is not None and not pid_alive(int(pid))


class LoadLock:
    """The store's load lock, as a context manager.

    Parameters
    ----------
    store : BoltStore
        Anything with the ``query`` and ``write`` of :class:`graph.bolt.BoltStore`.

    Raises
    ------
    StoreBusy
        When another live load holds the lock.

    Examples
    --------
    >>> with LoadLock(store) as lock:  # doctest: +SKIP
    ...     for batch in batches:
    ...         write(batch)
    ...         lock.beat()
    """

    def __init__(self, store: BoltSession) -> None:
        self.store = store
        self.host = socket.gethostname()
        self.pid = os.getpid()
        self.owner = f"{self.host}:{self.pid}:{secrets.token_hex(6)}"
        self.started_at = time.time()
        self._last_beat = 0.0

    def _take(self, expected: str | None) -> bool:
        now = time.time()
        written = self.store.write(
            "acquire_load_lock",
            key=LOCK_KEY,
            owner=self.owner,
            expected=expected,
            host=self.host,
            pid=self.pid,
            started_at=self.started_at,
            now=now,
        )
        if written:
            self._last_beat = now
        return bool(written)

    def acquire(self) -> None:
        """Take the lock, or raise :class:`StoreBusy` naming who holds it."""
        for _ in range(5):
            holder = current_holder(self.store) or {}
            owner = holder.get("owner")
            expected = None
            if owner is not None and owner != self.owner:
                if not abandoned(holder, host=self.host, now=time.time()):
                    raise StoreBusy(_busy_message(holder))
                logger.warning("taking over the load lock left by %s", owner)
                expected = str(owner)
            if self._take(expected):
                return
        raise StoreError("Could not take the store's load lock. Run the command again.")

    def beat(self) -> None:
        """Refresh the heartbeat (at most every 30 s); raise if the lock was lost."""
        if time.time() - self._last_beat < HEARTBEAT_SECONDS:
            return
        if not self._take(None):
            raise StoreError(
                "This load lost the store's load lock (another load took it over after "
                "this one stopped beating). Run the load again; it is safe to repeat."
            )

    def release(self) -> None:
        """Give the lock back (a no-op when it is not ours any more)."""
        self.store.write("release_load_lock", key=LOCK_KEY, owner=self.owner)

    def __enter__(self) -> LoadLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        error = exc[1]
        if isinstance(error, StoreUnavailable) or getattr(error, "unavailable", False):
            # Nobody to give it back to; the next load on this host takes it over at once.
            logger.warning("the store stopped answering; the load lock was not released")
            return
        try:
            self.release()
        except StoreError as err:  # the load's own error (if any) matters more
            logger.warning("could not release the load lock: %s", err)


def _state(store: BoltSession) -> tuple[Any, Any]:
    """(owner, finished loads) of the lock: equal before and after a read = no load between."""
    rows = store.query("read_load_lock", key=LOCK_KEY)
    return (rows[0]["owner"], rows[0]["loads"]) if rows else (None, None)


def _started(holder: dict[str, Any]) -> str:
    started = holder.get("started_at")
    if started is None:
        return "an unknown time"
    return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(float(started)))


def read_between_loads(
    store: BoltSession,
    read: Callable[[], T],
    *,
    wait: float = READ_WAIT_SECONDS,
    notice: Callable[[str], None] = logger.warning,
) -> T:
    """``read()`` at a moment when no load writes to ``store``: a consistent read.

    A read waits while a load holds the lock (at most ``wait`` seconds, saying so once
    through ``notice``), and is done again when a load started or ended while it ran (the
    lock's owner or its count of finished loads changed).  A lock left by a dead load does
    not hold reads back: they go ahead with a notice that the store may hold part of that
    load.

    Raises
    ------
    StoreBusy
        When a load is still writing after ``wait`` seconds.
    """
    deadline = time.monotonic() + wait
    told = False
    while True:
        holder = current_holder(store)
        if holder is not None and not abandoned(holder, host=socket.gethostname(), now=time.time()):
            if time.monotonic() >= deadline:
                raise StoreBusy(
                    f"A load is writing to this store (process {holder.get('pid')} on "
                    f"{holder.get('host')}, since {_started(holder)}). Run this command again "
                    "when it ends."
                )
            if not told:
                notice(
                    f"A load is writing to this store (since {_started(holder)}); waiting up to "
                    f"{wait:.0f} s for it to end before reading."
                )
                told = True
            time.sleep(min(READ_POLL_SECONDS, max(0.0, deadline - time.monotonic())))
            continue
        if holder is not None:
            notice(
                f"The load started {_started(holder)} (process {holder.get('pid')} on "
                f"{holder.get('host')}) did not finish: the store may hold part of it. Run that "
                "load again to complete it."
            )
        before = _state(store)
        result = read()
        if _state(store) == before:
            return result
        logger.info("a load started or ended during the read; reading again")


def _busy_message(holder: dict[str, Any]) -> str:
    started = holder.get("started_at")
    when = (
        time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(float(started)))
        if started is not None
        else "an unknown time"
    )
    return (
        f"Another kizuna load is writing to this store (process {holder.get('pid')} on "
        f"{holder.get('host')}, started {when}). Wait for it to finish, then run this "
        f"command again. If that load died on another machine, its lock expires "
        f"{int(STALE_SECONDS // 60)} minutes after its last sign of life."
    )
