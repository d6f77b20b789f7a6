"""Read-back of a big store: time and peak memory of full reads (results/read.md).

    kizuna synth --orgs 100000 --out /tmp/synth-100k
    kizuna store start --data-dir /tmp/kz-bench
    kizuna load /tmp/synth-100k --data-dir /tmp/kz-bench
    python benchmarks/bench_read.py --data-dir /tmp/kz-bench

Each measurement runs in a fresh Python process (its peak RSS is that of the read alone);
the embedded server's peak RSS is reset before each one (``/proc/<pid>/clear_refs``) and
read after it.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

READ = """
import json, resource, sys, time
from pathlib import Path
from kizuna.config import Settings
from kizuna.store_access import connect
store = connect(Settings(data_dir=Path(sys.argv[1])))
t = time.perf_counter()
if sys.argv[2] == "read_bundle":
    b = store.read_bundle()
    rows = {"nodes": len(b.nodes), "ties": len(b.ties), "participation": len(b.participation)}
else:
    g = store.read_graph()
    rows = {"nodes": g.number_of_nodes(), "edges": g.number_of_edges()}
seconds = time.perf_counter() - t
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
print(json.dumps({"seconds": seconds, "peak_mb": peak, "rows": rows}))
"""


def server_pid(data_dir: Path) -> int:
    state = json.loads((data_dir / "store" / "server.json").read_text())
    return int(state["pid"])


def reset_peak(pid: int) -> None:
    Path(f"/proc/{pid}/clear_refs").write_text("5")


def peak_mb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) // 1024
    return -1


def export(data_dir: Path, out: Path) -> dict[str, object]:
    t = time.perf_counter()
    done = subprocess.run(
        ["/usr/bin/time", "-f", "%M", "kizuna", "export", "--out", str(out), "--json"],
        capture_output=True,
        text=True,
        env={**os.environ, "KIZUNA_DATA_DIR": str(data_dir)},
        check=True,
    )
    seconds = time.perf_counter() - t
    rows = json.loads(done.stdout.splitlines()[-1])["rows"]
    peak = int(done.stderr.strip().splitlines()[-1]) // 1024
    return {"seconds": seconds, "peak_mb": peak, "rows": rows}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--out", type=Path, default=Path("/tmp/kizuna-bench-export"))
    args = parser.parse_args()
    pid = server_pid(args.data_dir)
    print(f"load average at start: {os.getloadavg()[0]:.1f}")
    print("| read | rows | seconds | client peak RSS MB | server peak RSS MB |")
    print("|---|---|---:|---:|---:|")
    for what in ("read_bundle", "read_graph", "export"):
        reset_peak(pid)
        if what == "export":
            subprocess.run(["rm", "-rf", str(args.out)], check=True)
            result = export(args.data_dir, args.out)
        else:
            done = subprocess.run(
                [sys.executable, "-c", READ, str(args.data_dir), what],
                capture_output=True,
                text=True,
                check=True,
            )
            result = json.loads(done.stdout.splitlines()[-1])
        rows = ", ".join(f"{k} {v:,}" for k, v in dict(result["rows"]).items())  # type: ignore[call-overload]
        print(
            f"| {what} | {rows} | {float(result['seconds']):.1f} | {result['peak_mb']} "  # type: ignore[arg-type]
            f"| {peak_mb(pid)} |"
        )
    print(f"load average at end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
