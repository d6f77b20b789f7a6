"""The GraphStore protocol: what loaders, the CLI and the dashboard may ask of a store.

Analytics and the dashboard see only this protocol (and :class:`graph.bundle.Bundle`),
never Bolt.  The Bolt implementation lives in :mod:`graph.bolt`; everything a caller
asks of a store is here, so no caller reaches past the protocol to the implementation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

import pandas as pd

from kizuna.graph.bundle import Bundle, GraphFilter

#: Rows per write transaction (``--batch-size``): 10,000 ties loaded ~10 % faster than
#: 5,000 on the embedded server (benchmarks/results/load.md) and stay well within its heap.
BATCH_SIZE = 10_000

#: Properties a store adds to what it is given: tie/participation keys and the derived
#: flag (dropped when a store is read back; names a bundle cannot use for its columns).
INTERNAL: frozenset[str] = frozenset({"key", "derived"})

#: progress(done, total) for long writes.
Progress = Callable[[int, int], None]


@dataclass
class LoadReport:
    """What a load did: rows written per file, duplicates skipped, warnings."""

    written: dict[str, int] = field(default_factory=dict)
    duplicates: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def as_dict(self) -> dict[str, object]:
        return {
            "written": dict(self.written),
            "duplicates": list(self.duplicates),
            "warnings": list(self.warnings),
            "seconds": round(self.seconds, 3),
        }


@runtime_checkable
class GraphStore(Protocol):
    """A store of organizations, clusters, programs and ties."""

    #: The server's name and version (``Neo4j/5.26.0``), for ``kizuna store status``.
    server_agent: str

    def ensure_schema(self) -> None:
        """Create constraints and indexes (idempotent)."""

    def upsert_bundle(
        self,
        bundle: Bundle,
        *,
        batch_size: int = BATCH_SIZE,
        progress: Progress | None = None,
        replace: bool = False,
    ) -> LoadReport:
        """Write a validated bundle (after emptying the store with ``replace``); loading it
        again changes nothing."""
        ...

    def read_bundle(self, graph_filter: GraphFilter | None = None) -> Bundle:
        """The stored network (or a filtered part) as a bundle of frames."""
        ...

    def loaded_at(self) -> float | None:
        """When a bundle was last loaded (POSIX seconds), None for a store never loaded."""
        ...

    def content_version(self) -> str | None:
        """A cheap check of whether the stored network changed: None while a load runs."""
        ...

    def current_load(self) -> dict[str, Any] | None:
        """Who is loading into the store now (host, pid, started_at, heartbeat), or None."""
        ...

    def write_metrics(self, nodes: pd.DataFrame, *, analyzed_at: str, version: str) -> int:
        """Store analysis columns as organization properties; organizations written."""
        ...

    def counts(self) -> dict[str, int]:
        """Numbers of organizations, clusters, programs, participations and ties."""
        ...

    def clear(self) -> None:
        """Delete everything (tests, `kizuna load --replace`)."""

    def close(self) -> None:
        """Release the driver."""
