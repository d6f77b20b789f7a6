"""`kizuna analyze --input` against an independent oracle written from issue 6's definitions.

This file deliberately shares no code with ``analytics``: it re-derives every contract
column with networkx and plain Python loops on random bundles (with multi-ties, self-ties,
directed cells of every spelling, empty clusters, isolates and clusters with spaces) and
compares the CSV files the CLI writes.
"""

from __future__ import annotations

import csv
import itertools
import math
import random
from collections import Counter, defaultdict
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kizuna.cli import main

CONTRACT_NODE_COLUMNS = [
    "id", "degree", "betweenness", "participation", "within_module_z", "role", "constraint",
    "effective_size", "articulation_point", "coordinator", "itinerant", "representative",
    "gatekeeper", "liaison",
]  # fmt: skip


def write_bundle(folder: Path, nodes: list[tuple[str, str]], ties: list[tuple[str, str, str]]):
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "nodes.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "name", "kind", "cluster"])
        for node_id, cluster in nodes:
            w.writerow([node_id, f"組織{node_id}", "company", cluster])
    with open(folder / "ties.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["source", "target", "kind", "directed"])
        for s, t, d in ties:
            w.writerow([s, t, "joint_rd", d])


def oracle(nodes: list[tuple[str, str]], ties: list[tuple[str, str, str]]):
    ids = [n for n, _ in nodes]
    cluster = {n: c.strip() for n, c in nodes}
    module = {n: (c if c else f"\0singleton:{n}") for n, c in cluster.items()}
    S, arcs = graphs(ids, ties)
    bet = nx.betweenness_centrality(S, normalized=True)
    con = nx.constraint(S)
    eff = nx.effective_size(S)
    aps = set(nx.articulation_points(S))
    out: dict[str, dict[str, object]] = {}
    members = defaultdict(list)
    for n in ids:
        members[module[n]].append(n)
    kappa = {n: sum(1 for v in S[n] if module[v] == module[n]) for n in ids}
    succ = defaultdict(set)
    pred = defaultdict(set)
    for a, b in arcs:
        succ[a].add(b)
        pred[b].add(a)
    for n in ids:
        P, z, role = role_of(n, S, module, members[module[n]], kappa)
        counts = brokerage_of(n, module, pred[n], succ[n], arcs)
        out[n] = {
            "degree": S.degree(n), "betweenness": bet[n], "participation": P,
            "within_module_z": z, "role": role, "constraint": con[n], "effective_size": eff[n],
            "articulation_point": n in aps, **counts,
        }  # fmt: skip
    bridges = {frozenset(e) for e in nx.bridges(S)}
    return out, cluster_pairs(S, ids, cluster), bridges


def graphs(ids: list[str], ties: list[tuple[str, str, str]]):
    """S (undirected, no self-loops) and the arcs of D (an undirected tie: both ways)."""
    S = nx.Graph()
    S.add_nodes_from(ids)
    arcs: set[tuple[str, str]] = set()
    for s, t, d in ties:
        if s == t:
            continue
        S.add_edge(s, t)
        arcs.add((s, t))
        if d.strip().lower() != "true":
            arcs.add((t, s))
    return S, arcs


def role_of(n: str, S: nx.Graph, module: dict[str, str], mod: list[str], kappa: dict[str, int]):
    """Participation, within-module z and Guimerà–Amaral role of n (exact rational tests)."""
    k = S.degree(n)
    per = Counter(module[v] for v in S[n])
    P = 0.0 if k == 0 else 1 - sum((c / k) ** 2 for c in per.values())
    size, s1, s2 = len(mod), sum(kappa[v] for v in mod), sum(kappa[v] ** 2 for v in mod)
    mean = s1 / size
    var = s2 / size - mean**2
    z = 0.0 if size * s2 - s1 * s1 == 0 else (kappa[n] - mean) / math.sqrt(var)
    hub = size * s2 > s1 * s1 and size * kappa[n] >= s1
    hub = hub and 4 * (size * kappa[n] - s1) ** 2 >= 25 * (size * s2 - s1 * s1)
    sq = sum(c * c for c in per.values())

    def p_le(num: int, den: int) -> bool:
        # P <= num/den  <=>  k^2 - sum k_s^2 <= num/den * k^2
        return (k * k - sq) * den <= num * k * k

    if hub:
        role = "R5" if p_le(30, 100) else "R6" if p_le(75, 100) else "R7"
    else:
        role = "R1" if p_le(5, 100) else "R2" if p_le(62, 100) else "R3" if p_le(80, 100) else "R4"
    return P, z, role


def brokerage_of(n: str, g: dict[str, str], pred: set[str], succ: set[str], arcs: set):
    """Gould–Fernandez counts of n: every open two-path a → n → c by the groups of a, n, c."""
    counts = dict.fromkeys(("coordinator", "itinerant", "representative", "gatekeeper",
                            "liaison"), 0)  # fmt: skip
    for a in pred:
        for c in succ:
            if a == c or (a, c) in arcs:
                continue
            if g[a] == g[n] == g[c]:
                counts["coordinator"] += 1
            elif g[a] == g[c] != g[n]:
                counts["itinerant"] += 1
            elif g[a] == g[n] != g[c]:
                counts["representative"] += 1
            elif g[a] != g[n] == g[c]:
                counts["gatekeeper"] += 1
            else:
                counts["liaison"] += 1
    return counts


def cluster_pairs(S: nx.Graph, ids: list[str], cluster: dict[str, str]):
    """(observed, expected) edges between every pair of named clusters."""
    m = S.number_of_edges()
    named = sorted({c for c in cluster.values() if c})
    d = {c: sum(S.degree(n) for n in ids if cluster[n] == c) for c in named}
    pairs = {}
    for a, b in itertools.combinations(named, 2):
        obs = sum(1 for u, v in S.edges() if {cluster[u], cluster[v]} == {a, b})
        pairs[(a, b)] = (obs, 0.0 if m == 0 else d[a] * d[b] / (2 * m))
    return pairs


def run_cli(folder: Path, out: Path) -> None:
    try:
        main(["analyze", "--input", str(folder), "--out", str(out)])
    except SystemExit as exc:  # click may exit 0 explicitly
        assert exc.code in (0, None)


def as_float(cell: str) -> float:
    return float("nan") if cell.strip().lower() in ("", "nan") else float(cell)


def close(a: float, b: float) -> bool:
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def check(folder: Path, nodes, ties) -> None:
    out = folder / "out"
    run_cli(folder, out)
    expected, pairs, bridges = oracle(nodes, ties)
    with open(out / "nodes.csv", encoding="utf-8-sig") as f:
        reader = csv.DictReader(f)
        assert reader.fieldnames is not None
        assert reader.fieldnames[: len(CONTRACT_NODE_COLUMNS)] == CONTRACT_NODE_COLUMNS
        rows = list(reader)
    assert sorted(r["id"] for r in rows) == sorted(expected)
    for r in rows:
        e = expected[r["id"]]
        for col in ("degree", "coordinator", "itinerant", "representative", "gatekeeper",
                    "liaison"):  # fmt: skip
            assert int(r[col]) == e[col], (r["id"], col, r[col], e[col])
        for col in ("betweenness", "participation", "within_module_z", "constraint",
                    "effective_size"):  # fmt: skip
            assert close(as_float(r[col]), float(e[col])), (r["id"], col, r[col], e[col])  # type: ignore[arg-type]
        assert r["role"] == e["role"], (r["id"], r["role"], e["role"])
        assert r["articulation_point"] == ("true" if e["articulation_point"] else "false")
    with open(out / "cluster_pairs.csv", encoding="utf-8-sig") as f:
        reader = csv.DictReader(f)
        assert reader.fieldnames is not None
        assert reader.fieldnames[:4] == ["cluster_a", "cluster_b", "observed", "expected"]
        got = {(r["cluster_a"], r["cluster_b"]): r for r in reader}
    assert set(got) == set(pairs)
    for key, (obs, exp) in pairs.items():
        assert int(got[key]["observed"]) == obs
        assert close(float(got[key]["expected"]), exp)
    with open(out / "bridges.csv", encoding="utf-8-sig") as f:
        reader = csv.DictReader(f)
        assert reader.fieldnames is not None and reader.fieldnames[:2] == ["source", "target"]
        got_bridges = [frozenset((r["source"], r["target"])) for r in reader]
    assert len(got_bridges) == len(set(got_bridges))
    assert set(got_bridges) == bridges


def random_network(rng: random.Random, n: int, p: float):
    clusters = ["A", " B", "C ", "", "tama"]
    nodes = [(f"n{i}", rng.choice(clusters)) for i in range(n)]
    directed_cells = ["true", "TRUE ", "false", "", "1", "yes"]
    ties = []
    for i, j in itertools.product(range(n), repeat=2):
        if rng.random() < p:
            ties.append((f"n{i}", f"n{j}", rng.choice(directed_cells)))
    return nodes, ties


@given(seed=st.integers(0, 10_000), n=st.integers(1, 14), p=st.floats(0.0, 0.35))
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_cli_matches_oracle_on_random_bundles(tmp_path_factory, seed: int, n: int, p: float):
    nodes, ties = random_network(random.Random(seed), n, p)
    folder = tmp_path_factory.mktemp("bundle")
    write_bundle(folder, nodes, ties)
    check(folder, nodes, ties)


@pytest.mark.parametrize(
    ("nodes", "ties"),
    [
        # a star: the centre is a hub of its module? no: one module, all kappa differ
        (
            [("c", "X"), ("a", "X"), ("b", "X"), ("d", "Y")],
            [("c", "a", ""), ("c", "b", ""), ("c", "d", "")],
        ),
        # two triangles joined by a bridge across clusters
        (
            [("a", "L"), ("b", "L"), ("c", "L"), ("d", "R"), ("e", "R"), ("f", "R")],
            [
                ("a", "b", ""),
                ("b", "c", ""),
                ("a", "c", ""),
                ("d", "e", ""),
                ("e", "f", ""),
                ("d", "f", ""),
                ("c", "d", ""),
            ],
        ),
        # directed broker triads, every Gould-Fernandez role at b
        (
            [("a", "G"), ("b", "G"), ("c", "G"), ("x", "H"), ("y", "I")],
            [("a", "b", "true"), ("b", "c", "true"), ("x", "b", "true"), ("b", "y", "true")],
        ),
        # no ties at all
        ([("a", "G"), ("b", "")], []),
    ],
)
def test_cli_matches_oracle_on_canonical_graphs(tmp_path: Path, nodes, ties) -> None:
    write_bundle(tmp_path, nodes, ties)
    check(tmp_path, nodes, ties)
