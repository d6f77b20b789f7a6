"""Build report documents (:class:`reports.model.Report`) from a bundle and its analysis.

Examples
--------
>>> from kizuna.analytics.api import analyze                        # doctest: +SKIP
>>> report = build_cluster_report(bundle, "tama", lang="ja")  # doctest: +SKIP
>>> [s.key for s in report.sections]                          # doctest: +SKIP
['summary', 'hubs', 'brokerage', 'spof', 'cross', 'partners', 'national', 'method', 'sources']
"""

from __future__ import annotations

import difflib
import logging
import unicodedata
from datetime import UTC, datetime

from kizuna.graph import __version__
from kizuna.graph.bundle import Bundle
from kizuna.graph.errors import KizunaError
from kizuna.graph.geo import prefectures
from kizuna.plots.geo import bundle_cluster_places
from kizuna.reports import sections as S
from kizuna.reports.context import AnalysisLike, PartnerFinder, ReportContext
from kizuna.reports.cross import cross_section, org_ties_section, partners_section
from kizuna.reports.figures import national_figure, pz_figure
from kizuna.reports.findings import key_findings, key_numbers
from kizuna.reports.i18n import Catalogue, jst
from kizuna.reports.model import BulletList, Report, Section, Table
from kizuna.reports.sheets import excel_sheets

logger = logging.getLogger(__name__)


class ReportError(KizunaError):
    """A report cannot be made (unknown cluster or organization id)."""


def _context(
    bundle: Bundle,
    analysis: AnalysisLike | None,
    lang: str,
    snapshot: str,
    partners: PartnerFinder | None,
) -> ReportContext:
    if analysis is None:
        from kizuna.analytics.api import analyze

        analysis = analyze(bundle)
    ctx = ReportContext(bundle=bundle, analysis=analysis, cat=Catalogue(lang), snapshot=snapshot)
    if partners is not None:
        ctx.partner_finder = lambda: partners  # type: ignore[method-assign]
    return ctx


def _national(ctx: ReportContext, cluster_id: str, subject: str) -> Section:
    cat = ctx.cat
    sec = Section("national", cat.t("section.national"))
    places = bundle_cluster_places(ctx.bundle)
    names = {str(c): ctx.cluster_name(str(c)) for c in places.index}
    members = ctx.bundle.nodes[ctx.bundle.nodes["cluster"].map(str) == cluster_id]
    prefs = [p for p in members["prefecture"].dropna().map(str).unique() if p]
    region = ctx.cluster_row.get(cluster_id, {}).get("region")
    if not prefs and isinstance(region, str):  # no member's prefecture known: its region
        prefs = [p.name for p in prefectures() if p.region == region]
    sec.figures.append(
        national_figure(
            places,
            ctx.analysis.cluster_pairs,
            cluster_id,
            cat=cat,
            caption=cat.t("national.caption", name=subject),
            cluster_names=names,
            prefectures_of_highlight=prefs,
        )
    )
    return sec


def _meta(ctx: ReportContext) -> dict[str, object]:
    return {
        "version": __version__,
        "snapshot": ctx.snapshot,
        "created": jst(datetime.now(UTC)),
        "analysis": dict(ctx.analysis.meta),
    }


def _field(cat: Catalogue, value: object) -> str:
    """The cluster's field as the data gives it (translated when the catalogue knows it)."""
    text = str(value).strip() if isinstance(value, str) else ""
    return cat.label("field", text) if text else ""


def _finish(report: Report, ctx: ReportContext, home: str, *, org: str = "") -> Report:
    """Findings, sources, Excel sheets, dates: what every report ends with."""
    report.sections.append(S.method_section(ctx))
    report.sections.append(S.sources_section(ctx, report))
    report.findings = key_findings(ctx, report, home, org=org)
    report.glance = key_numbers(ctx, report, home, org=org)
    report.sheets = excel_sheets(ctx, report, home, org=org)
    report.data_date = ctx.snapshot
    report.meta = _meta(ctx)
    return report


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def similar_ids(query: str, ids: list[str], names: list[str], *, n: int = 5) -> list[str]:
    """Ids close to ``query``: its text inside an id or name (NFKC, case-insensitive), else
    ids that look alike (difflib).

    Examples
    --------
    >>> similar_ids("tama", ["body_tama", "kg_body"], ["TAMA協会", "KANSAI"])
    ['body_tama']
    """
    folded = _fold(query)
    inside = [i for i, name in zip(ids, names, strict=True) if folded in _fold(i + " " + name)]
    if inside:
        return inside[:n]
    return difflib.get_close_matches(query, ids, n=n, cutoff=0.6)


