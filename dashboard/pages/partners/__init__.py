"""Partner finder: ranked partners in other clusters, their reasons, the path through a broker."""

from __future__ import annotations

from kizuna.dashboard.page import Page
from kizuna.dashboard.pages.partners import callbacks, layout

PAGE = Page(
    path="/partners", nav_key="nav.partners", layout=layout.layout, register=callbacks.register
)
