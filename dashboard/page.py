"""The Page protocol: what the shell needs of a page (path, nav key, layout, callbacks).

Each page is a folder ``dashboard/pages/<page>/`` whose ``__init__.py`` exposes ``PAGE``, a
:class:`Page`; its parts live beside it (``model.py`` the data it shows, ``figures.py`` its
plotly figures, ``layout.py`` its components, ``callbacks.py`` its Dash callbacks).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from dash import Dash
from dash.development.base_component import Component

from kizuna.dashboard.store_source import DataSource, Snapshot

#: ``layout(snapshot, lang, selection)``: the page's content for one data snapshot.
Layout = Callable[[Snapshot, str, dict[str, Any]], Component]
#: ``register(app, source)``: adds the page's callbacks to the app.
Register = Callable[[Dash, DataSource], None]


@dataclass(frozen=True)
class Page:
    """One page of the app.

    Attributes
    ----------
    path : str
        The URL path (``"/gaps"``); a linked page also answers ``path + "/<id>"``.
    nav_key : str
        The catalogue key of its name in the nav bar (``"nav.gaps"``).
    layout : callable
        ``layout(snapshot, lang, selection)`` -> the page's Dash components.
    register : callable
        ``register(app, source)`` adds its callbacks.
    light : bool
        Drawn from the light first pass of the analysis (no need to wait for the full one).
    """

    path: str
    nav_key: str
    layout: Layout
    register: Register
    light: bool = False
