"""Ties, programs and participation of the synthetic network, and :func:`generate`.

Ties follow a degree-corrected planted partition: every organization has a propensity
θ ~ Pareto (density exponent ``degree_exponent``) times a per-kind factor; a tie inside
cluster c picks both ends ∝ θ within c, and clusters get ties ∝ Σ_c θ, so the expected
degree of i is ∝ θ_i.  Ties between clusters pick their ends ∝ θ·b(kind) where b favours
cluster bodies, coordinators and universities — cross-region ties are mostly between them.
"""

from __future__ import annotations

import numpy as np

from kizuna.graph.model import ORG_KINDS, PROGRAM_KINDS
from kizuna.synth import tables as T
from kizuna.synth.model import (
    BODY_PAIR,
    CROSS_YEAR_WEIGHTS,
    FIRST_YEAR,
    FOREIGN_LEAD,
    KIND,
    LAST_YEAR,
    LEAD,
    MIX_CUM,
    OVERSEAS,
    PREF_REGION,
    REGION_CODES,
    TKIND,
    WITHIN,
    SynthArrays,
    SynthParams,
    _clusters,
    _collect,
    _confidence,
    _GroupSampler,
    _nodes,
    layout,
)

KIND_PROPENSITY = np.array([T.KIND_PROPENSITY[k] for k in ORG_KINDS])
KIND_BRIDGING = np.array([T.KIND_BRIDGING[k] for k in ORG_KINDS])
PROGRAM_CODES = {k: i for i, k in enumerate(PROGRAM_KINDS)}
ROLE_HOST, ROLE_ORGANIZER, ROLE_PARTICIPANT, ROLE_PARTNER = 0, 1, 2, 3


