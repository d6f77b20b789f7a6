"""A load that fails after validation says so in one plain line, and a rerun converges.

Three failures: the server refuses a property name at write time (a real server-side
refusal, caught by the rolled-back rehearsal: nothing written), a batch fails half-way
(the server's DatabaseError raised at one write transaction), and the server dies
half-way (SIGKILL of the embedded server's process while `kizuna load` runs).
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
from neo4j.exceptions import Neo4jError

from kizuna.cmd_load import load_bundle
from kizuna.graph.embedded import start_server, stop_server
from kizuna.graph.errors import LoadStopped
from kizuna.loaders.writers import write_bundle
from tests.store.bundles import same_rows, tiny_bundle
from tests.store.test_crash import N_TIES, big_bundle, snapshot, written_ties

pytestmark = pytest.mark.store

QUERY_WORDS = re.compile(r"UNWIND|MATCH|MERGE|\$rows|RETURN")


def assert_plain(message: str) -> None:
    assert "\n" not in message
    assert not QUERY_WORDS.search(message), message


def same_store(a: tuple[dict[str, int], Any], b: tuple[dict[str, int], Any]) -> None:
    assert a[0] == b[0]
    for f in ("nodes", "clusters", "ties", "programs", "participation"):
        assert same_rows(a[1].frame(f), b[1].frame(f)), f


@pytest.mark.parametrize("file", ["ties", "nodes"])
def test_server_refusing_a_column_name_leaves_the_store_as_it_was(
    clean_store: Any, file: str
) -> None:
    """ArcadeDB refuses a property named @rid at write time: the rehearsal (one transaction,
    rolled back) finds it before the load writes anything."""
    bundle = tiny_bundle()
    clean_store.upsert_bundle(bundle)
    before = snapshot(clean_store)
    changed = bundle.frame(file).copy()
    changed["name" if file == "nodes" else "note"] = "changed"
    changed["@rid"] = "x"
    with pytest.raises(LoadStopped) as info:
        clean_store.upsert_bundle(bundle.with_frames(**{file: changed}), batch_size=2)
    message = str(info.value)
    assert_plain(message)
    assert message.startswith("The store refused part of this bundle, so nothing was written")
    assert message.endswith("The store is as it was.")
    assert clean_store.current_load() is None
    same_store(before, snapshot(clean_store))


class FailingDriver:
    """The real driver, but write transaction number ``at`` raises the server's error."""

    def __init__(self, real: Any, at: int) -> None:
        self.real, self.at, self.calls = real, at, 0

    def session(self, **kwargs: Any) -> Any:
        session = self.real.session(**kwargs)
        outer = self

        class Session:
            def __enter__(self) -> Session:
                session.__enter__()
                return self

            def __exit__(self, *exc: object) -> None:
                session.__exit__(*exc)

            def execute_write(self, work: Any) -> Any:
                outer.calls += 1
                if outer.calls == outer.at:
                    raise Neo4jError._hydrate_neo4j(  # as the driver builds it from the server
                        code="Neo.DatabaseError.General.UnknownError",
                        message="Error executing Cypher command: UNWIND $rows AS row\nMATCH (a)",
                    )
                return session.execute_write(work)

            def __getattr__(self, name: str) -> Any:
                return getattr(session, name)

        return Session()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)


def test_batch_failing_half_way_then_rerun_converges(
    clean_store: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundle = tiny_bundle()
    driver = FailingDriver(clean_store._driver, at=6)  # lock, then 5th data batch
    monkeypatch.setattr(clean_store, "_driver", driver)
    with pytest.raises(LoadStopped) as info:
        clean_store.upsert_bundle(bundle, batch_size=1)
    monkeypatch.undo()
    message = str(info.value)
    assert_plain(message)
    assert "The load stopped after" in message and "partial load" in message
    assert "the cause is in" in message or "its log has the cause" in message
    partial = clean_store.counts()
    assert partial["organizations"] > 0 and partial["ties"] == 0

    clean_store.upsert_bundle(bundle, batch_size=1)  # the same load again
    after = snapshot(clean_store)
    clean_store.clear()
    clean_store.upsert_bundle(bundle)
    same_store(after, snapshot(clean_store))


def test_failure_in_the_first_batch_leaves_the_store_as_it_was(
    clean_store: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    clean_store.upsert_bundle(tiny_bundle())
    before = snapshot(clean_store)
    monkeypatch.setattr(clean_store, "_driver", FailingDriver(clean_store._driver, at=2))
    with pytest.raises(LoadStopped) as info:
        clean_store.upsert_bundle(tiny_bundle())
    monkeypatch.undo()
    assert str(info.value).startswith("The load stopped before writing anything: ")
    assert str(info.value).endswith("The store is as it was.")
    same_store(before, snapshot(clean_store))


@pytest.mark.slow
def test_dead_store_ends_the_load_plainly_and_rerun_converges(tmp_path: Path) -> None:
    """SIGKILL of the server mid-load: `kizuna load` exits 1 with one plain line."""
    from kizuna.config import Settings
    from kizuna.store_access import connect

    data = tmp_path / "data"
    info = start_server(data)
    path = write_bundle(big_bundle(), tmp_path / "big")
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIZUNA_")}
    watcher = connect(Settings(data_dir=data))
    proc = subprocess.Popen(
        ["kizuna", "load", str(path), "--batch-size", "1000", "--data-dir", str(data)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and proc.poll() is None:
            if written_ties(watcher, 2000) >= 2000:
                break
            time.sleep(0.05)
        assert proc.poll() is None, "the load ended before the store could be killed"
        os.kill(info.pid, signal.SIGKILL)
        killed = time.monotonic()
        _, stderr = proc.communicate(timeout=600)
        print(f"gave up {time.monotonic() - killed:.1f} s after the store was killed")
    finally:
        proc.kill()
        watcher.close()
    assert proc.returncode == 1
    assert "Traceback" not in stderr
    errors = [line for line in stderr.splitlines() if line.startswith("Error: ")]
    assert len(errors) == 1, stderr
    assert_plain(errors[0])
    assert "stopped answering" in errors[0] and "nothing more was written" in errors[0]
    assert f"kizuna store start --data-dir {data})" in errors[0]  # the --data-dir given
    assert "rerun the same load" in errors[0]

    start_server(data)
    try:
        store = connect(Settings(data_dir=data))
        try:
            assert store.current_load() is None or store.current_load()["pid"] == proc.pid
            load_bundle(store, path)  # the dead load's lock is taken over at once
            assert store.counts()["ties"] == N_TIES
        finally:
            store.close()
    finally:
        stop_server(data)
