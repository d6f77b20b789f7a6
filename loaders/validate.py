"""Check a typed bundle: every problem at once, with file, row, column and what to do.

The reader (:func:`loaders.readers.read_bundle`) reports what it meets while reading
(encoding, empty files, missing columns, cells that are not years or numbers);
:func:`validate_bundle` checks the values and the references between files.  All
checks are vectorised; Python runs only over the bad rows, to describe them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa

from kizuna.graph.bundle import Bundle
from kizuna.graph.model import (
    ORG_KINDS,
    PARTICIPATION_ROLES,
    PROGRAM_KINDS,
    REGIONS,
    TIE_KINDS,
    key_groups,
)
from kizuna.graph.projection import DERIVED_PREFIX
from kizuna.loaders import fastcols as fc
from kizuna.loaders.checks import YEAR_MAX, YEAR_MIN, Checker
from kizuna.loaders.corporate import valid_mask
from kizuna.loaders.problems import LoadProblem, problem

__all__ = [
    "YEAR_MAX",
    "YEAR_MIN",
    "validate_bundle",
    "validate_with_duplicates",
]


def validate_bundle(bundle: Bundle) -> list[LoadProblem]:
    """Every problem of a typed bundle, errors and warnings, in file order.

    Parameters
    ----------
    bundle : Bundle
        A bundle as :func:`loaders.readers.read_bundle` returns it (or built in memory with
        the canonical columns of :mod:`graph.bundle`).

    Returns
    -------
    list of LoadProblem
        Severity "error" blocks a load; "warning" is only reported.  At most
        ``MAX_LISTED`` rows are listed per problem kind and column, then a summary.

    Examples
    --------
    >>> import pandas as pd
    >>> from kizuna.graph.bundle import Bundle
    >>> nodes = pd.DataFrame({"id": ["a"], "name": ["A社"], "kind": ["shop"]}, dtype=object)
    >>> [p.code for p in validate_bundle(Bundle(nodes=nodes))]
    ['unknown_kind']
    """
    return _validate(bundle).problems


def validate_with_duplicates(
    bundle: Bundle, arrow: dict[tuple[str, str], pa.Array] | None = None
) -> tuple[list[LoadProblem], np.ndarray]:
    """:func:`validate_bundle` and the mask of tie rows that repeat an earlier identity.

    ``arrow`` may hold the id/code columns exactly as read
    (:func:`loaders.readers.read_bundle_arrow`), which saves converting them again.
    """
    c = _validate(bundle, arrow)
    dups = c.tie_dups if c.tie_dups is not None else np.zeros(len(bundle.ties), dtype=bool)
    return c.problems, dups


def _validate(bundle: Bundle, arrow: dict[tuple[str, str], pa.Array] | None = None) -> Checker:
    c = Checker(bundle, arrow)
    c.column_names()
    _check_nodes(c, bundle)
    _check_ties(c, bundle)
    if "clusters" in bundle.present:
        _check_clusters(c)
    if "programs" in bundle.present:
        _check_programs(c)
    if "participation" in bundle.present:
        _check_participation(c, bundle)
    return c


def _check_nodes(c: Checker, bundle: Bundle) -> None:
    """nodes.csv: rows, required cells, unique ids, kinds, regions, coordinates, 法人番号."""
    nodes = bundle.nodes
    if c.has("nodes", "id") and len(nodes) == 0:
        c.problems.append(
            problem(
                "no_rows",
                c.label("nodes"),
                None,
                None,
                "the file has a header row but no organizations",
                "add one row per organization under the header",
                table="nodes",
                warning=True,
            )
        )
    c.required("nodes")
    c.unique_ids("nodes")
    c.vocabulary("nodes", "kind", ORG_KINDS, "unknown_kind")
    c.vocabulary("nodes", "region", REGIONS, "unknown_region")
    c.confidence("nodes")
    _check_coordinates(c, nodes)
    if c.has("nodes", "corporate_number"):
        cn = nodes["corporate_number"]
        c.report(
            "bad_corporate_number",
            "nodes",
            "corporate_number",
            ~valid_mask(cn),
            lambda i: f"'{cn.iat[i]}' is not a valid corporate number (法人番号)",
            "write the 13 digits exactly as the 法人番号公表サイト shows them (the first digit "
            "is a check digit), or leave the cell empty",
        )
    if "clusters" in bundle.present and c.has("clusters", "id") and c.has("nodes", "cluster"):
        c.references(
            "nodes", "cluster", bundle.clusters["id"], c.label("clusters"), "missing_cluster"
        )


def _check_coordinates(c: Checker, nodes: pd.DataFrame) -> None:
    """lat and lon in decimal degrees, within ±90 and ±180."""
    for col, lim, code in (("lat", 90.0, "bad_lat"), ("lon", 180.0, "bad_lon")):
        if c.has("nodes", col):
            v = nodes[col].to_numpy(dtype=float)
            c.report(
                code,
                "nodes",
                col,
                ~np.isnan(v) & ~(np.abs(v) <= lim),
                "{v} is out of range",
                f"write decimal degrees between -{lim:g} and {lim:g} (Tokyo: lat 35.68, lon "
                "139.77); check that lat and lon are not swapped",
                values=shown_numbers(v),
            )


def _check_ties(c: Checker, bundle: Bundle) -> None:
    """ties.csv: required cells, endpoints, kinds, weights, years, ids, programs,
    repeated identities and self-ties."""
    ties = bundle.ties
    c.required("ties")
    _check_tie_ends(c, ties)
    c.vocabulary("ties", "kind", TIE_KINDS, "unknown_kind")
    c.confidence("ties")
    if c.has("ties", "weight"):
        w = ties["weight"].to_numpy(dtype=float)
        c.report(
            "bad_weight",
            "ties",
            "weight",
            ~np.isnan(w) & ~((w > 0) & np.isfinite(w)),
            lambda i: f"{shown_numbers(w[i : i + 1])[0]} is not a positive weight",
            "write a number above 0, or leave the cell empty (weight 1)",
        )
    c.years("ties")
    c.figures("ties")
    if c.has("ties", "id"):
        tie_ids = ties["id"].astype(object)
        c.report(
            "reserved_id",
            "ties",
            "id",
            tie_ids.str.startswith(DERIVED_PREFIX, na=False).to_numpy(dtype=bool),
            lambda i: (
                f"'{tie_ids.iat[i]}' starts with '{DERIVED_PREFIX}', which kizuna keeps "
                "for the co_participation ties it derives from participation.csv"
            ),
            "give the tie another id, or leave the id empty",
        )
    has_programs = "programs" in bundle.present
    if c.has("ties", "program") and (c.has("programs", "id") or not has_programs):
        prog_ids = bundle.programs["id"] if has_programs else pd.Series([], dtype=object)
        c.references(
            "ties",
            "program",
            prog_ids,
            c.label("programs"),
            "missing_program",
            warning=not has_programs,
        )
    c.tie_dups = _tie_identity(c, bundle)
    c.report(
        "self_tie",
        "ties",
        "target",
        fc.equal(c.arrow("ties", "source"), c.arrow("ties", "target")),
        lambda i: f"the tie goes from '{ties['source'].iat[i]}' to itself",
        "check source and target; a tie joins two different organizations",
        warning=True,
    )


def _check_tie_ends(c: Checker, ties: pd.DataFrame) -> None:
    """Report tie ends that are not node ids."""
    ids = c.arrow("nodes", "id")
    nodes_ok = c.has("nodes", "id")
    node_file = c.label("nodes")
    for end in ("source", "target"):
        _, dangling = fc.ref_codes(c.arrow("ties", end), ids)
        if not (nodes_ok and c.has("ties", end)):
            continue
        values = ties[end]
        c.report(
            "missing_node",
            "ties",
            end,
            dangling,
            f"'{{v}}' is not an id in {node_file}",
            f"add that id to {node_file}, or correct it (ids must match exactly, including case)",
            values=values.to_numpy(dtype=object),
        )


def _check_clusters(c: Checker) -> None:
    """clusters.csv: required cells, unique ids, regions, promotion bodies, years."""
    c.required("clusters")
    c.unique_ids("clusters")
    c.vocabulary("clusters", "region", REGIONS, "unknown_region")
    c.references(
        "clusters",
        "body",
        c.arrow("nodes", "id"),
        c.label("nodes"),
        "missing_node",
        target_ok=c.has("nodes", "id"),
    )
    c.years("clusters")
    c.confidence("clusters")


def _check_programs(c: Checker) -> None:
    """programs.csv: required cells, unique ids, kinds, hosts, years, figures."""
    c.required("programs")
    c.unique_ids("programs")
    c.vocabulary("programs", "kind", PROGRAM_KINDS, "unknown_kind")
    c.references(
        "programs",
        "host",
        c.arrow("nodes", "id"),
        c.label("nodes"),
        "missing_node",
        target_ok=c.has("nodes", "id"),
    )
    c.years("programs")
    c.figures("programs")
    c.confidence("programs")


def _check_participation(c: Checker, bundle: Bundle) -> None:
    """participation.csv: required cells, programs and organizations that exist, roles,
    years, and an organization listed twice in one program."""
    part = bundle.participation
    has_programs = "programs" in bundle.present
    c.required("participation")
    prog_ids = bundle.programs["id"] if has_programs else pd.Series([], dtype=object)
    c.references(
        "participation",
        "program",
        prog_ids,
        c.label("programs"),
        "missing_program",
        target_ok=c.has("programs", "id") or not has_programs,
    )
    c.references(
        "participation",
        "organization",
        c.arrow("nodes", "id"),
        c.label("nodes"),
        "missing_node",
        target_ok=c.has("nodes", "id"),
    )
    c.vocabulary("participation", "role", PARTICIPATION_ROLES, "unknown_role")
    c.years("participation")
    c.confidence("participation")
    prog = c.arrow("participation", "program")
    org = c.arrow("participation", "organization")
    groups = fc.group_ids([fc.codes(prog), fc.codes(org)])
    dup = fc.duplicates(groups, fc.present(prog) & fc.present(org))
    c.report(
        "duplicate_tie",
        "participation",
        "organization",
        dup,
        lambda i: (
            f"'{part['organization'].iat[i]}' is listed twice in program "
            f"'{part['program'].iat[i]}'; it counts once"
        ),
        "delete the repeated row",
        warning=True,
    )


def _tie_identity(c: Checker, bundle: Bundle) -> np.ndarray:
    """Report repeated tie identities (:meth:`graph.bundle.Bundle.tie_identity`, kept with
    the bundle for the store's write); the repeated rows."""
    ties = bundle.ties
    if len(ties) == 0:
        return np.zeros(0, dtype=bool)
    groups = key_groups(bundle.tie_identity(lambda col: c.arrow("ties", col)))
    dup = fc.duplicates(groups)
    if not dup.any():
        return dup
    rows = c.rows("ties")
    first = fc.first_rows(groups, dup)
    has_id = c.present("ties", "id")
    c.report(
        "duplicate_tie",
        "ties",
        "id",
        dup & has_id,
        lambda i: (
            f"the tie id '{ties['id'].iat[i]}' is already used in row "
            f"{rows[first[groups[i]]]}; it is loaded once"
        ),
        "delete the repeated row, or give the two ties different ids",
        warning=True,
    )
    c.report(
        "duplicate_tie",
        "ties",
        None,
        dup & ~has_id,
        lambda i: (
            "the same tie (source, target, kind, since) is already in row "
            f"{rows[first[groups[i]]]}; it is loaded once"
        ),
        "delete the repeated row, or tell the two ties apart (since, or an id column)",
        warning=True,
    )
    return dup


#: How a number too long for a float (it reads as infinity) is shown in a problem.
TOO_MANY_DIGITS = "a number with too many digits"


def shown_numbers(values: np.ndarray) -> np.ndarray:
    """Numbers as a problem shows them: infinity (a 400-digit cell) as words, not ``inf``.

    >>> list(shown_numbers(np.array([1.5, float("inf")])))
    ['1.5', 'a number with too many digits']
    """
    return np.array(
        [TOO_MANY_DIGITS if np.isinf(x) else f"{x}" for x in values.tolist()], dtype=object
    )
