"""GraphML for Cytoscape, yEd, igraph and networkx: typed keys, one edge type.

Keys are declared per attribute with ``attr.type`` ``string``, ``int`` (years and counts;
``long`` for a column with a value beyond 32 bits), ``double`` or ``boolean``; their ids
are ``n_<name>`` for nodes and ``e_<name>`` for edges.  An element without a value for a
key has no ``<data>`` for it (readers then show nothing, or their default: igraph
``""``/NaN/False).

The tie id is the edge's XML ``id`` and also an ``id`` attribute: igraph 1.0 fills its
``id`` edge attribute with node ids when it takes them from the XML (it then warns that an
``id`` attribute exists and keeps ours), networkx uses the XML ``id`` as the edge key.
"""

from __future__ import annotations

from collections.abc import Iterator

from kizuna.interop.tables import Column, GraphTables, formatted
from kizuna.interop.xmltext import xml_attr, xml_text

__all__ = ["graphml_lines"]

NS = "http://graphml.graphdrawing.org/xmlns"
_TYPE = {
    "string": "string",
    "integer": "int",
    "long": "long",
    "double": "double",
    "boolean": "boolean",
}


def _keys(prefix: str, domain: str, columns: list[Column]) -> Iterator[str]:
    for c in columns:
        yield (
            f'  <key id="{prefix}_{xml_attr(c.name)}" for="{domain}" '
            f'attr.name="{xml_attr(c.name)}" attr.type="{_TYPE[c.type]}"/>'
        )


def _data(prefix: str, columns: list[Column], i: int) -> Iterator[str]:
    for c in columns:
        v = c.values[i]
        if v is not None:
            yield (
                f'      <data key="{prefix}_{xml_attr(c.name)}">'
                f"{xml_text(formatted(v, c.type))}</data>"
            )


def graphml_lines(tables: GraphTables) -> Iterator[str]:
    """The lines of the GraphML document (without line ends)."""
    yield '<?xml version="1.0" encoding="UTF-8"?>'
    yield (
        f'<graphml xmlns="{NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        f'xsi:schemaLocation="{NS} {NS}/1.0/graphml.xsd">'
    )
    yield from _keys("n", "node", tables.node_columns)
    yield '  <key id="e_id" for="edge" attr.name="id" attr.type="string"/>'
    yield from _keys("e", "edge", tables.edge_columns)
    edge_type = "directed" if tables.directed else "undirected"
    yield f'  <graph id="kizuna" edgedefault="{edge_type}">'
    for i, node in enumerate(tables.node_ids):
        data = list(_data("n", tables.node_columns, i))
        if data:
            yield f'    <node id="{xml_attr(node)}">'
            yield from data
            yield "    </node>"
        else:
            yield f'    <node id="{xml_attr(node)}"/>'
    for i, edge in enumerate(tables.edge_ids):
        head = (
            f'    <edge id="{xml_attr(edge)}" source="{xml_attr(tables.sources[i])}" '
            f'target="{xml_attr(tables.targets[i])}"'
        )
        yield head + ">"
        yield f'      <data key="e_id">{xml_text(edge)}</data>'
        yield from _data("e", tables.edge_columns, i)
        yield "    </edge>"
    yield "  </graph>"
    yield "</graphml>"
