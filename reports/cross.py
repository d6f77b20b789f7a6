"""Cross-cluster sections: ties and gaps relative to expectation, and partner suggestions."""

from __future__ import annotations

import logging
import math

import pandas as pd

from kizuna.reports.context import ReportContext, records
from kizuna.reports.model import BulletList, Section, Table
from kizuna.reports.sources import Citations, reference_titles

logger = logging.getLogger(__name__)

#: How many clusters to list as most / least connected.
TOP_PAIRS = 5
#: Ties listed on the page at most (Excel has every tie).
TIE_ROWS = 60


def pairs_of(ctx: ReportContext, cluster_id: str) -> pd.DataFrame:
    """The analysis' cluster-pair rows that involve ``cluster_id``, seen from it.

    Columns: cluster (the other cluster), observed, expected, ratio (from the analysis;
    NaN when expected is 0).
    """
    cp = ctx.analysis.cluster_pairs
    a = cp["cluster_a"].map(str)
    b = cp["cluster_b"].map(str)
    mine = cp[(a == cluster_id) | (b == cluster_id)]
    other = b[mine.index].where(a[mine.index] == cluster_id, a[mine.index])
    if "ratio" in mine:
        ratio = mine["ratio"].astype("float64")
    else:  # older analyses: observed / expected, NaN when nothing is expected
        exp = mine["expected"].astype("float64")
        ratio = mine["observed"].astype("float64") / exp.where(exp > 0)
    return pd.DataFrame(
        {
            "cluster": other.to_numpy(),
            "observed": mine["observed"].astype("int64").to_numpy(),
            "expected": mine["expected"].astype("float64").to_numpy(),
            "ratio": ratio.to_numpy(),
        }
    )


def _pair_table(ctx: ReportContext, key: str, frame: pd.DataFrame) -> Table:
    out = pd.DataFrame(
        {
            "cluster": frame["cluster"].to_list(),
            "cluster_name": [ctx.cluster_name(c) for c in frame["cluster"]],
            "observed": frame["observed"].to_numpy(),
            "expected": frame["expected"].to_numpy(),
            "ratio": frame["ratio"].to_numpy(),
        }
    )
    return Table(key, out.reset_index(drop=True), excel_only=("cluster",))


def cross_ties_table(ctx: ReportContext, ids: list[str], home: str) -> Table:
    """The ties from ``ids`` to organizations of other clusters, with their evidence."""
    ties = ctx.ties_of(ids, home)
    ties = ties[ties["scope"] == "other"]
    cite = Citations(ctx.cat, reference_titles(ctx.bundle, ctx.cat.lang))
    ties = ties.sort_values(["far_cluster", "near", "far"], kind="stable")
    frame = pd.DataFrame(
        {
            "cluster": [ctx.cluster_name(c) for c in ties["far_cluster"]],
            "source_name": [ctx.name(str(s)) for s in ties["source"]],
            "target_name": [ctx.name(str(t)) for t in ties["target"]],
            "kind": [ctx.cat.label("tiekind", k) for k in ties["kind"]],
            "since": pd.array(ties["since"].to_numpy(), dtype="Int64"),
            "evidence": ties["evidence"].to_list(),
            "citation": [cite.cite(r) for r in ties["source_ref"]],
            "confidence": [ctx.cat.label("confidence", c) for c in ties["confidence"]],
        }
    )
    return Table("cross_ties", frame.reset_index(drop=True), page_limit=TIE_ROWS)


