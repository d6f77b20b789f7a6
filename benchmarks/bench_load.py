"""Load throughput into the graph store, and `kizuna load` peak memory.

For each size n: a synthetic bundle of n organizations with 5 ties each is loaded with
``BoltStore.upsert_bundle`` (in process: rows/s over all rows, ties/s over the tie phase),
loaded again (idempotence: the counts must not change), then written as CSV and loaded
with ``kizuna load`` in a subprocess (wall time, peak RSS of the CLI; peak RSS of the
embedded server).

The store is the embedded ArcadeDB Bolt server (started here, attached, in a temporary
directory), or the server of ``KIZUNA_STORE_URI`` (+ ``KIZUNA_STORE_USER`` /
``KIZUNA_STORE_PASSWORD``) when set — WARNING: that store is emptied.

    python benchmarks/bench_load.py --sizes 10000 100000
    KIZUNA_STORE_URI=bolt://localhost:7687 KIZUNA_STORE_PASSWORD=… python benchmarks/bench_load.py
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from kizuna.config import Settings
from kizuna.graph.store import BATCH_SIZE
from kizuna.store_access import connect
from kizuna.synth import synthesize


def server_peak_rss_mb(pid: int | None) -> float | None:
    if pid is None:
        return None
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def timed_load(store: Any, bundle: Any, batch_size: int) -> dict[str, float]:
    marks: list[tuple[int, float]] = []
    t0 = time.perf_counter()
    store.upsert_bundle(
        bundle, batch_size=batch_size, progress=lambda d, _t: marks.append((d, time.perf_counter()))
    )
    total = time.perf_counter() - t0
    before_ties = len(bundle.nodes) + len(bundle.clusters) + len(bundle.programs)
    after_ties = before_ties + len(bundle.ties)
    start = max(t for d, t in marks if d <= before_ties)
    end = min(t for d, t in marks if d >= after_ties)
    rows = after_ties + len(bundle.participation)
    return {
        "seconds": total,
        "rows_per_s": rows / total,
        "tie_seconds": end - start,
        "ties_per_s": len(bundle.ties) / (end - start),
    }


def cli_load(path: Path, env: dict[str, str], batch_size: int) -> dict[str, float]:
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        ["kizuna", "load", str(path), "--json", "--batch-size", str(batch_size)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        assert proc.stderr is not None
        raise SystemExit(f"kizuna load failed: {proc.stderr.read().decode()[-2000:]}")
    return {"seconds": time.perf_counter() - t0, "peak_rss_mb": usage.ru_maxrss / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--batch-size", type=int, default=BATCH_SIZE)
    parser.add_argument("--no-cli", action="store_true", help="skip the `kizuna load` run")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "results/load.md")
    args = parser.parse_args()

    from kizuna.loaders.writers import write_bundle

    with ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="kizuna-bench-")))
        env = dict(os.environ)
        server_pid = None
        if os.environ.get("KIZUNA_STORE_URI"):
            settings = Settings.from_env()
            backend = settings.store_uri or ""
        else:
            from kizuna.graph.embedded import HEAP_SIZE, JVM_ARGS, running_server

            info = stack.enter_context(running_server(tmp / "data"))
            settings = Settings(data_dir=tmp / "data")
            env["KIZUNA_DATA_DIR"] = str(settings.data_dir)
            server_pid = info.pid
            flags = " ".join(a.removeprefix("-Darcadedb.") for a in JVM_ARGS)
            backend = f"embedded ArcadeDB (heap {HEAP_SIZE}, {flags})"
        store = connect(settings)
        stack.callback(store.close)
        lines = [
            "# Load throughput",
            "",
            f"`python benchmarks/bench_load.py --sizes {' '.join(map(str, args.sizes))}` — "
            f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {platform.node()}, "
            f"{os.cpu_count()} cores, store: {backend}, batch {args.batch_size}.",
            f"Load average at start: {os.getloadavg()[0]:.1f} (other work shared the machine).",
            "",
            "| orgs | ties | rows | load s | rows/s | tie phase s | ties/s | rerun s "
            "| rerun same counts | `kizuna load` s | CLI peak RSS MB | server peak RSS MB |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|",
        ]
        for n in args.sizes:
            bundle = synthesize(n, seed=0)
            store.clear()
            first = timed_load(store, bundle, args.batch_size)
            counts = store.counts()
            t0 = time.perf_counter()
            store.upsert_bundle(bundle, batch_size=args.batch_size)
            rerun = time.perf_counter() - t0
            same = store.counts() == counts
            cli: dict[str, float] = {}
            if not args.no_cli:
                path = write_bundle(bundle, tmp / f"bundle{n}")
                store.clear()
                cli = cli_load(path, env, args.batch_size)
            rows = len(bundle.nodes) + len(bundle.clusters) + len(bundle.ties)
            server_rss = server_peak_rss_mb(server_pid)
            line = (
                f"| {n:,} | {len(bundle.ties):,} | {rows:,} | {first['seconds']:.1f} "
                f"| {first['rows_per_s']:,.0f} | {first['tie_seconds']:.1f} "
                f"| {first['ties_per_s']:,.0f} | {rerun:.1f} | {'yes' if same else 'NO'} "
                f"| {cli.get('seconds', float('nan')):.1f} "
                f"| {cli.get('peak_rss_mb', float('nan')):.0f} "
                f"| {server_rss if server_rss is not None else float('nan'):.0f} |"
            )
            print(line, flush=True)
            lines.append(line)
        lines.append("")
        lines.append(f"Load average at end: {os.getloadavg()[0]:.1f}.")
        store.clear()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
