"""Report sections built from analytics results: summary, roles, brokerage, SPOF, method.

Each function takes the :class:`reports.context.ReportContext` first and returns a
:class:`reports.model.Section`.  Network metrics are read from the analysis (never
recomputed here); sentences come from the catalogue's Jinja templates.
"""

from __future__ import annotations

import logging
import re
from typing import Any

import pandas as pd

from kizuna.graph import __version__
from kizuna.graph.model import PHASES, ROLE_BOUNDS, phase_of
from kizuna.reports.context import ReportContext, records
from kizuna.reports.i18n import Catalogue, fmt, jst, percent
from kizuna.reports.model import BulletList, Report, Section, Table
from kizuna.reports.sources import Citations, reference_titles

logger = logging.getLogger(__name__)

BROKER_ROLES: tuple[str, ...] = (
    "coordinator",
    "itinerant",
    "representative",
    "gatekeeper",
    "liaison",
)
CONFIDENCES: tuple[str, ...] = ("confirmed", "reported", "uncertain")
#: Rows of a long table shown on the page (HTML/PDF/Markdown); Excel has every row.
PAGE_ROWS = 40
ROLE_COLUMNS: tuple[str, ...] = (
    "degree",
    "participation",
    "within_module_z",
    "betweenness",
    "constraint",
    "effective_size",
)


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


# -- summary -------------------------------------------------------------------------------
def summary_section(
    ctx: ReportContext, ids: list[str], *, home: str, subject: str, subject_is_org: bool = False
) -> Section:
    """Members by kind and region, ties inside vs across, phase history, provenance.

    For an organization report (``subject_is_org``) the counts are of its own ties.
    """
    cat = ctx.cat
    sec = Section("summary", cat.t("section.summary"))
    if not subject_is_org:
        _add_members(sec, ctx, ids, subject)
    ties = ctx.ties_of(ids, home)
    counts = {s: int((ties["scope"] == s).sum()) for s in ("inside", "other", "unaffiliated")}
    if len(ties):
        key = "summary.ties" if len(ids) != 1 or not subject_is_org else "summary.org_ties"
        sec.paragraphs.append(cat.t(key, total=len(ties), **counts))
    else:
        sec.paragraphs.append(cat.t("summary.no_ties"))
        return sec
    sec.tables.append(
        Table(
            "scope",
            pd.DataFrame(
                {
                    "scope": [cat.label("scope", s) for s in counts],
                    "ties": list(counts.values()),
                }
            ),
        )
    )
    phases = _phase_table(ctx, ties)
    if ties["since"].isna().all():
        sec.paragraphs.append(cat.t("summary.no_years", total=len(ties)))
    else:
        sec.paragraphs.append(cat.t("summary.phases"))
        sec.tables.append(phases)
    _add_provenance(sec, cat, ties)
    return sec


def _add_members(sec: Section, ctx: ReportContext, ids: list[str], subject: str) -> None:
    """The members in a sentence (how many, in which regions), by kind and by region."""
    cat = ctx.cat
    nodes = ctx.metrics.loc[[i for i in ids if i in ctx.metrics.index]]
    regions = [cat.label("region", r) for r in nodes["region"].dropna().unique() if r]
    if ids:
        sec.paragraphs.append(
            cat.t("summary.members", name=subject, n=len(ids), regions=cat.join(regions))
        )
    else:
        sec.paragraphs.append(cat.t("summary.no_members", name=subject))
    kinds = nodes["kind"].value_counts()
    sec.tables.append(
        Table(
            "kinds",
            pd.DataFrame(
                {
                    "kind": [cat.label("kind", k) for k in kinds.index],
                    "count": kinds.to_numpy(dtype="int64"),
                }
            ),
        )
    )
    by_region = nodes["region"].fillna("").value_counts()
    if len(by_region) > 1:  # one region is said in the sentence above
        sec.tables.append(
            Table(
                "regions",
                pd.DataFrame(
                    {
                        "region": [cat.label("region", r or None) for r in by_region.index],
                        "count": by_region.to_numpy(dtype="int64"),
                    }
                ),
            )
        )


def _add_provenance(sec: Section, cat: Catalogue, ties: pd.DataFrame) -> None:
    """How sure the ties are (counts by confidence) and how many sources they cite."""
    conf = ties["confidence"].fillna("").map(str).str.strip()
    conf_counts = {c: int((conf == c).sum()) for c in CONFIDENCES}
    unstated = len(ties) - sum(conf_counts.values())
    refs = ties["source_ref"].dropna().map(str).str.strip()
    refs = refs[refs != ""]
    sec.paragraphs.append(
        cat.t("summary.provenance", unstated=unstated, sources=refs.nunique(), **conf_counts)
    )
    rows = [(cat.label("confidence", c), n) for c, n in conf_counts.items() if n]
    if unstated:
        rows.append((cat.label("confidence", None), unstated))
    sec.tables.append(
        Table(
            "provenance",
            pd.DataFrame(rows, columns=["confidence", "ties"]),
            empty_text=cat.t("summary.no_confidence"),
        )
    )


