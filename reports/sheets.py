"""The Excel workbook's data sheets: organizations, ties with evidence, roles, gaps, partners.

Each is a :class:`reports.model.Table` with every row (the page tables may be cut); ids sit
beside names so a sheet can be filtered and joined, numbers stay numbers.
"""

from __future__ import annotations

import pandas as pd

from kizuna.reports.context import ReportContext
from kizuna.reports.cross import pairs_of
from kizuna.reports.model import Report, Table
from kizuna.reports.sections import BROKER_ROLES, ROLE_COLUMNS
from kizuna.reports.sources import Citations, reference_titles


def _subjects(ctx: ReportContext, home: str, org: str) -> list[str]:
    """The organizations a report is about: the cluster's members, or the organization."""
    return [org] if org else ctx.members(home)


def organizations_sheet(ctx: ReportContext, ids: list[str]) -> Table:
    """Who the organizations are: names in both languages, kind, cluster, place."""
    nodes = ctx.bundle.nodes.assign(id=ctx.bundle.nodes["id"].map(str)).set_index("id")
    part = nodes.loc[[i for i in ids if i in nodes.index]]
    cat = ctx.cat
    frame = pd.DataFrame(
        {
            "id": list(part.index),
            "name_ja": part["name"].to_list(),
            "name_en": part["name_en"].to_list() if "name_en" in part else None,
            "kind": [cat.label("kind", k) for k in part["kind"]],
            "cluster": [ctx.cluster_name(ctx.node_cluster.get(i, "")) for i in part.index],
            "region": [cat.label("region", r) for r in part["region"]],
            "prefecture": part["prefecture"].to_list() if "prefecture" in part else None,
        }
    )
    return Table("organizations", frame.reset_index(drop=True))


def ties_sheet(ctx: ReportContext, ids: list[str], home: str) -> Table:
    """Every tie of the organizations with its evidence quote and where it is stated."""
    cat = ctx.cat
    ties = ctx.ties_of(ids, home)
    cite = Citations(cat, reference_titles(ctx.bundle, cat.lang))
    frame = pd.DataFrame(
        {
            "scope": [cat.label("scope", s) for s in ties["scope"]],
            "source": ties["source"].map(str).to_list(),
            "source_name": [ctx.name(str(s)) for s in ties["source"]],
            "target": ties["target"].map(str).to_list(),
            "target_name": [ctx.name(str(t)) for t in ties["target"]],
            "far_cluster": [ctx.cluster_name(c) if c else "" for c in ties["far_cluster"]],
            "kind": [cat.label("tiekind", k) for k in ties["kind"]],
            "since": pd.array(ties["since"].to_numpy(), dtype="Int64"),
            "evidence": ties["evidence"].to_list(),
            "citation": [cite.cite(r) for r in ties["source_ref"]],
            "source_ref": ties["source_ref"].to_list(),
            "confidence": [cat.label("confidence", c) for c in ties["confidence"]],
        }
    )
    return Table("ties", frame.reset_index(drop=True))


def roles_sheet(ctx: ReportContext, ids: list[str]) -> Table:
    """Role, centrality, brokerage counts and single-point-of-failure audit per organization."""
    cat = ctx.cat
    m = ctx.metrics.loc[[i for i in ids if i in ctx.metrics.index]]
    m = m.sort_values(["within_module_z", "degree"], ascending=False, kind="stable")
    frame = pd.DataFrame(
        {
            "id": m["id"].to_list(),
            "name": [ctx.name(i) for i in m["id"]],
            "role": m["role"].to_list(),
            "role_name": [cat.label("role", r) for r in m["role"]],
        }
    )
    for col in ROLE_COLUMNS:
        frame[col] = m[col].to_numpy(dtype="float64")
    frame["degree"] = m["degree"].to_numpy(dtype="int64")
    for col in BROKER_ROLES:
        frame[col] = m[col].to_numpy(dtype="int64")
    spof = ctx.analysis.spof
    pairs = dict(zip(spof["id"].map(str), spof["separated_pairs"].astype("int64"), strict=True))
    frame["separated_pairs"] = [int(pairs.get(i, 0)) for i in m["id"]]
    return Table("roles", frame.reset_index(drop=True))


def gaps_sheet(ctx: ReportContext, home: str) -> Table:
    """Every cluster pair of ``home``: observed and expected ties, ratio (gaps first)."""
    pairs = pairs_of(ctx, home) if home else pd.DataFrame()
    if len(pairs) == 0:
        return Table("gaps", pd.DataFrame(columns=["cluster", "cluster_name"]))
    pairs = pairs.sort_values(["ratio", "expected"], ascending=[True, False], na_position="first")
    frame = pd.DataFrame(
        {
            "cluster": pairs["cluster"].map(str).to_list(),
            "cluster_name": [ctx.cluster_name(str(c)) for c in pairs["cluster"]],
            "observed": pairs["observed"].to_numpy(),
            "expected": pairs["expected"].to_numpy(),
            "ratio": pairs["ratio"].to_numpy(),
        }
    )
    return Table("gaps", frame.reset_index(drop=True))


def excel_sheets(ctx: ReportContext, report: Report, home: str, *, org: str = "") -> list[Table]:
    """The data sheets of a report's workbook, in order."""
    ids = _subjects(ctx, home, org)
    peers = ctx.members(home) if home else ids
    sheets = [
        organizations_sheet(ctx, ids if not org else [org, *[p for p in peers if p != org]]),
        ties_sheet(ctx, ids, home),
        roles_sheet(ctx, peers if org else ids),
        gaps_sheet(ctx, home),
    ]
    try:
        partners = report.table("partners")
    except KeyError:
        partners = Table("partners", pd.DataFrame())
    sheets.append(Table("partners", partners.frame))
    return sheets
