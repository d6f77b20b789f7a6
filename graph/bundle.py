"""The in-memory bundle: the interchange between readers, stores, analytics and exports.

A :class:`Bundle` holds one pandas DataFrame per bundle file, with the canonical columns
of :data:`COLUMNS` (docs/bundle-format.md).  Readers (``loaders``) produce bundles; stores
take and give bundles; analytics read bundles or graphs built from them.

Typed columns after reading: ``lat``, ``lon``, ``weight`` and the figure columns are
float (NaN when empty); ``since``/``until`` are pandas nullable ``Int64``; ``directed`` is
bool; every other column is ``object`` holding ``str`` or ``None``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from kizuna.graph.model import ArrowColumn, tie_key_array

#: Figures the source states (deals, yen, participants, firms), kept as numbers.
FIGURE_COLUMNS: tuple[str, ...] = ("deals", "amount_yen", "participants", "firms")

PROVENANCE_COLUMNS: tuple[str, ...] = ("evidence", "source_ref", "confidence")


@dataclass(frozen=True)
class FileSpec:
    name: str
    required: tuple[str, ...]
    optional: tuple[str, ...]

    @property
    def columns(self) -> tuple[str, ...]:
        return self.required + self.optional


COLUMNS: dict[str, FileSpec] = {
    "nodes": FileSpec(
        "nodes",
        ("id", "name", "kind"),
        (
            "cluster",
            "region",
            "prefecture",
            "lat",
            "lon",
            "name_en",
            "aliases",
            "corporate_number",
            *PROVENANCE_COLUMNS,
            "note",
        ),
    ),
    "ties": FileSpec(
        "ties",
        ("source", "target", "kind"),
        (
            "id",
            "directed",
            "since",
            "until",
            "weight",
            *PROVENANCE_COLUMNS,
            "program",
            *FIGURE_COLUMNS,
            "note",
        ),
    ),
    "clusters": FileSpec(
        "clusters",
        ("id", "name"),
        (
            "name_en",
            "region",
            "field",
            "body",
            "since",
            "until",
            *PROVENANCE_COLUMNS,
            "note",
        ),
    ),
    "programs": FileSpec(
        "programs",
        ("id", "name"),
        (
            "name_en",
            "kind",
            "host",
            "since",
            "until",
            *FIGURE_COLUMNS,
            *PROVENANCE_COLUMNS,
            "note",
        ),
    ),
    "participation": FileSpec(
        "participation",
        ("program", "organization"),
        ("role", "since", *PROVENANCE_COLUMNS),
    ),
}

FLOAT_COLUMNS: frozenset[str] = frozenset({"lat", "lon", "weight", *FIGURE_COLUMNS})
YEAR_COLUMNS: frozenset[str] = frozenset({"since", "until"})
BOOL_COLUMNS: frozenset[str] = frozenset({"directed"})

#: Files every bundle must have.
REQUIRED_FILES: tuple[str, ...] = ("nodes", "ties")


def empty_frame(file: str) -> pd.DataFrame:
    """An empty frame with the canonical columns and dtypes of ``file``."""
    spec = COLUMNS[file]
    data: dict[str, pd.Series] = {}
    for col in spec.columns:
        if col in FLOAT_COLUMNS:
            data[col] = pd.Series([], dtype="float64")
        elif col in YEAR_COLUMNS:
            data[col] = pd.Series([], dtype="Int64")
        elif col in BOOL_COLUMNS:
            data[col] = pd.Series([], dtype="bool")
        else:
            data[col] = pd.Series([], dtype="object")
    return pd.DataFrame(data)


@dataclass
class Bundle:
    """One network: nodes, ties and the optional clusters, programs and participation."""

    nodes: pd.DataFrame = field(default_factory=lambda: empty_frame("nodes"))
    ties: pd.DataFrame = field(default_factory=lambda: empty_frame("ties"))
    clusters: pd.DataFrame = field(default_factory=lambda: empty_frame("clusters"))
    programs: pd.DataFrame = field(default_factory=lambda: empty_frame("programs"))
    participation: pd.DataFrame = field(default_factory=lambda: empty_frame("participation"))
    #: Optional files that were present in the source (a bundle without clusters.csv
    #: exports without it, so a round-trip is exact).
    present: frozenset[str] = frozenset(REQUIRED_FILES)
    #: Columns that were present in the source, per file (others are canonical extras).
    source_columns: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: Where each file came from, as a user names it (``nodes.csv``, ``book.xlsx [nodes]``);
    #: problems are reported with this name.  Set by readers after construction; empty for
    #: bundles not read from disk and after :meth:`with_frames`.
    source_files: dict[str, str] = field(default_factory=dict, init=False, compare=False)
    #: Spreadsheet row number (header = 1) of each frame row, per file, when it is not simply
    #: ``index + 2`` (blank lines skipped, Excel rows, JSON records).  Set by readers; only
    #: meaningful for the frames exactly as read (cleared by :meth:`with_frames`).
    source_rows: dict[str, Any] = field(default_factory=dict, init=False, compare=False)
    #: :meth:`tie_identity` once computed, with the ties frame it belongs to.
    _tie_identity: tuple[pd.DataFrame, pa.Array] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    def frame(self, file: str) -> pd.DataFrame:
        frame: pd.DataFrame = getattr(self, file)
        return frame

    def with_frames(self, **frames: pd.DataFrame) -> Bundle:
        return replace(self, **frames)  # type: ignore[arg-type]

    def tie_identity(self, arrow: ArrowColumn | None = None) -> pa.Array:
        """The identity of each row of ``ties`` (:func:`graph.model.tie_key_array`), computed
        once per frame: validation, the write plan and its rehearsal share it.

        The keys are kept with the frame they were computed for and used only while
        ``ties`` is that frame.  A bundle's frames are not changed in place (a change is a
        new frame, e.g. :meth:`with_frames`), so the keys cannot go stale.  They cost about
        40 bytes a tie for as long as the bundle lives (20 MB at 500,000 ties) and are not
        pickled.  ``arrow`` (the text columns as pyarrow, which validation has) only speeds
        up the first call.

        Examples
        --------
        >>> b = Bundle(ties=pd.DataFrame({"source": ["a"], "target": ["b"], "kind": ["mou"],
        ...                               "id": ["t1"]}))
        >>> b.tie_identity().to_pylist(), b.tie_identity() is b.tie_identity()
        (['t1'], True)
        """
        kept = self._tie_identity
        if kept is not None and kept[0] is self.ties:
            return kept[1]
        keys = tie_key_array(self.ties, arrow)
        self._tie_identity = (self.ties, keys)
        return keys

    def with_tie_rows(self, keep: np.ndarray) -> Bundle:
        """The bundle with the tie rows where ``keep`` is True (their identity kept)."""
        keep = np.asarray(keep, dtype=bool)
        ties = self.ties[keep].reset_index(drop=True)
        out = self.with_frames(ties=ties)
        kept = self._tie_identity
        if kept is not None and kept[0] is self.ties:
            out._tie_identity = (ties, kept[1].filter(pa.array(keep)))
        return out

    def __getstate__(self) -> dict[str, Any]:
        """Pickled without the tie identity: computed again where needed, never stored."""
        state = dict(self.__dict__)
        state["_tie_identity"] = None
        return state

    @property
    def node_count(self) -> int:
        return len(self.nodes)

    @property
    def tie_count(self) -> int:
        return len(self.ties)


@dataclass(frozen=True)
class GraphFilter:
    """A part of the network: by region, cluster, organization kind, tie kind, year range.

    A tie is active in [since, until] when it started no later than ``until`` and ended no
    earlier than ``since`` (unknown years count as always active).  Node filters keep the
    ties whose both ends are kept.
    """

    regions: tuple[str, ...] = ()
    clusters: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    tie_kinds: tuple[str, ...] = ()
    confidence: tuple[str, ...] = ()
    since: int | None = None
    until: int | None = None

    @property
    def is_empty(self) -> bool:
        return self == GraphFilter()

    def apply(self, bundle: Bundle) -> Bundle:
        """The filtered bundle (a new object; the input is not changed)."""
        if self.is_empty:
            return bundle
        nodes = bundle.nodes
        keep = pd.Series(True, index=nodes.index)
        if self.regions:
            keep &= nodes["region"].isin(self.regions)
        if self.clusters:
            keep &= nodes["cluster"].isin(self.clusters)
        if self.kinds:
            keep &= nodes["kind"].isin(self.kinds)
        nodes = nodes[keep]
        ids = set(nodes["id"])
        ties = bundle.ties
        tkeep = ties["source"].isin(ids) & ties["target"].isin(ids)
        if self.tie_kinds:
            tkeep &= ties["kind"].isin(self.tie_kinds)
        if self.confidence:
            tkeep &= ties["confidence"].isin(self.confidence)
        if self.until is not None:
            tkeep &= ~(ties["since"].fillna(self.until) > self.until).astype(bool)
        if self.since is not None:
            tkeep &= ~(ties["until"].fillna(self.since) < self.since).astype(bool)
        ties = ties[tkeep]
        part = bundle.participation
        part = part[part["organization"].isin(ids)]
        return bundle.with_frames(
            nodes=nodes.reset_index(drop=True),
            ties=ties.reset_index(drop=True),
            participation=part.reset_index(drop=True),
        )