def _phase_table(ctx: ReportContext, ties: pd.DataFrame) -> Table:
    cat = ctx.cat
    since = ties["since"]
    phase = [
        "unknown"
        if pd.isna(y)
        else (phase_of(int(y)) or ("before" if int(y) < 2001 else "unknown"))
        for y in since
    ]
    frame = pd.DataFrame({"phase": phase, "inside": ties["scope"].eq("inside").to_numpy()})
    rows = []
    for key in ("before", *PHASES, "unknown"):
        part = frame[frame["phase"] == key]
        if key in PHASES:
            first, last = PHASES[key]
            years = f"{first}–{last}" if last else f"{first}–"
        elif len(part) == 0:
            continue
        else:
            years = "–2000" if key == "before" else ""
        inside = int(part["inside"].sum())
        rows.append((cat.label("phase", key), years, inside, len(part) - inside, len(part)))
    frame = pd.DataFrame(rows, columns=["phase", "years", "inside", "across", "total"])
    return Table("phases", frame)


# -- roles ---------------------------------------------------------------------------------
def roles_table(ctx: ReportContext, ids: list[str]) -> Table:
    """Guimerà–Amaral role and the centrality metrics of each organization in ``ids``."""
    cat = ctx.cat
    m = ctx.metrics.loc[[i for i in ids if i in ctx.metrics.index]]
    m = m.sort_values(["within_module_z", "degree"], ascending=False, kind="stable")
    frame = pd.DataFrame(
        {
            "id": m["id"].to_list(),
            "name": [ctx.name(i) for i in m["id"]],
            "kind": [cat.label("kind", k) for k in m["kind"]],
            "role": m["role"].to_list(),
            "role_name": [cat.label("role", r) for r in m["role"]],
        }
    )
    for col in ROLE_COLUMNS:
        frame[col] = m[col].to_numpy(dtype="float64")
    frame["degree"] = m["degree"].to_numpy(dtype="int64")
    frame["articulation_point"] = [
        cat.label("bool", "true" if bool(v) else "false") for v in m["articulation_point"]
    ]
    return Table("roles", frame, excel_only=("id",), page_limit=PAGE_ROWS)


def hub_sentences(ctx: ReportContext, roles: pd.DataFrame) -> list[str]:
    """Which members are hubs (z ≥ 2.5) and which spread their ties over many clusters."""
    cat = ctx.cat
    out = []
    hubs = roles[roles["role"].isin([role for role, hub, _, _ in ROLE_BOUNDS if hub])]
    if len(hubs):
        out.append(cat.t("hubs.some", names=cat.join(hubs["name"].to_list())))
    elif len(roles):
        top = roles.iloc[0]
        out.append(cat.t("hubs.none", top=top["name"], z=float(top["within_module_z"])))
    connector_p = next(high for role, _, _, high in ROLE_BOUNDS if role == "R2") / 100  # .62
    connectors = roles[roles["participation"].astype("float64") > connector_p]
    if len(connectors):
        out.append(cat.t("hubs.connectors", names=cat.join(connectors["name"].to_list())))
    return out


# -- brokerage -----------------------------------------------------------------------------
def brokerage_table(ctx: ReportContext, ids: list[str]) -> Table:
    """Gould–Fernandez counts of the organizations in ``ids`` that broker at all."""
    m = ctx.metrics.loc[[i for i in ids if i in ctx.metrics.index]]
    counts = m[list(BROKER_ROLES)].astype("int64")
    frame = pd.DataFrame({"id": m["id"].to_list(), "name": [ctx.name(i) for i in m["id"]]})
    for col in BROKER_ROLES:
        frame[col] = counts[col].to_numpy()
    frame["total"] = counts.sum(axis=1).to_numpy()
    frame = frame[frame["total"] > 0].sort_values("total", ascending=False, kind="stable")
    return Table(
        "brokerage", frame.reset_index(drop=True), excel_only=("id",), page_limit=PAGE_ROWS
    )


def brokerage_sentences(ctx: ReportContext, table: pd.DataFrame, cluster: str) -> list[str]:
    """The main broker of each brokerage role, then one sentence per other broker."""
    cat = ctx.cat
    if len(table) == 0:
        return [cat.t("broker.none", cluster=cluster)]
    out: list[str] = []
    mains: set[str] = set()
    for role in BROKER_ROLES:
        total = int(table[role].sum())
        if total == 0:
            continue
        top = table.sort_values(role, ascending=False, kind="stable").iloc[0]
        mains.add(str(top["id"]))
        out.append(
            cat.t(
                f"broker.main.{role}",
                name=top["name"],
                cluster=cluster,
                count=int(top[role]),
                share=percent(int(top[role]), total),
            )
        )
    for row in records(table):
        if row["id"] not in mains:
            out.append(org_brokerage_sentence(ctx, row))
    return out