def _pair_counts(p: SynthParams, overseas: int, multi_cluster_regions: bool) -> list[int]:
    """Ties wanted per scope: within a cluster, same region, across regions, overseas."""
    total = round(p.n_orgs * p.ties_per_org)
    m_ov = min(overseas * max(1, round(2 * p.ties_per_org)), total // 50)
    m_in = round(p.within_share * total)
    m_cross = max(0, total - m_in - m_ov)
    m_region = m_cross // 2 if multi_cluster_regions else 0
    return [m_in, m_region, m_cross - m_region, m_ov]


def _capped(weight: np.ndarray, cap: float, ends: int) -> np.ndarray:
    """Weights clipped so that no node expects more than ``cap`` of ``ends`` tie ends."""
    for _ in range(4):  # clipping lowers the total, so repeat until stable
        weight = np.minimum(weight, cap * weight.sum() / ends)
    return weight


def _ties(
    rng: np.random.Generator,
    p: SynthParams,
    kind: np.ndarray,
    cluster: np.ndarray,
    pref: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    n, k = len(kind), int(cluster.max()) + 1
    foreign = kind == KIND["foreign_body"]
    theta = (rng.pareto(p.degree_exponent - 1.0, n) + 1.0) * KIND_PROPENSITY[kind]
    # members outside the home prefecture stay in the cluster's region
    region = np.where(foreign, -1, PREF_REGION[np.where(foreign, 0, pref)]).astype(np.int64)
    cl_region = np.zeros(k, np.int64)
    cl_region[cluster[~foreign]] = region[~foreign]
    clusters_per_region = np.bincount(cl_region, minlength=len(REGION_CODES))
    wanted = _pair_counts(p, int(foreign.sum()), bool((clusters_per_region >= 2).any()))
    hub_cap = p.hub_cap * np.sqrt(n)
    theta = _capped(theta, hub_cap, 2 * wanted[WITHIN])
    taken = [np.empty(0, np.int64)]
    in_cluster = _GroupSampler(cluster, theta, k)
    cl_share = in_cluster.mass / in_cluster.mass.sum()

    def within(r: np.random.Generator, size: int) -> tuple[np.ndarray, np.ndarray]:
        g = np.repeat(np.arange(k), r.multinomial(size, cl_share))  # cluster by cluster
        return in_cluster.draw(r, g), in_cluster.draw(r, g)

    cross_ends = 2 * (sum(wanted) - wanted[WITHIN])
    bridging = _capped(theta * KIND_BRIDGING[kind], hub_cap / 2, max(cross_ends, 1))
    domestic = np.where(foreign, -1, 0)
    anyone = _GroupSampler(domestic, bridging, 1)
    by_region = _GroupSampler(region, bridging, len(REGION_CODES))
    src_ok = np.flatnonzero(clusters_per_region[np.maximum(region, 0)] >= 2)
    src_ok = src_ok[~foreign[src_ok]]
    src_sampler = _GroupSampler(np.where(np.isin(np.arange(n), src_ok), 0, -1), bridging, 1)

    def same_region(r: np.random.Generator, size: int) -> tuple[np.ndarray, np.ndarray]:
        s = src_sampler.draw(r, np.zeros(size, np.int64))
        d = by_region.draw(r, region[s])
        keep = cluster[s] != cluster[d]
        return s[keep], d[keep]

    def cross_region(r: np.random.Generator, size: int) -> tuple[np.ndarray, np.ndarray]:
        zero = np.zeros(size, np.int64)
        s, d = anyone.draw(r, zero), anyone.draw(r, zero)
        keep = region[s] != region[d]
        return s[keep], d[keep]

    partners = np.flatnonzero(foreign)

    def abroad(r: np.random.Generator, size: int) -> tuple[np.ndarray, np.ndarray]:
        return r.choice(partners, size=size), anyone.draw(r, np.zeros(size, np.int64))

    # a little of the within budget is kept for the members that would stay alone
    reserve = min(wanted[WITHIN] // 10, n // 100)
    wanted[WITHIN] -= reserve
    parts = []
    for scope, (draw, want) in enumerate(
        zip((within, same_region, cross_region, abroad), wanted, strict=True)
    ):
        if want == 0 or (scope == OVERSEAS and len(partners) == 0):
            continue
        s, d = _collect(rng, want, n, taken, draw, ("within", "region", "xregion", "abroad")[scope])
        parts.append((s, d, np.full(len(s), scope, np.int8)))
    # most isolated members get a tie to their cluster body (~0.2 % stay alone, as in
    # the benchmark workload)
    ends = np.concatenate([x[0] for x in parts] + [x[1] for x in parts])
    alone = np.flatnonzero((np.bincount(ends, minlength=n) == 0) & (cluster >= 0))
    alone = alone[(alone >= k) & (rng.random(len(alone)) < 0.7)]  # node c < k: body of c
    alone = np.sort(rng.permutation(alone)[:reserve])
    body = cluster[alone].astype(np.int64)
    parts.append((alone, body, np.full(len(alone), WITHIN, np.int8)))
    new_keys = np.sort(np.minimum(alone, body) * n + np.maximum(alone, body))
    taken[0] = np.sort(np.concatenate([taken[0], new_keys]), kind="stable")  # merge
    if reserve > len(alone):
        s, d = _collect(rng, reserve - len(alone), n, taken, within, "within")
        parts.append((s, d, np.full(len(s), WITHIN, np.int8)))
    src = np.concatenate([x[0] for x in parts]).astype(np.int32)
    dst = np.concatenate([x[1] for x in parts]).astype(np.int32)
    scope_arr = np.concatenate([x[2] for x in parts])
    return src, dst, scope_arr


def _tie_kinds(
    rng: np.random.Generator, kind: np.ndarray, src: np.ndarray, dst: np.ndarray, scope: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Kind of each tie from its lead end (which becomes the source of a directed tie)."""
    ls, ld = LEAD[kind[src]], LEAD[kind[dst]]
    swap = ld < ls
    s = np.where(swap, dst, src)
    d = np.where(swap, src, dst)
    lead = np.minimum(ls, ld)
    body = KIND["cluster_body"]
    lead = np.where((kind[s] == body) & (kind[d] == body), BODY_PAIR, lead)
    lead = np.where(scope == OVERSEAS, FOREIGN_LEAD, lead)
    inside = (scope == WITHIN).astype(np.int64)
    u = rng.random(len(s))
    tkind = np.zeros(len(s), np.int8)
    for chunk in range(0, len(s), 1_000_000):
        sl = slice(chunk, chunk + 1_000_000)
        cum = MIX_CUM[lead[sl], inside[sl]]
        tkind[sl] = np.minimum((u[sl, None] >= cum).sum(axis=1), cum.shape[1] - 1)
    return s.astype(np.int32), d.astype(np.int32), tkind


def _tie_attributes(
    rng: np.random.Generator, a: dict[str, np.ndarray], cl_since: np.ndarray
) -> None:
    m = len(a["src"])
    years = np.arange(FIRST_YEAR, LAST_YEAR + 1)
    since = rng.integers(FIRST_YEAR, LAST_YEAR + 1, m)
    cross = a["scope"] != WITHIN
    since[cross] = rng.choice(
        years, size=int(cross.sum()), p=CROSS_YEAR_WEIGHTS / CROSS_YEAR_WEIGHTS.sum()
    )
    start = cl_since[np.maximum(a["cluster"][a["src"]], 0)]
    since = np.where(cross, since, np.maximum(since, start))
    until = np.minimum(since + rng.integers(0, 4, m), LAST_YEAR)
    until = np.where(rng.random(m) < 0.08, until, -1)
    a["since"], a["until"] = since.astype(np.int16), until.astype(np.int16)
    a["weight"] = rng.geometric(0.6, m).astype(np.float64)
    a["tconf"] = _confidence(rng, m)
    matching = (a["tkind"] == TKIND["matching"]) & (rng.random(m) < 0.15)
    deals = np.where(matching, 1 + rng.poisson(0.5, m), 0)
    yen = np.round(rng.lognormal(np.log(2e7), 1.0, m), -4) * deals
    a["deals"] = np.where(matching, deals, np.nan)
    a["amount"] = np.where(matching, yen, np.nan)


def _programs(
    rng: np.random.Generator, p: SynthParams, a: dict[str, np.ndarray], cl_since: np.ndarray
) -> None:
    kind, cluster = a["kind"], a["cluster"]
    k = len(cl_since)
    n_prog = max(3, p.n_orgs // 250)
    sizes = np.bincount(cluster[cluster >= 0], minlength=k).astype(float)
    host_cl = rng.choice(k, n_prog, p=sizes / sizes.sum())
    mix = np.array(list(T.PROGRAM_MIX.values()))
    pkind = np.array([PROGRAM_CODES[x] for x in T.PROGRAM_MIX])[
        rng.choice(len(mix), n_prog, p=mix / mix.sum())
    ]
    since = np.maximum(rng.integers(FIRST_YEAR, LAST_YEAR + 1, n_prog), cl_since[host_cl])
    lasting = np.isin(pkind, [PROGRAM_CODES["network"], PROGRAM_CODES["alliance"]])
    until = np.where(lasting, np.minimum(since + rng.integers(1, 5, n_prog), LAST_YEAR), since)
    # each program draws on its host cluster and 1–3 others
    n_cl = 1 + rng.integers(1, 4, n_prog)
    others = rng.choice(k, size=(n_prog, 3), p=sizes / sizes.sum())
    others = np.where(others == host_cl[:, None], (others + 1) % k, others)
    cl_set = np.concatenate([host_cl[:, None], others], axis=1)
    n_part = np.clip(np.round(rng.lognormal(np.log(12), 0.6, n_prog)), 4, 80).astype(np.int64)
    slot_prog = np.repeat(np.arange(n_prog), n_part)
    slot_cl = cl_set[slot_prog, (rng.random(len(slot_prog)) * n_cl[slot_prog]).astype(np.int64)]
    theta = (rng.pareto(p.degree_exponent - 1.0, len(kind)) + 1.0) * KIND_PROPENSITY[kind]
    slot_org = _GroupSampler(cluster, theta, k).draw(rng, slot_cl)
    body, coord = host_cl, k + host_cl  # node order: bodies, then coordinator roles
    prog = [np.arange(n_prog), np.arange(n_prog), slot_prog]
    org = [body, coord, slot_org]
    role = [
        np.full(n_prog, ROLE_HOST),
        np.full(n_prog, ROLE_ORGANIZER),
        np.full(len(slot_org), ROLE_PARTICIPANT),
    ]
    foreign = np.flatnonzero(kind == KIND["foreign_body"])
    abroad = np.flatnonzero(np.isin(pkind, [PROGRAM_CODES["mission"], PROGRAM_CODES["alliance"]]))
    if len(foreign) and len(abroad):
        prog.append(abroad)
        org.append(rng.choice(foreign, len(abroad)))
        role.append(np.full(len(abroad), ROLE_PARTNER))
    prog_a, org_a, role_a = (np.concatenate(x) for x in (prog, org, role))
    _, first = np.unique(prog_a.astype(np.int64) * len(kind) + org_a, return_index=True)
    first = np.sort(first)
    order = first[np.argsort(prog_a[first], kind="stable")]
    a["p_kind"], a["p_host"] = pkind.astype(np.int8), body.astype(np.int32)
    a["p_since"], a["p_until"] = since.astype(np.int16), until.astype(np.int16)
    a["p_conf"] = _confidence(rng, n_prog)
    a["part_program"] = prog_a[order].astype(np.int32)
    a["part_org"] = org_a[order].astype(np.int32)
    a["part_role"] = role_a[order].astype(np.int8)


def generate(p: SynthParams) -> SynthArrays:
    """Generate the whole network as code arrays (deterministic for ``p.seed``)."""
    rng = np.random.default_rng(p.seed)
    k, overseas = layout(p.n_orgs, p.ties_per_org, p.orgs_per_cluster)
    cl_pref, cl_field, cl_since = _clusters(rng, k)
    kind, cluster, pref, lat, lon, conf = _nodes(rng, p, cl_pref, overseas)
    src, dst, scope = _ties(rng, p, kind, cluster, pref)
    src, dst, tkind = _tie_kinds(rng, kind, src, dst, scope)
    a: dict[str, np.ndarray] = {
        "kind": kind,
        "cluster": cluster,
        "src": src,
        "dst": dst,
        "tkind": tkind,
        "scope": scope,
    }
    _tie_attributes(rng, a, cl_since)
    _programs(rng, p, a, cl_since)
    return SynthArrays(
        params=p,
        cl_pref=cl_pref,
        cl_field=cl_field,
        cl_since=cl_since,
        pref=pref,
        lat=lat,
        lon=lon,
        confidence=conf,
        **a,
    )
