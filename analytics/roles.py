"""Guimerà–Amaral hub roles: participation coefficient, within-module degree z, role R1–R7.

All quantities are on the simple graph S with a partition into modules (the official
clusters, or detected communities).  Vectorised: one sort over the edge list.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import numpy as np
import pandas as pd

from kizuna.analytics.snapshot import Snapshot, unique_counts
from kizuna.graph.model import HUB_Z, ROLE_BOUNDS

__all__ = [
    "ModuleDegrees",
    "hub_roles",
    "module_degrees",
    "participation",
    "role_table",
    "within_module_z",
]

#: Non-hub thresholds on P (hundredths): R1 ≤ .05, R2 ≤ .62, R3 ≤ .80, else R4 (graph.model).
_NONHUB = tuple((to, role) for role, hub, _, to in ROLE_BOUNDS if not hub and to < 100)
#: Hub thresholds: R5 ≤ .30, R6 ≤ .75, else R7.
_HUB = tuple((to, role) for role, hub, _, to in ROLE_BOUNDS if hub and to < 100)
#: z ≥ HUB_Z as a fraction num/den (2.5 = 5/2), so the hub test stays in integers.
_Z_NUM, _Z_DEN = Fraction(HUB_Z).limit_denominator(100).as_integer_ratio()


@dataclass
class ModuleDegrees:
    """Integer ingredients of P and z, per node.

    Attributes
    ----------
    k : degree on S.
    sum_sq : Σ_s k_is², k_is = neighbours of i in module s.
    kappa : κ_i, neighbours of i inside its own module.
    size, s1, s2 : per node, its module's size, Σκ and Σκ² (int64).
    """

    k: np.ndarray
    sum_sq: np.ndarray
    kappa: np.ndarray
    size: np.ndarray
    s1: np.ndarray
    s2: np.ndarray


def module_degrees(snap: Snapshot, module: np.ndarray | None = None) -> ModuleDegrees:
    """Count, for each node, its neighbours per module (on S).

    Parameters
    ----------
    snap : Snapshot
        The network snapshot (:func:`analytics.snapshot.build_snapshot`).
    module : numpy.ndarray, optional
        Int module code per node (default: the snapshot's clusters).
    """
    mod = snap.module if module is None else np.asarray(module, dtype=np.int64)
    n = snap.n
    k = snap.degree
    rows = np.repeat(np.arange(n, dtype=np.int64), k)
    nbr_mod = mod[snap.S.indices]
    n_mod = int(mod.max()) + 1 if n else 1
    key, counts = unique_counts(rows * n_mod + nbr_mod)
    owner = key // n_mod
    sum_sq = _int_bincount(owner, counts * counts, n)
    own = (key % n_mod) == mod[owner]
    kappa = np.zeros(n, dtype=np.int64)
    kappa[owner[own]] = counts[own]
    size = np.bincount(mod, minlength=n_mod).astype(np.int64)
    s1 = _int_bincount(mod, kappa, n_mod)
    s2 = _int_bincount(mod, kappa * kappa, n_mod)
    return ModuleDegrees(k, sum_sq, kappa, size[mod], s1[mod], s2[mod])


def _int_bincount(index: np.ndarray, values: np.ndarray, length: int) -> np.ndarray:
    """Exact integer bincount.

    numpy's float64 one when every partial sum stays below 2**53 (exact then), else a
    sort and ``np.add.reduceat`` in int64.
    """
    values = values.astype(np.int64)
    if len(values) == 0 or int(np.abs(values).sum()) < 2**53:
        return np.rint(np.bincount(index, weights=values, minlength=length)).astype(np.int64)
    order = np.argsort(index, kind="stable")
    idx, vals = index[order], values[order]
    out = np.zeros(length, dtype=np.int64)
    starts = np.flatnonzero(np.r_[True, idx[1:] != idx[:-1]])
    out[idx[starts]] = np.add.reduceat(vals, starts)
    return out


def participation(md: ModuleDegrees) -> np.ndarray:
    """Participation coefficient P_i = (k_i² − Σ_s k_is²) / k_i²; 0 when k_i = 0.

    Notes
    -----
    This is 1 − Σ_s (k_is / k_i)², computed as one division of two exact integers, so
    it is the correctly rounded value: k = 10 with module counts (7, 1, 1, 1) gives
    0.3 exactly, where 1 − Σ (k_s/k)² gives 0.30000000000000004 (and role R5's
    threshold P ≤ 0.30 is compared in integers anyway, see :func:`hub_roles`).

    References
    ----------
    R. Guimerà and L. A. N. Amaral, "Functional cartography of complex metabolic
    networks", Nature 433 (2005) 895–900.
    """
    k2 = md.k.astype(np.int64) * md.k.astype(np.int64)  # < 2**53: exact as float64 too
    gap = k2 - md.sum_sq.astype(np.int64)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = gap.astype(float) / k2.astype(float)
    return np.where(md.k > 0, p, 0.0)


def within_module_z(md: ModuleDegrees) -> np.ndarray:
    """z_i = (κ_i − mean κ of the module) / population std of κ; 0 when the std is 0.

    Computed as (n·κ_i − S1) / sqrt(n·S2 − S1²) with n, S1, S2 the module's size, Σκ, Σκ².
    """
    n, s1, s2 = (md.size.astype(float), md.s1.astype(float), md.s2.astype(float))
    num = n * md.kappa - s1
    var = _exact(md.size) * _exact(md.s2) - _exact(md.s1) ** 2
    den = np.sqrt(np.maximum(n * s2 - s1 * s1, 0.0))
    with np.errstate(divide="ignore", invalid="ignore"):
        z = num / den
    return np.where(np.asarray(var > 0, dtype=bool), z, 0.0).astype(float)


def _exact(a: np.ndarray) -> np.ndarray:
    """Python-int object array (no overflow) when int64 products could overflow."""
    if len(a) == 0 or int(np.abs(a).max()) < 2**30:
        return a.astype(np.int64)
    return a.astype(object)


def hub_roles(md: ModuleDegrees) -> np.ndarray:
    """Guimerà–Amaral role R1–R7 per node, thresholds compared exactly in integers.

    Notes
    -----
    With k the degree and k_s the neighbours in module s,
    P ≤ t ⇔ k² − Σ k_s² ≤ t·k².  A node is a hub (z ≥ 2.5) ⇔ its module has
    n·S2 > S1², n·κ_i ≥ S1 and 4(n·κ_i − S1)² ≥ 25(n·S2 − S1²).  A node exactly on a
    threshold gets the role of the "≤" side.
    """
    big = max(
        int(md.k.max(initial=0)) ** 2,
        int(md.size.max(initial=0)) * int(md.s2.max(initial=0)),
        (int(md.size.max(initial=0)) * int(md.kappa.max(initial=0)) + int(md.s1.max(initial=0)))
        ** 2,
    )
    conv = (lambda a: a.astype(np.int64)) if big * 100 < 2**62 else (lambda a: a.astype(object))
    k2 = conv(md.k) * conv(md.k)
    gap = k2 - conv(md.sum_sq)  # = P·k²
    n, s1, s2, kap = conv(md.size), conv(md.s1), conv(md.s2), conv(md.kappa)
    var = n * s2 - s1 * s1
    dev = n * kap - s1
    hub = np.asarray(
        (var > 0) & (dev >= 0) & (_Z_DEN**2 * dev * dev >= _Z_NUM**2 * var), dtype=bool
    )
    roles = np.full(len(md.k), "", dtype=object)
    for is_hub, table, last in ((True, _HUB, "R7"), (False, _NONHUB, "R4")):
        sel = hub == is_hub
        out = np.full(int(sel.sum()), last, dtype=object)
        g, kk = gap[sel], k2[sel]
        for pct, name in reversed(table):
            out[np.asarray(100 * g <= pct * kk, dtype=bool)] = name
        roles[sel] = out
    return roles


def role_table(snap: Snapshot, module: np.ndarray | None = None) -> pd.DataFrame:
    """participation, within_module_z and role for each node, as a DataFrame."""
    md = module_degrees(snap, module)
    return pd.DataFrame(
        {
            "participation": participation(md),
            "within_module_z": within_module_z(md),
            "role": hub_roles(md),
        }
    )
