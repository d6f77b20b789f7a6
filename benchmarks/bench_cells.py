"""Cost of the formula escaping (kizuna.graph.cells) on big text columns.

The bundle writer escapes every text column of a CSV (``safe_csv_column``) and the reader
unescapes every column of every CSV file (``unescape_csv_column``); the app's downloads
and small analyze outputs go through ``safe_csv_frame`` (pandas, Python per cell).

    python benchmarks/bench_cells.py                     # prints a Markdown table
    python benchmarks/bench_cells.py --write benchmarks/results/cells.md

Columns of n strings (ids ``org_000123``; names of ~12 characters), with no risky cell and
with 1 % of cells beginning with ``=``; median of 3 runs.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from kizuna.graph.cells import safe_csv_column, safe_csv_frame, unescape_csv_column


def _median(fn: Callable[[], Any], runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _column(n: int, risky: float) -> pa.Array:
    rng = np.random.default_rng(0)
    text = np.char.add("株式会社テスト", np.arange(n).astype(str)).astype(object)
    hits = rng.random(n) < risky
    text[hits] = ["=" + t for t in text[hits]]
    return pa.array(text, type=pa.string())


def measure(sizes: list[int], frame_max: int) -> list[dict[str, Any]]:
    rows = []
    for n in sizes:
        for risky in (0.0, 0.01):
            col = _column(n, risky)
            escaped = safe_csv_column(col)
            row = {
                "n": n,
                "risky": risky,
                "safe_csv_column": _median(lambda c=col: safe_csv_column(c)),
                "unescape_csv_column": _median(lambda e=escaped: unescape_csv_column(e)),
                "safe_csv_frame": float("nan"),
            }
            if n <= frame_max:
                frame = pd.DataFrame({"name": col.to_pandas(), "x": np.arange(n, dtype=float)})
                row["safe_csv_frame"] = _median(lambda f=frame: safe_csv_frame(f))
            rows.append(row)
    return rows


def table(rows: list[dict[str, Any]]) -> str:
    out = [
        "| rows | risky cells | safe_csv_column s | unescape_csv_column s | safe_csv_frame s |",
        "|---|---|---|---|---|",
    ]
    for r in rows:
        frame = "—" if r["safe_csv_frame"] != r["safe_csv_frame"] else f"{r['safe_csv_frame']:.3f}"
        out.append(
            f"| {r['n']:,} | {r['risky']:.0%} | {r['safe_csv_column']:.3f} | "
            f"{r['unescape_csv_column']:.3f} | {frame} |"
        )
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000, 5_000_000])
    parser.add_argument("--frame-max", type=int, default=1_000_000)
    parser.add_argument("--write", type=Path)
    args = parser.parse_args()
    rows = measure(args.sizes, args.frame_max)
    load = os.getloadavg()[0]
    head = (
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, Python {platform.python_version()}, "
        f"{platform.machine()}, median of 3 runs, one column; load average at the start "
        f"{load:.1f} on {os.cpu_count()} cores (other jobs share the machine)."
    )
    text = f"{head}\n\n{table(rows)}\n"
    print(text)
    if args.write:
        args.write.write_text(
            "# Formula escaping (kizuna.graph.cells): cost per text column\n\n"
            "Produced by `python benchmarks/bench_cells.py "
            "--write benchmarks/results/cells.md`.\n\n" + text,
            encoding="utf-8",
        )


if __name__ == "__main__":
    main()
