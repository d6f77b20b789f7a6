"""Partner finder: ranked candidates in other clusters, each with its reasons in words and numbers.

For an organization (or a whole cluster) the finder scores every organization of another
cluster that is not yet a direct partner, from explainable signals:

* ``shared_programs``: programs both take part in (participation.csv, ties' ``program``);
* ``adamic_adar``: common partners, each weighted 1/ln(degree) (Adamic & Adar 2003);
* ``broker_path``: a short path (≤ 4 steps) through a proven broker (an organization with
  cross-cluster brokerage, Gould–Fernandez), log(1 + its brokerage) / path length;
* ``outreach``: the candidate already works with organizations outside its cluster;
* ``same_region``: candidate in the source's region;
* ``affinity``: observed/expected ratio of the two clusters (ties already there);
* ``complementary``: the candidate's cluster works in a field (clusters.csv ``field``)
  the source's cluster has no tie with yet;
* ``gap_gain``: how much one new tie raises the cluster-pair ratio observed/expected.

Candidates at distance ≥ 3 (no common partner) are still ranked through the broker path,
outreach, region, affinity, field and gap signals.  Deterministic: ties broken by id.
"""

from __future__ import annotations

from typing import Any, Protocol

import numpy as np
import pandas as pd
import scipy.sparse as sp

from kizuna.analytics.brokerage import brokerage
from kizuna.analytics.gaps import cluster_pairs
from kizuna.analytics.snapshot import Snapshot, UnknownEntity, build_snapshot
from kizuna.graph.bundle import Bundle
from kizuna.graph.terms import terms

#: The Gould–Fernandez brokerage columns of the analysis' node table a broker's strength sums.
BROKER_ROLES = ("itinerant", "representative", "gatekeeper", "liaison")


class AnalysisParts(Protocol):
    """What the finder reuses of an ``analyze`` result.

    :class:`kizuna.analytics.api.NetworkAnalysis` has both; it is typed here by its parts
    because importing it would make this module and ``analytics.api`` a cycle.
    """

    @property
    def nodes(self) -> pd.DataFrame: ...

    @property
    def snapshot(self) -> Snapshot | None: ...


__all__ = ["WEIGHTS", "PartnerFinder", "suggest_partners"]

