"""The GraphStore protocol: what loaders, analytics, dashboard and reports may ask of a store.

Analytics and the dashboard see only this protocol (and :class:`graph.bundle.Bundle`),
never Bolt.  The Bolt implementation lives in :mod:`graph.bolt`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from kizuna.graph.bundle import Bundle, GraphFilter

#: Rows per write transaction (``--batch-size``): 10,000 ties loaded ~10 % faster than
#: 5,000 on the embedded server (benchmarks/results/load.md) and stay well within its heap.
BATCH_SIZE = 10_000

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

    def counts(self) -> dict[str, int]:
        """Numbers of organizations, clusters, programs, participations and ties."""
        ...

    def clear(self) -> None:
        """Delete everything (tests, `kizuna load --replace`)."""

    def close(self) -> None:
        """Release the driver."""
