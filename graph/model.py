"""Domain model: organizations, clusters, programs and the ties between them.

The vocabularies below are the contract of the bundle format (docs/bundle-format.md).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

ORG_KINDS: tuple[str, ...] = (
    "company",
    "university",
    "bank",
    "coordinator",
    "agency",
    "association",
    "cluster_body",
    "research_institute",
    "foreign_body",
    "science_park",
    "other",
)

TIE_KINDS: tuple[str, ...] = (
    "joint_rd",
    "matching",
    "coordinator_dispatch",
    "sales_channel",
    "finance",
    "mou",
    "membership",
    "co_participation",
    "alliance",
    "co_hosting",
    "support",
    "exchange",
    "supply",
    "partnership",
)

#: Tie kinds that are directed by nature (source acts on target).  The bundle still says
#: so explicitly in its ``directed`` column; this list is used for warnings and defaults
#: in generators, never to reinterpret a user's cell.
DIRECTED_TIE_KINDS: frozenset[str] = frozenset(
    {"coordinator_dispatch", "finance", "supply", "support"}
)

CONFIDENCE_LEVELS: tuple[str, ...] = ("confirmed", "reported", "uncertain")

PROGRAM_KINDS: tuple[str, ...] = (
    "matching",
    "alliance",
    "forum",
    "exhibition",
    "seminar",
    "training",
    "mission",
    "network",
    "other",
)

PARTICIPATION_ROLES: tuple[str, ...] = ("host", "organizer", "participant", "partner")

REGIONS: tuple[str, ...] = (
    "hokkaido",
    "tohoku",
    "kanto",
    "chubu",
    "kinki",
    "chugoku",
    "shikoku",
    "kyushu",
    "okinawa",
    "overseas",
)

#: One colour per cluster, in order of first appearance, for the app and the GEXF export
#: (colour-blind friendly first eight, then more).
CLUSTER_PALETTE: tuple[str, ...] = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#D55E00",
    "#CC79A7",
    "#56B4E9",
    "#F0E442",
    "#000000",
    "#882255",
    "#44AA99",
    "#999933",
    "#AA4499",
    "#117733",
    "#332288",
    "#DDCC77",
    "#88CCEE",
    "#661100",
    "#6699CC",
    "#AA4466",
    "#4477AA",
)
#: Guimerà–Amaral (2005) hub roles, defined once for analytics, the app and the reports:
#: a node is a hub when its within-module degree z ≥ :data:`HUB_Z`; its role is the first
#: row of its kind whose upper bound on the participation coefficient P it does not exceed
#: (bounds in hundredths, compared exactly; a node on a bound takes the "≤" side).
HUB_Z = 2.5
#: (role, hub?, P from, P to) with P in hundredths.
ROLE_BOUNDS: tuple[tuple[str, bool, int, int], ...] = (
    ("R1", False, 0, 5),
    ("R2", False, 5, 62),
    ("R3", False, 62, 80),
    ("R4", False, 80, 100),
    ("R5", True, 0, 30),
    ("R6", True, 30, 75),
    ("R7", True, 75, 100),
)
#: One colour per role (Paul Tol's colour-blind-safe set), in the app and in reports.
ROLE_COLOURS: dict[str, str] = {
    "R1": "#bbbbbb",
    "R2": "#88CCEE",
    "R3": "#44AA99",
    "R4": "#117733",
    "R5": "#DDCC77",
    "R6": "#CC6677",
    "R7": "#882255",
}

REGION_NAMES_JA: dict[str, str] = {
    "hokkaido": "北海道",
    "tohoku": "東北",
    "kanto": "関東",
    "chubu": "中部",
    "kinki": "近畿",
    "chugoku": "中国",
    "shikoku": "四国",
    "kyushu": "九州",
    "okinawa": "沖縄",
    "overseas": "海外",
}

#: Policy phases of the Industrial Cluster Program, (first year, last year or None).
PHASES: dict[str, tuple[int, int | None]] = {
    "launch": (2001, 2005),
    "growth": (2006, 2009),
    "self_reliance": (2010, None),
}


def phase_of(year: int | None) -> str | None:
    """The policy phase a year falls in, or None before 2001 / for an unknown year."""
    if year is None:
        return None
    for name, (first, last) in PHASES.items():
        if year >= first and (last is None or year <= last):
            return name
    return None


@dataclass(frozen=True)
class Tie:
    source: str
    target: str
    kind: str
    directed: bool = False
    since: int | None = None
    until: int | None = None
    weight: float | None = None
    evidence: str | None = None
    source_ref: str | None = None
    confidence: str | None = None
    id: str | None = None

    @property
    def key(self) -> str:
        """The tie's identity: its id, else (source, target, kind, since)."""
        if self.id:
            return self.id
        return tie_key(self.source, self.target, self.kind, self.since)


