"""The embedded store's child process: ``python -m graph.embedded_child serve ...``.

Started by :func:`graph.embedded.start_server`; it runs ArcadeDB's Bolt server until a
signal (SIGTERM, SIGINT, SIGHUP), the death of an attached owner, or the removal of its
state file, then stops the server cleanly.  See :mod:`graph.embedded` for the lifetime
rules and the layout of the data directory.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
import threading
import time
from pathlib import Path

from kizuna.graph.embedded import (
    DATABASE,
    HEAP_SIZE,
    JVM_ARGS,
    POLL_SECONDS,
    READY_MARKER,
    USER,
    ServerInfo,
    _state_file,
    _write_state,
    ensure_password,
    pid_alive,
    read_state,
)


def _owner_gone(owner_pid: int | None) -> bool:
    if owner_pid is None:
        return False
    if os.getppid() != owner_pid:
        return True
    return not pid_alive(owner_pid)


def _state_is_mine(root: Path) -> bool:
    info = read_state(root)
    return info is not None and info.pid == os.getpid()


def serve(root: Path, bolt_port: int, http_port: int, heap_size: str, owner_pid: int | None) -> int:
    """Run the server until a signal, the owner's death or the removal of the state file."""
    os.chdir(root)
    os.environ.setdefault("ARCADEDB_JVM_ERROR_FILE", str(root / "hs_err_pid%p.log"))
    import arcadedb_embedded

    password = ensure_password(root)
    server = arcadedb_embedded.ArcadeDBServer(
        root_path=str(root),
        root_password=password,
        config={
            "host": "127.0.0.1",
            "http_port": http_port,
            "bolt_port": bolt_port,
            "server_plugins": "Bolt:com.arcadedb.bolt.BoltProtocolPlugin",
            "server_defaultDatabases": f"{DATABASE}[{USER}:{password}:admin]",
            "bolt_defaultDatabase": DATABASE,
        },
        jvm_kwargs={"heap_size": heap_size, "jvm_args": list(JVM_ARGS)},
    )
    stop = threading.Event()

    def _on_signal(signum: int, _frame: object) -> None:
        print(f"signal {signum}: stopping", flush=True)
        stop.set()

    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, _on_signal)
    try:
        server.start()
    except Exception as exc:
        print(f"KIZUNA-STORE-FAILED: {exc}", flush=True)
        return 1
    info = ServerInfo(
        pid=os.getpid(),
        bolt_port=bolt_port,
        http_port=http_port,
        root=str(root),
        attached=owner_pid is not None,
        owner_pid=owner_pid,
        started_at=time.time(),
    )
    _write_state(root, info)
    print(READY_MARKER, flush=True)
    reason = "signal"
    while not stop.wait(POLL_SECONDS):
        if _owner_gone(owner_pid):
            reason = f"owner {owner_pid} is gone"
            break
        if not _state_is_mine(root):
            reason = "state file removed"
            break
    print(f"stopping ({reason})", flush=True)
    server.stop()
    if _state_is_mine(root):
        with contextlib.suppress(FileNotFoundError):
            _state_file(root).unlink()
    print("stopped", flush=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m graph.embedded_child")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("serve", help="run the server (child process of start_server)")
    p.add_argument("--root", required=True, type=Path)
    p.add_argument("--bolt-port", required=True, type=int)
    p.add_argument("--http-port", required=True, type=int)
    p.add_argument("--heap-size", default=HEAP_SIZE)
    p.add_argument("--owner-pid", type=int, default=None)
    args = parser.parse_args(argv)
    return serve(
        args.root.resolve(), args.bolt_port, args.http_port, args.heap_size, args.owner_pid
    )


if __name__ == "__main__":
    code = main()
    # The server is stopped and its files closed.  Leave at once: a normal interpreter exit
    # shuts the JVM down, which waits for the threads of Bolt connections that clients
    # (an app, a demo) still hold open, and `store stop` would wait for them.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
