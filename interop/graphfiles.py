"""Write a bundle as a GEXF (Gephi) or GraphML (Cytoscape, yEd) file.

Both files hold every organization and tie with its attributes (:mod:`interop.tables`),
one edge type (directed when any tie is, each tie then saying ``directed`` true or false)
and, with ``metrics``, the node columns of ``kizuna analyze``.  Text is UTF-8; characters
XML 1.0 cannot hold become U+FFFD (:mod:`interop.xmltext`).
"""

from __future__ import annotations

import logging
from pathlib import Path

import pandas as pd

from kizuna.graph.bundle import Bundle
from kizuna.graph.errors import KizunaError
from kizuna.interop.gexf import gexf_lines
from kizuna.interop.graphml import graphml_lines
from kizuna.interop.tables import graph_tables

__all__ = ["GRAPH_FORMATS", "write_graph_file"]

log = logging.getLogger(__name__)

GRAPH_FORMATS = ("gexf", "graphml")


def write_graph_file(
    bundle: Bundle, out: str | Path, fmt: str, *, metrics: pd.DataFrame | None = None
) -> Path:
    """Write ``bundle`` to the file ``out`` as ``gexf`` or ``graphml``.

    Parameters
    ----------
    bundle : Bundle
        The network (read from a bundle or from the store).
    out : str or Path
        The file to write (parents are created).
    fmt : {"gexf", "graphml"}
    metrics : pandas.DataFrame, optional
        Node metrics with an ``id`` column (``NetworkAnalysis.nodes``), added as attributes.

    Returns
    -------
    Path
        The file written.

    Examples
    --------
    >>> from kizuna.loaders.readers import read_bundle  # doctest: +SKIP
    >>> write_graph_file(read_bundle("data/seed")[0], "seed.gexf", "gexf")  # doctest: +SKIP
    PosixPath('seed.gexf')
    """
    if fmt not in GRAPH_FORMATS:
        raise KizunaError(f"unknown graph format '{fmt}'; use one of {', '.join(GRAPH_FORMATS)}")
    path = Path(out)
    if path.is_dir():
        raise KizunaError(f"{path} is a folder; give a file name, e.g. {path / ('network.' + fmt)}")
    tables = graph_tables(bundle, metrics)
    lines = gexf_lines(bundle, tables) if fmt == "gexf" else graphml_lines(tables)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8", newline="\n") as fh:
        for line in lines:
            fh.write(line)
            fh.write("\n")
    tmp.replace(path)
    log.info("wrote %s: %d nodes, %d edges", path, len(tables.node_ids), len(tables.edge_ids))
    return path