#: Separates the parts of a composite key (a tie's, a participation's).
KEY_SEPARATOR = "\x1f"


def tie_key(source: str, target: str, kind: str, since: int | None) -> str:
    """Identity of a tie without an explicit id; (a, b) and (b, a) differ."""
    return KEY_SEPARATOR.join((source, target, kind, "" if since is None else str(since)))


#: A tie column as pyarrow text, when the caller has it converted already.
ArrowColumn = Callable[[str], pa.Array]


def tie_keys(ties: pd.DataFrame, arrow: ArrowColumn | None = None) -> list[str]:
    """The identity of each tie row: its ``id`` when set, else :func:`tie_key` of the row.

    The one definition of tie identity, for validation (repeated rows), the store (the
    ``key`` of a stored tie) and the networkx view (the edge key); vectorised with
    pyarrow, so millions of rows take a second.

    Parameters
    ----------
    ties : DataFrame
        ties.csv-shaped: source, target, kind, optional since and id.
    arrow : callable, optional
        ``arrow(column)``: a text column already converted to pyarrow (validation has
        them); a column the frame lacks is all empty.

    Returns
    -------
    list of str
        One key per row.

    Examples
    --------
    >>> ties = pd.DataFrame({"source": ["a", "b"], "target": ["b", "a"], "kind": ["mou"] * 2,
    ...                      "id": ["t1", None]})
    >>> [k.replace(KEY_SEPARATOR, "|") for k in tie_keys(ties)]
    ['t1', 'b|a|mou|']
    """
    keys: list[str] = tie_key_array(ties, arrow).to_pylist()
    return keys


def tie_key_array(ties: pd.DataFrame, arrow: ArrowColumn | None = None) -> pa.Array:
    """:func:`tie_keys` as a pyarrow string array: where tie identity is computed.

    A load computes it once, through :meth:`graph.bundle.Bundle.tie_identity`, which keeps
    it with the ties frame for validation, the write plan and its rehearsal.
    """
    n = len(ties)

    def text(column: str) -> pa.Array:
        if arrow is not None:
            return arrow(column)
        if column not in ties:
            return pa.nulls(n, pa.string())
        values = ties[column].to_numpy(dtype=object)
        try:
            return pa.array(values, type=pa.string(), from_pandas=True)
        except (pa.ArrowInvalid, pa.ArrowTypeError):  # not all text: as str(), like tie_key
            return pa.array([None if pd.isna(v) else str(v) for v in values], type=pa.string())

    if "since" in ties:
        since = ties["since"].to_numpy(dtype="float64", na_value=np.nan)
    else:
        since = np.full(n, np.nan)
    known = ~np.isnan(since)
    years = pa.array(np.trunc(np.where(known, since, 0)).astype(np.int64), mask=~known)
    composite = pc.binary_join_element_wise(
        text("source"),
        text("target"),
        text("kind"),
        pc.cast(years, pa.string()),
        KEY_SEPARATOR,
        null_handling="replace",
        null_replacement="",
    )
    ident = text("id")
    has_id = pc.fill_null(pc.greater(pc.utf8_length(ident), 0), False)
    return pc.if_else(has_id, ident, composite)


def tie_groups(ties: pd.DataFrame, arrow: ArrowColumn | None = None) -> np.ndarray:
    """An identity class per tie row (equal numbers: the same tie; first seen = 0)."""
    return key_groups(tie_key_array(ties, arrow))


def key_groups(keys: pa.Array) -> np.ndarray:
    """A class per key (equal numbers: equal keys; first seen = 0), e.g. of
    :func:`tie_key_array`.

    Examples
    --------
    >>> key_groups(pa.array(["x", "y", "x"])).tolist()
    [0, 1, 0]
    """
    encoded = pc.dictionary_encode(keys)
    groups: np.ndarray = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    return groups


def repeated_ties(ties: pd.DataFrame, arrow: ArrowColumn | None = None) -> np.ndarray:
    """True for each tie row whose identity (:func:`tie_keys`) an earlier row has.

    Examples
    --------
    >>> ties = pd.DataFrame({"source": ["a", "a", "b"], "target": ["b", "b", "a"],
    ...                      "kind": ["mou"] * 3})
    >>> repeated_ties(ties).tolist()
    [False, True, False]
    """
    if len(ties) == 0:
        return np.zeros(0, dtype=bool)
    mask: np.ndarray = pd.Series(tie_groups(ties, arrow)).duplicated().to_numpy(dtype=bool)
    return mask
