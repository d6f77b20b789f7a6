"""Build bundles for analytics tests from plain lists."""

from __future__ import annotations

import pandas as pd

from kizuna.graph.bundle import Bundle


def make_bundle(
    ids: list[str],
    clusters: list[str] | None = None,
    ties: list[tuple[str, str, str]] | None = None,
) -> Bundle:
    """nodes (id, name, kind, cluster) and ties (source, target, kind, directed as text)."""
    clusters = clusters if clusters is not None else [""] * len(ids)
    ties = ties or []
    nodes = pd.DataFrame(
        {"id": ids, "name": ids, "kind": ["company"] * len(ids), "cluster": clusters},
        dtype=object,
    )
    tie_frame = pd.DataFrame(
        {
            "source": [t[0] for t in ties],
            "target": [t[1] for t in ties],
            "kind": ["mou"] * len(ties),
            "directed": [t[2] for t in ties],
        },
        dtype=object,
    )
    return Bundle(nodes=nodes, ties=tie_frame)


def und(*pairs: str) -> list[tuple[str, str, str]]:
    """Undirected ties from 'a-b' strings."""
    return [(p.split("-")[0], p.split("-")[1], "") for p in pairs]


def arc(*pairs: str) -> list[tuple[str, str, str]]:
    """Directed ties from 'a>b' strings."""
    return [(p.split(">")[0], p.split(">")[1], "true") for p in pairs]
