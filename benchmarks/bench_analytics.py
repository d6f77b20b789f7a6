"""Analytics speed: our engine vs networkx and igraph, per metric, in one run.

    python benchmarks/bench_analytics.py metrics --sizes 10000 100000
    python benchmarks/bench_analytics.py error --sizes 10000 20000      # sampled betweenness
    python benchmarks/bench_analytics.py full --sizes 10000 100000 1000000   # kizuna analyze
    python benchmarks/bench_analytics.py versus --sizes 10000 100000 --runs 2
        # kizuna analyze vs the plain igraph + numpy pipeline (pipeline_analytics.py),
        # run alternately on the same bundle: best wall time, peak RSS, CPU seconds

Graphs come from ``kizuna.synth.synthesize`` (``kizuna synth``), seed 1, ~5 ties per
organization.  networkx runs only where it finishes in reasonable time (see
shared/notes/graph-engines.md); skipped cells say why.  Results are appended as Markdown
to ``--out`` (default benchmarks/results/analytics.md) and printed.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from kizuna.analytics import brokerage, centrality, communities, connectivity, gaps, holes, roles
from kizuna.analytics.snapshot import Snapshot, build_snapshot

NX_MAX = 100_000  # networkx above this: hopeless on this machine (notes)
NX_BETWEENNESS_MAX = 10_000


def timed(fn: Callable[[], Any], repeat: int = 1) -> tuple[float, Any]:
    best, out = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


# --- pure-Python references for the metrics no library has -------------------------------


def py_roles(adj: list[list[int]], mod: list[int]) -> list[tuple[float, float]]:
    n = len(adj)
    kappa = [sum(1 for u in adj[v] if mod[u] == mod[v]) for v in range(n)]
    stats: dict[int, list[float]] = {}
    for v in range(n):
        s = stats.setdefault(mod[v], [0, 0.0, 0.0])
        s[0] += 1
        s[1] += kappa[v]
        s[2] += kappa[v] ** 2
    out = []
    for v in range(n):
        k = len(adj[v])
        counts: dict[int, int] = {}
        for u in adj[v]:
            counts[mod[u]] = counts.get(mod[u], 0) + 1
        p = 0.0 if k == 0 else 1 - sum((c / k) ** 2 for c in counts.values())
        cnt, s1, s2 = stats[mod[v]]
        var = s2 / cnt - (s1 / cnt) ** 2
        out.append((p, 0.0 if var <= 0 else (kappa[v] - s1 / cnt) / var**0.5))
    return out


def py_brokerage(outs: list[set[int]], ins: list[list[int]], g: list[int]) -> list[list[int]]:
    res = []
    for b in range(len(outs)):
        r = [0, 0, 0, 0, 0]
        gb = g[b]
        for a in ins[b]:
            ga, oa = g[a], outs[a]
            for c in outs[b]:
                if a == c or c in oa:
                    continue
                gc = g[c]
                if ga == gb == gc:
                    r[0] += 1
                elif ga == gc:
                    r[1] += 1
                elif ga == gb:
                    r[2] += 1
                elif gb == gc:
                    r[3] += 1
                else:
                    r[4] += 1
        res.append(r)
    return res


def py_pairs(edges: list[tuple[int, int]], cl: list[Any]) -> dict[tuple[Any, Any], int]:
    obs: dict[tuple[Any, Any], int] = {}
    for u, v in edges:
        a, b = cl[u], cl[v]
        if a is None or b is None or a == b:
            continue
        key = (a, b) if a < b else (b, a)
        obs[key] = obs.get(key, 0) + 1
    return obs


# --- per-metric comparison ------------------------------------------------------------------


def metrics_run(n: int, seed: int) -> list[str]:
    import igraph as ig
    import networkx as nx

    from kizuna.synth.network import synthesize

    bundle = synthesize(n, seed=seed)
    t_ours, snap = timed(lambda: build_snapshot(bundle))
    snap: Snapshot
    u, v = snap.edges
    pairs = list(zip(u.tolist(), v.tolist(), strict=True))
    t_ig, g = timed(lambda: ig.Graph(n=snap.n, edges=pairs))
    use_nx = n <= NX_MAX
    G = None
    t_nx = None
    if use_nx:

        def nx_build() -> Any:
            H = nx.Graph()
            H.add_nodes_from(range(snap.n))
            H.add_edges_from(pairs)
            return H

        t_nx, G = timed(nx_build)
    snap.__dict__["igraph"] = g
    rows: list[tuple[str, float, float | None, float | None, str]] = [
        (
            "build graph",
            t_ours,
            t_ig,
            t_nx,
            "ours: CSR S + D from the frames; igraph, networkx: from a prepared list of int pairs",
        )
    ]
    rep = 2 if n <= 100_000 else 1

    def add(name, ours, igf=None, nxf=None, note="", nx_ok=use_nx):
        t1, _ = timed(ours, rep)
        t2 = timed(igf, rep)[0] if igf else None
        t3 = timed(nxf, 1)[0] if (nxf and nx_ok) else None
        rows.append((name, t1, t2, t3, note))
        print(f"  {name}: ours {t1:.3f}  igraph {t2}  networkx {t3}", flush=True)

    add("PageRank", lambda: centrality.pagerank(snap), g.pagerank, lambda: nx.pagerank(G))
    k = 256
    add(
        f"betweenness, {k} sampled sources",
        lambda: centrality.betweenness(snap, exact_max=0, k=k, seed=0),
        lambda: g.betweenness(directed=False, sources=list(range(k))),
        lambda: nx.betweenness_centrality(G, k=k, seed=0),
        nx_ok=n <= NX_BETWEENNESS_MAX,
    )
    if n <= 20_000:
        add(
            "betweenness, exact",
            lambda: centrality.betweenness(snap),
            None,
            None,
            "igraph Brandes; networkx exact ≈ 357 s at 10k (notes), not rerun",
        )
    add(
        "articulation points + bridges",
        lambda: (connectivity.articulation_points(snap), connectivity.bridges(snap)),
        lambda: (g.articulation_points(), g.bridges()),
        lambda: (list(nx.articulation_points(G)), list(nx.bridges(G))),
    )
    add("Burt constraint", lambda: holes.constraint(snap), g.constraint, lambda: nx.constraint(G))
    add(
        "effective size",
        lambda: holes.effective_size(snap),
        None,
        lambda: nx.effective_size(G),
        nx_ok=n <= 10_000,
    )
    add(
        "hierarchy (dyadic constraint)",
        lambda: holes.hierarchy(snap),
        None,
        None,
        "no library has it",
    )
    adj = [snap.S.indices[snap.S.indptr[i] : snap.S.indptr[i + 1]].tolist() for i in range(n)]
    mod = snap.module.tolist()
    add(
        "participation + z + role",
        lambda: roles.role_table(snap),
        None,
        lambda: py_roles(adj, mod),
        "third column: pure Python loops",
        nx_ok=True,
    )
    D = snap.D
    outs = [set(D.indices[D.indptr[i] : D.indptr[i + 1]].tolist()) for i in range(n)]
    DT = D.T.tocsr()
    ins = [DT.indices[DT.indptr[i] : DT.indptr[i + 1]].tolist() for i in range(n)]
    add(
        "brokerage (5 roles)",
        lambda: brokerage.brokerage(snap),
        None,
        lambda: py_brokerage(outs, ins, mod),
        "third column: pure Python loops",
        nx_ok=n <= 100_000,
    )
    cl = snap.clusters.tolist()
    add(
        "cluster pairs",
        lambda: gaps.cluster_pairs(snap),
        None,
        lambda: py_pairs(pairs, cl),
        "third column: pure Python loop",
        nx_ok=True,
    )
    add(
        "communities",
        lambda: communities.detect_communities(snap, seed=0),
        lambda: g.community_multilevel(),
        lambda: nx.community.louvain_communities(G, seed=0),
        "ours: igraph Leiden; igraph column: Louvain; networkx: Louvain",
    )
    add("failure audit (block-cut tree)", lambda: connectivity.spof(snap), None, None)
    add(
        "eigenvector",
        lambda: centrality.eigenvector(snap),
        g.eigenvector_centrality,
        None,
        "networkx's numpy version refuses disconnected graphs",
    )
    out = [
        f"\n### {n:,} organizations, {snap.m:,} links (synth seed {seed})\n",
        "| metric | ours s | igraph s (ours ×) | networkx / Python s (ours ×) | note |",
        "|---|---|---|---|---|",
    ]
    for name, t1, t2, t3, note in rows:
        c2 = "–" if t2 is None else f"{t2:.3f} ({t2 / t1:.1f}×)"
        c3 = "skipped" if t3 is None else f"{t3:.3f} ({t3 / t1:.1f}×)"
        out.append(f"| {name} | {t1:.3f} | {c2} | {c3} | {note} |")
    return out


def error_run(n: int, seed: int, ks: list[int], draws: int) -> list[str]:
    from scipy.stats import pearsonr, spearmanr

    from kizuna.synth.network import synthesize

    snap = build_snapshot(synthesize(n, seed=seed))
    t_exact, (exact, _) = timed(lambda: centrality.betweenness(snap, exact_max=n))
    top = max(1, n // 100)
    top_exact = set(np.argsort(-exact)[:top].tolist())
    out = [
        f"\n### sampled vs exact betweenness, {n:,} organizations, {snap.m:,} links "
        f"(exact: {t_exact:.1f} s)\n",
        "| k sources | s | Pearson r | Spearman ρ | top-1 % overlap | median rel. error, "
        "top 1 % | max abs error |",
        "|---|---|---|---|---|---|---|",
    ]
    for k in ks:
        stats = []
        for d in range(draws):
            t, (est, _) = timed(
                lambda k=k, d=d: centrality.betweenness(snap, exact_max=0, k=k, seed=d)
            )
            top_est = set(np.argsort(-est)[:top].tolist())
            idx = np.array(sorted(top_exact))
            rel = np.abs(est[idx] - exact[idx]) / exact[idx]
            stats.append(
                (
                    t,
                    pearsonr(est, exact)[0],
                    spearmanr(est, exact)[0],
                    len(top_est & top_exact) / top,
                    float(np.median(rel)),
                    float(np.abs(est - exact).max()),
                )
            )
        s = np.mean(np.array(stats), axis=0)
        out.append(
            f"| {k} | {s[0]:.2f} | {s[1]:.4f} | {s[2]:.4f} | {s[3]:.3f} | {s[4]:.3f} | {s[5]:.2e} |"
        )
        print(out[-1], flush=True)
    out.append(f"\n(mean of {draws} source draws per k)")
    return out


def full_run(n: int, seed: int, workdir: Path) -> list[str]:
    bundle_dir = workdir / f"synth_{n}"
    if not (bundle_dir / "ties.csv").exists():
        subprocess.run(
            ["kizuna", "synth", "--orgs", str(n), "--seed", str(seed), "--out", str(bundle_dir)],
            check=True,
            capture_output=True,
        )
    out_dir = workdir / f"out_{n}"
    proc = subprocess.run(
        [
            "/usr/bin/time",
            "-v",
            "kizuna",
            "analyze",
            "--input",
            str(bundle_dir),
            "--out",
            str(out_dir),
        ],
        capture_output=True,
        text=True,
    )
    err = proc.stderr
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", err).group(1))
    wall = re.search(r"Elapsed \(wall clock\) time.*: ([\d:.]+)", err).group(1)
    parts = [float(x) for x in wall.split(":")]
    secs = sum(p * 60**i for i, p in enumerate(reversed(parts)))
    meta = json.loads((out_dir / "meta.json").read_text(encoding="utf-8"))
    steps = ", ".join(f"{k} {v:.1f}" for k, v in meta["timings"].items() if v >= 0.5)
    btw = meta["betweenness"]
    method = btw["method"] + (f" k={btw['k']}" if "k" in btw else "")
    return [
        f"| {n:,} | {meta['m']:,} | {secs:.1f} | {rss / 1024:.0f} | {method} | "
        f"{meta['timings']['total']:.1f} | {steps} | {proc.returncode} |"
    ]


PIPELINE = Path(__file__).resolve().parent / "pipeline_analytics.py"


def _bundle(n: int, seed: int, workdir: Path) -> Path:
    bundle_dir = workdir / f"synth_{n}"
    if not (bundle_dir / "ties.csv").exists():
        subprocess.run(
            ["kizuna", "synth", "--orgs", str(n), "--seed", str(seed), "--out", str(bundle_dir)],
            check=True,
            capture_output=True,
        )
    return bundle_dir


def _timed_run(cmd: list[str]) -> dict[str, float]:
    """Wall s, peak RSS MB (largest single process), CPU s (user + system, children
    included) of one command, from GNU time; and the 1-minute load average before."""
    load = float(Path("/proc/loadavg").read_text().split()[0])
    proc = subprocess.run(
        ["/usr/bin/time", "-f", "TIME %e %M %U %S", *cmd], capture_output=True, text=True
    )
    line = [x for x in proc.stderr.splitlines() if x.startswith("TIME ")][-1].split()
    if proc.returncode:
        raise RuntimeError(f"{cmd[0]} failed: {proc.stderr[-2000:]}")
    return {
        "wall": float(line[1]),
        "rss": int(line[2]) / 1024,
        "cpu": float(line[3]) + float(line[4]),
        "load": load,
    }


def versus_run(n: int, seed: int, workdir: Path, runs: int) -> tuple[str, str]:
    """kizuna analyze and the plain pipeline, alternately, on one bundle."""
    bundle = _bundle(n, seed, workdir)
    ours_dir, theirs_dir = workdir / f"kizuna_{n}", workdir / f"pipeline_{n}"
    cmds = {
        "kizuna": ["kizuna", "analyze", "--input", str(bundle), "--out", str(ours_dir)],
        "pipeline": [sys.executable, str(PIPELINE), str(bundle), str(theirs_dir)],
    }
    got: dict[str, list[dict[str, float]]] = {"kizuna": [], "pipeline": []}
    for i in range(runs):
        for name in ("kizuna", "pipeline") if i % 2 == 0 else ("pipeline", "kizuna"):
            got[name].append(_timed_run(cmds[name]))
            print(name, got[name][-1], flush=True)
    meta = json.loads((ours_dir / "meta.json").read_text(encoding="utf-8"))
    best = {k: min(r["wall"] for r in v) for k, v in got.items()}
    peak = {k: max(r["rss"] for r in v) for k, v in got.items()}
    cpu = {k: min(r["cpu"] for r in v) for k, v in got.items()}
    loads = [r["load"] for v in got.values() for r in v]
    btw = meta["betweenness"]
    method = btw["method"] + (f" k={btw['k']}" if "k" in btw else "")
    steps = ", ".join(
        f"{k} {v:.1f}" for k, v in meta["timings"].items() if isinstance(v, float) and v >= 0.5
    )
    return (
        f"| {n:,} | {meta['m']:,} | {method} | "
        + " | ".join(f"{r['wall']:.1f}" for r in got["kizuna"])
        + " | "
        + " | ".join(f"{r['wall']:.1f}" for r in got["pipeline"])
        + f" | **{best['kizuna'] / best['pipeline']:.2f}×** | {peak['kizuna']:.0f} / "
        f"{peak['pipeline']:.0f} (**{peak['kizuna'] / peak['pipeline']:.2f}×**) | "
        f"{cpu['kizuna']:.1f} / {cpu['pipeline']:.1f} | {min(loads):.1f}–{max(loads):.1f} |",
        f"kizuna at {n:,}, steps ≥ 0.5 s (last run): {steps}",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=["metrics", "error", "full", "versus"])
    parser.add_argument("--runs", type=int, default=2, help="versus: runs of each")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--ks", type=int, nargs="+", default=[64, 128, 256, 512])
    parser.add_argument("--draws", type=int, default=3)
    parser.add_argument(
        "--workdir", type=Path, default=Path(tempfile.gettempdir()) / "kizuna_bench"
    )
    parser.add_argument("--out", type=Path, default=Path("benchmarks/results/analytics.md"))
    args = parser.parse_args()
    lines: list[str] = [f"\n## {args.mode} — {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}"]
    if args.mode == "full":
        args.workdir.mkdir(parents=True, exist_ok=True)
        lines += [
            "\n| organizations | links | wall s | peak RSS MB | betweenness | analysis s "
            "| steps ≥ 0.5 s | exit |",
            "|---|---|---|---|---|---|---|---|",
        ]
    notes: list[str] = []
    if args.mode == "versus":
        args.workdir.mkdir(parents=True, exist_ok=True)
        lines += [
            "\n`kizuna analyze --input` vs `benchmarks/pipeline_analytics.py` (plain pyarrow + "
            "igraph + numpy/scipy, same columns and betweenness sources), run alternately "
            "on one bundle. Wall s per run; ratio = best kizuna / best pipeline; peak RSS = "
            "largest single process (MB); CPU = user + system s of the whole process tree "
            "(best run); load = 1-minute load average before each run (2 cores).",
            "",
            "| "
            + " | ".join(
                ["organizations", "links", "betweenness"]
                + [f"kizuna wall s, run {i + 1}" for i in range(args.runs)]
                + [f"pipeline wall s, run {i + 1}" for i in range(args.runs)]
                + ["wall ratio", "peak RSS MB kizuna / pipeline", "CPU s kizuna / pipeline", "load"]
            )
            + " |",
            "|" + "---|" * (7 + 2 * args.runs),
        ]
    for n in args.sizes:
        print(f"== {args.mode} {n}", flush=True)
        if args.mode == "versus":
            row, steps = versus_run(n, args.seed, args.workdir, args.runs)
            lines.append(row)
            notes.append(steps)
        elif args.mode == "metrics":
            lines += metrics_run(n, args.seed)
        elif args.mode == "error":
            lines += error_run(n, args.seed, args.ks, args.draws)
        else:
            lines += full_run(n, args.seed, args.workdir)
            print(lines[-1], flush=True)
    if notes:
        lines += [""] + [f"- {x}" for x in notes]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("a", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    sys.exit(main())
