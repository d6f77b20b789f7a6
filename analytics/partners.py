"""Partner finder: ranked candidates in other clusters, each with its reasons in words and numbers.

For an organization (or a whole cluster) the finder scores every organization of another
cluster within a few hops, plus those sharing a program, from five explainable signals:

* shared programs (participation.csv and the ``program`` of ties),
* common neighbours (Adamic–Adar),
* a short path through a proven broker (an organization with cross-cluster brokerage),
* complementary fields (the candidate's cluster works in a field the source's cluster
  has no tie to yet),
* gap_gain: how much one new tie raises the observed/expected ratio of the cluster pair,
  and the candidate's pair affinity (ties its cluster already has with the source's).

Deterministic: ties in score are broken by id.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp

from analytics.brokerage import brokerage
from analytics.snapshot import Snapshot, build_snapshot
from graph.bundle import Bundle

__all__ = ["candidate_features", "score_candidates", "suggest_partners"]

MAX_HOPS = 4
WEIGHTS = {
    "shared_programs": 1.5,
    "adamic_adar": 1.0,
    "broker_path": 0.8,
    "affinity": 0.6,
    "gap_gain": 0.4,
    "complementary": 0.2,
    "popularity": 0.3,
}


def _bfs_levels(S: sp.csr_array, sources: np.ndarray, hops: int) -> tuple[np.ndarray, np.ndarray]:
    """Distance (≤ hops, else -1) from a source set, and one BFS parent per node."""
    n = S.shape[0]
    dist = np.full(n, -1, dtype=np.int64)
    parent = np.full(n, -1, dtype=np.int64)
    dist[sources] = 0
    frontier = np.asarray(sources, dtype=np.int64)
    for d in range(1, hops + 1):
        if len(frontier) == 0:
            break
        starts, ends = S.indptr[frontier], S.indptr[frontier + 1]
        lens = ends - starts
        nbr = S.indices[
            np.repeat(starts, lens)
            + (np.arange(lens.sum()) - np.repeat(np.cumsum(lens) - lens, lens))
        ]
        src = np.repeat(frontier, lens)
        new = dist[nbr] < 0
        nbr, src = nbr[new], src[new]
        order = np.lexsort((src, nbr))  # lowest parent first, deterministic
        nbr, src = nbr[order], src[order]
        first = np.r_[True, nbr[1:] != nbr[:-1]] if len(nbr) else np.zeros(0, bool)
        nbr, src = nbr[first], src[first]
        dist[nbr] = d
        parent[nbr] = src
        frontier = nbr
    return dist, parent


def _programs(bundle: Bundle, index: pd.Index) -> sp.csr_array | None:
    """Organization × program incidence from participation.csv and the ties' program column."""
    rows: list[pd.DataFrame] = []
    part = bundle.participation
    if part is not None and len(part):
        rows.append(pd.DataFrame({"org": part["organization"], "prog": part["program"]}))
    ties = bundle.ties
    if "program" in ties:
        t = ties[ties["program"].notna() & (ties["program"].astype(str).str.strip() != "")]
        rows.append(pd.DataFrame({"org": t["source"], "prog": t["program"]}))
        rows.append(pd.DataFrame({"org": t["target"], "prog": t["program"]}))
    if not rows:
        return None
    inc = pd.concat(rows, ignore_index=True).dropna().drop_duplicates()
    org = index.get_indexer(pd.Index(inc["org"].astype(object)))
    inc = inc[org >= 0]
    org = org[org >= 0]
    if len(inc) == 0:
        return None
    prog, _ = pd.factorize(inc["prog"].astype(str))
    return sp.csr_array((np.ones(len(org)), (org, prog)), shape=(len(index), int(prog.max()) + 1))


