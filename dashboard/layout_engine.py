"""Positions for the network explorer, computed once per snapshot.

The layout itself is :mod:`analytics.layout` (the GEXF export uses it too); this module
applies it to a snapshot.  The same coordinates serve the aggregated view, the zoom into one
cluster and the ego networks, so a user keeps their bearings when switching views.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from kizuna.analytics import layout
from kizuna.analytics.layout import local_positions

if TYPE_CHECKING:
    from kizuna.dashboard.data import SnapshotData

__all__ = ["group_centres", "local_positions", "node_positions"]


def group_centres(data: SnapshotData) -> pd.DataFrame:
    """Super-node position (x, y), radius and size of every group, indexed by group."""
    return layout.group_centres(data.orgs_base["group"], data.ties)


def node_positions(data: SnapshotData) -> pd.DataFrame:
    """x, y of every organization, indexed by id."""
    return layout.node_positions(data.orgs_base["group"], data.ties, data.cluster_positions)
