"""The embedded graph store: ArcadeDB's Bolt server in a child process.

The parent (``kizuna store start``, the test fixture, ``kizuna demo``) never starts a JVM
itself: it runs ``python -m graph.embedded_child serve ...`` as a child on 127.0.0.1 with two
free ports, waits until the child prints ``READY`` and Bolt accepts a login, and finds it
again later through a state file.

Layout under the data directory (``settings.data_dir``)::

    {data_dir}/store/               ArcadeDB root (databases/, config/, log/)
    {data_dir}/store/password       generated password, mode 0600
    {data_dir}/store/server.json    state: pid, ports, uri, mode (written by the child)
    {data_dir}/store/server.log     the child's stdout and stderr

Lifetime rules:

* the child stops cleanly on SIGTERM, SIGINT or SIGHUP (handlers installed after the JVM
  started, see the notes in docs/store.md);
* it stops when its state file disappears or names another pid (``store stop`` deletes it
  after signalling; ``rm -rf`` of the data dir also ends the server);
* an *attached* child (tests, ``kizuna demo``) also stops when its owner process is gone,
  so it never outlives the process that started it; a *detached* child
  (``kizuna store start``) lives until ``kizuna store stop``.
"""

from __future__ import annotations

import contextlib
import fcntl
import importlib.util
import json
import logging
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from kizuna.graph.errors import StoreAlreadyRunning, StoreError

logger = logging.getLogger(__name__)

READY_MARKER = "KIZUNA-STORE-READY"
DATABASE = "neo4j"
USER = "neo4j"
HEAP_SIZE = "1g"
JVM_ARGS: tuple[str, ...] = (
    # Throughput collector: on 2 cores G1's concurrent work competed with the one thread
    # that runs a load (benchmarks/results/load.md: 5.4k → 6.6k ties/s cold).
    "-XX:+UseParallelGC",
    "-Darcadedb.txWalFlush=1",
    "-Darcadedb.queryMaxHeapElementsAllowedPerOp=5000000",
)
START_TIMEOUT = 90.0
STOP_TIMEOUT = 30.0
POLL_SECONDS = 0.5


@dataclass(frozen=True)
class ServerInfo:
    """A running embedded server, as recorded in its state file."""

    pid: int
    bolt_port: int
    http_port: int
    root: str
    attached: bool
    owner_pid: int | None
    started_at: float

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"

    @property
    def password(self) -> str:
        return read_password(Path(self.root))

    def as_dict(self) -> dict[str, object]:
        data: dict[str, object] = asdict(self)
        data["uri"] = self.uri
        return data


def store_root(data_dir: str | Path) -> Path:
    """The ArcadeDB root directory of a kizuna data directory."""
    return Path(data_dir).expanduser().resolve() / "store"


def _state_file(root: Path) -> Path:
    return root / "server.json"


def _password_file(root: Path) -> Path:
    return root / "password"


def log_file(root: Path) -> Path:
    return root / "server.log"


def read_password(root: Path) -> str:
    """The store password (the file is created by :func:`ensure_password`)."""
    try:
        return _password_file(root).read_text(encoding="utf-8").strip()
    except FileNotFoundError as exc:
        raise StoreError(
            f"The password file {_password_file(root)} is missing. If you deleted it, the "
            f"store in {root} cannot be opened any more: stop it and move the folder away."
        ) from exc


def ensure_password(root: Path) -> str:
    """Read the password of ``root``, generating it (0600 file) on the first start."""
    path = _password_file(root)
    if path.exists():
        return read_password(root)
    if (root / "config" / "server-users.jsonl").exists():
        read_password(root)  # raises: users exist but their password is lost
    password = secrets.token_urlsafe(24)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(password + "\n")
    return password


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def pid_alive(pid: int) -> bool:
    """True when ``pid`` is a live (not zombie) process; reaps it when it is our child."""
    with contextlib.suppress(ChildProcessError, OSError):
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done == pid:
            return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    stat = Path(f"/proc/{pid}/stat")
    if stat.exists():
        with contextlib.suppress(OSError):
            fields = stat.read_text().rsplit(")", 1)[-1].split()
            if fields and fields[0] in ("Z", "X"):
                return False
    return True


def _is_server_process(pid: int) -> bool:
    """Guard against pid reuse: the process must be a ``graph.embedded`` child (Linux)."""
    if not pid_alive(pid):
        return False
    cmdline = Path(f"/proc/{pid}/cmdline")
    if not cmdline.exists():
        return True
    try:
        return b"kizuna.graph.embedded" in cmdline.read_bytes()
    except OSError:
        return False


def read_state(root: Path) -> ServerInfo | None:
    """The state file of ``root`` as :class:`ServerInfo`, or None when absent/corrupt."""
    try:
        data = json.loads(_state_file(root).read_text(encoding="utf-8"))
        return ServerInfo(
            pid=int(data["pid"]),
            bolt_port=int(data["bolt_port"]),
            http_port=int(data["http_port"]),
            root=str(data["root"]),
            attached=bool(data["attached"]),
            owner_pid=None if data.get("owner_pid") is None else int(data["owner_pid"]),
            started_at=float(data["started_at"]),
        )
    except (FileNotFoundError, ValueError, KeyError, TypeError):
        return None


def server_status(data_dir: str | Path) -> ServerInfo | None:
    """The running server of ``data_dir``, or None (a stale state file is removed)."""
    root = store_root(data_dir)
    info = read_state(root)
    if info is None:
        return None
    if _is_server_process(info.pid):
        return info
    logger.info("removing stale state file of pid %s", info.pid)
    with contextlib.suppress(FileNotFoundError):
        _state_file(root).unlink()
    return None


