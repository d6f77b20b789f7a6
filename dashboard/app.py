"""The Dash app: a static shell (nav bar, stores, banner) and one Page (a folder) per page."""

from __future__ import annotations

import logging
from pathlib import Path

import dash

from kizuna.dashboard import ids, shell
from kizuna.dashboard.i18n import CURRENT_LANG, normalize_lang
from kizuna.dashboard.pages import LINKED_PAGES, PAGES
from kizuna.dashboard.store_source import BundleSource, DataSource

logger = logging.getLogger(__name__)

ASSETS = Path(__file__).resolve().parent / "assets"


def create_app(
    source: BundleSource, *, lang: str = "ja", refresh_seconds: float = 5.0
) -> dash.Dash:
    """Build the app over ``source``, a zero-argument callable returning a Bundle.

    Parameters
    ----------
    source : callable
        Returns the current :class:`graph.bundle.Bundle` (the CLI reads the store; tests
        read a bundle folder).  With a ``version()`` method (and ``cache_dir``) the store
        is read again only when its version changes (:class:`dashboard.store_source.DataSource`);
        if it raises, the app shows a banner and keeps running.
    lang : {"ja", "en"}
        Language of the interface until the user switches (the choice is remembered).
    refresh_seconds : float
        How often (at most) the source's version is checked.

    Returns
    -------
    dash.Dash
        The app; ``app.server`` is the Flask server (``app.server.config["KIZUNA_DATA"]`` holds
        the :class:`dashboard.store_source.DataSource`).
    """
    data = DataSource(source, refresh_seconds=refresh_seconds)
    app = dash.Dash(
        __name__,
        title="kizuna 絆",
        assets_folder=str(ASSETS),
        suppress_callback_exceptions=True,
        update_title=None,  # type: ignore[arg-type]
    )
    app.layout = shell.layout(normalize_lang(lang))
    shell.register(app, data)
    for page in (*PAGES, *LINKED_PAGES):
        page.register(app, data)
    app.server.config["KIZUNA_DATA"] = data
    app.server.before_request(_request_language)
    return app


def _request_language() -> None:
    """Names in a callback's answer follow the ``lang`` value the browser sent with it."""
    import flask

    lang = None
    if flask.request.method == "POST" and flask.request.path.endswith("_dash-update-component"):
        body = flask.request.get_json(silent=True) or {}
        for item in [*body.get("inputs", []), *body.get("state", [])]:
            if isinstance(item, dict) and item.get("id") == ids.LANG:
                lang = item.get("value")
    CURRENT_LANG.set(normalize_lang(lang))
