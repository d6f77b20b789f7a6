"""National map: clusters as bubbles at their prefectures, cross-region ties as arcs."""

from __future__ import annotations

from kizuna.dashboard.page import Page
from kizuna.dashboard.pages.national_map import callbacks, layout

PAGE = Page(
    path="/", nav_key="nav.map", layout=layout.layout, register=callbacks.register, light=True
)
