"""One load of a bundle into a Bolt store: the write side of :class:`graph.bolt.BoltStore`.

The order is nodes, clusters, programs, ties, participation; every batch is one managed
write transaction.  Co_participation ties that an older kizuna derived from participation
and stored (``derived = true``) are deleted first: no kizuna code reads them, and a load
into such a store converges to the store of one clean load.  How ties are written is
what makes a load fast:

* the organizations' ``elementId`` handles come back from their upsert, and the tie
  statements find both ends by handle (a record lookup) instead of by id (an index
  search), checking the id as well, so a stale handle can only make a row miss;
* into a store that holds no tie when the load begins, ties are created (``create_ties``),
  with no MERGE: the bundle's ties are already unique, and the load lock
  (:mod:`graph.load_lock`) keeps other loads out;
* otherwise each tie is merged on its key among its source's outgoing ties
  (``upsert_ties``), so a rerun, or the rerun of a load that was killed half-way,
  converges to the store of one clean load;
* a tie id that now joins other organizations than the stored tie with that id replaces
  it (relationships cannot change their ends);
* the next batch's rows are built while the store writes the current one
  (:func:`graph.upsert_plan.prefetched`).

A ``create_ties`` batch that comes back short (a stale handle) or fails in a way that may
have committed is redone with ``upsert_ties``, which is idempotent.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import pandas as pd

from kizuna.graph.bolt_session import BoltSession
from kizuna.graph.errors import LoadStopped, StoreError, StoreRefused, StoreUnavailable
from kizuna.graph.load_lock import LoadLock
from kizuna.graph.store import LoadReport, Progress
from kizuna.graph.upsert_plan import Handles, Step, TieStep, has_extra_cells, prefetched, tie_rows

logger = logging.getLogger(__name__)

#: Ids per read_organization_eids call.
ID_BATCH = 10_000
#: Derived ties deleted per delete_derived_ties call.
DELETE_BATCH = 10_000


class BundleLoad:
    """Writes the steps of :func:`graph.upsert_plan.write_plan` into ``store``.

    Parameters
    ----------
    store : BoltSession
        Where to write (a :class:`graph.bolt.BoltStore`); the caller holds ``lock``.
    lock : LoadLock
        The held load lock (its heartbeat is refreshed between batches).
    batch_size : int
        Rows per write transaction.
    report : LoadReport
        Filled in: rows written per step, warnings.
    progress : callable, optional
        ``progress(done, total)`` after each batch.
    """

    def __init__(
        self,
        store: BoltSession,
        lock: LoadLock,
        *,
        batch_size: int,
        report: LoadReport,
        progress: Progress | None = None,
    ) -> None:
        self.store = store
        self.lock = lock
        self.batch_size = batch_size
        self.report = report
        self.progress = progress
        self.handles: Handles = {}
        self._step = ""
        self.fresh_ties = False
        self._done = 0
        self._total = 0
        #: Rows of each step written so far (batches committed).
        self.step_done: dict[str, int] = {}

    def run(self, plan: list[Step | TieStep]) -> None:
        """Write every step, in order."""
        self.fresh_ties = not self.store.query("has_ties")[0]["present"]
        if not self.fresh_ties:
            self._delete_derived()
            self.fresh_ties = not self.store.query("has_ties")[0]["present"]
        self._total = sum(len(step) for step in plan)
        self._tick(0)
        for step in plan:
            self._step = step.label
            self.step_done[step.label] = 0
            written = self._ties(step) if isinstance(step, TieStep) else self._records(step)
            if written < len(step):
                self.report.warnings.append(
                    f"{len(step) - written} {step.label} row(s) skipped: an end is not in the store"
                )
            self.report.written[step.label] = written

    def _delete_derived(self) -> None:
        """Delete the co_participation ties an older kizuna stored (``derived = true``)."""
        deleted = 0
        while n := self.store.write("delete_derived_ties", limit=DELETE_BATCH):
            deleted += n
            self.lock.beat()
        if deleted:
            self.report.warnings.append(
                f"{deleted} co-participation tie(s) that an earlier kizuna derived from "
                "participation.csv were deleted (kizuna no longer stores them)"
            )

    # ------------------------------------------------------------------ steps
    def _tick(self, n: int) -> None:
        self._done += n
        if n:
            self.step_done[self._step] += n
        if self.progress is not None:
            self.progress(self._done, self._total)
        if n:
            self.lock.beat()

    def _records(self, step: Step) -> int:
        written = 0
        for rows in prefetched(step.batches(self.batch_size)):
            if step.label == "nodes":
                records = self.store.write_records(step.statement, rows=rows)
                self.handles.update((r["id"], r["eid"]) for r in records)
                written += len(records)
            else:
                written += self.store.write(step.statement, rows=rows)
            self._tick(len(rows))
        return written

    def _ties(self, step: TieStep) -> int:
        if not len(step):
            return 0
        self._find_handles(_ends(step.frame))
        if step.label == "ties" and not self.fresh_ties:
            self._replace_moved(step)
        create = self.fresh_ties

        def batches() -> Iterator[tuple[pd.DataFrame, list[str], list[dict[str, Any]], bool]]:
            for frame, keys in step.slices(self.batch_size):
                as_create = create and not has_extra_cells(frame)
                rows = tie_rows(frame, keys, self.handles, create=as_create)
                yield frame, keys, rows, as_create

        written = 0
        for frame, keys, rows, as_create in prefetched(batches()):
            written += self._tie_batch(frame, keys, rows, as_create)
            self._tick(len(frame))
        return written

    def _tie_batch(
        self,
        frame: pd.DataFrame,
        keys: list[str],
        rows: list[dict[str, Any]],
        as_create: bool,
    ) -> int:
        if not rows:
            return 0
        if as_create:
            written = self.store.write_once("create_ties", rows=rows)
            if written == len(rows):
                return written
            logger.info("create_ties batch came back %s of %d; merging it", written, len(rows))
            self._find_handles(_ends(frame), refresh=True)
        merge_rows = tie_rows(frame, keys, self.handles, create=False)
        return self.store.write("upsert_ties", rows=merge_rows)

    def stopped(
        self, exc: StoreError, plan: list[Step | TieStep], *, replaced: bool
    ) -> LoadStopped:
        """The plain account of a load that failed after it began writing (see docs/store.md)."""
        unavailable = isinstance(exc, StoreUnavailable)
        started = [s for s in plan if len(s) and s.label in self.step_done]
        nothing = sum(self.step_done.values()) == 0
        if nothing:
            where = "before writing anything"
        else:
            current = started[-1]
            where = (
                f"after {self.step_done[current.label]:,} of "
                f"{_counted(len(current), current.label)}"
            )
            if len(started) > 1:
                earlier = [_counted(len(s), s.label) for s in started[:-1]]
                where += f" (all {', '.join(earlier)} were written)"
        emptied = " It had emptied the store first (--replace)." if replaced else ""
        if unavailable:
            message = (
                f"The graph store at {self.store.uri} stopped answering {where}; nothing more was "
                f"written.{emptied} {self.store.start_hint}, and rerun the same load: it converges."
            )
        elif nothing and not replaced:
            message = f"The load stopped {where}: {_reason(exc)}. The store is as it was."
        else:
            message = (
                f"The load stopped {where}: {_reason(exc)}.{emptied} The store now holds a "
                "partial load. Run the same command again to finish it (a rerun converges), "
                "or `{rerun}`."
            )
        return LoadStopped(message, unavailable=unavailable)

    # ------------------------------------------------------------------ helpers
    def _find_handles(self, ids: Any, *, refresh: bool = False) -> None:
        """Look up the handles of ``ids`` not known yet (all of them with ``refresh``)."""
        wanted = [str(i) for i in ids if refresh or i not in self.handles]
        for start in range(0, len(wanted), ID_BATCH):
            chunk = wanted[start : start + ID_BATCH]
            for i in chunk:
                self.handles.pop(i, None)
            for r in self.store.query("read_organization_eids", ids=chunk):
                self.handles[r["id"]] = r["eid"]

    def _replace_moved(self, step: TieStep) -> None:
        """Delete stored ties whose id the bundle gives to another pair of organizations."""
        if "id" not in step.frame or not step.frame["id"].notna().any():
            return
        stored = {key: (a, b) for key, a, b in self.store.stream("read_tie_ids")}
        moved = [
            {"key": key, "source": stored[key][0], "target": stored[key][1]}
            for frame, keys in step.slices(len(step))
            for key, source, target in zip(keys, frame["source"], frame["target"], strict=True)
            if key in stored and stored[key] != (source, target)
        ]
        deleted = 0
        for start in range(0, len(moved), self.batch_size):
            deleted += self.store.write("delete_ties", rows=moved[start : start + self.batch_size])
        if deleted:
            self.report.warnings.append(
                f"{deleted} tie(s) keep their id but now join other organizations: "
                "the stored ties with those ids were replaced"
            )


#: What the steps of a load write, as a user says it.
NOUNS = {
    "nodes": "organizations",
    "clusters": "clusters",
    "programs": "programs",
    "ties": "ties",
    "participation": "participations",
}


def _counted(n: int, label: str) -> str:
    """``n`` things of step ``label``: "1 program", "4,000 organizations"."""
    noun = NOUNS.get(label, label)
    return f"{n:,} {noun[:-1] if n == 1 and noun.endswith('s') else noun}"


def _reason(exc: StoreError) -> str:
    return exc.reason if isinstance(exc, StoreRefused) else str(exc).rstrip(".")


def _ends(ties: pd.DataFrame) -> Any:
    """The distinct organization ids at either end of ``ties``."""
    return pd.unique(ties[["source", "target"]].to_numpy().ravel())
