"""Cut points of S: articulation points, bridges, failure audit, local bridges."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp

from kizuna.analytics.snapshot import Snapshot, unique_counts
from kizuna.analytics.triangles import edge_triangles

__all__ = ["articulation_points", "bridges", "local_bridges", "spof"]

#: Local bridges whose spans are searched together (bounds the sparse row sets).
SPAN_BATCH = 4096


def articulation_points(snap: Snapshot) -> np.ndarray:
    """Boolean per node: removing it disconnects its component of S (Hopcroft–Tarjan).

    Cached on the snapshot (the failure audit needs them too).
    """
    cached = snap.info.get("articulation_points")
    if cached is None:
        cached = np.zeros(snap.n, dtype=bool)
        if snap.m:
            cached[np.asarray(snap.igraph.articulation_points(), dtype=np.int64)] = True
        snap.info["articulation_points"] = cached
    return np.array(cached)


def _ordered_pairs(snap: Snapshot, u: np.ndarray, v: np.ndarray, **extra: Any) -> pd.DataFrame:
    """Edges as (source, target) ids with source < target as strings, sorted.

    ``extra`` columns (one value per edge) ride along.
    """
    a, b = snap.ids[u], snap.ids[v]
    swap = np.array([str(x) > str(y) for x, y in zip(a, b, strict=True)], dtype=bool)
    src = np.where(swap, b, a)
    tgt = np.where(swap, a, b)
    df = pd.DataFrame({"source": src.astype(object), "target": tgt.astype(object), **extra})
    return df.sort_values(["source", "target"], kind="stable").reset_index(drop=True)


def bridges(snap: Snapshot) -> pd.DataFrame:
    """Edges of S whose removal disconnects their component.

    Returns
    -------
    pandas.DataFrame
        Columns source, target (ids; source < target as strings), sorted.
    """
    if snap.m == 0:
        return pd.DataFrame({"source": pd.Series(dtype=object), "target": pd.Series(dtype=object)})
    eids = np.asarray(snap.igraph.bridges(), dtype=np.int64)
    u, v = snap.edges
    return _ordered_pairs(snap, u[eids], v[eids])


def _blocks(snap: Snapshot) -> list[np.ndarray]:
    """Vertices of each biconnected component (sorted), in igraph's order.

    ``Graph.biconnected_components()`` would build them from a Python edge list (~600 MB
    at 5M edges); here they come from the components' spanning-tree edge ids and the
    snapshot's edge arrays (the igraph graph's edge order).
    """
    import igraph as ig

    trees = ig.GraphBase.biconnected_components(snap.igraph, False)
    if not trees:
        return []
    sizes = np.fromiter((len(t) for t in trees), dtype=np.int64, count=len(trees))
    edge_ids = np.fromiter((e for t in trees for e in t), dtype=np.int64, count=int(sizes.sum()))
    label = np.repeat(np.arange(len(trees), dtype=np.int64), sizes)
    u, v = snap.edges
    n = np.int64(max(snap.n, 1))
    keys, _ = unique_counts(np.concatenate([label * n + u[edge_ids], label * n + v[edge_ids]]))
    cuts = np.searchsorted(keys // n, np.arange(1, len(trees)))
    return np.split(keys % n, cuts)


def spof(snap: Snapshot, regions: np.ndarray | None = None) -> pd.DataFrame:
    """Single-point-of-failure audit: what each articulation point holds together.

    Returns
    -------
    pandas.DataFrame
        One row per articulation point, ranked by ``separated_pairs``: id,
        separated_pairs (pairs of other nodes that lose their connection if it leaves),
        largest_cut (nodes cut off from the largest remaining piece), regions_cut
        (sorted regions of those cut-off nodes, ``|``-joined).

    Notes
    -----
    Removing v from its component of size C leaves pieces s_1…s_r (Σ s = C − 1);
    separated pairs = ((C−1)² − Σ s²) / 2.  Pieces come from the block-cut tree
    (biconnected components), so the cost is linear.
    """
    n = snap.n
    cols = ["id", "separated_pairs", "largest_cut", "regions_cut"]
    ap = articulation_points(snap)
    if not ap.any():
        return pd.DataFrame({c: pd.Series(dtype=object) for c in cols})
    reg = np.full(n, None, dtype=object) if regions is None else np.asarray(regions, dtype=object)
    codes, labels = pd.factorize(pd.Series(reg, dtype=object), use_na_sentinel=True)
    weight, edges_a, edges_b, ap_pos = _block_cut_tree(snap, ap, codes, len(labels))
    parent, order, comp = _forest(len(weight), edges_a, edges_b)
    sub = _subtree_sums(weight, parent, order)
    comp_total = np.zeros((int(comp.max()) + 1, weight.shape[1]), dtype=np.int64)
    np.add.at(comp_total, comp, weight)
    children: dict[int, list[int]] = {}
    for node in np.flatnonzero(parent >= 0):
        children.setdefault(int(parent[node]), []).append(int(node))
    rows = []
    for v in np.flatnonzero(ap):
        t = int(ap_pos[v])
        pieces = [sub[c] for c in children.get(t, [])]
        if parent[t] >= 0:
            pieces.append(comp_total[comp[t]] - sub[t])
        rows.append((snap.ids[v], *_cut(pieces, labels)))
    out = pd.DataFrame(rows, columns=cols)
    out = out.sort_values(["separated_pairs", "id"], ascending=[False, True], kind="stable")
    return out.reset_index(drop=True)


def _block_cut_tree(
    snap: Snapshot, ap: np.ndarray, codes: np.ndarray, n_reg: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Build the block-cut tree: its nodes are the blocks, then the articulation points.

    Returns the weight of each tree node (its own members per region code, last column:
    their count; an articulation point counts in its own tree node only), the tree's
    edges (block, articulation point) as two arrays, and each node's tree position
    (-1 for nodes that are not articulation points).
    """
    n = snap.n
    blocks = _blocks(snap)
    ap_idx = np.flatnonzero(ap)
    ap_pos = np.full(n, -1, dtype=np.int64)
    ap_pos[ap_idx] = len(blocks) + np.arange(len(ap_idx))
    weight = np.zeros((len(blocks) + len(ap_idx), n_reg + 1), dtype=np.int64)
    edges_a: list[int] = []
    edges_b: list[int] = []
    for b, members in enumerate(blocks):
        mem = np.asarray(members, dtype=np.int64)
        is_ap = ap[mem]
        plain = mem[~is_ap]
        weight[b, n_reg] = len(plain)
        rc = codes[plain]
        np.add.at(weight[b], rc[rc >= 0], 1)
        edges_a.extend([b] * int(is_ap.sum()))
        edges_b.extend(ap_pos[mem[is_ap]].tolist())
    weight[ap_pos[ap_idx], n_reg] = 1
    rc = codes[ap_idx]
    weight[ap_pos[ap_idx][rc >= 0], rc[rc >= 0]] += 1
    return weight, np.asarray(edges_a, dtype=np.int64), np.asarray(edges_b, dtype=np.int64), ap_pos


