"""Data: the organizations, ties, clusters and programs as tables, provenance visible.

The grid uses AG Grid's infinite row model: the browser asks for blocks of rows with its
filter and sort model, the server filters the cached frame with pandas.  A table of 50,000
ties never travels to the browser whole, and the CSV/Excel download is the same filtered,
sorted view."""

from __future__ import annotations

from kizuna.dashboard.page import Page
from kizuna.dashboard.pages.data_tables import callbacks, layout

PAGE = Page(path="/data", nav_key="nav.data", layout=layout.layout, register=callbacks.register)
