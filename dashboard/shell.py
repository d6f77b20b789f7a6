"""The static shell of the app: nav bar, shared stores, store banner, page routing."""

from __future__ import annotations

import logging
import time
from typing import Any

from dash import ALL, Dash, Input, Output, State, ctx, dcc, html, no_update

from kizuna.dashboard import components as ui
from kizuna.dashboard import ids, urlstate
from kizuna.dashboard.i18n import LANGUAGES, t
from kizuna.dashboard.page import Page
from kizuna.dashboard.pages import LINKED_PAGES, PAGES
from kizuna.dashboard.store_source import DataSource, Snapshot

logger = logging.getLogger(__name__)


def _page_for(pathname: str | None) -> Page | None:
    path = (pathname or "/").rstrip("/") or "/"
    for page in PAGES:
        if path == page.path:
            return page
    for page in LINKED_PAGES:
        if path.startswith(page.path + "/"):
            return page
    return None


def nav_links(lang: str, pathname: str = "/") -> list[Any]:
    current = _page_for(pathname)
    return [
        dcc.Link(
            t(page.nav_key, lang),
            href=page.path,
            id={"type": ids.NAV_LINK, "page": page.path},
            className="nav-link active" if page is current else "nav-link",
        )
        for page in PAGES
    ]


def layout(lang: str) -> html.Div:
    """The static layout: every page link lives here, pages render into ``ids.PAGE``."""
    return html.Div(
        [
            dcc.Location(id=ids.URL, refresh=False),
            dcc.Store(id=ids.SELECTION, storage_type="session"),
            dcc.Store(id=ids.SCENARIO, storage_type="session"),
            html.Header(
                [
                    html.Div(
                        [html.Span("絆", className="brand-mark"), html.Span("kizuna")],
                        className="brand",
                    ),
                    html.Nav(nav_links(lang), id=ids.NAV, className="nav"),
                    html.Div(
                        [
                            html.Span(id=ids.SELECTION_LABEL, className="selection-label"),
                            html.Button(
                                "×",
                                id=ids.SELECTION_CLEAR,
                                className="btn btn-small",
                                title="clear / 解除",
                            ),
                        ],
                        className="selection",
                    ),
                    html.Div(
                        [
                            dcc.RadioItems(
                                id=ids.LANG,
                                options=[{"label": x.upper(), "value": x} for x in LANGUAGES],
                                value=lang,
                                inline=True,
                                persistence=True,
                                className="lang-switch",
                            ),
                            dcc.RadioItems(
                                id=ids.IMAGE_FORMAT,
                                options=["png", "svg"],
                                value="png",
                                inline=True,
                                persistence=True,
                                className="image-format",
                            ),
                        ],
                        className="switches",
                    ),
                ],
                className="topbar",
            ),
            html.Div(id=ids.BANNER),
            dcc.Interval(id=ids.WARM_POLL, interval=2000),
            dcc.Store(id=ids.DATA_KEY),
            dcc.Store(id=ids.SHOWN_KEY),
            dcc.Store(id=ids.URL_RESTORED),
            html.Main(id=ids.PAGE, className="page"),
        ],
        className="app",
    )


def banner(snapshot: Snapshot, lang: str, start: str = "kizuna store start") -> Any:
    """The store banner: empty when the last read worked and the data is current."""
    if snapshot.error is None:
        if snapshot.updating and not snapshot.data.is_empty:
            return ui.notice(t("banner.updating", lang), kind="warning")
        return None
    when = time.strftime("%H:%M:%S", time.localtime(snapshot.loaded_at))
    if snapshot.down:
        error = str(snapshot.error).rstrip("。. ")
        text = t("banner.store_down", lang, error=error, time=when)
        # the error of a stopped embedded store already says how to start it
        retry = start in error
        text += " " + (
            t("banner.store_retry", lang) if retry else t("banner.store_start", lang, start=start)
        )
    else:
        text = t("banner.read_failed", lang, error=snapshot.error, time=when)
    if not snapshot.data.is_empty:
        text += " " + t("banner.stale", lang)
    return ui.notice(text, kind="error")


