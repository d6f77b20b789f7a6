"""Benchmark of `kizuna analyze --write`: metrics onto the stored organizations.

    python benchmarks/bench_write_metrics.py --sizes 10000,100000 \
        --write benchmarks/results/write_metrics.md

Per size: a fresh embedded store in a temporary folder, the synthetic network loaded
(`kizuna synth`, seed 0), the analysis run on the store's bundle, then
``BoltStore.write_metrics`` timed twice (the first write, and the idempotent rewrite).
Wall-clock, one run.
"""

from __future__ import annotations

import argparse
import os
import platform
import tempfile
import time
from pathlib import Path


def measure(n: int) -> dict[str, float]:
    from kizuna.analytics.api import analyze
    from kizuna.config import Settings
    from kizuna.graph.embedded import start_server, stop_server
    from kizuna.graph.metrics_write import metric_columns
    from kizuna.store_access import connect
    from kizuna.synth import synthesize

    out: dict[str, float] = {"n": n}
    with tempfile.TemporaryDirectory() as tmp:
        start_server(Path(tmp), attached=True)
        try:
            store = connect(Settings(data_dir=Path(tmp)))
            store.ensure_schema()
            store.upsert_bundle(synthesize(n, seed=0))
            nodes = analyze(store.read_bundle()).nodes
            out["columns"] = len(metric_columns(nodes))
            for key in ("first_s", "again_s"):
                t = time.perf_counter()
                store.write_metrics(nodes, analyzed_at="bench", version="bench")
                out[key] = time.perf_counter() - t
            t = time.perf_counter()
            store.read_bundle()
            out["read_bundle_s"] = time.perf_counter() - t
            store.close()
        finally:
            stop_server(Path(tmp))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000")
    parser.add_argument("--write", type=Path)
    args = parser.parse_args()
    rows = [measure(int(s)) for s in args.sizes.split(",")]
    lines = [
        "# `kizuna analyze --write`: metrics onto the stored organizations",
        "",
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, Python "
        f"{platform.python_version()}, embedded ArcadeDB store, synthetic networks (seed 0), "
        f"batches of 5,000 organizations; load average at the end {os.getloadavg()[0]:.1f} on "
        f"{os.cpu_count()} cores (other jobs share the machine).",
        "",
        "| organizations | metric columns | first write s | rewrite (idempotent) s "
        "| organizations/s | read_bundle after s |",
        "|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['n']:,.0f} | {r['columns']:.0f} | {r['first_s']:.2f} | {r['again_s']:.2f} "
            f"| {r['n'] / r['first_s']:,.0f} | {r['read_bundle_s']:.2f} |"
        )
    text = "\n".join(lines) + "\n"
    print(text)
    if args.write:
        args.write.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
