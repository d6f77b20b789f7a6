"""Network overview: clusters as super-nodes that expand into their organizations.

Every cluster is one super-node (size: its organizations, colour: the cluster palette);
organizations without a cluster are grouped by kind or by region.  A click expands a
super-node into its organizations and a second click (or "collapse all") closes it; the
expanded groups, grouping, layout (force-directed or geographic), labels and minimum degree
live in the URL query.  Searching or clicking an organization shows its ego network.

``layout.py`` draws the page, ``callbacks.py`` holds its callbacks (thin wrappers over
:func:`callbacks.render`), ``model.py`` the super-node aggregation (computed once per
snapshot), ``views.py`` one view of it (what is open, drawn and where), ``placement.py``
where super-nodes sit, ``state.py`` their names and the URL, ``figures.py`` the overview
figure and ``ego.py`` the ego networks.
"""

from __future__ import annotations

from kizuna.dashboard.explorer import search_options
from kizuna.dashboard.page import Page
from kizuna.dashboard.pages.network.callbacks import (
    Choices,
    Rendered,
    on_click,
    register,
    render,
    view_csv,
)
from kizuna.dashboard.pages.network.layout import layout

PAGE = Page(path="/network", nav_key="nav.network", layout=layout, register=register)

__all__ = [
    "PAGE",
    "Choices",
    "Rendered",
    "layout",
    "on_click",
    "register",
    "render",
    "search_options",
    "view_csv",
]