def render_page(
    source: DataSource, pathname: str | None, lang: str, selection: Any
) -> tuple[Any, Any]:
    """(page content, banner) for a URL path: a page load may re-read the store."""
    snapshot = source.current()
    page = _page_for(pathname)
    if page is None:
        content: Any = html.Div(
            [html.H2(t("notfound.title", lang)), dcc.Link(t("nav.map", lang), href="/")]
        )
    elif snapshot.data.is_empty and snapshot.error is not None and not snapshot.down:
        content = html.Div([html.H2(t("readfailed.title", lang))], className="empty-page")
    elif snapshot.data.is_empty and snapshot.error is not None:
        content = html.Div(
            [
                html.H2(t("down.title", lang)),
                html.P(t("down.body", lang, start=source.hint("store start"))),
            ],
            className="empty-page",
        )
    elif snapshot.data.is_empty:
        content = ui.empty_store_page(lang, hint=source.hint)
    elif (problem := analysis_notice(snapshot, page, lang)) is not None:
        content = problem
    else:
        try:
            content = page_layout(snapshot, page, lang, ui.selection_of(selection))
        except Exception as exc:  # a page must never take the app down
            logger.exception("page %s failed", pathname)
            content = ui.notice(
                t("page.failed", lang, error=f"{type(exc).__name__}: {exc}"), kind="error"
            )
    return content, banner(snapshot, lang, source.hint("store start"))


def page_layout(snapshot: Snapshot, page: Page, lang: str, selection: dict[str, Any]) -> Any:
    """A page's layout; once the snapshot's analysis is ready, kept for the same inputs."""
    data = snapshot.data
    if not data.ready:  # the light map first, the whole page later: nothing to keep yet
        return page.layout(snapshot, lang, selection)
    # a page may also read the URL's path and query (a profile's cluster, shared filters)
    path, query = urlstate.CURRENT_PATH.get(), urlstate.CURRENT_QUERY.get()

    def build(lang: str, selection: dict[str, Any], _path: str, _query: dict[str, str]) -> Any:
        return page.layout(snapshot, lang, selection)

    return data.view(f"page:{page.path}", build, lang, selection, path, query)


def analysis_notice(snapshot: Snapshot, page: Page, lang: str) -> Any:
    """A "computing" or "failed" notice when ``page`` needs an analysis not ready yet.

    The analysis starts in the background on the first page load; a light page (the map)
    is drawn at once from the light first pass.
    """
    data = snapshot.data
    light = is_light(page)
    ready = data.warm_in_background(wait=0 if light else WAIT_SECONDS, light_first=light)
    if data.warm_error is not None and not light:
        return ui.notice(t("page.failed", lang, error=data.warm_error), kind="error")
    if not ready and not light:
        return computing_notice(snapshot, lang)
    return None


#: How long a page load waits for a new snapshot's analysis before showing a notice.
WAIT_SECONDS = 4.0


def computing_notice(snapshot: Snapshot, lang: str) -> html.Div:
    data = snapshot.data
    return html.Div(
        [
            html.H2(t("computing.title", lang)),
            ui.notice(
                t(
                    "computing.body",
                    lang,
                    orgs=f"{len(data.bundle.nodes):,}",
                    ties=f"{len(data.bundle.ties):,}",
                )
            ),
        ],
        className="empty-page",
    )


def is_light(page: Page | None) -> bool:
    """Whether ``page`` draws from the light first pass (no analysis needed)."""
    return page is not None and page.light


def is_computing(source: DataSource) -> bool:
    data = source.peek().data
    return not data.ready and data.warm_error is None


def status_key(snapshot: Snapshot) -> str:
    """What a page was drawn from: a new value means the page should be drawn again."""
    return f"{snapshot.data.key}|{snapshot.data.ready}"


def selection_text(source: DataSource, selection: Any, lang: str) -> str:
    sel = ui.selection_of(selection)
    data = source.peek().data
    kind = sel.get("kind")
    if kind == "cluster":
        what = data.cluster_label(sel.get("id"), lang)
    elif kind == "pair":
        a, b = data.cluster_label(sel.get("a"), lang), data.cluster_label(sel.get("b"), lang)
        what = f"{a} ↔ {b}"
    elif kind == "arc":
        a, b = str(sel.get("a") or ""), str(sel.get("b") or "")
        what = f"{data.place_label(a, lang)} ↔ {data.place_label(b, lang)}"
    elif kind == "org":
        what = data.org_label(str(sel.get("id")), lang)
    else:
        return t("selection.none", lang)
    return t("selection.current", lang, what=what)


def share_outputs(query: dict[str, str]) -> tuple[str, list[str]]:
    """(URL query, nav hrefs): every page link keeps the language and the selection."""
    return urlstate.share(query, [page.path for page in PAGES])


def register(app: Dash, source: DataSource) -> None:
    """The shell's callbacks: routing and status, the URL's state, the selection."""
    _register_routing(app, source)
    _register_url_state(app)
    _register_selection(app, source)


