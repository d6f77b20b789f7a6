"""Cluster gaps: observed/expected ties for every pair of clusters, weakest pairs, drill-down."""

from __future__ import annotations

from kizuna.dashboard.page import Page
from kizuna.dashboard.pages.cluster_gaps import callbacks, layout

PAGE = Page(path="/gaps", nav_key="nav.gaps", layout=layout.layout, register=callbacks.register)
