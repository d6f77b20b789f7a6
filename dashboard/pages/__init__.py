"""The app's pages, in nav-bar order; each is a folder whose ``PAGE`` is a
:class:`~kizuna.dashboard.page.Page`."""

from __future__ import annotations

from types import ModuleType

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


def page_of(module: ModuleType) -> Page:
    """The :class:`Page` of a page package (its ``PAGE``), or of a page module that still
    defines ``PATH``, ``NAV_KEY``, ``layout`` and ``register`` (and optionally ``LIGHT``)."""
    page = getattr(module, "PAGE", None)
    if isinstance(page, Page):
        return page
    return Page(
        path=module.PATH,
        nav_key=module.NAV_KEY,
        layout=module.layout,
        register=module.register,
        light=bool(getattr(module, "LIGHT", False)),
    )


PAGES: tuple[Page, ...] = tuple(
    page_of(m)
    for m in (national_map, network, cluster_gaps, hub_roles, partners, what_if, data_tables)
)
#: Pages reached from links, not from the nav bar (``path/<id>``).
LINKED_PAGES: tuple[Page, ...] = (cluster_profile.PAGE,)