def known_clusters(bundle: Bundle) -> list[str]:
    """Cluster ids of the bundle: clusters.csv first, then any other ``cluster`` value."""
    ids = [str(c).strip() for c in bundle.clusters["id"].dropna()]
    for value in bundle.nodes["cluster"].dropna():
        text = str(value).strip()
        if text and text not in ids:
            ids.append(text)
    return ids


def build_cluster_report(
    bundle: Bundle,
    cluster_id: str,
    *,
    lang: str = "ja",
    analysis: AnalysisLike | None = None,
    partners: PartnerFinder | None = None,
    snapshot: str = "",
) -> Report:
    """The hub-role report of one cluster.

    Parameters
    ----------
    bundle : Bundle
        The network.
    cluster_id : str
        Id of the cluster (``clusters.csv`` id or a ``cluster`` value of nodes.csv).
    lang : {"ja", "en"}
        Report language.
    analysis : NetworkAnalysis, optional
        Precomputed ``analytics.api.analyze(bundle)`` (computed when omitted).
    partners : callable, optional
        Partner finder with the signature of ``analytics.api.suggest_partners``.
    snapshot : str
        The data date (the store's last load or the bundle files' time, in JST), shown
        on page 1, in the footer and in the method notes.

    Returns
    -------
    Report
        Page 1's findings, then sections summary, hubs, brokerage, spof, cross, partners,
        national, method, sources.

    Raises
    ------
    ReportError
        When the bundle has no cluster ``cluster_id``.
    """
    known = known_clusters(bundle)
    if cluster_id not in known:
        by_id = dict(zip(bundle.clusters["id"].map(str), bundle.clusters["name"], strict=True))
        names = [str(by_id.get(c) or "") for c in known]
        hint = similar_ids(cluster_id, known, names) or known[:20]
        raise ReportError(
            f"There is no cluster {cluster_id!r} in the data. "
            f"Known clusters: {', '.join(hint) or 'none'}."
        )
    ctx = _context(bundle, analysis, lang, snapshot, partners)
    cat = ctx.cat
    name = ctx.cluster_name(cluster_id)
    row = ctx.cluster_row.get(cluster_id, {})
    ids = ctx.members(cluster_id)
    ja, en = str(row.get("name") or "").strip(), str(row.get("name_en") or "").strip()
    report = Report(
        kind="cluster",
        subject_id=cluster_id,
        title=cat.t("report.title.cluster", name=name),
        lang=lang,
        subtitle=cat.t(
            "report.subtitle.cluster",
            id=cluster_id,
            region=cat.label("region", row.get("region")) if row.get("region") else "",
            field=_field(cat, row.get("field")),
        ),
        other_name=(ja if lang == "en" else en) if ja and en and ja != en else "",
        footer=name,
    )
    report.sections.append(S.summary_section(ctx, ids, home=cluster_id, subject=name))
    report.sections.append(_hubs_section(ctx, ids, name))
    report.sections.append(_brokerage_section(ctx, ids, name))
    report.sections.append(_spof_section(ctx, ids))
    report.sections.append(cross_section(ctx, cluster_id))
    report.sections.append(partners_section(ctx, cluster=cluster_id))
    report.sections.append(_national(ctx, cluster_id, name))
    return _finish(report, ctx, cluster_id)


def build_org_report(
    bundle: Bundle,
    org_id: str,
    *,
    lang: str = "ja",
    analysis: AnalysisLike | None = None,
    partners: PartnerFinder | None = None,
    snapshot: str = "",
) -> Report:
    """The hub-role report of one organization, centred on it within its cluster.

    Parameters and Returns as :func:`build_cluster_report`; sections profile, summary,
    org_ties, brokerage, spof, cross, partners, national, method, sources.
    """
    ids = [str(i).strip() for i in bundle.nodes["id"]]
    if org_id not in ids:
        names = [str(n) for n in bundle.nodes["name"]]
        hint = similar_ids(org_id, ids, names)
        raise ReportError(
            f"There is no organization {org_id!r} in the data; use the id column of nodes.csv"
            + (f". Did you mean: {', '.join(hint)}?" if hint else ".")
        )
    ctx = _context(bundle, analysis, lang, snapshot, partners)
    cat = ctx.cat
    name = ctx.name(org_id)
    home = ctx.node_cluster.get(org_id, "")
    metrics = ctx.metrics.loc[org_id]
    node = bundle.nodes[bundle.nodes["id"].map(str) == org_id].iloc[0]
    ja, en = str(node.get("name") or "").strip(), str(node.get("name_en") or "").strip()
    if en == "nan":
        en = ""
    report = Report(
        kind="org",
        subject_id=org_id,
        title=cat.t("report.title.org", name=name),
        lang=lang,
        subtitle=cat.t(
            "report.subtitle.org",
            id=org_id,
            kind=cat.label("kind", metrics["kind"]),
            cluster=ctx.cluster_name(home),
        ),
        other_name=(ja if lang == "en" else en) if ja and en and ja != en else "",
        footer=name,
    )
    peers = ctx.members(home) if home else [org_id]
    report.sections.append(_profile_section(ctx, org_id, peers, name))
    report.sections.append(
        S.summary_section(ctx, [org_id], home=home, subject=name, subject_is_org=True)
    )
    report.sections.append(org_ties_section(ctx, org_id, home))
    report.sections.append(_org_brokerage_section(ctx, org_id, peers, name))
    report.sections.append(_org_spof_section(ctx, org_id, name))
    report.sections.append(cross_section(ctx, home, ids=[org_id], subject=name))
    report.sections.append(partners_section(ctx, org=org_id))
    report.sections.append(_national(ctx, home, ctx.cluster_name(home)))
    return _finish(report, ctx, home, org=org_id)