MAX_HOPS = 4
#: Weights of the (log-scaled) signals in the score.
WEIGHTS: dict[str, float] = {
    "shared_programs": 1.5,
    "adamic_adar": 2.0,
    "broker_path": 0.5,
    "outreach": 1.0,
    "same_region": 1.0,
    "affinity": 1.0,
    "complementary": 0.2,
    "gap_gain": 0.2,
}
_LOG_SCALED = ("shared_programs", "adamic_adar", "outreach", "affinity", "gap_gain")
COLUMNS = [
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


def bfs_levels(S: sp.csr_array, sources: np.ndarray, hops: int) -> tuple[np.ndarray, np.ndarray]:
    """Distance (≤ hops, else -1) from a source set, and the lowest-index BFS parent."""
    n = S.shape[0]
    dist = np.full(n, -1, dtype=np.int64)
    parent = np.full(n, -1, dtype=np.int64)
    dist[sources] = 0
    frontier = np.asarray(sources, dtype=np.int64)
    for d in range(1, hops + 1):
        if len(frontier) == 0:
            break
        starts, lens = S.indptr[frontier], np.diff(S.indptr)[frontier]
        offs = np.arange(int(lens.sum())) - np.repeat(np.cumsum(lens) - lens, lens)
        nbr = S.indices[np.repeat(starts, lens) + offs].astype(np.int64)
        src = np.repeat(frontier, lens)
        new = dist[nbr] < 0
        nbr, src = nbr[new], src[new]
        order = np.lexsort((src, nbr))
        nbr, src = nbr[order], src[order]
        first = np.r_[True, nbr[1:] != nbr[:-1]] if len(nbr) else np.zeros(0, dtype=bool)
        nbr, src = nbr[first], src[first]
        dist[nbr] = d
        parent[nbr] = src
        frontier = nbr
    return dist, parent


def _program_incidence(bundle: Bundle, index: pd.Index) -> sp.csr_array | None:
    frames: list[pd.DataFrame] = []
    part = bundle.participation
    if part is not None and len(part):
        frames.append(pd.DataFrame({"org": part["organization"], "prog": part["program"]}))
    ties = bundle.ties
    if "program" in ties:
        t = ties[ties["program"].notna() & (ties["program"].astype(str).str.strip() != "")]
        frames.append(pd.DataFrame({"org": t["source"], "prog": t["program"]}))
        frames.append(pd.DataFrame({"org": t["target"], "prog": t["program"]}))
    if not frames:
        return None
    inc = pd.concat(frames, ignore_index=True).dropna().drop_duplicates()
    org = index.get_indexer(pd.Index(inc["org"].astype(object)))
    prog, _ = pd.factorize(inc["prog"].astype(str))
    keep = org >= 0
    if not keep.any():
        return None
    return sp.csr_array(
        (np.ones(int(keep.sum())), (org[keep], prog[keep])),
        shape=(len(index), int(prog.max()) + 1),
    )


class PartnerFinder:
    """Precomputes what every query needs (snapshot, brokerage, cluster pairs, programs)."""

    def __init__(
        self,
        bundle: Bundle,
        *,
        snapshot: Snapshot | None = None,
        broker_strength: Any = None,
    ) -> None:
        self.bundle = bundle
        self.snap = snap = snapshot if snapshot is not None else build_snapshot(bundle)
        if broker_strength is None:
            b = brokerage(snap)
            broker_strength = b[["itinerant", "representative", "gatekeeper", "liaison"]].sum(
                axis=1
            )
        self.broker = np.asarray(broker_strength, dtype=float)
        self.inc = _program_incidence(bundle, snap.index)
        self.pairs = cluster_pairs(snap)
        self.deg = snap.degree.astype(float)
        self.cl = snap.clusters
        u, v = snap.edges
        cross = np.array([a != b for a, b in zip(self.cl[u], self.cl[v], strict=True)], bool)
        self.outreach = np.bincount(np.concatenate([u[cross], v[cross]]), minlength=snap.n).astype(
            float
        )
        nodes = bundle.nodes
        self.names = dict(
            zip(nodes["id"], nodes["name"] if "name" in nodes else nodes["id"], strict=True)
        )
        english = nodes["name_en"] if "name_en" in nodes else nodes["id"]
        self.names_en = {
            i: e if isinstance(e, str) and e else self.names.get(i, i)
            for i, e in zip(nodes["id"], english, strict=True)
        }
        self.region = (
            nodes["region"].to_numpy(dtype=object) if "region" in nodes else np.full(snap.n, None)
        )
        cl_tab = bundle.clusters
        self.field: dict[str, str] = {}
        if cl_tab is not None and "field" in cl_tab and len(cl_tab):
            for cid, f in zip(cl_tab["id"], cl_tab["field"], strict=True):
                if isinstance(f, str) and f.strip():
                    self.field[str(cid).strip()] = f.strip()
        codes, labels = pd.factorize(pd.Series(self.cl, dtype=object))
        dsum = np.bincount(codes[codes >= 0], weights=snap.degree[codes >= 0])
        self.d_cluster = dict(zip(labels, dsum, strict=True))
        self.pair_lookup = {
            (a, b): (o, e)
            for a, b, o, e in self.pairs[["cluster_a", "cluster_b", "observed", "expected"]]
            .itertuples(index=False)
            .__iter__()
        }

    @classmethod
    def of(cls, bundle: Bundle, analysis: AnalysisParts | None = None) -> PartnerFinder:
        """Build a finder, reusing a previous ``analyze`` result's snapshot and brokerage.

        Build it once and call :meth:`suggest` for many queries (the app keeps one per
        store snapshot): the precomputation is most of a single query's cost.
        """
        if analysis is None:
            return cls(bundle)
        strength = analysis.nodes[list(BROKER_ROLES)].sum(axis=1)
        return cls(bundle, snapshot=analysis.snapshot, broker_strength=strength)

    def features(self, sources: np.ndarray) -> pd.DataFrame:
        """Signals for every candidate (other cluster, not adjacent, not a source)."""
        S, n = self.snap.S, self.snap.n
        is_src = np.zeros(n, dtype=bool)
        is_src[sources] = True
        src_cl = {c for c in self.cl[sources].tolist() if c is not None}
        dist, parent = bfs_levels(S, sources, MAX_HOPS)
        shared = np.zeros(n)
        if self.inc is not None:
            mine = (np.asarray(self.inc[sources].sum(axis=0)).ravel() > 0).astype(float)
            shared = self.inc @ mine
        near = np.zeros(n)
        first = np.flatnonzero(dist == 1)
        near[first] = 1.0 / np.log(np.maximum(self.deg[first], 2.0))
        aa, common = S @ near, S @ (near > 0).astype(float)
        other = np.array([c is not None and c not in src_cl for c in self.cl.tolist()], bool)
        idx = np.flatnonzero(other & ~is_src & (dist != 1))
        broker = np.full(len(idx), -1, dtype=np.int64)
        best = np.zeros(len(idx))
        cur = np.where(dist[idx] >= 2, parent[idx], -1)
        while True:
            live = cur >= 0
            live[live] &= ~is_src[cur[live]]
            if not live.any():
                break
            strength = np.where(live, self.broker[np.maximum(cur, 0)], -1.0)
            better = strength > best
            broker[better], best[better] = cur[better], strength[better]
            cur = np.where(live, parent[np.maximum(cur, 0)], -1)
        src_regions = {r for r in self.region[sources].tolist() if r}
        f = pd.DataFrame(
            {
                "node": idx,
                "distance": dist[idx],
                "shared_programs": shared[idx],
                "common_neighbours": common[idx],
                "adamic_adar": aa[idx],
                "broker": broker,
                "broker_strength": best,
                "outreach": self.outreach[idx],
                "same_region": [float(r in src_regions) for r in self.region[idx].tolist()],
                "cluster": self.cl[idx],
            }
        )
        return self._cluster_signals(f, src_cl)

    def _cluster_signals(self, f: pd.DataFrame, src_cl: set[str]) -> pd.DataFrame:
        m = max(self.snap.m, 1)
        linked_fields = {
            self.field.get(b if a in src_cl else a)
            for (a, b), (o, _) in self.pair_lookup.items()
            if o > 0 and (a in src_cl or b in src_cl)
        }
        my_fields = {self.field.get(c) for c in src_cl}
        per_cluster: dict[str, tuple[float, float, float]] = {}
        codes, uniques = pd.factorize(f["cluster"].to_numpy(dtype=object))
        for c in uniques.tolist():
            gain = aff = 0.0
            for a in src_cl:
                key = (a, c) if a < c else (c, a)
                obs, exp = self.pair_lookup.get(key, (0, 0.0))
                da, dc = self.d_cluster.get(a, 0.0), self.d_cluster.get(c, 0.0)
                old = obs / exp if exp > 0 else 0.0
                gain = max(gain, (obs + 1) / ((da + 1) * (dc + 1) / (2.0 * (m + 1))) - old)
                aff = max(aff, old)
            fld = self.field.get(c)
            comp = float(fld is not None and fld not in my_fields and fld not in linked_fields)
            per_cluster[c] = (gain, aff, comp)
        table = np.array([per_cluster[c] for c in uniques.tolist()]).reshape(-1, 3)
        vals = table[codes] if len(codes) else np.zeros((0, 3))
        f["gap_gain"], f["affinity"], f["complementary"] = vals[:, 0], vals[:, 1], vals[:, 2]
        hop = np.where(f["distance"] > 0, f["distance"], MAX_HOPS + 1)
        f["broker_path"] = np.where(f["broker"] >= 0, np.log1p(f["broker_strength"]) / hop, 0.0)
        score = np.zeros(len(f))
        for name, w in WEIGHTS.items():
            col = f[name].to_numpy(dtype=float)
            score += w * (np.log1p(np.maximum(col, 0.0)) if name in _LOG_SCALED else col)
        f["score"] = score
        return f

    def sources_of(self, org: str | None, cluster: str | None) -> np.ndarray:
        """Return the positions to find partners for: ``org``, else ``cluster``'s members.

        Raises
        ------
        UnknownEntity
            No organization has that id or cluster.
        """
        if org is not None:
            return np.array([self.snap.position(org)], dtype=np.int64)
        if cluster is not None:
            src = np.flatnonzero(self.cl == str(cluster).strip())
            if len(src) == 0:
                raise UnknownEntity(
                    f"no organization has cluster {cluster!r} — check the cluster id "
                    "(column 'cluster' of nodes.csv)"
                )
            return src
        raise ValueError("give org or cluster")

    def suggest(
        self, *, org: str | None = None, cluster: str | None = None, k: int = 10
    ) -> pd.DataFrame:
        """Top-k candidates with reasons (see :func:`suggest_partners`)."""
        sources = self.sources_of(org, cluster)
        f = self.features(sources)
        f["candidate"] = self.snap.ids[f["node"].to_numpy()]
        f = f.sort_values(["score", "candidate"], ascending=[False, True], kind="stable").head(k)
        dist, parent = bfs_levels(self.snap.S, sources, MAX_HOPS)
        rows = []
        records: list[dict[str, Any]] = f.to_dict("records")  # type: ignore[assignment]
        for rank, row in enumerate(records, start=1):
            node, path = int(row["node"]), []
            while node >= 0 and dist[node] >= 0:
                path.append(str(self.snap.ids[node]))
                node = int(parent[node])
            en, ja = self._reasons(row)
            cand = str(row["candidate"])
            rows.append(
                {
                    "rank": rank,
                    "candidate": cand,
                    "name": self.names.get(cand),
                    "cluster": row["cluster"],
                    "score": float(row["score"]),
                    "reasons_en": en,
                    "reasons_ja": ja,
                    "path": path[::-1],
                    "broker": None if row["broker"] < 0 else str(self.snap.ids[row["broker"]]),
                    "gap_gain": float(row["gap_gain"]),
                    "distance": int(row["distance"]),
                }
            )
        return pd.DataFrame(rows, columns=COLUMNS)

    def _reasons(self, row: dict[str, Any]) -> tuple[list[str], list[str]]:
        en: list[str] = []
        ja: list[str] = []
        if row["shared_programs"] > 0:
            p = int(row["shared_programs"])
            en.append(f"takes part in {p} of the same program{_s(p)}")
            ja.append(f"同じ事業・プログラムに{p}件参加")
        if row["common_neighbours"] > 0:
            cn, aa = int(row["common_neighbours"]), row["adamic_adar"]
            en.append(f"{cn} common partner{_s(cn)} (Adamic–Adar {aa:.2f})")
            ja.append(f"共通の連携先が{cn}件（Adamic–Adar {aa:.2f}）")
        if row["broker"] >= 0:
            b = str(self.snap.ids[int(row["broker"])])
            name, d = self.names.get(b, b), int(row["distance"])
            en.append(f"reachable in {d} steps through broker {self.names_en.get(b, name)}")
            ja.append(f"仲介役 {name} を通じて{d}ステップで到達できる")
        if row["outreach"] > 0:
            o = int(row["outreach"])
            en.append(f"already works with {o} organization{_s(o)} outside its cluster")
            ja.append(f"クラスター外の{o}組織とすでに連携している")
        if row["same_region"] > 0:
            en.append("in the same region")
            ja.append("同じ地域にある")
        if row["complementary"] > 0:
            fld = self.field.get(str(row["cluster"]), "")
            fld_en, fld_ja = (terms(lang).get(f"field.{fld}", fld) for lang in ("en", "ja"))
            en.append(f"complementary field: {fld_en} (no tie with that field yet)")
            ja.append(f"補完的な分野：{fld_ja}（この分野とはまだ連携がない）")
        g = row["gap_gain"]
        en.append(f"one tie raises the cluster-pair ratio by {g:.2f}")
        ja.append(f"1件の連携でクラスター間の比率が{g:.2f}上がる")
        return en, ja


def _s(count: int) -> str:
    return "" if count == 1 else "s"


def suggest_partners(
    bundle: Bundle,
    *,
    org: str | None = None,
    cluster: str | None = None,
    k: int = 10,
    analysis: AnalysisParts | None = None,
) -> pd.DataFrame:
    """Ranked partner candidates in other clusters, with reasons in English and Japanese.

    Parameters
    ----------
    bundle : graph.bundle.Bundle
        The network (nodes with ``cluster``; ties).
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
        (list[str]), path (ids from the source to the candidate, empty beyond 4 steps),
        broker (id or None), gap_gain, distance (-1 beyond 4 steps).

    Notes
    -----
    score = Σ_f w_f x_f over the signals of the module docstring (:data:`WEIGHTS`),
    log1p on the count-like ones.  gap_gain for clusters A, B with observed o,
    degree sums d_A, d_B and m edges: (o + 1)/((d_A + 1)(d_B + 1)/(2(m + 1))) − o/E.

    References
    ----------
    L. A. Adamic and E. Adar, "Friends and neighbors on the Web", Social Networks 25
    (2003) 211–230.
    """
    return PartnerFinder.of(bundle, analysis).suggest(org=org, cluster=cluster, k=k)
