"""What every report section needs: the bundle, its analysis, names and the catalogue."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Protocol

import pandas as pd

from kizuna.graph.bundle import Bundle
from kizuna.reports.i18n import Catalogue

#: ``suggest_partners(bundle, *, org=None, cluster=None, k=10, analysis=None)``
PartnerFinder = Callable[..., pd.DataFrame]


class AnalysisLike(Protocol):
    """The part of :class:`analytics.api.NetworkAnalysis` the reports read."""

    nodes: pd.DataFrame
    cluster_pairs: pd.DataFrame
    spof: pd.DataFrame
    communities: dict[str, Any]
    meta: dict[str, Any]


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows of a frame as plain dicts keyed by column name."""
    return [{str(k): v for k, v in row.items()} for row in frame.to_dict("records")]


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value).strip()


@dataclass
class ReportContext:
    """Shared lookups for one report: display names, clusters of organizations, ties."""

    bundle: Bundle
    analysis: AnalysisLike
    cat: Catalogue
    snapshot: str = ""

    def __post_init__(self) -> None:
        nodes = self.bundle.nodes
        self.node_cluster: dict[str, str] = {
            _text(i): _text(c) for i, c in zip(nodes["id"], nodes["cluster"], strict=True)
        }
        english = self.cat.lang == "en"
        self.node_name: dict[str, str] = {}
        for row in nodes[["id", "name", "name_en"]].itertuples(index=False):
            name = _text(row.name_en) if english and _text(row.name_en) else _text(row.name)
            self.node_name[_text(row.id)] = name or _text(row.id)
        self.cluster_row: dict[str, dict[str, Any]] = {}
        for rec in records(self.bundle.clusters):
            self.cluster_row[_text(rec["id"])] = rec
        metrics = self.analysis.nodes.copy()
        metrics["id"] = metrics["id"].map(_text)
        metrics["cluster"] = metrics["id"].map(self.node_cluster).fillna("")
        self.metrics = metrics.set_index("id", drop=False)

    # -- names ---------------------------------------------------------------------------
    def name(self, node_id: str) -> str:
        return self.node_name.get(node_id, node_id)

    def cluster_name(self, cluster_id: str) -> str:
        if not cluster_id:
            return self.cat.t("no_cluster")
        row = self.cluster_row.get(cluster_id)
        if row is None:
            return cluster_id
        if self.cat.lang == "en" and _text(row.get("name_en")):
            return _text(row.get("name_en"))
        return _text(row.get("name")) or cluster_id

    # -- selections ----------------------------------------------------------------------
    def members(self, cluster_id: str) -> list[str]:
        """Ids of the organizations of a cluster, in bundle order."""
        return [i for i, c in self.node_cluster.items() if c == cluster_id]

    def ties_of(self, ids: list[str], home: str) -> pd.DataFrame:
        """Bundle ties with at least one end in ``ids``, with a ``scope`` column.

        ``scope`` is ``inside`` (both ends in cluster ``home``), ``other`` (the far end is in
        another cluster) or ``unaffiliated`` (the far end has no cluster); ``far`` is the id
        of the far end and ``far_cluster`` its cluster.
        """
        ties = self.bundle.ties
        idset = set(ids)
        src, tgt = self._ends
        mask = src.isin(idset) | tgt.isin(idset)
        out = ties[mask].copy()
        src, tgt = src[mask], tgt[mask]
        near_is_src = src.isin(idset)
        out["near"] = src.where(near_is_src, tgt)
        out["far"] = tgt.where(near_is_src, src)
        out["far_cluster"] = out["far"].map(self.node_cluster).fillna("")
        scope = pd.Series("other", index=out.index, dtype=object)
        if home:
            scope[out["far_cluster"].eq(home)] = "inside"
        scope[out["far_cluster"].eq("")] = "unaffiliated"
        out["scope"] = scope
        return out.reset_index(drop=True)

    @cached_property
    def _ends(self) -> tuple[pd.Series, pd.Series]:
        ties = self.bundle.ties
        return ties["source"].map(_text), ties["target"].map(_text)

    def partner_finder(self) -> PartnerFinder:
        from kizuna.analytics.api import suggest_partners

        finder: PartnerFinder = suggest_partners
        return finder
