"""A bundle as a networkx MultiDiGraph, with every attribute kept.

Nodes are the organizations (attribute names = nodes.csv columns, missing cells left
out).  Each tie is one edge ``source → target`` keyed by the tie's identity
(:func:`graph.model.tie_keys`), whatever its direction: ``directed`` says whether
the direction means something, so an undirected tie is *not* duplicated in reverse.
Clusters, programs and participation rows go in ``G.graph`` (``clusters``, ``programs``:
id → attributes; ``participation``: list of rows), with ``present``.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from kizuna.graph.bundle import Bundle
from kizuna.graph.model import tie_keys
from kizuna.graph.upsert_plan import frame_props


def to_networkx(bundle: Bundle) -> nx.MultiDiGraph:
    """Build the MultiDiGraph of ``bundle``.

    Parameters
    ----------
    bundle : Bundle
        The network.

    Returns
    -------
    networkx.MultiDiGraph
        One node per organization, one edge per tie (key = tie identity).

    Examples
    --------
    >>> import pandas as pd
    >>> from kizuna.graph.bundle import Bundle, empty_frame
    >>> nodes = pd.concat([empty_frame("nodes"), pd.DataFrame(
    ...     {"id": ["a", "b"], "name": ["甲", "乙"], "kind": ["company", "bank"]})])
    >>> ties = pd.concat([empty_frame("ties"), pd.DataFrame(
    ...     {"source": ["a"], "target": ["b"], "kind": ["finance"], "directed": [True]})])
    >>> G = to_networkx(Bundle(nodes=nodes, ties=ties))
    >>> G.number_of_nodes(), G.number_of_edges(), G.nodes["a"]["name"]
    (2, 1, '甲')
    >>> list(G.edges(data="directed"))
    [('a', 'b', True)]
    """
    graph = nx.MultiDiGraph()
    graph.graph["present"] = sorted(bundle.present)
    graph.graph["clusters"] = {p["id"]: p for p in frame_props(bundle.clusters)}
    graph.graph["programs"] = {p["id"]: p for p in frame_props(bundle.programs)}
    graph.graph["participation"] = frame_props(bundle.participation)
    for props in frame_props(bundle.nodes):
        graph.add_node(props["id"], **props)
    for key, props in zip(tie_keys(bundle.ties), frame_props(bundle.ties), strict=True):
        attrs: dict[str, Any] = dict(props)
        source, target = attrs.pop("source"), attrs.pop("target")
        attrs.setdefault("directed", False)
        graph.add_edge(source, target, key=key, **attrs)
    return graph
