"""Benchmark of `kizuna export --format gexf|graphml` on synthetic networks.

    python benchmarks/bench_export.py                      # 10k and 100k organizations
    python benchmarks/bench_export.py --sizes 10000 --write benchmarks/results/export.md

Per size, in one process each (peak RSS is that size's own): building the typed columns
(``interop.tables.graph_tables``), the explorer layout (``analytics.layout``, which the
GEXF uses and the app computes too), writing the GEXF and the GraphML file, their sizes,
and reading the GraphML back with networkx and igraph.  Wall-clock, one run.
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


def _child(n: int) -> dict[str, float]:
    import warnings

    import igraph as ig
    import networkx as nx

    from kizuna.analytics.layout import groups_of, node_positions
    from kizuna.interop.graphfiles import write_graph_file
    from kizuna.interop.tables import graph_tables
    from kizuna.synth.network import synthesize

    bundle = synthesize(n, seed=0)
    out: dict[str, float] = {"n": n, "ties": len(bundle.ties)}
    t = time.perf_counter()
    graph_tables(bundle)
    out["tables_s"] = time.perf_counter() - t
    t = time.perf_counter()
    node_positions(groups_of(bundle.nodes), bundle.ties)
    out["layout_s"] = time.perf_counter() - t
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in ("gexf", "graphml"):
            t = time.perf_counter()
            path = write_graph_file(bundle, Path(tmp) / f"net.{fmt}", fmt)
            out[f"{fmt}_s"] = time.perf_counter() - t
            out[f"{fmt}_mb"] = path.stat().st_size / 1e6
        t = time.perf_counter()
        nx.read_graphml(Path(tmp) / "net.graphml")
        out["nx_read_graphml_s"] = time.perf_counter() - t
        t = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            ig.Graph.Read_GraphML(str(Path(tmp) / "net.graphml"))
        out["igraph_read_graphml_s"] = time.perf_counter() - t
    out["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == CHILD:
        print(json.dumps(_child(int(sys.argv[2]))))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--write", type=Path, help="Markdown file to write the table to.")
    args = parser.parse_args()
    rows = []
    for n in (int(s) for s in args.sizes.split(",")):
        done = subprocess.run(
            [sys.executable, __file__, CHILD, str(n)], capture_output=True, text=True, check=True
        )
        rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
    load = os.getloadavg()[0]
    lines = [
        "# `kizuna export --format gexf|graphml`: time and size",
        "",
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, Python "
        f"{platform.python_version()}, {platform.machine()}, synthetic networks "
        f"(`kizuna synth`, seed 0), one process per size, one run; load average at the end "
        f"{load:.1f} on {os.cpu_count()} cores (other jobs share the machine).",
        "",
        "| organizations | ties | typed columns s | layout s | GEXF s | GEXF MB | GraphML s "
        "| GraphML MB | networkx read_graphml s | igraph Read_GraphML s | peak RSS MB |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['n']:,.0f} | {r['ties']:,.0f} | {r['tables_s']:.2f} | {r['layout_s']:.2f} "
            f"| {r['gexf_s']:.2f} | {r['gexf_mb']:.0f} | {r['graphml_s']:.2f} "
            f"| {r['graphml_mb']:.0f} | {r['nx_read_graphml_s']:.2f} "
            f"| {r['igraph_read_graphml_s']:.2f} | {r['rss_mb']:.0f} |"
        )
    text = "\n".join(lines) + "\n"
    print(text)
    if args.write:
        args.write.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
