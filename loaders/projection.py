"""Program participation → co_participation ties (Newman's collaboration weighting).

A program (a matching event, an alliance scheme, a forum) that n organizations join
gives one derived tie per pair of them, weight :math:`1/(n-1)`, so that each
organization's ties from one program add up to 1 whatever the program's size.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from graph.bundle import Bundle, empty_frame
from graph.model import CONFIDENCE_LEVELS

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
    prog_since, prog_until = _program_years(bundle)
    pieces: list[pd.DataFrame] = []
    for program, group in rows.groupby("program", sort=True):
        n = len(group)
        if n < 2:
            continue
        i, j = np.triu_indices(n, k=1)
        orgs = group["organization"].to_numpy(dtype=object)
        refs = group["source_ref"].to_numpy(dtype=object)
        confs = group["confidence"].to_numpy(dtype=object)
        years = group["since"].to_numpy(dtype="float64", na_value=np.nan)
        later = np.fmax(years[i], years[j])
        default = prog_since.get(str(program))
        if default is not None:
            later = np.where(np.isnan(later), default, later)
        pieces.append(
            pd.DataFrame(
                {
                    "id": [
                        f"{DERIVED_PREFIX}{program}:{a}:{b}"
                        for a, b in zip(orgs[i], orgs[j], strict=True)
                    ],
                    "source": orgs[i],
                    "target": orgs[j],
                    "since": later,
                    "until": prog_until.get(str(program), np.nan),
                    "weight": 1.0 / (n - 1),
                    "program": program,
                    "source_ref": [_join(a, b) for a, b in zip(refs[i], refs[j], strict=True)],
                    "confidence": [_weaker(a, b) for a, b in zip(confs[i], confs[j], strict=True)],
                }
            )
        )
    if not pieces:
        return out
    derived = pd.concat(pieces, ignore_index=True)
    n = len(derived)
    result = {}
    for col in out.columns:
        if col in derived:
            result[col] = derived[col]
        elif col == "kind":
            result[col] = pd.Series([KIND] * n, dtype=object)
        elif col == "directed":
            result[col] = pd.Series(np.zeros(n, dtype=bool))
        else:
            result[col] = pd.Series(np.full(n, np.nan)).astype(out[col].dtype)
    frame = pd.DataFrame(result)
    for col in out.columns:
        dtype = out[col].dtype
        if dtype is np.dtype(object):
            frame[col] = frame[col].astype(object).where(frame[col].notna(), None)
        else:
            frame[col] = frame[col].astype(dtype)
    return frame[list(out.columns)]


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


def _weaker(a: object, b: object) -> str | None:
    known = [x for x in (a, b) if isinstance(x, str) and x in _RANK]
    return max(known, key=_RANK.__getitem__) if known else None