def org_brokerage_sentence(ctx: ReportContext, row: dict[str, Any]) -> str:
    """One organization's brokerage in a sentence (its largest role and the total)."""
    cat = ctx.cat
    total = sum(_int(row[r]) for r in BROKER_ROLES)
    if total == 0:
        return cat.t("broker.org_none", name=row["name"])
    role = max(BROKER_ROLES, key=lambda r: _int(row[r]))
    return cat.t(
        "broker.org",
        name=row["name"],
        total=total,
        role=cat.label("broker", role),
        count=_int(row[role]),
    )


# -- single points of failure --------------------------------------------------------------
def spof_table(ctx: ReportContext, ids: list[str]) -> Table:
    """Rows of the analysis' single-point-of-failure audit for the organizations in ``ids``."""
    cat = ctx.cat
    spof = ctx.analysis.spof
    part = spof[spof["id"].map(str).isin(set(ids))]
    part = part.sort_values("separated_pairs", ascending=False, kind="stable")

    def regions(value: Any) -> str:
        if isinstance(value, str):
            items = [v for v in re.split(r"[|,;]\s*", value) if v]
        elif isinstance(value, list | tuple | set):
            items = [str(v) for v in value]
        else:
            items = []
        return cat.join([cat.label("region", r) for r in items]) if items else ""

    frame = pd.DataFrame(
        {
            "id": part["id"].map(str).to_list(),
            "name": [ctx.name(str(i)) for i in part["id"]],
            "separated_pairs": part["separated_pairs"].astype("int64").to_numpy(),
            "largest_cut": part["largest_cut"].astype("int64").to_numpy(),
            "regions_cut": [regions(v) for v in part["regions_cut"]],
        }
    )
    return Table(
        "spof", frame, empty_text=cat.t("spof.none"), excel_only=("id",), page_limit=PAGE_ROWS
    )


# -- sources ------------------------------------------------------------------------------
def sources_section(ctx: ReportContext, report: Report) -> Section:
    """Every source cited by the report's ties: document and place, and how many ties cite it."""
    cat = ctx.cat
    sec = Section("sources", cat.t("section.sources"))
    refs = ctx.ties_of(report_ids(ctx, report), _home(ctx, report))["source_ref"]
    cite = Citations(cat, reference_titles(ctx.bundle, cat.lang))
    frame = cite.sources_frame(refs)
    if frame.empty:
        sec.paragraphs.append(cat.t("sources.none"))
        return sec
    documents = cite.documents(frame["source_ref"])
    if documents:
        sec.lists.append(BulletList(documents, intro=cat.t("sources.documents")))
    sec.paragraphs.append(cat.t("sources.intro", n=len(frame)))
    sec.tables.append(Table("sources", frame, excel_only=("source_ref",)))
    return sec


def report_ids(ctx: ReportContext, report: Report) -> list[str]:
    """The organizations a report is about (the cluster's members, or the organization)."""
    if report.kind == "org":
        return [report.subject_id]
    return ctx.members(report.subject_id)


def _home(ctx: ReportContext, report: Report) -> str:
    if report.kind == "org":
        return ctx.node_cluster.get(report.subject_id, "")
    return report.subject_id


# -- method notes --------------------------------------------------------------------------
def method_section(ctx: ReportContext) -> Section:
    """Definitions, parameters, data snapshot and kizuna version."""
    cat = ctx.cat
    sec = Section("method", cat.t("section.method"))
    keys = ("method.graph", "method.roles", "method.pairs", "method.spof", "method.descriptive")
    sec.lists.append(BulletList([cat.t(k) for k in keys]))
    meta = ctx.analysis.meta
    comm = ctx.analysis.communities or {}
    bet = meta.get("betweenness")
    if isinstance(bet, dict):
        shown = ("method", "k", "sources", "seed", "sample")
        bet_text = ", ".join(f"{k}={v}" for k, v in bet.items() if k in shown)
    else:
        parts = [f"{k}={meta[k]}" for k in meta if str(k).startswith("betweenness")]
        bet_text = ", ".join(parts) or str(bet or "")
    comm_text = ", ".join(
        f"{k}={fmt(comm[k])}" for k in ("algorithm", "seed", "count", "modularity") if k in comm
    )
    rows = [
        ("param.version", str(meta.get("version") or __version__)),
        ("param.snapshot", ctx.snapshot or "—"),
        ("param.computed_at", jst(str(meta["computed_at"])) if meta.get("computed_at") else "—"),
        ("param.n", _int(meta.get("n", len(ctx.analysis.nodes)))),
        ("param.m", _int(meta.get("m", 0))),
        ("param.partition", cat.t("param.partition_value")),
        ("param.betweenness", bet_text or "—"),
        ("param.communities", comm_text or "—"),
    ]
    frame = pd.DataFrame(
        {
            "item": [cat.t(k) for k, _ in rows],
            "value": pd.Series([v for _, v in rows], dtype=object),
        }
    )
    sec.tables.append(Table("parameters", frame))
    return sec
