"""Text columns of the synthetic network: code arrays → Arrow tables, chunk by chunk.

Used by :mod:`synth`; ids are ``n…`` (organizations), ``c…`` (clusters), ``t…``
(ties) and ``p…`` (programs), zero-padded so they sort in generation order.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from kizuna.graph.model import CONFIDENCE_LEVELS, ORG_KINDS, PROGRAM_KINDS, REGIONS, TIE_KINDS
from kizuna.synth import tables as T
from kizuna.synth.model import DIRECTED_CODES, PREF_REGION, REGION_CODES, SynthArrays

ROLES = ("host", "organizer", "participant", "partner")
FILES = ("nodes", "ties", "clusters", "programs", "participation")
#: Columns written per file (the others of the format stay empty, so they are left out).
WRITTEN: dict[str, tuple[str, ...]] = {
    "nodes": (
        "id",
        "name",
        "kind",
        "cluster",
        "region",
        "prefecture",
        "lat",
        "lon",
        "name_en",
        "source_ref",
        "confidence",
    ),
    "ties": (
        "id",
        "source",
        "target",
        "kind",
        "directed",
        "since",
        "until",
        "weight",
        "source_ref",
        "confidence",
        "deals",
        "amount_yen",
    ),
    "clusters": (
        "id",
        "name",
        "name_en",
        "region",
        "field",
        "body",
        "since",
        "source_ref",
        "confidence",
    ),
    "programs": (
        "id",
        "name",
        "name_en",
        "kind",
        "host",
        "since",
        "until",
        "participants",
        "firms",
        "deals",
        "amount_yen",
        "source_ref",
        "confidence",
    ),
    "participation": ("program", "organization", "role", "since", "source_ref", "confidence"),
}


class Text:
    """Turns the code arrays of one network into Arrow columns of text."""

    def __init__(self, a: SynthArrays):
        self.a = a
        p = a.params
        self.source_ref = f"synth:{p.seed}"
        k = a.n_clusters
        self.w_node = len(str(p.n_orgs))
        self.w_cluster = max(2, len(str(k)))
        fields = list(T.FIELDS)
        cl_region = PREF_REGION[a.cl_pref]
        self.cluster_ids = [f"c{i + 1:0{self.w_cluster}d}" for i in range(k)]
        self.cluster_names = [
            f"合成{T.PREFECTURES[a.cl_pref[i]][0]}{T.FIELDS[fields[a.cl_field[i]]][0]}"
            f"クラスター{i + 1:0{self.w_cluster}d}"
            for i in range(k)
        ]
        self.cluster_names_en = [
            f"Synthetic {T.PREFECTURES_EN[a.cl_pref[i]]} "
            f"{T.FIELDS[fields[a.cl_field[i]]][1]} Cluster {i + 1}"
            for i in range(k)
        ]
        self.cluster_regions = [REGION_CODES[r] for r in cl_region]
        ov = [T.OVERSEAS[c] for c in a.pref[2 * k : 2 * k + a.n_overseas]]
        ja, en = T.KIND_NAMES["cluster_body"], T.KIND_NAMES["coordinator"]
        self.special_names = pa.array(
            [f"{c}{ja[0]}" for c in self.cluster_names]
            + [f"{c} {en[0]}" for c in self.cluster_names]
            + [f"{T.KIND_NAMES['foreign_body'][0]}（{o[0]}）{j + 1}" for j, o in enumerate(ov)]
        )
        self.special_names_en = pa.array(
            [f"{c} {ja[1]}" for c in self.cluster_names_en]
            + [f"{c} {en[1]}" for c in self.cluster_names_en]
            + [f"{T.KIND_NAMES['foreign_body'][1]} ({o[1]}) {j + 1}" for j, o in enumerate(ov)]
        )
        self.n_special = len(self.special_names)
        self.prefectures = pa.array([x[0] for x in T.PREFECTURES] + [x[0] for x in T.OVERSEAS])
        self.region_of_pref = np.concatenate(
            [
                [REGIONS.index(REGION_CODES[r]) for r in PREF_REGION],
                np.full(len(T.OVERSEAS), REGIONS.index("overseas")),
            ]
        )

    def constant(self, n: int) -> pa.Array:
        return pc.take(pa.array([self.source_ref]), pa.array(np.zeros(n, np.int8)))

    def ids(self, prefix: str, index: np.ndarray, width: int) -> pa.Array:
        digits = pc.utf8_lpad(pc.cast(pa.array(index + 1), pa.string()), width=width, padding="0")
        return pc.binary_join_element_wise(prefix, digits, "")

    def node_ids(self, index: np.ndarray) -> pa.Array:
        return self.ids("n", index, self.w_node)

    def nodes(self, lo: int, hi: int) -> pa.Table:
        a, idx = self.a, np.arange(lo, hi)
        kind = a.kind[lo:hi]
        foreign = kind == ORG_KINDS.index("foreign_body")
        pref = np.where(foreign, a.pref[lo:hi] + len(T.PREFECTURES), a.pref[lo:hi])
        num = pc.utf8_lpad(pc.cast(pa.array(idx + 1), pa.string()), width=self.w_node, padding="0")
        prefix_ja = pa.array([T.KIND_NAMES[k][0] for k in ORG_KINDS])
        prefix_en = pa.array([T.KIND_NAMES[k][1] + " " for k in ORG_KINDS])
        special = idx < self.n_special
        take_special = np.minimum(idx, self.n_special - 1)
        name = pc.if_else(
            pa.array(special),
            pc.take(self.special_names, take_special),
            pc.binary_join_element_wise(pc.take(prefix_ja, kind), num, ""),
        )
        name_en = pc.if_else(
            pa.array(special),
            pc.take(self.special_names_en, take_special),
            pc.binary_join_element_wise(pc.take(prefix_en, kind), num, ""),
        )
        cluster = a.cluster[lo:hi]
        return pa.table(
            {
                "id": self.node_ids(idx),
                "name": name,
                "kind": pc.take(pa.array(ORG_KINDS), kind),
                "cluster": pc.take(pa.array(self.cluster_ids), pa.array(cluster, mask=cluster < 0)),
                "region": pc.take(pa.array(REGIONS), self.region_of_pref[pref]),
                "prefecture": pc.take(self.prefectures, pref),
                "lat": a.lat[lo:hi],
                "lon": a.lon[lo:hi],
                "name_en": name_en,
                "source_ref": self.constant(hi - lo),
                "confidence": pc.take(pa.array(CONFIDENCE_LEVELS), a.confidence[lo:hi]),
            }
        )

    def ties(self, lo: int, hi: int) -> pa.Table:
        a = self.a
        m = len(a.src)
        until = a.until[lo:hi]
        return pa.table(
            {
                "id": self.ids("t", np.arange(lo, hi), len(str(m))),
                "source": self.node_ids(a.src[lo:hi]),
                "target": self.node_ids(a.dst[lo:hi]),
                "kind": pc.take(pa.array(TIE_KINDS), a.tkind[lo:hi]),
                "directed": DIRECTED_CODES[a.tkind[lo:hi]],
                "since": a.since[lo:hi],
                "until": pa.array(until, mask=until < 0),
                "weight": a.weight[lo:hi],
                "source_ref": self.constant(hi - lo),
                "confidence": pc.take(pa.array(CONFIDENCE_LEVELS), a.tconf[lo:hi]),
                "deals": pa.array(a.deals[lo:hi], from_pandas=True),
                "amount_yen": pa.array(a.amount[lo:hi], from_pandas=True),
            }
        )

    def clusters(self) -> pa.Table:
        a, k = self.a, self.a.n_clusters
        fields = list(T.FIELDS)
        return pa.table(
            {
                "id": self.cluster_ids,
                "name": self.cluster_names,
                "name_en": self.cluster_names_en,
                "region": self.cluster_regions,
                "field": [fields[f] for f in a.cl_field],
                "body": self.node_ids(np.arange(k)),
                "since": a.cl_since,
                "source_ref": [self.source_ref] * k,
                "confidence": [CONFIDENCE_LEVELS[0]] * k,
            }
        )

    def programs(self) -> pa.Table:
        a = self.a
        n_prog = len(a.p_kind)
        counts = np.bincount(a.part_program, minlength=n_prog)
        company = a.kind[a.part_org] == ORG_KINDS.index("company")
        firms = np.bincount(a.part_program, weights=company, minlength=n_prog)
        rng = np.random.default_rng([a.params.seed, 1])
        matching = a.p_kind == PROGRAM_KINDS.index("matching")
        deals = np.where(matching, rng.poisson(0.3 * counts), np.nan)
        yen = np.where(matching, np.round(rng.lognormal(np.log(2e7), 1.0, n_prog), -4), np.nan)
        label_ja = [T.PROGRAM_NAMES[k][0] for k in PROGRAM_KINDS]
        label_en = [T.PROGRAM_NAMES[k][1] for k in PROGRAM_KINDS]
        host_cl = a.cluster[a.p_host]
        return pa.table(
            {
                "id": self.ids("p", np.arange(n_prog), max(3, len(str(n_prog)))),
                "name": [
                    f"{self.cluster_names[c]} {label_ja[k]} {y}"
                    for c, k, y in zip(host_cl, a.p_kind, a.p_since, strict=True)
                ],
                "name_en": [
                    f"{self.cluster_names_en[c]} {label_en[k]} {y}"
                    for c, k, y in zip(host_cl, a.p_kind, a.p_since, strict=True)
                ],
                "kind": pc.take(pa.array(PROGRAM_KINDS), a.p_kind),
                "host": self.node_ids(a.p_host),
                "since": a.p_since,
                "until": a.p_until,
                "participants": counts.astype(np.float64),
                "firms": firms,
                "deals": pa.array(deals, from_pandas=True),
                "amount_yen": pa.array(yen * np.nan_to_num(deals), from_pandas=True),
                "source_ref": [self.source_ref] * n_prog,
                "confidence": pc.take(pa.array(CONFIDENCE_LEVELS), a.p_conf),
            }
        )

    def participation(self, lo: int, hi: int) -> pa.Table:
        a = self.a
        prog = a.part_program[lo:hi]
        conf = a.p_conf[prog]
        return pa.table(
            {
                "program": self.ids("p", prog, max(3, len(str(len(a.p_kind))))),
                "organization": self.node_ids(a.part_org[lo:hi]),
                "role": pc.take(pa.array(ROLES), a.part_role[lo:hi]),
                "since": a.p_since[prog],
                "source_ref": self.constant(hi - lo),
                "confidence": pc.take(pa.array(CONFIDENCE_LEVELS), conf),
            }
        )

    def rows(self, file: str) -> int:
        a = self.a
        return {
            "nodes": len(a.kind),
            "ties": len(a.src),
            "clusters": a.n_clusters,
            "programs": len(a.p_kind),
            "participation": len(a.part_org),
        }[file]

    def chunks(self, file: str, chunk_rows: int) -> Iterator[pa.Table]:
        if file in ("clusters", "programs"):
            yield getattr(self, file)()
            return
        total = self.rows(file)
        build = getattr(self, file)
        for lo in range(0, max(total, 1), chunk_rows):
            yield build(lo, min(lo + chunk_rows, total))
