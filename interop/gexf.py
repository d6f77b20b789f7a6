"""GEXF 1.3 for Gephi: attributes, viz (colour by cluster, size by degree, the app's layout)
and time (edges start in ``since`` and end in ``until``, integer years).

Time is written as integer years (``timeformat="integer"``): the bundle's years are whole
years, Gephi's timeline plays them as they are, and readers get the year back as a number.
An edge is active from the start of ``since`` to the end of ``until``; a tie without
``since`` has no start (always active before), one without ``until`` no end.  Nodes carry
no time (always present).  Every tie is an edge whose XML ``kind`` is the tie kind, so
Gephi keeps parallel ties of different kinds apart.
"""

from __future__ import annotations

import colorsys
import math
from collections.abc import Iterator
from datetime import date

from kizuna.analytics.layout import NO_CLUSTER, groups_of, node_positions
from kizuna.graph import __version__
from kizuna.graph.bundle import Bundle
from kizuna.graph.model import CLUSTER_PALETTE
from kizuna.interop.tables import Column, GraphTables, formatted
from kizuna.interop.xmltext import xml_attr

__all__ = ["PALETTE", "cluster_colours", "gexf_lines"]

NS = "http://gexf.net/1.3"
NS_VIZ = "http://gexf.net/1.3/viz"
#: The clusters' colours, as in the app (graph.model).
PALETTE: tuple[str, ...] = CLUSTER_PALETTE
NO_CLUSTER_COLOUR = "#9a9a9a"
#: Layout coordinates (radius about 1 per cluster disc) are multiplied by this.
POSITION_SCALE = 500.0


def cluster_colours(bundle: Bundle) -> dict[str, str]:
    """A distinct colour for every cluster: declared clusters first, then the others by
    first appearance among the organizations; the app's :data:`PALETTE` for the first 20
    (the app repeats it after that), then :func:`more_colours`; grey for organizations
    without a cluster."""
    declared = bundle.clusters["id"].dropna().tolist() if len(bundle.clusters) else []
    members = bundle.nodes["cluster"].dropna().tolist() if "cluster" in bundle.nodes else []
    order = list(dict.fromkeys([*declared, *members]))
    colours = dict(zip(order, more_colours(), strict=False))
    colours[NO_CLUSTER] = NO_CLUSTER_COLOUR
    return colours


def more_colours() -> Iterator[str]:
    """:data:`PALETTE`, then hues spread by the golden angle at three lightness and two
    saturation levels, each colour once (never the no-cluster grey)."""
    seen = {NO_CLUSTER_COLOUR.upper()}
    for colour in PALETTE:
        seen.add(colour.upper())
        yield colour
    k = 0
    while True:
        hue = (k * 0.618033988749895) % 1.0
        light = (0.38, 0.55, 0.70)[k % 3]
        sat = (0.85, 0.65)[(k // 3) % 2]
        r, g, b = colorsys.hls_to_rgb(hue, light, sat)
        colour = f"#{round(r * 255):02X}{round(g * 255):02X}{round(b * 255):02X}"
        k += 1
        if colour not in seen:
            seen.add(colour)
            yield colour


def node_size(degree: int) -> float:
    """Gephi node size: 4 for an isolated organization, growing with √degree."""
    return round(4.0 + 3.0 * math.sqrt(degree), 3)


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return int(hex_colour[1:3], 16), int(hex_colour[3:5], 16), int(hex_colour[5:7], 16)


def _attribute_block(cls: str, columns: list[Column]) -> Iterator[str]:
    yield f'    <attributes class="{cls}" mode="static">'
    for c in columns:
        name = xml_attr(c.name)
        yield f'      <attribute id="{name}" title="{name}" type="{c.type}"/>'
    yield "    </attributes>"


def _attvalues(columns: list[Column], i: int, indent: str) -> Iterator[str]:
    values = [(c, c.values[i]) for c in columns if c.values[i] is not None]
    if not values:
        return
    yield f"{indent}<attvalues>"
    for c, v in values:
        yield (
            f'{indent}  <attvalue for="{xml_attr(c.name)}" '
            f'value="{xml_attr(formatted(v, c.type))}"/>'
        )
    yield f"{indent}</attvalues>"


def gexf_lines(bundle: Bundle, tables: GraphTables) -> Iterator[str]:
    """The lines of the GEXF document (without line ends)."""
    groups = groups_of(bundle.nodes)
    positions = node_positions(groups, bundle.ties).to_numpy(dtype=float) * POSITION_SCALE
    group_of = [str(g) for g in groups]
    colours = cluster_colours(bundle)
    edge_type = "directed" if tables.directed else "undirected"
    yield '<?xml version="1.0" encoding="UTF-8"?>'
    # no xsi:schemaLocation: GEXF 1.3's RELAX NG grammar (the normative one) does not
    # allow it, and its XSD rejects valid viz elements
    yield f'<gexf xmlns="{NS}" xmlns:viz="{NS_VIZ}" version="1.3">'
    yield f'  <meta lastmodifieddate="{date.today().isoformat()}">'
    yield f"    <creator>kizuna {xml_attr(__version__)}</creator>"
    yield "    <description>organizations and ties of the industrial clusters</description>"
    yield "  </meta>"
    yield (
        f'  <graph defaultedgetype="{edge_type}" mode="dynamic" timeformat="integer" '
        'timerepresentation="interval">'
    )
    yield from _attribute_block("node", tables.node_columns)
    edge_columns = [c for c in tables.edge_columns if c.name != "weight"]
    yield from _attribute_block("edge", edge_columns)
    yield "    <nodes>"
    name = tables.node_column("name")
    for i, node in enumerate(tables.node_ids):
        label = name.values[i] if name is not None and name.values[i] is not None else node
        yield f'      <node id="{xml_attr(node)}" label="{xml_attr(label)}">'
        yield from _attvalues(tables.node_columns, i, "        ")
        r, g, b = _rgb(colours.get(group_of[i], NO_CLUSTER_COLOUR))
        yield f'        <viz:color r="{r}" g="{g}" b="{b}" a="1.0"/>'
        x, y = float(positions[i, 0]), float(positions[i, 1])
        yield f'        <viz:position x="{x!r}" y="{y!r}" z="0.0"/>'
        yield f'        <viz:size value="{node_size(tables.degrees[i])!r}"/>'
        yield "      </node>"
    yield "    </nodes>"
    yield "    <edges>"
    weight = tables.edge_column("weight")
    since, until, kind = (tables.edge_column(c) for c in ("since", "until", "kind"))
    for i, edge in enumerate(tables.edge_ids):
        head = (
            f'      <edge id="{xml_attr(edge)}" source="{xml_attr(tables.sources[i])}" '
            f'target="{xml_attr(tables.targets[i])}"'
        )
        if kind is not None and kind.values[i] is not None:
            head += f' kind="{xml_attr(kind.values[i])}"'
        if weight is not None and weight.values[i] is not None:
            head += f' weight="{formatted(weight.values[i], "double")}"'
        if since is not None and since.values[i] is not None:
            head += f' start="{since.values[i]}"'
        if until is not None and until.values[i] is not None:
            head += f' end="{until.values[i]}"'
        body = list(_attvalues(edge_columns, i, "        "))
        if body:
            yield head + ">"
            yield from body
            yield "      </edge>"
        else:
            yield head + "/>"
    yield "    </edges>"
    yield "  </graph>"
    yield "</gexf>"
