"""Cluster profile (``/cluster/<id>``): members, ties on the map, roles, gaps, partners,
evidence, and the cluster's report (Excel or PDF, from :mod:`kizuna.reports`)."""

from __future__ import annotations

from kizuna.dashboard.page import Page
from kizuna.dashboard.pages.cluster_profile import callbacks, layout, model

PAGE = Page(
    path=model.PATH, nav_key="nav.cluster", layout=layout.layout, register=callbacks.register
)
