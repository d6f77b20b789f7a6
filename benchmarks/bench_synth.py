"""Benchmark of `kizuna synth`: generation time, peak memory and network shape by size.

Each size runs in its own process (so peak RSS is that size's own), one after the other:

    python benchmarks/bench_synth.py                 # 10k, 100k, 1M; prints a Markdown table
    python benchmarks/bench_synth.py --sizes 10000 --write benchmarks/results/synth.md

Measured per size: the array generation, the streaming CSV write (``write_synth``), peak
RSS of the process, file sizes, and the shape (K, max degree, Σ deg², isolates, giant
component, share of ties inside a cluster and across regions) to compare with the
workload of the analytics benchmarks (shared notes, graph-engines.md: 10k/100k/1M with
max degree 457 / 1 591 / 5 151 and Σ deg² 2.8e6 / 4.4e7 / 5.5e8).  The in-memory
``synthesize`` (pandas object columns) is timed up to ``--bundle-max`` (default 1M).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = "--child"


def _child(n: int, in_memory: bool) -> dict[str, float]:
    import numpy as np
    import scipy.sparse as sp
    from scipy.sparse.csgraph import connected_components

    from kizuna.synth.edges import generate
    from kizuna.synth.model import KIND, SynthParams
    from kizuna.synth.network import FILES, synthesize, write_synth

    out: dict[str, float] = {"n": n}
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        summary = write_synth(Path(tmp) / "net", n, seed=0)
        out["write_s"] = time.perf_counter() - t
        out["rss_write_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        out["mb"] = sum((Path(tmp) / "net" / f"{f}.csv").stat().st_size for f in FILES) / 1e6
        out["ties_mb"] = (Path(tmp) / "net" / "ties.csv").stat().st_size / 1e6
    for f in FILES:
        out[f"rows_{f}"] = summary.rows[f]
    t = time.perf_counter()
    a = generate(SynthParams(n))
    out["generate_s"] = time.perf_counter() - t
    if in_memory:
        del a
        t = time.perf_counter()
        b = synthesize(n, seed=0)
        out["synthesize_s"] = time.perf_counter() - t
        out["rss_synthesize_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        del b
        a = generate(SynthParams(n))
    deg = np.bincount(np.concatenate([a.src, a.dst]), minlength=n)
    adj = sp.coo_matrix((np.ones(len(a.src)), (a.src, a.dst)), shape=(n, n)).tocsr()
    _, label = connected_components(adj, directed=False)
    cross = a.scope == 2
    ends = np.concatenate([a.src[cross], a.dst[cross]])
    special = np.isin(a.kind[ends], [KIND["cluster_body"], KIND["coordinator"]])
    hub = deg[ends] >= np.quantile(deg, 0.99)
    out |= {
        "K": a.n_clusters,
        "max_deg": int(deg.max()),
        "sum_deg2": float((deg.astype(float) ** 2).sum()),
        "isolates": float((deg == 0).mean()),
        "giant": float(np.bincount(label).max() / n),
        "within": summary.within_cluster_share,
        "cross_region": float(cross.mean()),
        "cross_ends_special": float((special | hub).mean()),
        "gamma": _hill(deg, 0.05),
    }
    return out


def _hill(deg: object, top: float) -> float:
    """Hill estimate of the degree exponent γ (P(k) ∝ k^−γ) from the top share of nodes."""
    import numpy as np

    d = np.sort(np.asarray(deg, dtype=float))[::-1]
    k = max(2, int(len(d) * top))
    return float(1 + k / np.log(d[:k] / d[k]).sum())


def _run(n: int, in_memory: bool) -> dict[str, float]:
    cmd = [sys.executable, __file__, CHILD, str(n), "1" if in_memory else "0"]
    done = subprocess.run(cmd, check=True, capture_output=True, text=True)
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _table(rows: list[dict[str, float]]) -> str:
    def k(n: float) -> str:
        return f"{n / 1e6:g}M" if n >= 1e6 else f"{n / 1e3:g}k"

    lines = [
        "| n | ties | K | generate s | write_synth s (all files) | peak RSS MB | CSV MB "
        "| synthesize s (Bundle) | peak RSS MB (Bundle) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        mem = (
            f"{r['synthesize_s']:.2f} | {r['rss_synthesize_mb']:.0f}"
            if "synthesize_s" in r
            else "– | –"
        )
        lines.append(
            f"| {k(r['n'])} | {int(r['rows_ties']):,} | {int(r['K']):,} | {r['generate_s']:.2f} "
            f"| {r['write_s']:.2f} | {r['rss_write_mb']:.0f} | {r['mb']:.0f} | {mem} |"
        )
    lines += [
        "",
        "| n | max degree | Σ deg² | isolates | giant component | ties inside a cluster "
        "| ties across regions | cross-region tie ends at a body, coordinator or top-1 % hub "
        "| γ (Hill, top 5 %) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {k(r['n'])} | {int(r['max_deg']):,} | {r['sum_deg2']:.2g} | {r['isolates']:.2%} "
            f"| {r['giant']:.2%} | {r['within']:.1%} | {r['cross_region']:.1%} "
            f"| {r['cross_ends_special']:.0%} | {r['gamma']:.2f} |"
        )
    return "\n".join(lines)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == CHILD:
        print(json.dumps(_child(int(sys.argv[2]), sys.argv[3] == "1")))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--write", type=Path, help="also write the Markdown table here")
    parser.add_argument(
        "--bundle-max", type=int, default=1_000_000, help="largest n timed with synthesize()"
    )
    args = parser.parse_args()
    rows = []
    for n in args.sizes:
        rows.append(_run(n, in_memory=n <= args.bundle_max))
        print(f"n={n:,} done: {rows[-1]['write_s']:.1f} s", file=sys.stderr)
    head = (
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, Python "
        f"{platform.python_version()}, {platform.machine()}, seed 0, ties_per_org 5, "
        "one process per size, one run each; load average at the start "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (other jobs share the machine)."
    )
    text = head + "\n\n" + _table(rows)
    print(text)
    if args.write:
        args.write.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
