"""A synthetic bundle for the load benchmark: n organizations, ``ties_per_org`` ties each."""

from __future__ import annotations

import numpy as np
import pandas as pd

from kizuna.graph.bundle import Bundle, empty_frame
from kizuna.graph.model import ORG_KINDS, REGIONS, TIE_KINDS


def synthetic_bundle(n: int, *, ties_per_org: int = 5, seed: int = 0) -> Bundle:
    """``n`` organizations in ``n // 200 + 1`` clusters and ``ties_per_org * n`` distinct ties."""
    rng = np.random.default_rng(seed)
    ids = np.array([f"org{i:07d}" for i in range(n)], dtype=object)
    n_clusters = n // 200 + 1
    nodes = empty_frame("nodes").reindex(range(n))
    nodes["id"] = ids
    nodes["name"] = [f"株式会社テスト{i}" for i in range(n)]
    nodes["kind"] = rng.choice(np.array(ORG_KINDS[:9], dtype=object), n)
    nodes["cluster"] = np.array([f"c{i % n_clusters:04d}" for i in range(n)], dtype=object)
    nodes["region"] = rng.choice(np.array(REGIONS[:9], dtype=object), n)
    nodes["lat"] = rng.uniform(26, 45, n)
    nodes["lon"] = rng.uniform(127, 145, n)
    m = ties_per_org * n
    src = rng.integers(0, n, m)
    dst = (src + rng.integers(1, n, m)) % n
    since = rng.integers(2001, 2011, m)
    kinds = rng.choice(np.array(TIE_KINDS[:7], dtype=object), m)
    ties = pd.DataFrame({"source": ids[src], "target": ids[dst], "kind": kinds, "since": since})
    ties = ties.drop_duplicates(["source", "target", "kind", "since"]).reset_index(drop=True)
    frame = empty_frame("ties").reindex(range(len(ties)))
    for col in ("source", "target", "kind"):
        frame[col] = ties[col].astype(object)
    frame["since"] = ties["since"].astype("Int64")
    frame["directed"] = frame["kind"].isin(["finance", "coordinator_dispatch"]).astype(bool)
    frame["weight"] = rng.uniform(0.5, 3.0, len(frame))
    frame["confidence"] = "reported"
    frame["source_ref"] = "synthetic"
    clusters = empty_frame("clusters").reindex(range(n_clusters))
    clusters["id"] = [f"c{i:04d}" for i in range(n_clusters)]
    clusters["name"] = [f"クラスター{i}" for i in range(n_clusters)]
    return Bundle(
        nodes=nodes,
        ties=frame,
        clusters=clusters,
        present=frozenset({"nodes", "ties", "clusters"}),
    )
