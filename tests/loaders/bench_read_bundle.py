"""Read + validate timing on a large generated bundle (a benchmark, not a test).

    python tests/loaders/bench_read_bundle.py --nodes 1000000 --ties 5000000 [--dir /tmp/big]

Writes a CSV bundle (nodes with Japanese names, quoted cells; ties unquoted) if the folder
does not hold one yet, then times ``loaders.open_bundle(strict=False)`` (what
``kizuna analyze --input`` runs) and read + validate separately, in CPU and wall seconds.
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

from kizuna.graph.model import ORG_KINDS, REGIONS, TIE_KINDS


def generate(out: Path, n: int, m: int, seed: int = 1) -> None:
    rng = np.random.default_rng(seed)
    out.mkdir(parents=True, exist_ok=True)
    ids = np.char.add("org", np.arange(n).astype(str))
    nodes = pa.table(
        {
            "id": ids,
            "name": np.char.add("株式会社テスト", np.arange(n).astype(str)),
            "kind": np.array(ORG_KINDS)[rng.integers(0, 9, n)],
            "cluster": np.char.add("c", rng.integers(0, max(1, n // 500), n).astype(str)),
            "region": np.array(REGIONS)[rng.integers(0, 9, n)],
            "prefecture": np.full(n, "東京都"),
            "lat": rng.uniform(30, 45, n).round(4),
            "lon": rng.uniform(128, 145, n).round(4),
        }
    )
    pacsv.write_csv(nodes, out / "nodes.csv")
    s = rng.integers(0, n, m)
    t = (s + rng.integers(1, n, m)) % n
    since = rng.integers(2001, 2010, m)
    ties = pa.table(
        {
            "source": ids[s],
            "target": ids[t],
            "kind": np.array(TIE_KINDS)[rng.integers(0, len(TIE_KINDS), m)],
            "directed": np.where(rng.random(m) < 0.3, "true", "false"),
            "since": since,
            "until": since + rng.integers(0, 5, m),
            "weight": rng.integers(1, 5, m).astype(float),
            "confidence": np.array(["confirmed", "reported", "uncertain"])[rng.integers(0, 3, m)],
            "source_ref": np.char.add("seed:L", rng.integers(1, 3000, m).astype(str)),
        }
    )
    opts = pacsv.WriteOptions(quoting_style="none")
    pacsv.write_csv(ties, out / "ties.csv", write_options=opts)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--nodes", type=int, default=1_000_000)
    ap.add_argument("--ties", type=int, default=5_000_000)
    ap.add_argument("--dir", type=Path, default=Path("/tmp/kizuna-bench-read"))
    args = ap.parse_args()
    if not (args.dir / "ties.csv").exists():
        generate(args.dir, args.nodes, args.ties)
    from kizuna.loaders import open_bundle
    from kizuna.loaders.readers import read_bundle_arrow
    from kizuna.loaders.validate import validate_with_duplicates

    c0, w0 = time.process_time(), time.perf_counter()
    bundle = open_bundle(args.dir, strict=False)
    c1, w1 = time.process_time(), time.perf_counter()
    print(
        f"open_bundle: cpu {c1 - c0:.2f}s wall {w1 - w0:.2f}s "
        f"({bundle.node_count:,} nodes, {bundle.tie_count:,} ties)"
    )
    del bundle
    c0, w0 = time.process_time(), time.perf_counter()
    bundle, _, arrow = read_bundle_arrow(args.dir)
    c1, w1 = time.process_time(), time.perf_counter()
    validate_with_duplicates(bundle, arrow)
    c2, w2 = time.process_time(), time.perf_counter()
    print(
        f"read: cpu {c1 - c0:.2f}s wall {w1 - w0:.2f}s; "
        f"validate: cpu {c2 - c1:.2f}s wall {w2 - w1:.2f}s"
    )
    print(f"max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6:.2f} GB")


if __name__ == "__main__":
    main()
