"""Run one function in a forked child process while the caller goes on (fallback: inline).

The analysis forks its helpers after the snapshot is built, so the children share its
arrays copy-on-write and only send their (small) results back through a pipe.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import os
import time
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)

__all__ = ["Background", "can_fork"]


def can_fork() -> bool:
    """More than one core and the ``fork`` start method (Linux)."""
    return (os.cpu_count() or 1) > 1 and "fork" in mp.get_all_start_methods()


class Background:
    """Compute ``fn(*args)`` in a forked child, or inline when forking is not possible.

    In a forked child when ``parallel`` (and forking is possible), else in
    :meth:`result`.  Either way :meth:`result` returns the same value and ``seconds`` /
    ``cpu`` hold the wall and CPU seconds the computation itself took.

    Examples
    --------
    >>> job = Background(sum, [1, 2, 3], parallel=False)
    >>> job.result()
    6
    """

    def __init__(self, fn: Callable[..., Any], *args: Any, parallel: bool = True):
        self._fn, self._args = fn, args
        self._proc: Any = None
        self._conn: Any = None
        self._done = False
        self._value: Any = None
        self.seconds = 0.0
        self.cpu = 0.0
        if not (parallel and can_fork()):
            return
        ctx = mp.get_context("fork")
        recv, send = ctx.Pipe(duplex=False)
        self._proc = ctx.Process(target=self._child, args=(send,), daemon=True)
        self._proc.start()
        send.close()
        self._conn = recv

    @property
    def forked(self) -> bool:
        """Whether the computation runs in a forked child."""
        return self._proc is not None

    def _run(self) -> tuple[Any, float, float]:
        t0, c0 = time.perf_counter(), time.process_time()
        value = self._fn(*self._args)
        return value, round(time.perf_counter() - t0, 3), round(time.process_time() - c0, 3)

    def _child(self, conn: Any) -> None:
        try:
            conn.send(("ok", self._run()))
        except BaseException as exc:  # report to the parent, never hang it
            conn.send(("error", repr(exc)))
        finally:
            conn.close()

    def result(self) -> Any:
        """Return the value (wait for the child; compute inline if it failed)."""
        if self._done:
            return self._value
        if self._proc is None:
            self._value, self.seconds, self.cpu = self._run()
        else:
            try:
                status, payload = self._conn.recv()
            except EOFError:
                status, payload = "error", "the process ended without a result"
            finally:
                self._conn.close()
                self._proc.join()
            if status == "ok":
                self._value, self.seconds, self.cpu = payload
            else:
                log.warning("background %s failed (%s); computing it here", self._fn, payload)
                self._value, self.seconds, self.cpu = self._run()
        self._done = True
        return self._value