@contextlib.contextmanager
def _start_lock(root: Path) -> Iterator[None]:
    with open(root / "start.lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _log_tail(root: Path, lines: int = 25) -> str:
    try:
        text = log_file(root).read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return "(no log)"
    return "\n".join(text.splitlines()[-lines:])


def start_server(
    data_dir: str | Path,
    *,
    attached: bool = False,
    timeout: float = START_TIMEOUT,
    heap_size: str = HEAP_SIZE,
) -> ServerInfo:
    """Start the embedded server of ``data_dir`` and return once Bolt accepts a login.

    Parameters
    ----------
    data_dir : path
        The kizuna data directory; the server keeps its data in ``{data_dir}/store``.
    attached : bool
        When True the server stops as soon as this process is gone (tests, demo).
        When False it runs in the background until :func:`stop_server`.
    timeout : float
        Seconds to wait for the server to accept Bolt connections.
    heap_size : str
        JVM maximum heap (``-Xmx``).

    Returns
    -------
    ServerInfo

    Raises
    ------
    StoreAlreadyRunning
        When a server is already running for ``data_dir`` (its info is in ``.info``).
    StoreError
        When the server does not come up in time; the message ends with the log tail.
    """
    if importlib.util.find_spec("arcadedb_embedded") is None:
        raise StoreError(
            "The embedded graph store is missing from this installation (the arcadedb-embedded "
            "package): pip install --force-reinstall kizuna, or use another Bolt server with "
            "KIZUNA_STORE_URI."
        )
    root = store_root(data_dir)
    root.mkdir(parents=True, exist_ok=True, mode=0o700)
    with _start_lock(root):
        running = server_status(data_dir)
        if running is not None:
            exc = StoreAlreadyRunning(
                f"The kizuna store for {Path(data_dir)} is already running "
                f"(pid {running.pid}, {running.uri})."
            )
            exc.info = running  # type: ignore[attr-defined]
            raise exc
        password = ensure_password(root)
        bolt_port, http_port = free_port(), free_port()
        while http_port == bolt_port:
            http_port = free_port()
        cmd = [
            sys.executable,
            "-m",
            "kizuna.graph.embedded_child",
            "serve",
            "--root",
            str(root),
            "--bolt-port",
            str(bolt_port),
            "--http-port",
            str(http_port),
            "--heap-size",
            heap_size,
        ]
        if attached:
            cmd += ["--owner-pid", str(os.getpid())]
        with open(log_file(root), "ab") as log:
            proc = subprocess.Popen(
                cmd,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=str(root),
                start_new_session=True,
                close_fds=True,
            )
        try:
            info = _wait_ready(root, proc, password, timeout)
        except BaseException:
            _terminate(proc.pid, STOP_TIMEOUT)
            raise
        # Keep the Popen object alive so it is not reported as a zombie leak; the child
        # is reaped by stop_server (same process) or by init (detached).
        _CHILDREN[proc.pid] = proc
        return info


_CHILDREN: dict[int, subprocess.Popen[bytes]] = {}


def _wait_ready(
    root: Path, proc: subprocess.Popen[bytes], password: str, timeout: float
) -> ServerInfo:
    from neo4j import GraphDatabase
    from neo4j.exceptions import Neo4jError, ServiceUnavailable

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise StoreError(
                f"The store server exited with code {proc.returncode} while starting.\n"
                f"Last lines of {log_file(root)}:\n{_log_tail(root)}"
            )
        info = read_state(root)
        if info is not None and info.pid == proc.pid:
            try:
                with GraphDatabase.driver(info.uri, auth=(USER, password)) as driver:
                    driver.verify_connectivity()
                return info
            except (ServiceUnavailable, Neo4jError, OSError) as exc:
                logger.debug("not ready yet: %s", exc)
        time.sleep(0.2)
    raise StoreError(
        f"The store server did not start within {timeout:.0f} s.\n"
        f"Last lines of {log_file(root)}:\n{_log_tail(root)}"
    )


def _terminate(pid: int, timeout: float) -> bool:
    """SIGTERM, wait up to ``timeout`` s, then SIGKILL. True when it stopped gracefully."""
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return True
    proc = _CHILDREN.pop(pid, None)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            return True
        if proc is None and not pid_alive(pid):
            return True
        time.sleep(0.05)
    logger.warning("store server %s did not stop in %.0f s; killing it", pid, timeout)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    if proc is not None:
        proc.wait()
    return False


def stop_server(data_dir: str | Path, *, timeout: float = STOP_TIMEOUT) -> ServerInfo | None:
    """Stop the server of ``data_dir``; returns what was running, or None if nothing was."""
    root = store_root(data_dir)
    info = server_status(data_dir)
    if info is None:
        return None
    _terminate(info.pid, timeout)
    with contextlib.suppress(FileNotFoundError):
        current = read_state(root)
        if current is None or current.pid == info.pid:
            _state_file(root).unlink()
    return info


@contextlib.contextmanager
def running_server(data_dir: str | Path, *, timeout: float = START_TIMEOUT) -> Iterator[ServerInfo]:
    """An attached server for the duration of a ``with`` block (stopped on exit)."""
    info = start_server(data_dir, attached=True, timeout=timeout)
    try:
        yield info
    finally:
        stop_server(data_dir)


# --------------------------------------------------------------------------- child side


def _write_state(root: Path, info: ServerInfo) -> None:
    tmp = root / f".server.json.{os.getpid()}"
    tmp.write_text(json.dumps(asdict(info)), encoding="utf-8")
    os.replace(tmp, _state_file(root))