def cross_section(
    ctx: ReportContext, cluster_id: str, *, ids: list[str] | None = None, subject: str = ""
) -> Section:
    """Most and least connected clusters relative to expectation, and the ties behind them.

    ``ids`` narrows the listed ties to some members (an organization report); the pair
    ratios are always those of the whole cluster.
    """
    cat = ctx.cat
    name = ctx.cluster_name(cluster_id)
    sec = Section("cross", cat.t("section.cross"))
    pairs = pairs_of(ctx, cluster_id) if cluster_id else pd.DataFrame()
    member_ids = ids if ids is not None else ctx.members(cluster_id)
    ties = cross_ties_table(ctx, member_ids, cluster_id)
    linked = pairs[pairs["observed"] > 0] if len(pairs) else pairs
    if not cluster_id:
        sec.paragraphs.append(cat.t("cross.no_cluster", name=subject, ties=len(ties.frame)))
    elif len(linked) == 0:
        sec.paragraphs.append(cat.t("cross.none", name=name))
    else:
        sec.paragraphs.append(
            cat.t("cross.summary", name=name, observed=int(linked["observed"].sum()), k=len(linked))
        )
        most = linked.sort_values(["ratio", "observed"], ascending=False, kind="stable")
        most = most.head(TOP_PAIRS)
        items = [
            cat.t(
                "cross.most_item",
                other=ctx.cluster_name(r["cluster"]),
                observed=int(r["observed"]),
                expected=float(r["expected"]),
                ratio=float(r["ratio"]),
            )
            for r in records(most)
        ]
        sec.lists.append(BulletList(items, intro=cat.t("cross.most_intro")))
        sec.tables.append(_pair_table(ctx, "cross_most", most))
    if len(pairs):
        gaps = pairs[pairs["expected"] > 0].copy()
        gaps = gaps[~gaps["cluster"].isin(set(linked["cluster"]) if len(linked) else set())]
        gaps = gaps.sort_values("expected", ascending=False, kind="stable")
        if len(linked):  # weakest linked pairs too, when fewer than TOP_PAIRS unlinked ones
            weak = linked.sort_values(["ratio", "expected"], ascending=[True, False])
            gaps = pd.concat([gaps, weak[weak["ratio"] < 1]]).head(TOP_PAIRS)
        gaps = gaps.head(TOP_PAIRS)
        if len(gaps):
            sec.tables.append(_pair_table(ctx, "cross_least", gaps))
            items = [
                cat.t(
                    "cross.gap_item",
                    other=ctx.cluster_name(r["cluster"]),
                    observed=int(r["observed"]),
                    expected=float(r["expected"]),
                    ratio=0.0 if math.isnan(r["ratio"]) else float(r["ratio"]),
                )
                for r in records(gaps)
            ]
            sec.lists.append(BulletList(items, intro=cat.t("cross.gaps_intro")))
    if not ties.empty:
        sec.tables.append(ties)
    elif ids is not None and len(linked):
        sec.paragraphs.append(cat.t("cross.org_none", name=subject))
    return sec


def partners_section(
    ctx: ReportContext, *, org: str | None = None, cluster: str | None = None, k: int = 10
) -> Section:
    """The partner finder's top ``k`` candidates with their reasons in the report language."""
    cat = ctx.cat
    sec = Section("partners", cat.t("section.partners"))
    finder = ctx.partner_finder()
    found = finder(ctx.bundle, org=org, cluster=cluster, k=k, analysis=ctx.analysis)
    if found is None or len(found) == 0:
        sec.paragraphs.append(cat.t("partners.none"))
        return sec
    sec.paragraphs.append(cat.t("partners.intro"))
    reasons_col = f"reasons_{cat.lang}" if f"reasons_{cat.lang}" in found else "reasons_en"
    sep = cat.t("partners.sep")

    def reasons(value: object) -> str:
        if isinstance(value, list | tuple):
            return sep.join(str(v) for v in value)
        return "" if value is None else str(value)

    frame = pd.DataFrame(
        {
            "rank": found["rank"].astype("int64").to_numpy(),
            "candidate": found["candidate"].map(str).to_list(),
            "name": [ctx.name(str(c)) for c in found["candidate"]],
            "cluster": [ctx.cluster_name(str(c or "")) for c in found["cluster"]],
            "score": found["score"].astype("float64").to_numpy(),
            "reasons": [reasons(v) for v in found[reasons_col]],
        }
    )
    sec.tables.append(Table("partners", frame, excel_only=("candidate",)))
    return sec


def org_ties_section(ctx: ReportContext, org_id: str, home: str) -> Section:
    """Every tie of one organization with its partner, direction and evidence."""
    cat = ctx.cat
    sec = Section("org_ties", cat.t("section.org_ties"))
    ties = ctx.ties_of([org_id], home)
    ties = ties.sort_values(["scope", "far_cluster", "far"], kind="stable")
    cite = Citations(cat, reference_titles(ctx.bundle, cat.lang))
    directed = ties["directed"].astype(bool).to_numpy()
    outgoing = (ties["source"].map(str) == org_id).to_numpy()
    direction = [
        cat.label("direction", "both" if not d else "out" if o else "in")
        for d, o in zip(directed, outgoing, strict=True)
    ]
    frame = pd.DataFrame(
        {
            "neighbor": ties["far"].map(str).to_list(),
            "neighbor_name": [ctx.name(str(f)) for f in ties["far"]],
            "cluster": [ctx.cluster_name(c) for c in ties["far_cluster"]],
            "kind": [cat.label("tiekind", k) for k in ties["kind"]],
            "direction": direction,
            "since": pd.array(ties["since"].to_numpy(), dtype="Int64"),
            "evidence": ties["evidence"].to_list(),
            "citation": [cite.cite(r) for r in ties["source_ref"]],
            "confidence": [cat.label("confidence", c) for c in ties["confidence"]],
        }
    )
    sec.tables.append(
        Table(
            "org_ties",
            frame.reset_index(drop=True),
            empty_text=cat.t("summary.no_ties"),
            excel_only=("neighbor",),
            page_limit=TIE_ROWS,
        )
    )
    return sec
