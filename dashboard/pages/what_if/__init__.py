"""What-if page: add a tie or dispatch a coordinator in this browser session only, see the
change in gaps, roles and reachability; reset; export (the model is :mod:`.model`)."""

from __future__ import annotations

from kizuna.dashboard.page import Page
from kizuna.dashboard.pages.what_if import callbacks, layout

PAGE = Page(path="/whatif", nav_key="nav.whatif", layout=layout.layout, register=callbacks.register)
