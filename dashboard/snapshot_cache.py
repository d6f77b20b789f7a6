"""The app's snapshots on disk: two pickle files per store version, in the data dir.

A version's first file (``snapshot-*.pickle``) holds the bundle and what the national map
needs (clusters, organizations, ties, places); its second file (``analysis-*.pickle``)
holds the analysis and the network layout, read when a page first needs them.  The derived
frames keep only their own columns on disk (:class:`OwnColumns`) and share the bundle's
again when read.  Files are written whole or not at all; a broken or foreign file is
ignored (recomputed), never fatal; only the newest versions are kept.

This module knows files, bundles and parts (a name → value dict), not the app's snapshot
class: :func:`save_cache` takes anything shaped like :class:`Cacheable`.
"""

from __future__ import annotations

import logging
import os
import pickle
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import pandas as pd

from kizuna.graph.bundle import Bundle

logger = logging.getLogger(__name__)

#: Bump when what the disk cache holds changes shape (old files are then ignored).
CACHE_FORMAT = 3
#: The parts of a snapshot kept on disk (the rest is rebuilt in well under a second).
CACHED_PARTS: tuple[str, ...] = (
    "analysis",
    "positions",
    "cluster_positions",
    # the light first pass too: a restarted server draws the map without rebuilding them
    "clusters",
    "orgs_base",
    "ties",
    "place_coords",
)
#: The parts kept in a second file, read after the map is drawn (the analysis is the
#: biggest part and the map does not need it).
LATER_PARTS: tuple[str, ...] = ("analysis", "positions", "cluster_positions")
#: Parts that are a bundle frame plus columns of their own (part → bundle file): on disk
#: only their own columns, the bundle's are shared again when read (at 500k this halves
#: the time to read the snapshot the first page waits for).
DERIVED_FRAMES: dict[str, str] = {"orgs_base": "nodes", "ties": "ties"}


class Cacheable(Protocol):
    """What :func:`save_cache` needs of a snapshot."""

    key: str
    bundle: Bundle
    #: The parts already in the files (nothing to write again); updated by the save.
    saved_parts: frozenset[str]

    @property
    def is_empty(self) -> bool: ...

    def cached_parts(self) -> dict[str, Any]:
        """The parts of :data:`CACHED_PARTS` computed so far."""
        ...


@dataclass(frozen=True)
class OwnColumns:
    """A derived frame on disk: its column order, its index and its own columns."""

    columns: list[str]
    index: pd.Index
    own: pd.DataFrame


def _own_columns(bundle: Bundle, parts: dict[str, Any]) -> dict[str, Any]:
    """``parts`` with each derived frame reduced to its own columns, when it is exactly
    its bundle frame plus columns (otherwise kept whole)."""
    out = dict(parts)
    for name, file in DERIVED_FRAMES.items():
        frame, base = parts.get(name), getattr(bundle, file, None)
        if not isinstance(frame, pd.DataFrame) or base is None or len(frame) != len(base):
            continue
        shared = [c for c in frame.columns if c in base.columns]
        if len(shared) != len(base.columns) or not all(
            frame[c].reset_index(drop=True).equals(base[c].reset_index(drop=True)) for c in shared
        ):
            continue
        own = frame[[c for c in frame.columns if c not in base.columns]].reset_index(drop=True)
        out[name] = OwnColumns(list(frame.columns), frame.index, own)
    return out


def _whole_frames(bundle: Bundle, parts: dict[str, Any]) -> dict[str, Any]:
    """The inverse of :func:`_own_columns`: derived frames joined to their bundle frame."""
    out = dict(parts)
    for name, file in DERIVED_FRAMES.items():
        kept = parts.get(name)
        if isinstance(kept, OwnColumns):
            base = getattr(bundle, file).reset_index(drop=True)
            whole = pd.concat([base, kept.own], axis=1)[kept.columns]
            whole.index = kept.index
            out[name] = whole
    return out


def cache_file(cache_dir: Path, version: str) -> Path:
    """The disk cache of one store version (the code version is part of the name)."""
    from kizuna.graph import __version__

    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", f"{CACHE_FORMAT}-{__version__}-{version}")
    return cache_dir / f"snapshot-{safe[:150]}.pickle"


def later_file(cache_dir: Path, version: str) -> Path:
    """The second file of a version's disk cache: its :data:`LATER_PARTS`."""
    first = cache_file(cache_dir, version)
    return first.with_name("analysis-" + first.name.removeprefix("snapshot-"))


def read_first(cache_dir: Path, version: str) -> tuple[Bundle, dict[str, Any]] | None:
    """The bundle and the first file's parts of ``version``, or None (missing, unreadable,
    other code)."""
    path = cache_file(cache_dir, version)
    if not path.is_file():
        return None
    try:
        with path.open("rb") as handle:
            saved = pickle.load(handle)  # our own file, in the user's data dir
        bundle = saved["bundle"]
        return bundle, _whole_frames(bundle, saved["parts"])
    except Exception:  # a broken or foreign file is recomputed, never fatal
        logger.warning("ignoring the unreadable app cache %s", path, exc_info=True)
        return None


def read_later(path: Path) -> dict[str, Any]:
    """The :data:`LATER_PARTS` kept in ``path`` (a :func:`later_file`); none if unreadable."""
    try:
        with path.open("rb") as handle:
            parts = pickle.load(handle)["parts"]  # our own file, in the data dir
    except Exception:
        logger.warning("ignoring the unreadable app cache %s", path, exc_info=True)
        return {}
    return {k: v for k, v in parts.items() if k in LATER_PARTS}


def save_cache(cache_dir: Path | None, data: Cacheable, *, keep: int = 2) -> None:
    """Write ``data`` (bundle and costly parts) for its version; keep the newest files."""
    if cache_dir is None or data.is_empty:
        return
    parts = data.cached_parts()
    first = {k: v for k, v in parts.items() if k not in LATER_PARTS}
    later = {k: v for k, v in parts.items() if k in LATER_PARTS}
    path, second = cache_file(cache_dir, data.key), later_file(cache_dir, data.key)
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        if not (set(first) <= data.saved_parts and path.is_file()):
            kept = _own_columns(data.bundle, first)
            _write_pickle(path, {"bundle": data.bundle, "parts": kept})
        if later and not (set(later) <= data.saved_parts and second.is_file()):
            _write_pickle(second, {"parts": later})
        data.saved_parts = data.saved_parts | frozenset(parts)
        old = sorted(cache_dir.glob("snapshot-*.pickle"), key=lambda p: p.stat().st_mtime)
        for stale in old[:-keep]:
            stale.unlink(missing_ok=True)
            later_of = stale.with_name("analysis-" + stale.name.removeprefix("snapshot-"))
            later_of.unlink(missing_ok=True)
    except OSError as exc:  # a read-only data dir only costs speed
        logger.warning("cannot write the app cache in %s: %s", cache_dir, exc)


def _write_pickle(path: Path, value: Any) -> None:
    """Write ``value`` to ``path`` whole or not at all (a reader never sees half a file)."""
    partial = path.with_suffix(f".{os.getpid()}.part")
    with partial.open("wb") as handle:
        pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
    partial.replace(path)