def candidate_features(
    bundle: Bundle, snap: Snapshot, sources: np.ndarray, *, broker_strength: np.ndarray
) -> pd.DataFrame:
    """Signals for every candidate (other cluster, within MAX_HOPS or sharing a program)."""
    S = snap.S
    n = snap.n
    src_set = np.zeros(n, dtype=bool)
    src_set[sources] = True
    src_clusters = {snap.clusters[i] for i in sources}
    dist, parent = _bfs_levels(S, sources, MAX_HOPS)
    inc = _programs(bundle, snap.index)
    shared = np.zeros(n)
    if inc is not None:
        mine = np.asarray(inc[sources].sum(axis=0)).ravel() > 0
        shared = inc @ mine.astype(float)
    deg = snap.degree.astype(float)
    # Adamic–Adar between the source set and each node: Σ_{w ∈ N(src) ∩ N(c)} 1/ln k_w
    near = np.zeros(n)
    near_idx = (
        np.unique(
            S.indices[np.concatenate([np.arange(S.indptr[s], S.indptr[s + 1]) for s in sources])]
        )
        if len(sources)
        else np.zeros(0, dtype=np.int64)
    )
    near[near_idx] = 1.0 / np.log(np.maximum(deg[near_idx], 2.0))
    aa = S @ near
    common = S @ (near > 0).astype(float)
    cl = snap.clusters
    other = np.array([c is not None and c not in src_clusters for c in cl.tolist()], dtype=bool)
    if None in src_clusters:
        other = np.array([c is not None for c in cl.tolist()], dtype=bool)
    adjacent = dist == 1
    cand = other & ~src_set & ~adjacent & ((dist >= 2) | (shared > 0))
    idx = np.flatnonzero(cand)
    # broker on the BFS path: the strongest intermediate node
    broker = np.full(len(idx), -1, dtype=np.int64)
    best = np.zeros(len(idx))
    cur = parent[idx].copy()
    while True:
        live = (cur >= 0) & ~src_set[np.maximum(cur, 0)]
        if not live.any():
            break
        s = np.where(live, broker_strength[np.maximum(cur, 0)], -1.0)
        better = s > best
        broker[better] = cur[better]
        best[better] = s[better]
        cur = np.where(live, parent[np.maximum(cur, 0)], -1)
    return pd.DataFrame(
        {
            "node": idx,
            "distance": dist[idx],
            "shared_programs": shared[idx],
            "common_neighbours": common[idx],
            "adamic_adar": aa[idx],
            "broker": broker,
            "broker_strength": best,
            "degree": deg[idx],
        }
    )


def score_candidates(
    snap: Snapshot, feats: pd.DataFrame, source_clusters: set[str]
) -> pd.DataFrame:
    """Add gap_gain, affinity, complementary and the weighted score to candidate features."""
    from analytics.gaps import cluster_pairs

    pairs = cluster_pairs(snap)
    m = max(snap.m, 1)
    d = pd.Series(
        np.bincount(
            pd.factorize(pd.Series(snap.clusters, dtype=object))[0] + 1, weights=snap.degree
        )[1:],
        index=pd.factorize(pd.Series(snap.clusters, dtype=object))[1],
    )
    lookup = {
        (a, b): (o, e)
        for a, b, o, e in pairs[["cluster_a", "cluster_b", "observed", "expected"]].itertuples(
            index=False
        )
    }
    cand_cl = snap.clusters[feats["node"].to_numpy()]
    gain, aff = np.zeros(len(feats)), np.zeros(len(feats))
    for i, c in enumerate(cand_cl.tolist()):
        for a in source_clusters:
            if a is None or c is None or a == c:
                continue
            key = (a, c) if a < c else (c, a)
            obs, exp = lookup.get(key, (0, 0.0))
            da, dc = float(d.get(a, 0.0)), float(d.get(c, 0.0))
            new_exp = (da + 1) * (dc + 1) / (2.0 * (m + 1))
            old = obs / exp if exp > 0 else 0.0
            gain[i] = max(gain[i], (obs + 1) / new_exp - old)
            aff[i] = max(aff[i], obs / max(exp, 1e-12) if exp > 0 else 0.0)
    feats = feats.assign(cluster=cand_cl, gap_gain=gain, affinity=aff)
    linked = set(
        pairs.loc[pairs["observed"] > 0, ["cluster_a", "cluster_b"]].to_numpy().ravel().tolist()
    )
    feats["complementary"] = [0.0 if (c in linked) else 1.0 for c in cand_cl.tolist()]
    hop = feats["distance"].where(feats["distance"] > 0, MAX_HOPS + 1)
    feats["broker_path"] = np.where(
        feats["broker"] >= 0, np.log1p(feats["broker_strength"]) / hop, 0.0
    )
    feats["popularity"] = np.log1p(feats["degree"]) / np.log1p(
        max(float(snap.degree.max(initial=1)), 1.0)
    )
    score = np.zeros(len(feats))
    for name, w in WEIGHTS.items():
        col = feats[name].to_numpy(dtype=float)
        if name in ("shared_programs", "adamic_adar", "gap_gain", "affinity"):
            col = np.log1p(np.maximum(col, 0.0))
        score += w * col
    feats["score"] = score
    return feats


