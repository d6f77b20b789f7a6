"""Slow reference implementations written straight from the issue-6 definitions.

Pure Python (exact fractions for P and z thresholds) plus networkx for betweenness,
constraint, effective size, articulation points and bridges.  Used as oracles by the
property tests; never by the package itself.
"""

from __future__ import annotations

import math
from fractions import Fraction
from itertools import combinations

import networkx as nx


def simple_graph(ids: list[str], ties: list[tuple[str, str, str]]) -> nx.Graph:
    G = nx.Graph()
    G.add_nodes_from(ids)
    for s, t, _ in ties:
        if s != t:
            G.add_edge(s, t)
    return G


def digraph_arcs(ties: list[tuple[str, str, str]]) -> set[tuple[str, str]]:
    arcs: set[tuple[str, str]] = set()
    for s, t, d in ties:
        if s == t:
            continue
        arcs.add((s, t))
        if str(d).strip().lower() != "true":
            arcs.add((t, s))
    return arcs


def modules(ids: list[str], clusters: list[str]) -> dict[str, str]:
    """Module label per node: stripped cluster, or a unique singleton label."""
    out = {}
    for i, c in zip(ids, clusters, strict=True):
        c = c.strip()
        out[i] = ("C", c) if c else ("S", i)
    return out  # type: ignore[return-value]


def role_of(p: Fraction, hub: bool) -> str:
    if hub:
        return "R5" if p <= Fraction(30, 100) else ("R6" if p <= Fraction(75, 100) else "R7")
    if p <= Fraction(5, 100):
        return "R1"
    if p <= Fraction(62, 100):
        return "R2"
    return "R3" if p <= Fraction(80, 100) else "R4"


def contract_nodes(
    ids: list[str], clusters: list[str], ties: list[tuple[str, str, str]]
) -> dict[str, dict[str, object]]:
    """Every contract column of nodes.csv, per node id."""
    G = simple_graph(ids, ties)
    mod = modules(ids, clusters)
    bc = nx.betweenness_centrality(G, normalized=True)
    cons = nx.constraint(G)
    esize = nx.effective_size(G)
    aps = set(nx.articulation_points(G))
    kappa = {v: sum(1 for u in G[v] if mod[u] == mod[v]) for v in ids}
    members: dict[object, list[str]] = {}
    for v in ids:
        members.setdefault(mod[v], []).append(v)
    out: dict[str, dict[str, object]] = {}
    for v in ids:
        k = G.degree(v)
        counts: dict[object, int] = {}
        for u in G[v]:
            counts[mod[u]] = counts.get(mod[u], 0) + 1
        P = Fraction(0) if k == 0 else 1 - sum(Fraction(c, k) ** 2 for c in counts.values())
        group = members[mod[v]]
        mean = Fraction(sum(kappa[u] for u in group), len(group))
        var = sum((kappa[u] - mean) ** 2 for u in group) / len(group)
        diff = kappa[v] - mean
        z = 0.0 if var == 0 else float(diff) / math.sqrt(var)
        hub = var > 0 and diff >= 0 and diff * diff >= Fraction(25, 4) * var
        out[v] = {
            "degree": k,
            "betweenness": bc[v],
            "participation": float(P),
            "within_module_z": z,
            "role": role_of(P, hub),
            "constraint": float("nan") if k == 0 else cons[v],
            "effective_size": float("nan") if k == 0 else esize[v],
            "articulation_point": v in aps,
        }
        out[v].update(brokerage_one(v, ties, mod))
    return out


def brokerage_one(b: str, ties: list[tuple[str, str, str]], mod: dict[str, str]) -> dict[str, int]:
    arcs = digraph_arcs(ties)
    ins = [a for a, x in arcs if x == b]
    outs = [c for x, c in arcs if x == b]
    res = dict.fromkeys(("coordinator", "itinerant", "representative", "gatekeeper", "liaison"), 0)
    for a in ins:
        for c in outs:
            if a == c or (a, c) in arcs:
                continue
            ga, gb, gc = mod[a], mod[b], mod[c]
            if ga == gb == gc:
                res["coordinator"] += 1
            elif ga == gc:
                res["itinerant"] += 1
            elif ga == gb:
                res["representative"] += 1
            elif gb == gc:
                res["gatekeeper"] += 1
            else:
                res["liaison"] += 1
    return res


def cluster_pairs(
    ids: list[str], clusters: list[str], ties: list[tuple[str, str, str]]
) -> dict[tuple[str, str], tuple[int, float]]:
    G = simple_graph(ids, ties)
    cl = {v: c.strip() for v, c in zip(ids, clusters, strict=True)}
    labels = sorted({c for c in cl.values() if c})
    m = G.number_of_edges()
    d = {c: sum(G.degree(v) for v in ids if cl[v] == c) for c in labels}
    out = {}
    for a, b in combinations(labels, 2):
        obs = sum(1 for u, v in G.edges() if {cl[u], cl[v]} == {a, b})
        out[(a, b)] = (obs, 0.0 if m == 0 else d[a] * d[b] / (2 * m))
    return out


def bridges(ids: list[str], ties: list[tuple[str, str, str]]) -> set[frozenset[str]]:
    return {frozenset(e) for e in nx.bridges(simple_graph(ids, ties))}