def _hubs_section(ctx: ReportContext, ids: list[str], name: str) -> Section:
    """The members' hub roles: sentences, the role table and the P–z figure."""
    cat = ctx.cat
    hubs = Section("hubs", cat.t("section.hubs"), paragraphs=[cat.t("hubs.intro")])
    roles = S.roles_table(ctx, ids)
    hubs.paragraphs.extend(S.hub_sentences(ctx, roles.frame))
    hubs.tables.append(roles)
    hubs.figures.append(
        pz_figure(
            ctx.metrics,
            ids,
            cat=cat,
            caption=cat.t("pz.caption", name=name),
            names=ctx.node_name,
        )
    )
    return hubs


def _brokerage_section(ctx: ReportContext, ids: list[str], name: str) -> Section:
    """The members' brokerage roles: sentences and (when any) the table."""
    cat = ctx.cat
    broker = Section("brokerage", cat.t("section.brokerage"), paragraphs=[cat.t("broker.intro")])
    btable = S.brokerage_table(ctx, ids)
    broker.lists.append(BulletList(S.brokerage_sentences(ctx, btable.frame, name)))
    if not btable.empty:
        broker.tables.append(btable)
    return broker


def _spof_section(ctx: ReportContext, ids: list[str]) -> Section:
    """The members that are single points of failure, if any."""
    cat = ctx.cat
    spof = Section("spof", cat.t("section.spof"))
    stable = S.spof_table(ctx, ids)
    if stable.empty:
        spof.paragraphs.append(cat.t("spof.none"))
    else:
        spof.paragraphs.append(cat.t("spof.some", n=len(stable.frame)))
        spof.tables.append(stable)
    return spof


def _profile_section(ctx: ReportContext, org_id: str, peers: list[str], name: str) -> Section:
    """The organization's metrics as a two-column table and its place among its peers on
    the P–z plane."""
    cat = ctx.cat
    profile = Section("profile", cat.t("section.profile"), paragraphs=[cat.t("hubs.intro")])
    roles = S.roles_table(ctx, [org_id])
    long = roles.frame.drop(columns=["id"]).T.reset_index()
    long.columns = ["metric", "value"]
    long["metric"] = [cat.column(c) for c in long["metric"]]
    long["value"] = long["value"].astype(object)
    profile.tables.append(Table("profile", long))
    profile.figures.append(
        pz_figure(
            ctx.metrics,
            peers,
            cat=cat,
            caption=cat.t("pz.caption_org", name=name),
            focus=org_id,
            names=ctx.node_name,
        )
    )
    return profile


def _org_brokerage_section(ctx: ReportContext, org_id: str, peers: list[str], name: str) -> Section:
    """The organization's brokerage counts in a sentence, and its peers' table."""
    cat = ctx.cat
    metrics = ctx.metrics.loc[org_id]
    broker = Section("brokerage", cat.t("section.brokerage"), paragraphs=[cat.t("broker.intro")])
    brow = {"name": name, **{r: metrics[r] for r in S.BROKER_ROLES}}
    broker.paragraphs.append(S.org_brokerage_sentence(ctx, brow))
    btable = S.brokerage_table(ctx, peers)
    if not btable.empty:
        broker.tables.append(btable)
    return broker


def _org_spof_section(ctx: ReportContext, org_id: str, name: str) -> Section:
    """Whether the organization is a single point of failure, and what it holds together."""
    cat = ctx.cat
    spof = Section("spof", cat.t("section.spof"))
    stable = S.spof_table(ctx, [org_id])
    if stable.empty:
        spof.paragraphs.append(cat.t("spof.org_no", name=name))
    else:
        pairs = int(stable.frame["separated_pairs"].iloc[0])
        spof.paragraphs.append(cat.t("spof.org_yes", name=name, pairs=pairs))
        spof.tables.append(stable)
    return spof
