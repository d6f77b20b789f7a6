"""A bundle as typed node and edge columns: what the GEXF and GraphML writers write.

Every organization is a node (id = its bundle id) and every tie an edge (id = the tie's
``id``; a tie without one gets ``tie:row<N>``, N its row in ties.csv with the header as
row 1), parallel ties staying separate edges.  The columns are the bundle's (those the CSV
export writes, :func:`loaders.writers.written_columns`), typed: text ``string``, years
``integer``, ``lat``/``lon``/``weight``/figures ``double``, ``directed`` ``boolean``; every
edge has ``directed``, and ``phase`` (the policy phase of ``since``).  Empty values are
left out (a reader sees no attribute), as are empty strings.  Metrics (the node columns of
``kizuna analyze``) are added by column, typed by their dtype.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from kizuna.graph.bundle import BOOL_COLUMNS, FLOAT_COLUMNS, YEAR_COLUMNS, Bundle
from kizuna.graph.errors import KizunaError
from kizuna.graph.model import phase_of

__all__ = ["Column", "GraphTables", "graph_tables", "tie_ids"]

#: Attribute types, as GEXF names them (GraphML: ``int`` for ``integer``).  ``long`` only
#: for an integer column with a value outside 32 bits (Gephi, Cytoscape and yEd read
#: ``integer``/``int`` as Java's 32-bit int).
TYPES = ("string", "integer", "long", "double", "boolean")
INT32 = 2**31 - 1


@dataclass(frozen=True)
class Column:
    """One attribute: its name, type and one value per element (None: no value)."""

    name: str
    type: str
    values: list[Any]


@dataclass(frozen=True)
class GraphTables:
    """Nodes and edges with their attributes; ``directed``: the one edge type of the file."""

    directed: bool
    node_ids: list[str]
    node_columns: list[Column]
    edge_ids: list[str]
    sources: list[str]
    targets: list[str]
    edge_columns: list[Column]
    degrees: list[int]

    def node_column(self, name: str) -> Column | None:
        return next((c for c in self.node_columns if c.name == name), None)

    def edge_column(self, name: str) -> Column | None:
        return next((c for c in self.edge_columns if c.name == name), None)


def _type_of(column: str, values: pd.Series) -> str:
    if column in BOOL_COLUMNS or values.dtype == bool:
        return "boolean"
    if column in YEAR_COLUMNS or pd.api.types.is_integer_dtype(values.dtype):
        return "integer"
    if column in FLOAT_COLUMNS or pd.api.types.is_float_dtype(values.dtype):
        return "double"
    return "string"


def _value(value: Any, kind: str) -> Any:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if kind == "string":
        if isinstance(value, list | tuple | np.ndarray):
            value = "|".join(map(str, value))
        text = str(value)
        return text or None
    if kind == "boolean":
        return bool(value)
    number = float(value)
    if math.isnan(number):
        return None
    return int(number) if kind in ("integer", "long") else number


def _column(name: str, values: pd.Series, kind: str | None = None) -> Column:
    kind = kind or _type_of(name, values)
    cells = [_value(v, kind) for v in values.to_numpy(dtype=object)]
    if kind == "integer" and any(v is not None and abs(v) > INT32 for v in cells):
        kind = "long"
    return Column(name, kind, cells)


def tie_ids(ties: pd.DataFrame) -> list[str]:
    """The edge id of every tie: its ``id``, else ``tie:row<N>`` (N: its ties.csv row).

    Raises
    ------
    KizunaError
        Two ties share an id.
    """
    given = ties["id"].to_numpy(dtype=object) if "id" in ties else [None] * len(ties)
    ids = [str(v) if isinstance(v, str) and v else f"tie:row{i + 2}" for i, v in enumerate(given)]
    if len(set(ids)) != len(ids):
        twice = next(i for i, n in Counter(ids).items() if n > 1)
        raise KizunaError(
            f"ties.csv: tie id '{twice}' is used twice; give every tie its own id "
            "(`kizuna load --check` lists them)"
        )
    return ids


def _columns_of(bundle: Bundle, table: str, skip: tuple[str, ...]) -> list[str]:
    from kizuna.loaders.writers import written_columns

    return [c for c in written_columns(bundle, table) if c not in skip]


def graph_tables(bundle: Bundle, metrics: pd.DataFrame | None = None) -> GraphTables:
    """The typed node and edge columns of ``bundle`` (and of ``metrics``, by node id).

    Parameters
    ----------
    bundle : Bundle
        The network.
    metrics : pandas.DataFrame, optional
        One row per organization with an ``id`` column (``NetworkAnalysis.nodes``); its
        columns not already in the bundle's nodes are added to the nodes.

    Returns
    -------
    GraphTables
        ``directed`` is True when any tie is directed.
    """
    nodes, ties = bundle.nodes, bundle.ties
    node_ids = [str(i) for i in nodes["id"]]
    node_names = _columns_of(bundle, "nodes", ("id",))
    node_columns = [_column(c, nodes[c]) for c in node_names]
    if metrics is not None:
        extra = metrics.drop_duplicates("id").set_index("id").reindex(node_ids)
        known = set(nodes.columns) | {"id"}
        node_columns += [
            _column(str(c), extra[c], _type_of(str(c), metrics[c]))  # dtype before reindex
            for c in extra.columns
            if c not in known
        ]
    edge_names = _columns_of(bundle, "ties", ("id", "source", "target", "directed"))
    directed = (
        ties["directed"].fillna(False).astype(bool)
        if "directed" in ties
        else pd.Series(False, index=ties.index)
    )
    edge_columns = [_column("directed", directed, "boolean")]
    edge_columns += [_column(c, ties[c]) for c in edge_names]
    since = ties["since"] if "since" in ties else pd.Series(None, index=ties.index)
    phases = [None if v is None or v is pd.NA else phase_of(int(v)) for v in since.astype(object)]
    edge_columns.append(Column("phase", "string", phases))
    sources = [str(s) for s in ties["source"]]
    targets = [str(t) for t in ties["target"]]
    index = {n: i for i, n in enumerate(node_ids)}
    degrees = np.bincount(
        [index[e] for e in (*sources, *targets) if e in index], minlength=len(node_ids)
    )
    return GraphTables(
        directed=bool(directed.any()),
        node_ids=node_ids,
        node_columns=node_columns,
        edge_ids=tie_ids(ties),
        sources=sources,
        targets=targets,
        edge_columns=edge_columns,
        degrees=[int(d) for d in degrees],
    )


def formatted(value: Any, kind: str) -> str:
    """A value as the text of an XML attribute or element (before escaping).

    >>> formatted(35.6586, "double"), formatted(2003, "integer"), formatted(True, "boolean")
    ('35.6586', '2003', 'true')
    """
    if kind == "boolean":
        return "true" if value else "false"
    if kind in ("integer", "long"):
        return str(int(value))
    if kind == "double":
        return repr(float(value))
    return str(value)
