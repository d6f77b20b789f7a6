"""The embedded server's lifetime: start/stop/status, data kept, signals, owner death."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from kizuna.config import Settings
from kizuna.graph.embedded import read_state, server_status, start_server, stop_server, store_root
from kizuna.graph.errors import StoreNotRunning
from kizuna.store_access import connect
from tests.store.bundles import tiny_bundle


def kizuna(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIZUNA_STORE_")}
    env["KIZUNA_DATA_DIR"] = str(data_dir)
    return subprocess.run(
        ["kizuna", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
    )


def wait_gone(pid: int, timeout: float = 20.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        state = Path(f"/proc/{pid}/stat")
        if state.exists() and state.read_text().rsplit(")", 1)[-1].split()[0] == "Z":
            return True
        time.sleep(0.1)
    return False


def test_connect_without_server_says_how_to_start(tmp_path: Path) -> None:
    with pytest.raises(StoreNotRunning) as info:
        connect(Settings(data_dir=tmp_path))
    assert str(info.value) == (
        f"No kizuna store is running for {tmp_path}. "
        f"Start it with: kizuna store start --data-dir {tmp_path}"
    )


def test_status_and_stop_without_server(tmp_path: Path) -> None:
    status = kizuna("store", "status", data_dir=tmp_path)
    assert status.returncode == 1 and "kizuna store start" in status.stdout
    stop = kizuna("store", "stop", data_dir=tmp_path)
    assert stop.returncode == 0 and "No kizuna store was running" in stop.stdout


@pytest.mark.store
@pytest.mark.slow
def test_lifecycle_keeps_data_and_stops_on_sigterm(tmp_path: Path) -> None:
    data = tmp_path / "data"
    started = kizuna("store", "start", "--json", data_dir=data)
    assert started.returncode == 0, started.stderr
    info = json.loads(started.stdout)
    assert info["uri"].startswith("bolt://127.0.0.1:") and not info["already_running"]
    try:
        root = store_root(data)
        pw = root / "password"
        assert stat.S_IMODE(pw.stat().st_mode) == 0o600
        assert len(pw.read_text().strip()) >= 8
        again = kizuna("store", "start", data_dir=data)
        assert again.returncode == 0 and "already running" in again.stdout
        graph_store = connect(Settings(data_dir=data))
        graph_store.upsert_bundle(tiny_bundle())
        counts = graph_store.counts()
        graph_store.close()
        status = kizuna("store", "status", "--json", data_dir=data)
        assert status.returncode == 0
        assert json.loads(status.stdout)["counts"] == counts
        assert json.loads(status.stdout)["pid"] == info["pid"]
        stopped = kizuna("store", "stop", data_dir=data)
        assert stopped.returncode == 0 and wait_gone(info["pid"])
        assert server_status(data) is None

        second = start_server(data)  # detached, as `store start`
        graph_store = connect(Settings(data_dir=data))
        assert graph_store.counts() == counts  # data kept between runs
        graph_store.close()
        os.kill(second.pid, signal.SIGTERM)
        assert wait_gone(second.pid)
        assert read_state(root) is None  # the child removed its state file
        assert "stopping (signal)" in (root / "server.log").read_text()
    finally:
        stop_server(data)


OWNER = textwrap.dedent(
    """
    import sys, time
    from kizuna.graph.embedded import start_server
    info = start_server(sys.argv[1], attached=True)
    print(info.pid, flush=True)
    time.sleep(600)
    """
)


@pytest.mark.store
@pytest.mark.slow
def test_attached_server_dies_with_its_owner(tmp_path: Path) -> None:
    owner = subprocess.Popen(
        [sys.executable, "-c", OWNER, str(tmp_path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert owner.stdout is not None
        pid = int(owner.stdout.readline())
        assert server_status(tmp_path) is not None
        owner.kill()
        owner.wait()
        assert wait_gone(pid), "the server outlived its owner"
        assert server_status(tmp_path) is None
    finally:
        owner.kill()
        stop_server(tmp_path)


@pytest.mark.store
@pytest.mark.slow
def test_detached_server_stops_when_its_state_file_goes(tmp_path: Path) -> None:
    info = start_server(tmp_path)
    try:
        (store_root(tmp_path) / "server.json").unlink()
        assert wait_gone(info.pid)
        assert "state file removed" in (store_root(tmp_path) / "server.log").read_text()
    finally:
        if not wait_gone(info.pid, 0.1):
            os.kill(info.pid, signal.SIGKILL)


def test_start_refuses_when_an_external_store_is_configured(tmp_path: Path) -> None:
    env = {"KIZUNA_DATA_DIR": str(tmp_path), "KIZUNA_STORE_URI": "bolt://db.example:7687"}
    from click.testing import CliRunner

    from kizuna.cli import cli

    result = CliRunner().invoke(cli, ["store", "start"], env=env)
    assert result.exit_code != 0
    assert "KIZUNA_STORE_URI is set" in str(result.exception)
    assert not store_root(tmp_path).exists()


@pytest.mark.store
@pytest.mark.slow
def test_stop_does_not_wait_for_connected_clients(tmp_path: Path) -> None:
    """`store stop` while an app holds a Bolt connection: a clean exit, not the kill."""
    from neo4j import GraphDatabase

    from kizuna.graph import embedded

    info = start_server(tmp_path)
    child = embedded._CHILDREN[info.pid]
    driver = GraphDatabase.driver(info.uri, auth=(embedded.USER, info.password))
    try:
        with driver.session(database=embedded.DATABASE) as session:
            assert session.run("RETURN 1 AS one").single()["one"] == 1
            stopped = kizuna("store", "stop", data_dir=tmp_path)
        assert stopped.returncode == 0, stopped.stderr
        assert "did not stop" not in stopped.stderr
        assert child.wait(timeout=5) == 0  # exited by itself; a SIGKILL would give -9
    finally:
        driver.close()
        if child.poll() is None:
            child.kill()