def _register_routing(app: Dash, source: DataSource) -> None:
    """The page for the URL (with banner and nav bar), and the cheap status poll."""

    @app.callback(
        Output(ids.PAGE, "children"),
        Output(ids.BANNER, "children"),
        Output({"type": ids.NAV_LINK, "page": ALL}, "children"),
        Output({"type": ids.NAV_LINK, "page": ALL}, "className"),
        Output(ids.SHOWN_KEY, "data"),
        Input(ids.URL, "pathname"),
        Input(ids.LANG, "value"),
        Input(ids.DATA_KEY, "data"),
        State(ids.SELECTION, "data"),
        State(ids.URL, "search"),
        State(ids.URL_RESTORED, "data"),
    )
    def route(pathname, lang, _key, selection, search, restored):  # type: ignore[no-untyped-def]
        query = urlstate.parse(search)
        urlstate.CURRENT_QUERY.set(query)
        urlstate.CURRENT_PATH.set(pathname or "/")
        if not restored and query.get("sel"):  # opened from a shared URL: its selection
            selection = urlstate.selection_of_param(query["sel"]) or selection
        content, top = render_page(source, pathname, lang, selection)
        current = _page_for(pathname)
        names = [t(p.nav_key, lang) for p in PAGES]
        classes = ["nav-link active" if p is current else "nav-link" for p in PAGES]
        shown = status_key(source.peek())
        return content, top, names, classes, shown

    @app.callback(
        Output(ids.BANNER, "children", allow_duplicate=True),
        Output(ids.DATA_KEY, "data"),
        Output(ids.WARM_POLL, "interval"),
        Input(ids.WARM_POLL, "n_intervals"),
        State(ids.SHOWN_KEY, "data"),
        State(ids.URL, "pathname"),
        State(ids.LANG, "value"),
        prevent_initial_call=True,
    )
    def status(_ticks, shown, pathname, lang):  # type: ignore[no-untyped-def]
        """The cheap poll: banner (store down, updating) and redraw when new data is ready."""
        snapshot = source.current()
        key = status_key(snapshot)
        page = _page_for(pathname)
        # a light page drawn before the analysis finished needs no redraw for it
        same = key == shown or (
            is_light(page) and isinstance(shown, str) and shown.split("|")[0] == key.split("|")[0]
        )
        fast = is_computing(source) or snapshot.updating
        return (
            banner(snapshot, lang, source.hint("store start")),
            no_update if same else key,
            2000 if fast else 10000,
        )


def _register_url_state(app: Dash) -> None:
    """A shared URL's language and selection restored; the view written back into it."""

    @app.callback(
        Output(ids.LANG, "value"),
        Output(ids.SELECTION, "data", allow_duplicate=True),
        Output(ids.URL_RESTORED, "data"),
        Input(ids.URL, "pathname"),
        State(ids.URL, "search"),
        State(ids.URL_RESTORED, "data"),
        prevent_initial_call="initial_duplicate",
    )
    def restore(_path, search, restored):  # type: ignore[no-untyped-def]
        """A shared URL, opened: its language and selection become the view's."""
        if restored:
            return no_update, no_update, no_update
        query = urlstate.parse(search)
        lang = query.get("lang")
        selection = urlstate.selection_of_param(query.get("sel"))
        return (
            lang if lang in LANGUAGES else no_update,
            selection if selection is not None else no_update,
            True,
        )

    @app.callback(
        Output(ids.URL, "search"),
        Output({"type": ids.NAV_LINK, "page": ALL}, "href"),
        Input(ids.SELECTION, "data"),
        Input(ids.LANG, "value"),
        State(ids.URL, "search"),
        prevent_initial_call=True,
    )
    def share(selection, lang, search):  # type: ignore[no-untyped-def]
        """Language and selection written into the URL (and carried by the nav links)."""
        query = urlstate.parse(search)
        query.update(lang=lang or "", sel=urlstate.selection_param(selection))
        return share_outputs(query)


def _register_selection(app: Dash, source: DataSource) -> None:
    """The selection's label and clear button; figure download settings."""

    @app.callback(
        Output(ids.SELECTION_LABEL, "children"),
        Input(ids.SELECTION, "data"),
        Input(ids.LANG, "value"),
    )
    def show_selection(selection, lang):  # type: ignore[no-untyped-def]
        return selection_text(source, selection, lang)

    @app.callback(
        Output(ids.SELECTION, "data", allow_duplicate=True),
        Input(ids.SELECTION_CLEAR, "n_clicks"),
        prevent_initial_call=True,
    )
    def clear(_n):  # type: ignore[no-untyped-def]
        return None

    @app.callback(
        Output({"type": ids.FIGURE, "name": ALL}, "config"),
        Input(ids.IMAGE_FORMAT, "value"),
        Input(ids.PAGE, "children"),
    )
    def figure_config(image_format, _children):  # type: ignore[no-untyped-def]
        names = [o["id"]["name"] for o in ctx.outputs_list]
        return [ui.graph_config(name, image_format) for name in names]
