"""The app's pages, in nav-bar order; each owns its layout and callbacks."""

from __future__ import annotations

from kizuna.dashboard.pages import (
    cluster_gaps,
    cluster_profile,
    data_tables,
    hub_roles,
    national_map,
    network,
    partners,
    what_if,
)

PAGES = (national_map, network, cluster_gaps, hub_roles, partners, what_if, data_tables)
#: Pages reached from links, not from the nav bar (``PATH/<id>``).
LINKED_PAGES = (cluster_profile,)