def _forest(
    t_nodes: int, edges_a: np.ndarray, edges_b: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Root the block-cut tree: one BFS tree per component.

    Returns the parent of each tree node (-1 for a root), the BFS order and the
    component of each tree node.
    """
    n_comp, comp = sp.csgraph.connected_components(
        sp.csr_array(
            (np.ones(2 * len(edges_a)), (np.r_[edges_a, edges_b], np.r_[edges_b, edges_a])),
            shape=(t_nodes, t_nodes),
        ),
        directed=False,
    )
    # one BFS from a virtual root joined to the first tree node of every component
    first = np.full(n_comp, -1, dtype=np.int64)
    first[comp[::-1]] = np.arange(t_nodes)[::-1]
    root = t_nodes
    ea = np.concatenate([edges_a, np.full(n_comp, root)])
    eb = np.concatenate([edges_b, first])
    tree = sp.csr_array(
        (np.ones(2 * len(ea)), (np.r_[ea, eb], np.r_[eb, ea])), shape=(t_nodes + 1, t_nodes + 1)
    )
    order, pred = sp.csgraph.breadth_first_order(tree, root, directed=False)
    parent = np.full(t_nodes, -1, dtype=np.int64)
    inner = order[1:]
    parent[inner] = np.where(pred[inner] == root, -1, pred[inner])
    return parent, inner, comp


def _subtree_sums(weight: np.ndarray, parent: np.ndarray, order: np.ndarray) -> np.ndarray:
    """Each tree node's weight summed over its subtree (children before parents)."""
    sub = weight.copy()
    for node in reversed(order.tolist()):
        p = parent[node]
        if p >= 0:
            sub[p] += sub[node]
    return sub


def _cut(pieces: list[np.ndarray], labels: pd.Index) -> tuple[int, int, str]:
    """Measure what one articulation point holds together.

    From the weights of the pieces its removal leaves: separated pairs, nodes cut off
    from the largest piece, and their regions.
    """
    n_reg = len(labels)
    sizes = np.array([p[n_reg] for p in pieces], dtype=np.int64)
    total = int(sizes.sum())
    pairs = (total * total - int((sizes * sizes).sum())) // 2
    big = int(np.argmax(sizes))
    cut_regions = np.zeros(n_reg + 1, dtype=np.int64)
    for i, p in enumerate(pieces):
        if i != big:
            cut_regions += p
    names = sorted(str(labels[i]) for i in range(n_reg) if cut_regions[i] > 0)
    return pairs, total - int(sizes[big]), "|".join(names)


def separated_pairs(snap: Snapshot, audit: pd.DataFrame | None = None) -> np.ndarray:
    """Per node: pairs of other nodes disconnected if it leaves (0 for non-cut nodes)."""
    table = spof(snap) if audit is None else audit
    out = np.zeros(snap.n, dtype=np.int64)
    if len(table):
        out[snap.index.get_indexer(pd.Index(table["id"]))] = table["separated_pairs"].astype(
            np.int64
        )
    return out


def _grow(ball: sp.csr_array, A: sp.csr_array, banned: np.ndarray) -> sp.csr_array:
    """Widen the ball one step (0/1 rows), without each row's banned node."""
    wide = sp.csr_array(ball @ A)
    rows = np.repeat(np.arange(wide.shape[0]), np.diff(wide.indptr))
    keep = wide.indices != banned[rows]
    indptr = np.zeros(wide.shape[0] + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows[keep], minlength=wide.shape[0]), out=indptr[1:])
    return sp.csr_array((np.ones(int(keep.sum())), wide.indices[keep], indptr), shape=wide.shape)


