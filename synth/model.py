"""Array-level generator of the synthetic national network (see :mod:`synth`).

Everything here is integer/float numpy arrays (codes into the vocabularies of
:mod:`graph.model` and the tables of :mod:`synth.tables`); turning codes into
text happens in :mod:`synth`, chunk by chunk, so a 1,000,000-organization network
never exists as Python strings all at once.

Node order: the K cluster bodies, the K coordinator roles, the overseas partner bodies,
then the member organizations grouped by cluster.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from kizuna.graph.model import DIRECTED_TIE_KINDS, ORG_KINDS, TIE_KINDS
from kizuna.synth import tables as T

log = logging.getLogger(__name__)

REGION_CODES: tuple[str, ...] = tuple(T.REGION_WEIGHTS)  # domestic regions, model order
PREF_REGION = np.array([REGION_CODES.index(p[1]) for p in T.PREFECTURES], dtype=np.int8)
PREF_LATLON = np.array([(p[2], p[3]) for p in T.PREFECTURES])
OVERSEAS_LATLON = np.array([(o[2], o[3]) for o in T.OVERSEAS])
KIND = {k: i for i, k in enumerate(ORG_KINDS)}
TKIND = {k: i for i, k in enumerate(TIE_KINDS)}
DIRECTED_CODES = np.array([k in DIRECTED_TIE_KINDS for k in TIE_KINDS])
CROSS_YEAR_WEIGHTS = np.array([1, 1, 2, 2, 3, 4, 4, 4, 4, 3, 3, 2], dtype=float)
FIRST_YEAR, LAST_YEAR = 2001, 2012

# Tie scopes and the "lead" class of a tie (the end that decides its kind and direction).
WITHIN, REGION, XREGION, OVERSEAS = 0, 1, 2, 3
_LEAD_OF_KIND = {
    "coordinator": 0,
    "cluster_body": 1,
    "bank": 2,
    "agency": 3,
    "university": 4,
    "research_institute": 4,
    "science_park": 4,
    "association": 5,
    "company": 6,
    "other": 6,
    "foreign_body": 7,
}
LEAD = np.array([_LEAD_OF_KIND[k] for k in ORG_KINDS], dtype=np.int8)
FOREIGN_LEAD, BODY_PAIR = 7, 8
#: (lead class, inside a cluster?) → tie-kind mix.
_MIX: dict[tuple[int, bool], dict[str, float]] = {
    (0, True): {"support": 0.5, "matching": 0.35, "membership": 0.15},
    (0, False): {"coordinator_dispatch": 0.7, "matching": 0.2, "exchange": 0.1},
    (1, True): {"membership": 0.65, "support": 0.35},
    (1, False): {"matching": 0.3, "support": 0.3, "exchange": 0.2, "partnership": 0.2},
    (2, True): {"finance": 0.75, "partnership": 0.25},
    (2, False): {"finance": 0.5, "matching": 0.5},
    (3, True): {"support": 0.7, "partnership": 0.3},
    (3, False): {"support": 0.5, "partnership": 0.3, "exchange": 0.2},
    (4, True): {"joint_rd": 0.7, "matching": 0.2, "exchange": 0.1},
    (4, False): {"joint_rd": 0.6, "exchange": 0.2, "matching": 0.2},
    (5, True): {"membership": 0.6, "exchange": 0.4},
    (5, False): {"exchange": 0.6, "matching": 0.4},
    (6, True): {
        "joint_rd": 0.3,
        "supply": 0.3,
        "sales_channel": 0.15,
        "matching": 0.15,
        "exchange": 0.1,
    },
    (6, False): {"matching": 0.35, "sales_channel": 0.25, "supply": 0.2, "joint_rd": 0.2},
    (7, False): {"mou": 0.3, "partnership": 0.35, "exchange": 0.35},
    (8, False): {"alliance": 0.3, "co_hosting": 0.3, "exchange": 0.2, "mou": 0.2},
}


def _mix_table() -> np.ndarray:
    """Cumulative tie-kind probabilities, shape (9 lead classes, 2 scopes, kinds)."""
    table = np.zeros((9, 2, len(TIE_KINDS)))
    for (lead, inside), mix in _MIX.items():
        for kind, p in mix.items():
            table[lead, int(inside), TKIND[kind]] = p
    for lead in (FOREIGN_LEAD, BODY_PAIR):  # never inside a cluster: reuse the outside mix
        table[lead, 1] = table[lead, 0]
    cum = np.cumsum(table, axis=2)
    cum[:, :, -1] = 1.0
    return cum


MIX_CUM = _mix_table()


@dataclass(frozen=True)
class SynthParams:
    n_orgs: int
    seed: int = 0
    ties_per_org: float = 5.0
    within_share: float = 0.87
    degree_exponent: float = 2.8
    cluster_size_sigma: float = 0.8
    orgs_per_cluster: int = 500
    #: Largest expected degree, as a multiple of √n (≈ 457 / 1 591 / 5 151 at 10k / 100k / 1M
    #: in the analytics benchmark workload).
    hub_cap: float = 5.0


@dataclass
class SynthArrays:
    """The generated network as code arrays (−1 means empty)."""

    params: SynthParams
    # clusters
    cl_pref: np.ndarray
    cl_field: np.ndarray
    cl_since: np.ndarray
    # nodes
    kind: np.ndarray
    cluster: np.ndarray
    pref: np.ndarray  # prefecture code, or overseas country code for foreign bodies
    lat: np.ndarray
    lon: np.ndarray
    confidence: np.ndarray
    # ties
    src: np.ndarray
    dst: np.ndarray
    tkind: np.ndarray
    since: np.ndarray
    until: np.ndarray
    weight: np.ndarray
    tconf: np.ndarray
    deals: np.ndarray
    amount: np.ndarray
    scope: np.ndarray
    # programs and participation
    p_kind: np.ndarray
    p_host: np.ndarray
    p_since: np.ndarray
    p_until: np.ndarray
    p_conf: np.ndarray
    part_program: np.ndarray
    part_org: np.ndarray
    part_role: np.ndarray

    @property
    def n_clusters(self) -> int:
        return len(self.cl_pref)

    @property
    def n_overseas(self) -> int:
        return int((self.kind == KIND["foreign_body"]).sum())


def layout(n_orgs: int, ties_per_org: float = 5.0, orgs_per_cluster: int = 500) -> tuple[int, int]:
    """Number of clusters K and of overseas partner bodies for ``n_orgs`` organizations.

    K = max(18, n/500), but small or dense networks get fewer, bigger clusters (at least
    2·ties_per_org + 6 organizations a cluster) so the ties fit inside them.
    """
    overseas = 2 if n_orgs < 200 else int(np.clip(n_orgs // 2000, 4, 200))
    k = max(18, n_orgs // orgs_per_cluster)
    k = min(k, int((n_orgs - overseas) // (2 * ties_per_org + 6)))
    return max(k, 2), overseas


def _confidence(rng: np.random.Generator, size: int) -> np.ndarray:
    return rng.choice(3, size=size, p=T.CONFIDENCE_MIX).astype(np.int8)


def _clusters(rng: np.random.Generator, k: int) -> tuple[np.ndarray, ...]:
    prefs = [p[0] for p in T.PREFECTURES]
    fields = list(T.FIELDS)
    pick = np.linspace(0, len(T.CLUSTER_TEMPLATES) - 1, min(k, 18)).round().astype(int)
    base = [T.CLUSTER_TEMPLATES[i] for i in pick]
    cl_pref = [prefs.index(t[0]) for t in base]
    cl_field = [fields.index(t[1]) for t in base]
    cl_since = [t[2] for t in base]
    extra = k - len(base)
    if extra > 0:
        w = np.array(list(T.REGION_WEIGHTS.values()))
        regions = rng.choice(len(w), size=extra, p=w / w.sum())
        for r in regions:  # ≤ 2000 clusters: a Python loop is fine here
            members = np.flatnonzero(np.equal(PREF_REGION, r))
            cl_pref.append(int(rng.choice(members)))
        cl_field += list(rng.integers(0, len(fields), extra))
        cl_since += list(rng.choice(np.arange(2001, 2010), size=extra, p=_decreasing(9)))
    return (
        np.array(cl_pref, dtype=np.int16),
        np.array(cl_field, dtype=np.int8),
        np.array(cl_since, dtype=np.int16),
    )


def _decreasing(n: int) -> np.ndarray:
    w = np.linspace(2.0, 1.0, n)
    return np.asarray(w / w.sum())


def _nodes(
    rng: np.random.Generator, p: SynthParams, cl_pref: np.ndarray, overseas: int
) -> tuple[np.ndarray, ...]:
    k = len(cl_pref)
    members = p.n_orgs - 2 * k - overseas
    share = rng.lognormal(0.0, p.cluster_size_sigma, k)
    sizes = 3 + rng.multinomial(members - 3 * k, share / share.sum())
    mem_cluster = np.repeat(np.arange(k), sizes)
    kinds = list(T.MEMBER_KINDS)
    pk = np.array(list(T.MEMBER_KINDS.values()))
    mem_kind = np.array([KIND[x] for x in kinds])[rng.choice(len(kinds), members, p=pk / pk.sum())]
    # members live in the cluster's home prefecture (75 %) or elsewhere in its region
    home = cl_pref[mem_cluster].astype(np.int64)
    region = PREF_REGION[home]
    order = np.argsort(PREF_REGION, kind="stable")
    counts = np.bincount(PREF_REGION, minlength=len(REGION_CODES))
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    other = order[starts[region] + (rng.random(members) * counts[region]).astype(np.int64)]
    mem_pref = np.where(rng.random(members) < 0.75, home, other)
    ov_country = np.arange(overseas) % len(T.OVERSEAS)
    kind = np.concatenate(
        [
            np.full(k, KIND["cluster_body"]),
            np.full(k, KIND["coordinator"]),
            np.full(overseas, KIND["foreign_body"]),
            mem_kind,
        ]
    ).astype(np.int8)
    cluster = np.concatenate(
        [np.arange(k), np.arange(k), np.full(overseas, -1), mem_cluster]
    ).astype(np.int32)
    pref = np.concatenate([cl_pref, cl_pref, ov_country, mem_pref]).astype(np.int16)
    latlon = np.where(
        (kind == KIND["foreign_body"])[:, None],
        OVERSEAS_LATLON[np.where(kind == KIND["foreign_body"], pref, 0)],
        PREF_LATLON[np.where(kind == KIND["foreign_body"], 0, pref)],
    )
    latlon = latlon + rng.normal(0.0, 0.08, latlon.shape)
    lat = np.clip(latlon[:, 0], -90, 90).round(4)
    lon = np.clip(latlon[:, 1], -180, 180).round(4)
    conf = _confidence(rng, p.n_orgs)
    conf[: 2 * k + overseas] = 0  # bodies, coordinator roles and partners are confirmed
    return kind, cluster, pref, lat, lon, conf


class _GroupSampler:
    """Draw nodes with probability ∝ weight inside a group (cluster or region)."""

    def __init__(self, groups: np.ndarray, weights: np.ndarray, n_groups: int):
        eligible = np.flatnonzero(groups >= 0)
        g = groups[eligible]
        order = np.argsort(g, kind="stable")
        self.nodes = eligible[order]
        self.cum = np.cumsum(weights[self.nodes])
        counts = np.bincount(g, minlength=n_groups)
        self.ends = np.cumsum(counts)
        self.starts = self.ends - counts
        cum0 = np.concatenate([[0.0], self.cum])
        self.lo, self.hi = cum0[self.starts], cum0[self.ends]
        self.mass = self.hi - self.lo

    def draw(self, rng: np.random.Generator, group: np.ndarray) -> np.ndarray:
        u = self.lo[group] + rng.random(len(group)) * self.mass[group]
        pos = np.searchsorted(self.cum, u, side="right")
        pos = np.clip(pos, self.starts[group], self.ends[group] - 1)
        return np.asarray(self.nodes[pos])


def _collect(
    rng: np.random.Generator,
    want: int,
    n: int,
    taken: list[np.ndarray],
    draw: Callable[[np.random.Generator, int], tuple[np.ndarray, np.ndarray]],
    what: str,
) -> tuple[np.ndarray, np.ndarray]:
    """Draw candidate pairs in rounds until ``want`` new distinct pairs are found.

    ``draw(rng, size) -> (src, dst)`` returns candidates with rejected ones already
    removed; self-ties, pairs already taken (in either direction) and repeats are dropped.
    ``taken[0]`` is the sorted array of the pair keys min·n + max taken so far (updated).
    """
    src_parts: list[np.ndarray] = []
    dst_parts: list[np.ndarray] = []
    keys_taken = taken[0]
    got, stalls = 0, 0
    for _ in range(60):
        need = want - got
        if need <= 0 or stalls >= 4:
            break
        s, d = draw(rng, int(need * 1.15) + 16)
        keep = s != d
        s, d = s[keep], d[keep]
        mix = rng.permutation(len(s))  # the surplus cut below must not depend on order
        s, d = s[mix], d[mix]
        key = np.minimum(s, d).astype(np.int64) * n + np.maximum(s, d)
        keep = ~_in_sorted(key, keys_taken)
        s, d, key = s[keep], d[keep], key[keep]
        _, first = np.unique(key, return_index=True)
        first = np.sort(first)[:need]
        if len(first) == 0:
            stalls += 1
            continue
        src_parts.append(s[first])
        dst_parts.append(d[first])
        # two sorted runs: the stable sort (timsort) merges them in linear time
        merged = np.concatenate([keys_taken, np.sort(key[first])])
        keys_taken = np.sort(merged, kind="stable")
        got += len(first)
    if got < want:
        log.info("synth: %s ties short by %d (groups saturated)", what, want - got)
    taken[0] = keys_taken
    if not src_parts:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    return np.concatenate(src_parts), np.concatenate(dst_parts)


def _in_sorted(values: np.ndarray, sorted_keys: np.ndarray) -> np.ndarray:
    if len(sorted_keys) == 0:
        return np.zeros(len(values), dtype=bool)
    pos = np.clip(np.searchsorted(sorted_keys, values), 0, len(sorted_keys) - 1)
    return np.asarray(sorted_keys[pos] == values)
