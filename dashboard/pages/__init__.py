"""The app's pages, in nav-bar order; each is a folder whose ``PAGE`` is a
:class:`~kizuna.dashboard.page.Page`."""

from __future__ import annotations

from kizuna.dashboard.page import Page
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

PAGES: tuple[Page, ...] = (
    national_map.PAGE,
    network.PAGE,
    cluster_gaps.PAGE,
    hub_roles.PAGE,
    partners.PAGE,
    what_if.PAGE,
    data_tables.PAGE,
)
#: Pages reached from links, not from the nav bar (``path/<id>``).
LINKED_PAGES: tuple[Page, ...] = (cluster_profile.PAGE,)
