"""What a bundle should look like after GEXF/GraphML → networkx / igraph (test helpers).

The expected values are taken straight from the bundle's frames (not from the writer's
tables): every column the CSV export writes, empty values left out, text with the
characters XML 1.0 forbids replaced by U+FFFD.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from kizuna.graph.bundle import BOOL_COLUMNS, FLOAT_COLUMNS, YEAR_COLUMNS, Bundle
from kizuna.graph.model import phase_of
from kizuna.interop.xmltext import clean_text
from kizuna.loaders.writers import written_columns


def _value(column: str, value: Any) -> Any:
    if value is None or value is pd.NA:
        return None
    if column in BOOL_COLUMNS:
        return bool(value)
    if column in YEAR_COLUMNS:
        return int(value)
    if column in FLOAT_COLUMNS:
        return None if math.isnan(value) else float(value)
    if isinstance(value, float) and math.isnan(value):
        return None
    return clean_text(str(value)) or None


def _records(frame: pd.DataFrame, columns: list[str]) -> list[dict[str, Any]]:
    out = []
    for row in frame.to_dict("records"):
        values = {c: _value(c, row.get(c)) for c in columns}
        out.append({c: v for c, v in values.items() if v is not None})
    return out


def expected_nodes(bundle: Bundle) -> dict[str, dict[str, Any]]:
    """Node id → attributes."""
    columns = [c for c in written_columns(bundle, "nodes") if c != "id"]
    ids = [clean_text(str(i)) for i in bundle.nodes["id"]]
    return dict(zip(ids, _records(bundle.nodes, columns), strict=True))


def expected_edges(bundle: Bundle) -> dict[str, tuple[str, str, dict[str, Any]]]:
    """Edge id → (source, target, attributes incl. ``directed`` and ``phase``)."""
    ties = bundle.ties
    columns = [c for c in written_columns(bundle, "ties") if c not in ("id", "source", "target")]
    if "directed" not in columns:
        columns.append("directed")
    out = {}
    for i, attrs in enumerate(_records(ties, columns)):
        tie_id = ties["id"].iat[i] if "id" in ties else None
        key = clean_text(tie_id) if isinstance(tie_id, str) and tie_id else f"tie:row{i + 2}"
        attrs.setdefault("directed", False)
        phase = phase_of(attrs.get("since"))
        if phase is not None:
            attrs["phase"] = phase
        source, target = (clean_text(str(ties[e].iat[i])) for e in ("source", "target"))
        out[key] = (source, target, attrs)
    return out


def nx_nodes(graph: Any, drop: tuple[str, ...] = ()) -> dict[str, dict[str, Any]]:
    return {
        n: {k: v for k, v in data.items() if k not in drop} for n, data in graph.nodes(data=True)
    }


def nx_edges(graph: Any, drop: tuple[str, ...] = ()) -> dict[str, tuple[str, str, dict]]:
    """Edge key → (source, target, data); a simple graph (read_gexf without parallel
    edges) is keyed by the ``id`` networkx keeps in the data."""
    if graph.is_multigraph():
        triples = [(s, t, k, d) for s, t, k, d in graph.edges(keys=True, data=True)]
    else:
        triples = [(s, t, d["id"], d) for s, t, d in graph.edges(data=True)]
    return {key: (s, t, {k: v for k, v in d.items() if k not in drop}) for s, t, key, d in triples}


def _igraph_value(value: Any) -> Any:
    """igraph's stand-in for a missing value (``""`` / NaN) as None; numbers as float."""
    if value == "" or value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, bool | str):
        return value
    return float(value)


def igraph_ids(graph: Any) -> list[str]:
    """igraph's node ids.  igraph 1.0 (libxml2 without entity substitution) returns ``&``
    in an XML attribute value as ``&#38;`` (only ``&``; ``&lt;`` and ``&quot;`` come back
    decoded), so node ids with ``&`` differ there; undone here."""
    return [i.replace("&#38;", "&") for i in graph.vs["id"]]


def igraph_nodes(graph: Any) -> dict[str, dict[str, Any]]:
    names = [a for a in graph.vs.attributes() if a != "id"]
    return {
        node: {a: _igraph_value(v[a]) for a in names if _igraph_value(v[a]) is not None}
        for node, v in zip(igraph_ids(graph), graph.vs, strict=True)
    }


def igraph_edges(graph: Any) -> dict[str, tuple[str, str, dict[str, Any]]]:
    names = [a for a in graph.es.attributes() if a != "id"]
    ids = igraph_ids(graph)
    out = {}
    for e in graph.es:
        attrs = {a: _igraph_value(e[a]) for a in names}
        # igraph has no missing boolean: False stands for it (only `directed` is boolean)
        out[e["id"]] = (
            ids[e.source],
            ids[e.target],
            {a: v for a, v in attrs.items() if v is not None},
        )
    return out


def as_igraph_values(expected: dict[str, Any]) -> dict[str, Any]:
    """Expected attributes as igraph holds them: numbers as float."""
    return {
        k: (float(v) if isinstance(v, int | float) and not isinstance(v, bool) else v)
        for k, v in expected.items()
    }