def _spans(S: sp.csr_array, u: np.ndarray, v: np.ndarray, cap: int) -> np.ndarray:
    """Distance u_i–v_i in S without the edge u_i–v_i, for a batch of edges at once.

    Bidirectional breadth-first search on sparse 0/1 row sets (row i = edge i): at each
    step every edge widens its smaller ball by one level; the u side grows in S − v, the
    v side in S − u (so neither uses the edge).  When the two balls first share a node,
    at depths i and j, the distance is i + j.  ``inf`` past ``cap`` or when the ball
    that was widened cannot grow (the edge is a bridge).
    """
    b, n = len(u), S.shape[0]
    # A + I: one product with it widens a ball by one level
    A = sp.csr_array(S.astype(float) + sp.eye_array(n, format="csr"))
    rows = np.arange(b)
    ones = np.ones(b)
    ball_u = sp.csr_array((ones, (rows, u)), shape=(b, n))
    ball_v = sp.csr_array((ones, (rows, v)), shape=(b, n))
    depth = np.zeros(b, dtype=np.int64)  # i + j
    span = np.full(b, np.inf)
    active = rows
    while len(active):
        size_u, size_v = np.diff(ball_u.indptr), np.diff(ball_v.indptr)
        on_u = np.flatnonzero(size_u <= size_v)
        on_v = np.flatnonzero(size_u > size_v)
        wide_u = _grow(ball_u[on_u], A, v[active[on_u]])
        wide_v = _grow(ball_v[on_v], A, u[active[on_v]])
        order = np.concatenate([on_u, on_v])
        grew = np.concatenate(
            [np.diff(wide_u.indptr) > size_u[on_u], np.diff(wide_v.indptr) > size_v[on_v]]
        )
        ball_u = sp.csr_array(sp.vstack([wide_u, ball_u[on_v]], format="csr"))
        ball_v = sp.csr_array(sp.vstack([ball_v[on_u], wide_v], format="csr"))
        active, depth = active[order], depth[order] + 1
        met = np.asarray(ball_u.multiply(ball_v).sum(axis=1)).ravel() > 0
        span[active[met]] = depth[met]
        keep = np.flatnonzero(~met & grew & (depth < cap))
        active, depth = active[keep], depth[keep]
        ball_u, ball_v = ball_u[keep], ball_v[keep]
    return span


def local_bridges(snap: Snapshot, *, span_cap: int = 12) -> pd.DataFrame:
    """Edges of S whose ends have no common neighbour, with their span.

    Notes
    -----
    span = distance between the ends once the edge is removed (≥ 3; ``inf`` for a bridge
    or when longer than ``span_cap``), as networkx's ``local_bridges(with_span=True)``.
    The common neighbours come from the triangle list; the spans from a bidirectional
    breadth-first search run on all local bridges at once (sparse row sets, in batches).

    References
    ----------
    M. S. Granovetter, "The strength of weak ties", Am. J. Sociol. 78 (1973) 1360–1380.
    """
    u, v = snap.edges
    if len(u) == 0:
        return pd.DataFrame(
            {"source": pd.Series(dtype=object), "target": pd.Series(dtype=object), "span": []}
        )
    local = edge_triangles(snap).common == 0
    lu, lv = u[local], v[local]
    spans = np.full(len(lu), np.inf)
    for start in range(0, len(lu), SPAN_BATCH):
        part = slice(start, start + SPAN_BATCH)
        spans[part] = _spans(snap.S, lu[part], lv[part], span_cap)
    return _ordered_pairs(snap, lu, lv, span=spans)
