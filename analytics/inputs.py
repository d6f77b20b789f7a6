"""A bundle file read for analysis: every tie row, lean on big inputs, in id order.

``kizuna analyze --input`` and ``kizuna partners --input`` read through
:func:`read_input`; :func:`slim` drops the tie columns the analysis does not use, whatever
the bundle came from (a file or the store).
"""

from __future__ import annotations

import gc
import logging
from pathlib import Path

import numpy as np

from kizuna.graph.bundle import Bundle

log = logging.getLogger(__name__)

#: Inputs at least this big (bytes on disk, ~750k ties) are read lean by ``analyze``.
LEAN_MIN_BYTES = 64 * 2**20

#: Node columns a lean read keeps: the ones the analysis and its output use.
NODE_COLUMNS = ("id", "name", "name_en", "kind", "cluster", "region", "prefecture", "lat", "lon")

#: Tie columns the analysis reads; the rest is dropped before analysing (memory at 1M).
TIE_COLUMNS = (
    "source",
    "target",
    "kind",
    "directed",
    "weight",
    "since",
    "until",
    "confidence",
    "program",
)


def input_bytes(path: str | Path) -> int:
    """:func:`kizuna.loaders.readers.bundle_bytes`: the bytes a read of ``path`` reads."""
    from kizuna.loaders.readers import bundle_bytes

    return bundle_bytes(Path(path))


def read_for_analysis(path: str | Path) -> Bundle:
    """Read ``path`` as ``kizuna analyze --input`` does: lean when big, then slim.

    :func:`read_input`, lean from :data:`LEAN_MIN_BYTES` on, then :func:`slim`.
    """
    return slim(read_input(path, lean=input_bytes(path) >= LEAN_MIN_BYTES))


def read_input(path: str | Path, *, lean: bool = False) -> Bundle:
    """Read a bundle for analysis: fatal structural errors raise, the rest are warnings.

    ``loaders.open_bundle(path, strict=False, repeated_ties="keep")``: the contract reads
    every tie row, and two rows with one identity (source, target, kind,
    since) may differ in ``directed``, which changes the digraph.

    ``lean`` (for ``analyze`` on inputs of ``LEAN_MIN_BYTES`` or more) reads only the
    node and tie columns the analysis uses (plus the tie ``id``, for the repeated-tie
    check), with the tie endpoints as shared strings: the other columns are not checked,
    and a warning says so.  Fatal checks and the metrics are the same.

    The organizations come in :func:`canonical_order` (by id), as from the store.
    """
    path = Path(path)
    from kizuna.loaders import open_bundle

    columns = {"nodes": NODE_COLUMNS, "ties": ("id", *TIE_COLUMNS)} if lean else None
    bundle = open_bundle(path, strict=False, repeated_ties="keep", columns=columns)
    gc.collect()
    if lean:
        unread = {
            t: [c for c in bundle.source_columns.get(t, ()) if c not in cols]
            for t, cols in (columns or {}).items()
        }
        log.info("lean read of %s: columns not read: %s", path, unread)
        log.warning(
            "%s is big: only the columns the analysis uses were read and checked; "
            "run `kizuna load --check %s` for a full check of every column",
            path.name,
            path,
        )
    return canonical_order(bundle)


def canonical_order(bundle: Bundle) -> Bundle:
    """Return ``bundle`` with its organizations sorted by id (stable), as a store read gives them.

    Communities (Leiden) and sampled betweenness follow the order of the organizations
    (the snapshot's node order); in id order, a bundle file gives the same results as the
    store it was loaded into (whose reads are in id order).  The tie order does not
    matter: the snapshot sorts its edges.

    Examples
    --------
    >>> import pandas as pd
    >>> b = Bundle(nodes=pd.DataFrame({"id": ["b", "a"]}))
    >>> canonical_order(b).nodes["id"].tolist()
    ['a', 'b']
    """
    ids = bundle.nodes["id"].astype(str)
    if ids.is_monotonic_increasing:
        return bundle
    order = np.argsort(ids.to_numpy(dtype=object), kind="stable")
    return bundle.with_frames(nodes=bundle.nodes.iloc[order].reset_index(drop=True))


def slim(bundle: Bundle) -> Bundle:
    """Return ``bundle`` with only the tie columns the analysis reads (:data:`TIE_COLUMNS`)."""
    ties = bundle.ties
    keep = [c for c in ties.columns if c in TIE_COLUMNS]
    if len(keep) == len(ties.columns):
        return bundle
    slimmed = bundle.with_frames(ties=ties[keep])  # copy-on-write: no 5M-row copy
    del ties
    gc.collect()
    return slimmed
