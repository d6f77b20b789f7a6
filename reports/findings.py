"""Page 1's key findings: the strongest broker, the weakest cluster pair against
expectation and the best partner suggestion, each a sentence with its numbers that links
to the section it comes from.

The findings are read from the tables the sections already hold (brokerage, partners) and
from the analysis' cluster pairs, so page 1 and the body never disagree.
"""

from __future__ import annotations

import math
from typing import Any, cast

import pandas as pd

from kizuna.reports.context import ReportContext
from kizuna.reports.cross import pairs_of
from kizuna.reports.model import Finding, Report, Table
from kizuna.reports.sections import BROKER_ROLES


def _table(report: Report, key: str) -> Table | None:
    try:
        return report.table(key)
    except KeyError:
        return None


def _bridged(ctx: ReportContext, org_id: str, home: str) -> list[str]:
    """Names of the other clusters an organization has ties to, most ties first."""
    ties = ctx.ties_of([org_id], home)
    far = ties.loc[ties["scope"] == "other", "far_cluster"]
    return [ctx.cluster_name(c) for c in far.value_counts().index]


def broker_finding(ctx: ReportContext, report: Report, home: str, *, org: str = "") -> Finding:
    """The strongest broker (for an organization report: the organization itself)."""
    cat = ctx.cat
    home_name = ctx.cluster_name(home) if home else cat.t("no_cluster")
    table = _table(report, "brokerage")
    row: dict[str, Any] | None = None
    if org:
        m = ctx.metrics.loc[org]
        row = {"id": org, "name": ctx.name(org), **{r: int(cast(int, m[r])) for r in BROKER_ROLES}}
        row["total"] = sum(row[r] for r in BROKER_ROLES)
    elif table is not None and not table.empty:
        row = {str(k): v for k, v in table.frame.iloc[0].to_dict().items()}
    if not row or int(row["total"]) == 0:
        key = "finding.broker_org_none" if org else "finding.broker_none"
        text = cat.t(key, name=ctx.name(org) if org else "", cluster=home_name)
        return Finding(text, "brokerage")
    role = max(BROKER_ROLES, key=lambda r: int(row[r]))
    others = _bridged(ctx, str(row["id"]), home)
    return Finding(
        cat.t(
            "finding.broker_org" if org else "finding.broker",
            name=row["name"],
            total=int(row["total"]),
            role=cat.label("broker", role),
            count=int(row[role]),
            cluster=home_name,
            others=cat.join(others[:3]),
            more=max(len(others) - 3, 0),
        ),
        "brokerage",
    )


def weakest_pair_finding(ctx: ReportContext, home: str) -> Finding:
    """The cluster pair of ``home`` furthest below its expected number of ties."""
    cat = ctx.cat
    pairs = pairs_of(ctx, home) if home else pd.DataFrame()
    if len(pairs):
        pairs = pairs[pairs["expected"] > 0].copy()
    if not home or len(pairs) == 0:
        return Finding(cat.t("finding.pair_none", name=ctx.cluster_name(home)), "cross")
    pairs["shown_ratio"] = pairs["ratio"].fillna(0.0)
    weakest = pairs.sort_values(["shown_ratio", "expected"], ascending=[True, False]).iloc[0]
    ratio = float(weakest["shown_ratio"])
    return Finding(
        cat.t(
            "finding.pair",
            name=ctx.cluster_name(home),
            other=ctx.cluster_name(str(weakest["cluster"])),
            observed=int(weakest["observed"]),
            expected=float(weakest["expected"]),
            ratio=0.0 if math.isnan(ratio) else ratio,
        ),
        "cross",
    )


def partner_finding(ctx: ReportContext, report: Report) -> Finding:
    """The partner finder's first suggestion and its first reason."""
    cat = ctx.cat
    table = _table(report, "partners")
    if table is None or table.empty:
        return Finding(cat.t("finding.partner_none"), "partners")
    top = table.frame.iloc[0]
    reasons = [r for r in str(top["reasons"]).split(cat.t("partners.sep")) if r.strip()]
    return Finding(
        cat.t(
            "finding.partner",
            name=top["name"],
            cluster=top["cluster"],
            score=float(top["score"]),
            reason=reasons[0].rstrip("。.") if reasons else "",
        ),
        "partners",
    )


def key_findings(ctx: ReportContext, report: Report, home: str, *, org: str = "") -> list[Finding]:
    """The three findings of page 1, in order: broker, weakest pair, best partner."""
    return [
        broker_finding(ctx, report, home, org=org),
        weakest_pair_finding(ctx, home),
        partner_finding(ctx, report),
    ]


def key_numbers(ctx: ReportContext, report: Report, home: str, *, org: str = "") -> Table:
    """Page 1's numbers at a glance, all counted in this dataset: members (a cluster) or
    brokerage paths (an organization), ties and their scope, clusters reached, sources."""
    cat = ctx.cat
    ids = [org] if org else ctx.members(home)
    ties = ctx.ties_of(ids, home)
    scope = ties["scope"]
    reached = ties.loc[scope == "other", "far_cluster"].nunique()
    refs = ties["source_ref"].dropna().map(str).str.strip()
    rows: list[tuple[str, int]] = []
    if org:
        m = ctx.metrics.loc[org]
        rows.append((cat.t("glance.brokerage"), sum(int(cast(int, m[r])) for r in BROKER_ROLES)))
    else:
        rows.append((cat.t("glance.members"), len(ids)))
    rows += [
        (cat.t("glance.ties"), len(ties)),
        (cat.t("glance.inside"), int((scope == "inside").sum())),
        (cat.t("glance.other"), int((scope == "other").sum())),
        (cat.t("glance.unaffiliated"), int((scope == "unaffiliated").sum())),
        (cat.t("glance.clusters"), int(reached)),
        (cat.t("glance.sources"), int(refs[refs != ""].nunique())),
    ]
    return Table("glance", pd.DataFrame(rows, columns=["item", "count"]))
