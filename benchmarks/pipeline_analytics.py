"""The comparison pipeline of issue 17: what `kizuna analyze --input` computes, written as
plain library calls (pyarrow read, igraph, numpy/scipy), with no kizuna code.

    python benchmarks/pipeline_analytics.py BUNDLE OUT [--seed 0] [--exact-max 20000]
    python benchmarks/pipeline_analytics.py BUNDLE OUT --check KIZUNA_OUT

It writes nodes.csv, cluster_pairs.csv and bridges.csv with the columns of kizuna's
(local_bridges.csv and spof.csv are not part of the comparison), using the same sampled
betweenness sources (numpy ``default_rng(seed)``, same k rule).  Where igraph has the
metric, igraph computes it (betweenness, closeness, constraint, transitivity,
articulation points, bridges, biconnected components, Leiden); PageRank is networkx's
rule by scipy power iteration; the metrics no library has (participation/z/roles,
brokerage, cluster pairs, hierarchy, separated pairs) are the textbook numpy/scipy
versions: masked sparse products in row blocks for brokerage and the dyadic constraint,
sort-based counting for the rest.

``--check KIZUNA_OUT`` compares the written files with kizuna's, cell by cell (floats to
1e-9 relative, PageRank/eigenvector to 1e-9 absolute), and exits 1 on any difference.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import igraph as ig
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pcsv
import scipy.sparse as sp
import scipy.sparse.linalg as spla

INFO = ("name", "name_en", "kind", "cluster", "region", "prefecture", "lat", "lon")
ROLES = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")
BLOCK = 8_000_000  # wedges per row block of the masked products


def read(folder: Path) -> tuple[pa.Table, pa.Table]:
    nodes = pcsv.read_csv(
        folder / "nodes.csv",
        convert_options=pcsv.ConvertOptions(
            column_types={c: pa.string() for c in ("id", *INFO) if c not in ("lat", "lon")},
            include_columns=["id", *INFO],
            include_missing_columns=True,
        ),
    )
    ties = pcsv.read_csv(
        folder / "ties.csv",
        convert_options=pcsv.ConvertOptions(
            column_types={"source": pa.string(), "target": pa.string(), "directed": pa.string()},
            include_columns=["source", "target", "directed", "weight"],
            include_missing_columns=True,
        ),
    )
    return nodes, ties


def sorted_unique(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    keys = np.sort(keys)
    if len(keys) == 0:
        return keys, np.zeros(0, dtype=np.int64)
    start = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    return keys[start], np.diff(np.r_[start, len(keys)])


def csr(rows: np.ndarray, cols: np.ndarray, n: int) -> sp.csr_array:
    return sp.csr_array((np.ones(len(rows)), (rows, cols)), shape=(n, n))


def sample_size(m: int) -> int:
    k = 256
    while k > 32 and k * m > 320_000_000:
        k //= 2
    return k


def roles(S: sp.csr_array, mod: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Participation, within-module z, Guimerà–Amaral role (thresholds in integers)."""
    n = S.shape[0]
    k = np.diff(S.indptr).astype(np.int64)
    n_mod = int(mod.max()) + 1 if n else 1
    rows = np.repeat(np.arange(n, dtype=np.int64), k)
    key, cnt = sorted_unique(rows * n_mod + mod[S.indices])
    owner = key // n_mod
    sum_sq = np.zeros(n, dtype=np.int64)
    np.add.at(sum_sq, owner, cnt * cnt)
    own = key % n_mod == mod[owner]
    kappa = np.zeros(n, dtype=np.int64)
    kappa[owner[own]] = cnt[own]
    size = np.bincount(mod, minlength=n_mod).astype(np.int64)[mod]
    s1 = np.zeros(n_mod, dtype=np.int64)
    s2 = np.zeros(n_mod, dtype=np.int64)
    np.add.at(s1, mod, kappa)
    np.add.at(s2, mod, kappa * kappa)
    s1, s2 = s1[mod], s2[mod]
    k2 = k * k
    gap = k2 - sum_sq
    with np.errstate(divide="ignore", invalid="ignore"):
        p = np.where(k > 0, gap / k2, 0.0)
        var = size * s2 - s1 * s1
        dev = size * kappa - s1
        z = np.where(var > 0, dev / np.sqrt(np.maximum(var, 0).astype(float)), 0.0)
    hub = (var > 0) & (dev >= 0) & (4 * dev * dev >= 25 * var)
    role = np.where(hub, "R7", "R4").astype(object)
    for pct, name in ((75, "R6"), (30, "R5")):
        role[hub & (100 * gap <= pct * k2)] = name
    for pct, name in ((80, "R3"), (62, "R2"), (5, "R1")):
        role[~hub & (100 * gap <= pct * k2)] = name
    return p, z, role


