"""Server time of the network page's callbacks on the seed and on a 10k synthetic graph.

As in ``bench_dashboard.py``: server time = the callback's plain function + JSON encoding of
what it sends.  The per-snapshot work (super-nodes, tie codes, both layouts, hover texts) is
measured apart ("overview warm-up"): it runs once per snapshot and grouping.

    python benchmarks/bench_network.py [--repeat 15] [--orgs 10000]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from bench_dashboard import encode, network_view

from kizuna.dashboard.data import SnapshotData
from kizuna.dashboard.pages import network
from kizuna.dashboard.pages.network import links, model
from kizuna.dashboard.store_source import DataSource
from kizuna.graph.bundle import Bundle

ROOT = Path(__file__).resolve().parents[1]


def cases(data: SnapshotData, rng: np.random.Generator) -> dict[str, Callable[[], Any]]:
    """One zero-argument function per interaction of the network page."""
    clusters = [k for k in model.overview(data, "kind").keys if model.parse_loose(k) is None]
    by_size = sorted(clusters, key=lambda c: -int((data.orgs["cluster"] == c).sum()))
    orgs = list(data.orgs.index)
    choices = network.Choices

    def pick(items: list[Any]) -> Any:
        return items[int(rng.integers(len(items)))]

    return {
        "overview (force)": lambda: network_view(data, None, choices(), "ja"),
        "overview (geo, by region)": lambda: network_view(
            data, None, choices(layout="geo", group_by="region"), "en"
        ),
        "labels none → top 25 (expanded)": lambda: network_view(
            data, None, choices(expanded=(pick(clusters),), labels="top25"), "ja"
        ),
        "expand a random cluster": lambda: network_view(
            data, None, choices(expanded=(pick(clusters),)), "ja"
        ),
        "expand the largest cluster": lambda: network_view(
            data, None, choices(expanded=(by_size[0],)), "ja"
        ),
        "expand the 3 largest (geo)": lambda: network_view(
            data, None, choices(expanded=tuple(by_size[:3]), layout="geo"), "en"
        ),
        "expand 3 largest, min degree 5": lambda: network_view(
            data, None, choices(expanded=tuple(by_size[:3]), min_degree=5), "ja"
        ),
        "click a super-node (toggle)": lambda: network.on_click(
            None, {"points": [{"customdata": ["group", pick(clusters)]}]}, [by_size[0]]
        ),
        "ego network (depth 1)": lambda: network_view(
            data, {"kind": "org", "id": pick(orgs)}, choices(), "ja"
        ),
    }


def warm_up(data: SnapshotData) -> float:
    """The per-snapshot pieces: both groupings, tie hovers in both languages (ms)."""
    start = time.perf_counter()
    for by in model.GROUP_BY:
        model.overview(data, by)
    for lang in ("ja", "en"):
        links.tie_hover(data, lang)
    return (time.perf_counter() - start) * 1000.0


def measure(label: str, bundle: Bundle, repeat: int) -> list[dict[str, Any]]:
    source = DataSource(lambda: bundle)
    source.warm()
    data = source.peek().data
    rows = [
        {"graph": label, "callback": "overview warm-up (once per snapshot)", "p50": warm_up(data)}
    ]
    rows[0].update(p95=rows[0]["p50"], max=rows[0]["p50"], kb=0.0)
    rng = np.random.default_rng(7)
    for name, fn in cases(data, rng).items():
        fn()
        times, sizes = [], []
        for _ in range(repeat):
            start = time.perf_counter()
            sizes.append(encode(fn()))
            times.append((time.perf_counter() - start) * 1000.0)
        times.sort()
        rows.append(
            {
                "graph": label,
                "callback": name,
                "p50": statistics.median(times),
                "p95": times[min(len(times) - 1, round(0.95 * (len(times) - 1)))],
                "max": times[-1],
                "kb": statistics.median(sizes) / 1024,
            }
        )
        print(f"{label:>5} {name:<36} p50 {rows[-1]['p50']:7.1f} ms  p95 {rows[-1]['p95']:7.1f} ms")
    return rows


def table(rows: list[dict[str, Any]]) -> str:
    lines = [
        "| graph | callback | p50 ms | p95 ms | max ms | payload KB |",
        "|---|---|---|---|---|---|",
    ]
    lines += [
        f"| {r['graph']} | {r['callback']} | {r['p50']:.1f} | {r['p95']:.1f} | {r['max']:.1f} | "
        f"{r['kb']:.0f} |"
        for r in rows
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--orgs", type=int, default=10_000)
    args = parser.parse_args()
    from kizuna.loaders import open_bundle
    from kizuna.synth.network import synthesize

    seed = open_bundle(ROOT / "data" / "seed", strict=False)
    rows = measure("seed", seed, args.repeat)
    rows += measure(f"{args.orgs // 1000}k", synthesize(args.orgs, seed=1), args.repeat)
    print(table(rows))


if __name__ == "__main__":
    main()
