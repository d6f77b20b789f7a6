"""One load at a time: the load lock in the store."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from kizuna.graph.errors import StoreBusy, StoreError
from kizuna.graph.load_lock import LOCK_KEY, STALE_SECONDS, LoadLock, abandoned
from kizuna.loaders.writers import write_bundle
from tests.store.bundles import tiny_bundle

pytestmark = pytest.mark.store
HOST = socket.gethostname()


@pytest.fixture(autouse=True)
def no_lock_left(clean_store: Any) -> Any:
    """clear() keeps the lock node (``load --replace`` clears while holding it): drop it."""
    yield
    clean_store._driver.execute_query(
        "MATCH (l:KizunaMeta {key: $key}) DETACH DELETE l",
        key=LOCK_KEY,
        database_=clean_store.database,
    )


def hold(
    store: Any, *, owner: str, host: str, pid: int, heartbeat: float, expected: str | None = None
) -> None:
    """Put the lock in the hands of someone else, as a running (or dead) load would."""
    assert store.write(
        "acquire_load_lock",
        key=LOCK_KEY,
        owner=owner,
        expected=expected,
        host=host,
        pid=pid,
        started_at=heartbeat,
        now=heartbeat,
    )


def holder(store: Any) -> dict[str, Any]:
    rows = store.query("read_load_lock", key=LOCK_KEY)
    return rows[0] if rows else {}


def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_a_load_takes_and_gives_back_the_lock(clean_store: Any) -> None:
    clean_store.upsert_bundle(tiny_bundle())
    assert holder(clean_store).get("owner") is None


def test_a_live_load_keeps_others_out(clean_store: Any) -> None:
    hold(clean_store, owner="other", host=HOST, pid=os.getppid(), heartbeat=time.time())
    with pytest.raises(StoreBusy, match=rf"process {os.getppid()} on {HOST}"):
        clean_store.upsert_bundle(tiny_bundle())
    assert clean_store.counts()["organizations"] == 0
    assert holder(clean_store)["owner"] == "other"


def test_a_live_load_on_another_host_keeps_others_out(clean_store: Any) -> None:
    hold(clean_store, owner="other", host="elsewhere", pid=1, heartbeat=time.time())
    with pytest.raises(StoreBusy, match="Wait for it to finish"):
        clean_store.upsert_bundle(tiny_bundle())


def test_the_lock_of_a_dead_process_is_taken_over(clean_store: Any) -> None:
    hold(clean_store, owner="killed", host=HOST, pid=dead_pid(), heartbeat=time.time())
    report = clean_store.upsert_bundle(tiny_bundle())
    assert report.written["nodes"] == 4
    assert holder(clean_store).get("owner") is None


def test_a_silent_lock_expires(clean_store: Any) -> None:
    hold(
        clean_store,
        owner="gone",
        host="elsewhere",
        pid=1,
        heartbeat=time.time() - STALE_SECONDS - 1,
    )
    assert clean_store.upsert_bundle(tiny_bundle()).written["nodes"] == 4


def test_the_lock_is_given_back_when_a_load_fails(
    clean_store: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = clean_store.write

    def fail_on_ties(name: str, **params: Any) -> int:
        if name == "upsert_participation":
            raise StoreError("injected")
        return int(real(name, **params))

    monkeypatch.setattr(clean_store, "write", fail_on_ties)
    with pytest.raises(StoreError, match="injected"):
        clean_store.upsert_bundle(tiny_bundle())
    assert holder(clean_store).get("owner") is None


def test_a_load_that_lost_its_lock_stops(clean_store: Any) -> None:
    lock = LoadLock(clean_store)
    lock.acquire()
    # a free lock only: the thief cannot take a held one without naming its owner
    with pytest.raises(AssertionError):
        hold(clean_store, owner="thief", host=HOST, pid=os.getppid(), heartbeat=time.time())
    hold(
        clean_store,
        owner="thief",
        host=HOST,
        pid=os.getppid(),
        heartbeat=time.time(),
        expected=lock.owner,
    )
    lock.beat()  # within 30 s of taking it: no round trip, nothing noticed yet
    lock._last_beat = 0.0
    with pytest.raises(StoreError, match="lost the store's load lock"):
        lock.beat()
    lock.release()  # not ours: a no-op
    assert holder(clean_store)["owner"] == "thief"


def test_replace_keeps_the_lock_while_it_clears(clean_store: Any) -> None:
    clean_store.upsert_bundle(tiny_bundle())
    report = clean_store.upsert_bundle(tiny_bundle(), replace=True)
    assert report.written["nodes"] == 4
    assert clean_store.counts()["organizations"] == 4
    assert holder(clean_store).get("owner") is None


def test_cli_says_another_load_is_running(
    clean_store: Any, store_env: dict[str, str], tmp_path: Path
) -> None:
    path = write_bundle(tiny_bundle(), tmp_path / "tiny")
    hold(clean_store, owner="other", host=HOST, pid=os.getpid(), heartbeat=time.time())
    proc = subprocess.run(
        ["kizuna", "load", str(path)], env=store_env, capture_output=True, text=True
    )
    assert proc.returncode == 1
    assert "Another kizuna load is writing to this store" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert clean_store.counts()["organizations"] == 0


def test_abandoned() -> None:
    now = time.time()
    alive = {"host": HOST, "pid": os.getpid(), "heartbeat": now}
    assert not abandoned(alive, host=HOST, now=now)
    assert abandoned({**alive, "pid": dead_pid()}, host=HOST, now=now)
    assert not abandoned({**alive, "host": "elsewhere", "pid": dead_pid()}, host=HOST, now=now)
    assert abandoned(alive, host=HOST, now=now + STALE_SECONDS + 1)
    assert abandoned({"host": HOST, "pid": None, "heartbeat": None}, host=HOST, now=now)


def test_status_tells_who_is_loading(clean_store: Any, store_env: dict[str, str]) -> None:
    def status() -> dict[str, Any]:
        proc = subprocess.run(
            ["kizuna", "store", "status", "--json"], env=store_env, capture_output=True, text=True
        )
        assert proc.returncode == 0, proc.stderr
        data: dict[str, Any] = json.loads(proc.stdout)
        return data

    assert status()["load"] is None
    hold(clean_store, owner="other", host=HOST, pid=os.getpid(), heartbeat=time.time())
    load = status()["load"]
    assert load["pid"] == os.getpid() and load["host"] == HOST