def brokerage(D: sp.csr_array, g: np.ndarray) -> np.ndarray:
    """Gould–Fernandez counts: all two-paths from group counts, minus the closed ones
    from masked products D·Dᵀ ⊙ D (row blocks)."""
    n = D.shape[0]
    src = np.repeat(np.arange(n, dtype=np.int64), np.diff(D.indptr))
    tgt = D.indices.astype(np.int64)
    res = np.zeros((n, 5), dtype=np.int64)
    same = g[src] == g[tgt]
    out_tot, in_tot = np.bincount(src, minlength=n), np.bincount(tgt, minlength=n)
    out_own, in_own = np.bincount(src[same], minlength=n), np.bincount(tgt[same], minlength=n)
    n_g = int(g.max()) + 1
    kin, cin = sorted_unique(tgt * n_g + g[src])  # in-neighbours of b per group
    kout, cout = sorted_unique(src * n_g + g[tgt])
    common, ia, io = np.intersect1d(kin, kout, assume_unique=True, return_indices=True)
    diag = np.bincount(common // n_g, weights=cin[ia] * cout[io], minlength=n).astype(np.int64)
    mutual = D.multiply(D.T).tocsr()
    msrc = np.repeat(np.arange(n), np.diff(mutual.indptr))
    mown = np.bincount(msrc[g[mutual.indices] == g[msrc]], minlength=n)
    mtot = np.bincount(msrc, minlength=n)
    own = in_own * out_own
    res[:, 0] = own - mown
    res[:, 1] = (diag - own) - (mtot - mown)
    res[:, 2] = in_own * (out_tot - out_own)
    res[:, 3] = (in_tot - in_own) * out_own
    res[:, 4] = (in_tot - in_own) * (out_tot - out_own) - (diag - own)
    if D.nnz == 0:
        return res
    plain = sp.csr_array((np.ones(D.nnz), D.indices, D.indptr), shape=D.shape)
    flag = sp.csr_array((same.astype(float), D.indices, D.indptr), shape=D.shape)
    plain_t, flag_t = sp.csr_array(plain.T), sp.csr_array(flag.T)
    work = np.r_[0, np.cumsum(np.bincount(src, weights=in_tot[tgt], minlength=n))]
    start = 0
    while start < n:
        stop = min(max(int(np.searchsorted(work, work[start] + BLOCK, "right")) - 1, start + 1), n)
        mask = plain[start:stop]
        tot = (mask @ plain_t).multiply(mask).tocoo()  # (a, b): common out-neighbours c
        ga = (flag[start:stop] @ plain_t).multiply(mask).tocsr()  # … with g(c) = g(a)
        gb = (mask @ flag_t).multiply(mask).tocsr()  # … with g(c) = g(b)
        a, b = tot.row.astype(np.int64) + start, tot.col.astype(np.int64)
        t = tot.data.astype(np.int64)
        cga = np.asarray(ga[tot.row, tot.col]).ravel().astype(np.int64)
        cgb = np.asarray(gb[tot.row, tot.col]).ravel().astype(np.int64)
        ab = g[a] == g[b]
        d = ~ab
        res[:, 0] -= np.bincount(b[ab], weights=cgb[ab], minlength=n).astype(np.int64)
        res[:, 2] -= np.bincount(b[ab], weights=(t - cgb)[ab], minlength=n).astype(np.int64)
        res[:, 3] -= np.bincount(b[d], weights=cgb[d], minlength=n).astype(np.int64)
        res[:, 1] -= np.bincount(b[d], weights=cga[d], minlength=n).astype(np.int64)
        res[:, 4] -= np.bincount(b[d], weights=(t - cga - cgb)[d], minlength=n).astype(np.int64)
        start = stop
    return res


def hierarchy(S: sp.csr_array) -> np.ndarray:
    """Burt's hierarchy from the dyadic constraint (P + P·P ⊙ S)², row blocks."""
    n = S.shape[0]
    k = np.diff(S.indptr)
    P = sp.csr_array((np.repeat(1.0 / np.maximum(k, 1), k), S.indices, S.indptr), shape=S.shape)
    work = np.r_[0, np.cumsum(np.bincount(np.repeat(np.arange(n), k), k[S.indices], n))]
    parts, start = [], 0
    while start < n:
        stop = min(max(int(np.searchsorted(work, work[start] + BLOCK, "right")) - 1, start + 1), n)
        parts.append(sp.csr_array(P[start:stop] + (P[start:stop] @ P).multiply(S[start:stop])))
        start = stop
    c = sp.csr_array(sp.vstack(parts, format="csr"))
    c.data **= 2
    rows = np.repeat(np.arange(n), np.diff(c.indptr))
    total = np.bincount(rows, c.data, n)
    kk = k.astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        r = c.data / (total[rows] / kk[rows])
        h = np.bincount(rows, np.where(r > 0, r * np.log(r), 0.0), n) / (kk * np.log(kk))
    return np.where(k > 0, np.where(k == 1, 0.0, h), np.nan)


def eigenvector(S: sp.csr_array) -> np.ndarray:
    n = S.shape[0]
    if S.nnz == 0:
        return np.zeros(n)
    A = S.astype(float)
    if n < 200:
        vec = np.linalg.eigh(A.toarray())[1][:, -1]
    else:
        v0 = np.full(n, 1 / np.sqrt(n))
        vec = spla.eigsh(A, k=1, which="LA", tol=1e-10, maxiter=5000, v0=v0)[1][:, 0]
    vec = np.abs(vec)
    return vec / np.linalg.norm(vec)


def pagerank(A: sp.csr_array, alpha: float = 0.85) -> np.ndarray:
    """networkx's PageRank rule by power iteration (igraph's PRPACK took 3.6 s at 100k
    here, against 0.3 s for this)."""
    n = A.shape[0]
    s = np.asarray(A.sum(axis=1)).ravel()
    dangling = s == 0
    inv = np.where(dangling, 0.0, 1.0 / np.where(dangling, 1.0, s))
    AT = sp.csr_array(A.T)
    x = np.full(n, 1.0 / n)
    for _ in range(1000):
        prev = x
        x = alpha * (AT @ (x * inv)) + (alpha * x[dangling].sum() + 1 - alpha) / n
        if np.abs(x - prev).sum() < n * 1e-12:
            break
    return x / x.sum()


def separated_pairs(g: ig.Graph, n: int) -> np.ndarray:
    """Pairs cut apart by each articulation point, from the block-cut tree."""
    out = np.zeros(n, dtype=np.int64)
    blocks, aps = g.biconnected_components(return_articulation_points=True)
    if not aps:
        return out
    is_ap = np.zeros(n, dtype=bool)
    is_ap[aps] = True
    ap_node = {v: len(blocks) + i for i, v in enumerate(aps)}
    weight = [sum(1 for x in b if not is_ap[x]) for b in blocks] + [1] * len(aps)
    edges = [(i, ap_node[x]) for i, b in enumerate(blocks) for x in b if is_ap[x]]
    tree = ig.Graph(n=len(weight), edges=edges)
    sub = np.array(weight, dtype=np.int64)
    parent = np.full(len(weight), -1)
    comp_of = np.array(tree.connected_components().membership)
    total = np.bincount(comp_of, weights=weight).astype(np.int64)
    seen = np.zeros(len(weight), dtype=bool)
    for root in range(len(weight)):
        if seen[root]:
            continue
        order, _, par = tree.bfs(root)
        order = [x for x in order if not seen[x]]
        seen[order] = True
        for x in reversed(order[1:]):
            parent[x] = par[x]
            sub[par[x]] += sub[x]
    children: dict[int, list[int]] = {}
    for x in range(len(weight)):
        if parent[x] >= 0:
            children.setdefault(int(parent[x]), []).append(x)
    for v, t in ap_node.items():
        sizes = [int(sub[c]) for c in children.get(t, [])]
        if parent[t] >= 0:
            sizes.append(int(total[comp_of[t]] - sub[t]))
        tot = sum(sizes)
        out[v] = (tot * tot - sum(s * s for s in sizes)) // 2
    return out


@dataclass
class Net:
    """The network as arrays: S (undirected, simple), D (arcs), igraph's graph of S,
    the tie ends and weights, and the cluster module of each node."""

    ids: np.ndarray
    n: int
    s: np.ndarray
    d: np.ndarray
    weight: np.ndarray
    lo: np.ndarray
    hi: np.ndarray
    ekeys: np.ndarray
    u: np.ndarray
    v: np.ndarray
    S: sp.csr_array
    D: sp.csr_array
    g: ig.Graph
    clusters: np.ndarray
    mod: np.ndarray

    @property
    def m(self) -> int:
        return len(self.u)

    @property
    def deg(self) -> np.ndarray:
        return np.diff(self.S.indptr).astype(np.int64)


def build(nodes: pa.Table, ties: pa.Table) -> Net:
    ids = nodes["id"]
    n = len(ids)
    s = pc.index_in(ties["source"], value_set=ids).to_numpy(zero_copy_only=False).astype(np.int64)
    d = pc.index_in(ties["target"], value_set=ids).to_numpy(zero_copy_only=False).astype(np.int64)
    directed = pc.equal(pc.utf8_lower(pc.utf8_trim_whitespace(ties["directed"])), "true")
    directed = directed.fill_null(False).to_numpy(zero_copy_only=False)
    weight = ties["weight"].to_numpy(zero_copy_only=False).astype(float)
    keep = s != d
    s, d, directed, weight = s[keep], d[keep], directed[keep], weight[keep]
    weight = np.where(np.isfinite(weight) & (weight > 0), weight, 1.0)
    lo, hi = np.minimum(s, d), np.maximum(s, d)
    ekeys, _ = sorted_unique(lo * n + hi)
    u, v = ekeys // n, ekeys % n
    arcs, _ = sorted_unique(np.r_[s * n + d, d[~directed] * n + s[~directed]])
    clusters = pc.utf8_trim_whitespace(nodes["cluster"]).to_numpy(zero_copy_only=False)
    clusters = np.array([c if c else None for c in clusters], dtype=object)
    has = np.array([c is not None for c in clusters])
    mod = np.empty(n, dtype=np.int64)
    mod[has] = pd.factorize(pd.Series(clusters[has], dtype=object))[0]
    mod[~has] = (mod[has].max() + 1 if has.any() else 0) + np.arange((~has).sum())
    return Net(
        ids=ids.to_numpy(zero_copy_only=False),
        n=n,
        s=s,
        d=d,
        weight=weight,
        lo=lo,
        hi=hi,
        ekeys=ekeys,
        u=u,
        v=v,
        S=csr(np.r_[u, v], np.r_[v, u], n),
        D=csr(arcs // n, arcs % n, n),
        g=ig.Graph(n=n, edges=list(zip(u.tolist(), v.tolist(), strict=True))),
        clusters=clusters,
        mod=mod,
    )


def betweenness(net: Net, seed: int, sampled: bool) -> np.ndarray:
    n, m, g = net.n, net.m, net.g
    if n <= 2 or m == 0:
        return np.zeros(n)
    if not sampled:
        raw = np.array(g.betweenness(directed=False))
    else:
        k = min(n, sample_size(m))
        src = np.sort(np.random.default_rng(seed).choice(n, size=k, replace=False))
        raw = np.array(g.betweenness(directed=False, sources=src.tolist())) * (n / k)
    return raw * 2 / ((n - 1) * (n - 2))


def closeness(net: Net, sampled: bool) -> np.ndarray:
    n = net.n
    if sampled:
        return np.full(n, np.nan)
    if n <= 1 or net.m == 0:
        return np.zeros(n)
    comp = np.array(net.g.connected_components().membership)
    r = np.bincount(comp)[comp]
    return np.nan_to_num(np.array(net.g.closeness()), nan=0.0) * (r - 1) / (n - 1)


def leiden(net: Net, seed: int) -> np.ndarray:
    random.seed(seed)
    if net.m == 0:
        return np.arange(net.n)
    cl = net.g.community_leiden(objective_function="modularity", resolution=1.0, n_iterations=2)
    return np.array(cl.membership)


def cluster_pairs(net: Net) -> pd.DataFrame:
    clusters, deg, m = net.clusters, net.deg, net.m
    labels = np.array(sorted({c for c in clusters.tolist() if c is not None}), dtype=object)
    K = len(labels)
    pos = {c: i for i, c in enumerate(labels.tolist())}
    code = np.array([pos.get(c, -1) if c is not None else -1 for c in clusters])
    dsum = np.bincount(code[code >= 0], weights=deg[code >= 0], minlength=K)
    cu, cv = code[net.u], code[net.v]
    ok = (cu >= 0) & (cv >= 0) & (cu != cv)
    key, cnt = sorted_unique(np.minimum(cu[ok], cv[ok]) * K + np.maximum(cu[ok], cv[ok]))
    ia, ib = np.triu_indices(K, k=1)
    obs = np.zeros(len(ia), dtype=np.int64)
    obs[np.searchsorted(ia.astype(np.int64) * K + ib, key)] = cnt
    exp = dsum[ia] * dsum[ib] / (2.0 * m) if m else np.zeros(len(ia))
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(exp > 0, obs / np.where(exp > 0, exp, 1), np.nan)
    return pd.DataFrame(
        {
            "cluster_a": labels[ia],
            "cluster_b": labels[ib],
            "observed": obs,
            "expected": exp,
            "ratio": ratio,
        }
    )


def bridges(net: Net) -> pd.DataFrame:
    e = np.array(net.g.bridges(), dtype=np.int64)
    a, b = net.ids[net.u[e]], net.ids[net.v[e]]
    swap = np.array([x > y for x, y in zip(a, b, strict=True)], dtype=bool)
    frame = pd.DataFrame({"source": np.where(swap, b, a), "target": np.where(swap, a, b)})
    return frame.sort_values(["source", "target"]).reset_index(drop=True)


Step = Callable[[str, Callable[[], Any]], Any]


def contract_columns(net: Net, step: Step, seed: int, sampled: bool) -> dict[str, Any]:
    """id, degree, betweenness, roles, constraint, effective size, articulation points,
    brokerage."""
    n, g, deg = net.n, net.g, net.deg
    cols: dict[str, Any] = {"id": net.ids, "degree": deg}
    cols["betweenness"] = step("betweenness", lambda: betweenness(net, seed, sampled))
    p, z, role = step("roles", lambda: roles(net.S, net.mod))
    cols.update(participation=p, within_module_z=z, role=role)
    iso = deg == 0
    cols["constraint"] = step("constraint", lambda: np.where(iso, np.nan, g.constraint()))
    tri = np.rint(np.array(g.transitivity_local_undirected(mode="zero")) * deg * (deg - 1) / 2)
    with np.errstate(divide="ignore", invalid="ignore"):
        cols["effective_size"] = np.where(iso, np.nan, deg - 2 * tri / deg)
    ap = np.zeros(n, dtype=bool)
    ap[g.articulation_points()] = True
    cols["articulation_point"] = ap
    brk = step("brokerage", lambda: brokerage(net.D, net.mod))
    for i, name in enumerate(ROLES):
        cols[name] = brk[:, i]
    return cols


def extra_columns(
    net: Net, nodes: pa.Table, cols: dict[str, Any], step: Step, seed: int, sampled: bool
) -> None:
    """Info columns, closeness, spectral centralities, strength, hierarchy, efficiency,
    communities and separated pairs."""
    n, m, deg, weight = net.n, net.m, net.deg, net.weight
    for c in INFO:
        cols[c] = nodes[c].to_numpy(zero_copy_only=False)
    cols["cluster"] = net.clusters
    cols["closeness"] = step("closeness", lambda: closeness(net, sampled))
    cols["eigenvector"] = step("eigenvector", lambda: eigenvector(net.S))
    cols["pagerank"] = step("pagerank", lambda: pagerank(net.S))
    u, v = net.u, net.v
    wkeys = np.searchsorted(net.ekeys, net.lo * n + net.hi)
    w_edge = np.bincount(wkeys, weights=weight, minlength=m)
    W = sp.csr_array((np.r_[w_edge, w_edge], (np.r_[u, v], np.r_[v, u])), shape=(n, n))
    cols["pagerank_weighted"] = step("pagerank_weighted", lambda: pagerank(W))
    cols["strength"] = np.bincount(np.r_[net.s, net.d], weights=np.r_[weight, weight], minlength=n)
    cols["hierarchy"] = step(
        "hierarchy", lambda: hierarchy(net.S) if n <= 200_000 else np.full(n, np.nan)
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        cols["efficiency"] = np.where(deg == 0, np.nan, cols["effective_size"] / deg)
    comm = step("communities", lambda: leiden(net, seed))
    cols["community"] = comm
    cp, cz, crole = roles(net.S, comm)
    cols.update(community_participation=cp, community_z=cz, community_role=crole)
    cols["separated_pairs"] = step("separated_pairs", lambda: separated_pairs(net.g, n))


def write(
    out: Path, cols: dict[str, Any], pair_frame: pd.DataFrame, bridge_frame: pd.DataFrame
) -> None:
    out.mkdir(parents=True, exist_ok=True)
    frame = pd.DataFrame(cols)
    frame["articulation_point"] = np.where(cols["articulation_point"], "true", "false")
    table = pa.Table.from_pandas(frame, preserve_index=False)
    pcsv.write_csv(table, out / "nodes.csv", pcsv.WriteOptions(quoting_style="needed"))
    pair_frame.to_csv(out / "cluster_pairs.csv", index=False)
    bridge_frame.to_csv(out / "bridges.csv", index=False)


def run(folder: Path, out: Path, seed: int, exact_max: int) -> dict[str, float]:
    times: dict[str, float] = {}

    def step(name: str, fn: Callable[[], Any]) -> Any:
        t = time.perf_counter()
        r = fn()
        times[name] = time.perf_counter() - t
        return r

    t0 = time.perf_counter()
    nodes, ties = step("read", lambda: read(folder))
    net = step("build", lambda: build(nodes, ties))
    sampled = net.n > exact_max
    cols = contract_columns(net, step, seed, sampled)
    extra_columns(net, nodes, cols, step, seed, sampled)
    pair_frame = step("cluster_pairs", lambda: cluster_pairs(net))
    bridge_frame = step("bridges", lambda: bridges(net))
    step("write", lambda: write(out, cols, pair_frame, bridge_frame))
    times["total"] = time.perf_counter() - t0
    return times


def _same(mine: pd.Series, theirs: pd.Series, atol: float) -> np.ndarray:
    a, b = pd.to_numeric(mine, errors="coerce"), pd.to_numeric(theirs, errors="coerce")
    num = a.notna() | b.notna()
    close = np.isclose(a.to_numpy(float), b.to_numpy(float), rtol=1e-9, atol=atol, equal_nan=True)
    text = mine.fillna("").astype(str).str.lower() == theirs.fillna("").astype(str).str.lower()
    return np.where(num, close, text)


def check(out: Path, kizuna_out: Path) -> list[str]:
    """Differences between the pipeline's files and kizuna's (empty: the same)."""
    problems = []
    for name in ("nodes", "cluster_pairs", "bridges"):
        mine = pd.read_csv(out / f"{name}.csv", dtype=str, keep_default_na=False)
        theirs = pd.read_csv(kizuna_out / f"{name}.csv", dtype=str, keep_default_na=False)
        theirs.columns = [c.lstrip("\ufeff") for c in theirs.columns]
        if len(mine) != len(theirs):
            problems.append(f"{name}: {len(mine)} rows, kizuna {len(theirs)}")
            continue
        for col in mine.columns:
            if col not in theirs:
                problems.append(f"{name}: column {col} not in kizuna's")
                continue
            atol = 1e-9 if col in ("pagerank", "pagerank_weighted", "eigenvector") else 1e-12
            bad = ~_same(mine[col].replace("", None), theirs[col].replace("", None), atol)
            if bad.any():
                i = int(np.flatnonzero(bad)[0])
                problems.append(
                    f"{name}.{col}: {int(bad.sum())} cells differ, e.g. row {i + 2}: "
                    f"{mine[col].iloc[i]!r} vs kizuna {theirs[col].iloc[i]!r}"
                )
        missing = [c for c in theirs.columns if c not in mine.columns]
        if name != "nodes" or any(c not in ("separated_pairs",) for c in missing):
            problems += [f"{name}: kizuna column {c} not computed" for c in missing]
    return problems


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("bundle", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--exact-max", type=int, default=20_000)
    ap.add_argument("--check", type=Path, help="kizuna analyze output folder to compare with")
    args = ap.parse_args()
    times = run(args.bundle, args.out, args.seed, args.exact_max)
    print(json.dumps({k: round(v, 3) for k, v in times.items()}))
    if args.check:
        problems = check(args.out, args.check)
        for p in problems:
            print(p, file=sys.stderr)
        print("same as kizuna" if not problems else f"{len(problems)} differences", file=sys.stderr)
        sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
