"""Program participation → co_participation ties (Newman's collaboration weighting).

A program (a matching event, an alliance scheme, a forum) that n organizations join
gives one derived tie per pair of them, weight :math:`1/(n-1)`, so that each
organization's ties from one program add up to 1 whatever the program's size.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from kizuna.graph.bundle import Bundle, empty_frame
from kizuna.graph.model import CONFIDENCE_LEVELS

#: Prefix of derived tie ids: ``prog:<program>:<a>:<b>`` with a < b.
DERIVED_PREFIX = "prog:"
KIND = "co_participation"

_RANK = {c: i for i, c in enumerate(CONFIDENCE_LEVELS)}  # confirmed < reported < uncertain


def derived_tie_id(program: str, a: str, b: str) -> str:
    """The id of the derived tie between ``a`` and ``b`` in ``program`` (order-free)."""
    lo, hi = (a, b) if a < b else (b, a)
    return f"{DERIVED_PREFIX}{program}:{lo}:{hi}"


def project_participation(bundle: Bundle) -> pd.DataFrame:
    """The co_participation ties derived from ``bundle.participation``.

    Parameters
    ----------
    bundle : Bundle
        Its ``participation`` (program, organization, since, source_ref, confidence) and
        ``programs`` (since, until) frames are used.

    Returns
    -------
    pandas.DataFrame
        ties.csv-shaped (canonical columns and dtypes), one row per (program, pair):
        ``id`` ``prog:<program>:<a>:<b>`` (a < b), ``source`` a, ``target`` b, ``kind``
        ``co_participation``, undirected, ``weight`` 1/(n−1), ``program`` set; ``since``
        the later of the two organizations' participation years (else the program's
        since), ``until`` the program's until; ``source_ref`` the two participation rows'
        references (distinct, joined by ``; ``), ``confidence`` the weaker of the two.
        Sorted by program, source, target.  An organization listed twice in a program
        counts once.

    Notes
    -----
    For a program p with participant set :math:`P_p`, :math:`n_p = |P_p|`, the derived
    tie between :math:`i, j \\in P_p` has weight :math:`w^{(p)}_{ij} = 1/(n_p - 1)`;
    ties from different programs stay separate rows (their ids differ), so a store or
    an analysis may sum them (:math:`w_{ij} = \\sum_p w^{(p)}_{ij}`, Newman 2001) or
    not.

    References
    ----------
    M. E. J. Newman, "Scientific collaboration networks. II. Shortest paths, weighted
    networks, and centrality", Phys. Rev. E 64, 016132 (2001).

    Examples
    --------
    >>> import pandas as pd
    >>> part = pd.DataFrame({"program": ["p", "p", "p"], "organization": ["a", "b", "c"]})
    >>> ties = project_participation(Bundle(participation=part))
    >>> ties[["id", "weight"]].values.tolist()
    [['prog:p:a:b', 0.5], ['prog:p:a:c', 0.5], ['prog:p:b:c', 0.5]]
    """
    part = bundle.participation
    out = empty_frame("ties")
    if len(part) == 0:
        return out
    cols = {
        c: part[c] if c in part else pd.Series(None, index=part.index, dtype=object)
        for c in ("program", "organization", "source_ref", "confidence")
    }
    since = part["since"] if "since" in part else pd.Series(pd.NA, index=part.index)
    rows = pd.DataFrame({**cols, "since": since.astype("Int64")}, index=part.index)
    rows = rows[rows["program"].notna() & rows["organization"].notna()]
    rows = rows.drop_duplicates(["program", "organization"], keep="first")
    rows = rows.sort_values(["program", "organization"], kind="stable")
    left, right, size = _pairs(rows["program"].to_numpy(dtype=object))
    if len(left) == 0:
        return out
    prog_since, prog_until = _program_years(bundle)
    program = rows["program"].to_numpy(dtype=object)[left]
    orgs = rows["organization"].to_numpy(dtype=object)
    years = rows["since"].to_numpy(dtype="float64", na_value=np.nan)
    with np.errstate(invalid="ignore"):
        later = np.fmax(years[left], years[right])
    programs = pd.Series(program, dtype=object)
    default = programs.map(prog_since).to_numpy(dtype="float64", na_value=np.nan)
    later = np.where(np.isnan(later), default, later)
    until = programs.map(prog_until).to_numpy(dtype="float64", na_value=np.nan)
    source, target = orgs[left], orgs[right]
    ids = pc.binary_join_element_wise(
        pa.array(np.full(len(left), DERIVED_PREFIX.rstrip(":")), type=pa.string()),
        _text(program),
        _text(source),
        _text(target),
        ":",
    )
    refs = rows["source_ref"].to_numpy(dtype=object)
    ranks = rows["confidence"].map(_RANK).to_numpy(dtype="float64", na_value=np.nan)
    with np.errstate(invalid="ignore"):
        weaker = np.fmax(ranks[left], ranks[right])
    n = len(left)
    data = {
        "source": pd.Series(source, dtype=object),
        "target": pd.Series(target, dtype=object),
        "kind": pd.Series(np.full(n, KIND, dtype=object), dtype=object),
        "id": pd.Series(ids.to_numpy(zero_copy_only=False), dtype=object),
        "directed": pd.Series(np.zeros(n, dtype=bool)),
        "since": pd.Series(later).round().astype("Int64"),
        "until": pd.Series(until).round().astype("Int64"),
        "weight": pd.Series(1.0 / (size[left] - 1)),
        "source_ref": pd.Series(_join_refs(refs[left], refs[right]), dtype=object),
        "confidence": pd.Series(
            np.array([*CONFIDENCE_LEVELS, None], dtype=object)[
                np.where(np.isnan(weaker), len(CONFIDENCE_LEVELS), weaker).astype(int)
            ],
            dtype=object,
        ),
        "program": pd.Series(program, dtype=object),
    }
    frame = pd.DataFrame(
        {c: data[c] if c in data else _empty(out[c], n) for c in out.columns}, copy=False
    )
    return frame


def _text(values: np.ndarray) -> pa.Array:
    return pa.array([None if v is None else str(v) for v in values], type=pa.string())


def _empty(template: pd.Series, n: int) -> pd.Series:
    if template.dtype == object:
        return pd.Series(np.full(n, None, dtype=object), dtype=object)
    return pd.Series(np.full(n, np.nan)).astype(template.dtype)


def _pairs(program: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every (i, j), i < j, of rows in the same program (rows sorted by program).

    Returns the left and right row positions and, per row, its program's size.
    """
    n = len(program)
    if n == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    starts = np.flatnonzero(np.r_[True, program[1:] != program[:-1]])
    sizes = np.diff(np.r_[starts, n])
    size = np.repeat(sizes, sizes)
    local = np.arange(n) - np.repeat(starts, sizes)
    counts = size - 1 - local  # partners after each row in its program
    left = np.repeat(np.arange(n), counts)
    first = np.repeat(np.cumsum(counts) - counts, counts)
    right = left + 1 + (np.arange(len(left)) - first)
    return left, right, size


def _join_refs(a: np.ndarray, b: np.ndarray) -> list[str | None]:
    return [_join(x, y) for x, y in zip(a, b, strict=True)]


def _program_years(bundle: Bundle) -> tuple[dict[str, float], dict[str, float]]:
    progs = bundle.programs
    if len(progs) == 0 or "id" not in progs:
        return {}, {}
    ids = progs["id"].astype(object)
    since: dict[str, float] = {}
    until: dict[str, float] = {}
    for col, target in (("since", since), ("until", until)):
        if col in progs:
            values = progs[col].to_numpy(dtype="float64", na_value=np.nan)
            for k, v in zip(ids, values, strict=True):
                if k is not None and not np.isnan(v) and k not in target:
                    target[str(k)] = float(v)
    return since, until


def _join(a: object, b: object) -> str | None:
    parts = [x for x in (a, b) if isinstance(x, str) and x]
    if not parts:
        return None
    return parts[0] if len(parts) == 1 or parts[0] == parts[1] else f"{parts[0]}; {parts[1]}"
