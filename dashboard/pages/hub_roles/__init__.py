"""Hub roles: the Guimerà–Amaral role map, brokerage roles, single points of failure."""

from __future__ import annotations

from kizuna.dashboard.page import Page
from kizuna.dashboard.pages.hub_roles import callbacks, layout

PAGE = Page(path="/roles", nav_key="nav.roles", layout=layout.layout, register=callbacks.register)