def _reasons(
    row: dict[str, Any], ids: np.ndarray, names: dict[str, str]
) -> tuple[list[str], list[str]]:
    en: list[str] = []
    ja: list[str] = []
    if row["shared_programs"] > 0:
        en.append(f"takes part in {int(row['shared_programs'])} of the same programs")
        ja.append(f"同じ事業・プログラムに{int(row['shared_programs'])}件参加")
    if row["common_neighbours"] > 0:
        cn, aa = int(row["common_neighbours"]), row["adamic_adar"]
        en.append(f"{cn} common partners (Adamic–Adar {aa:.2f})")
        ja.append(f"共通の連携先が{cn}件（Adamic–Adar {aa:.2f}）")
    if row["broker"] >= 0:
        b = str(ids[int(row["broker"])])
        en.append(f"reachable in {int(row['distance'])} steps through broker {names.get(b, b)}")
        ja.append(f"仲介役 {names.get(b, b)} を通じて{int(row['distance'])}ステップで到達可能")
    if row["complementary"] > 0:
        en.append(f"cluster {row['cluster']} has no tie yet with yours (complementary field)")
        ja.append(f"クラスター {row['cluster']} とはまだ連携がない（補完的な分野）")
    en.append(f"a tie would raise the cluster-pair ratio by {row['gap_gain']:.2f}")
    ja.append(f"連携によりクラスター間の比率が{row['gap_gain']:.2f}上昇")
    return en, ja


def suggest_partners(
    bundle: Bundle,
    *,
    org: str | None = None,
    cluster: str | None = None,
    k: int = 10,
    analysis: object | None = None,
) -> pd.DataFrame:
    """Ranked partner candidates in other clusters, with reasons in English and Japanese.

    Parameters
    ----------
    bundle : graph.bundle.Bundle
    org, cluster : str
        The organization, or every organization of the cluster, to find partners for.
    k : int
        Number of candidates.
    analysis : NetworkAnalysis, optional
        A previous ``analyze`` result of the same bundle (reuses its snapshot and brokerage).

    Returns
    -------
    pandas.DataFrame
        rank, candidate, name, cluster, score, reasons_en (list[str]), reasons_ja
        (list[str]), path (list of ids from the source to the candidate), broker (id or
        None), gap_gain, distance.

    Notes
    -----
    score = Σ_f w_f x_f over the signals of the module docstring (weights in
    :data:`WEIGHTS`); log1p on the count-like signals.  Candidates at distance ≥ 3
    are reached through the broker-path, affinity, gap and popularity signals.
    """
    snap = getattr(analysis, "snapshot", None) or build_snapshot(bundle)
    if org is not None:
        sources = np.array([snap.position(org)], dtype=np.int64)
    elif cluster is not None:
        sources = np.flatnonzero(snap.clusters == str(cluster).strip())
        if len(sources) == 0:
            raise KeyError(f"no organization has cluster {cluster!r}")
    else:
        raise ValueError("give org or cluster")
    nodes = getattr(analysis, "nodes", None)
    if nodes is not None:
        brk = (
            nodes[["itinerant", "representative", "gatekeeper", "liaison"]]
            .sum(axis=1)
            .to_numpy(float)
        )
    else:
        b = brokerage(snap)
        brk = (
            b[["itinerant", "representative", "gatekeeper", "liaison"]].sum(axis=1).to_numpy(float)
        )
    feats = candidate_features(bundle, snap, sources, broker_strength=brk)
    src_clusters = {snap.clusters[i] for i in sources}
    feats = score_candidates(snap, feats, src_clusters)
    feats["candidate"] = snap.ids[feats["node"].to_numpy()]
    feats = feats.sort_values(["score", "candidate"], ascending=[False, True], kind="stable").head(
        k
    )
    names = dict(
        zip(
            bundle.nodes["id"],
            bundle.nodes["name"] if "name" in bundle.nodes else bundle.nodes["id"],
            strict=True,
        )
    )
    dist, parent = _bfs_levels(snap.S, sources, MAX_HOPS)
    rows = []
    records: list[dict[str, Any]] = feats.to_dict("records")  # type: ignore[assignment]
    for rank, row in enumerate(records, start=1):
        path = []
        cur = int(row["node"])
        while cur >= 0 and dist[cur] >= 0:
            path.append(str(snap.ids[cur]))
            cur = int(parent[cur])
        en, ja = _reasons(row, snap.ids, names)
        rows.append(
            {
                "rank": rank,
                "candidate": str(row["candidate"]),
                "name": names.get(row["candidate"]),
                "cluster": row["cluster"],
                "score": float(row["score"]),
                "reasons_en": en,
                "reasons_ja": ja,
                "path": path[::-1] if dist[int(row["node"])] >= 0 else [],
                "broker": str(snap.ids[int(row["broker"])]) if row["broker"] >= 0 else None,
                "gap_gain": float(row["gap_gain"]),
                "distance": int(row["distance"]),
            }
        )
    cols = [
        "rank",
        "candidate",
        "name",
        "cluster",
        "score",
        "reasons_en",
        "reasons_ja",
        "path",
        "broker",
        "gap_gain",
        "distance",
    ]
    return pd.DataFrame(rows, columns=cols)
