"""The app shell, routing, empty and broken stores, callback wiring, basic auth, `kizuna serve`."""

from __future__ import annotations

import base64
from dataclasses import replace

import pytest
from click.testing import CliRunner
from dash import html

from kizuna import cmd_serve
from kizuna.dashboard import ids, shell, urlstate
from kizuna.dashboard.app import create_app
from kizuna.dashboard.auth import parse_credentials, require_basic_auth
from kizuna.dashboard.pages import PAGES
from kizuna.graph.bundle import Bundle
from kizuna.graph.errors import ConfigError, StoreNotRunning


def component_ids(node) -> set[str]:  # type: ignore[no-untyped-def]
    found: set[str] = set()
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, list | tuple):
            stack.extend(item)
            continue
        if not hasattr(item, "to_plotly_json"):
            continue
        cid = getattr(item, "id", None)
        if isinstance(cid, str):
            found.add(cid)
        children = getattr(item, "children", None)
        if children is not None:
            stack.append(children)
    return found


def test_every_callback_id_exists_in_some_layout(tiny_bundle):
    app = create_app(tiny_bundle)
    source = app.server.config["KIZUNA_DATA"]
    source.warm()  # pages render, not the "computing" notice
    present = component_ids(app.layout)
    for page in PAGES:
        content, _ = shell.render_page(source, page.path, "ja", {"kind": "cluster", "id": "tama"})
        present |= component_ids(content)
    urlstate.CURRENT_PATH.set("/cluster/tama")
    content, _ = shell.render_page(source, "/cluster/tama", "ja", None)
    present |= component_ids(content)
    present.add(ids.DATA_GRID_HOLDER)
    missing = set()
    for callback in app.callback_map.values():
        for dep in [*callback["inputs"], *callback["state"]]:
            if dep["id"].startswith("{"):
                continue
            if dep["id"] not in present:
                missing.add(dep["id"])
    assert missing == set()


def test_every_page_renders_in_both_languages(tiny_bundle):
    app = create_app(tiny_bundle)
    source = app.server.config["KIZUNA_DATA"]
    source.warm()
    for lang in ("ja", "en"):
        for page in PAGES:
            content, banner = shell.render_page(source, page.path, lang, None)
            assert banner is None
            assert "notice-error" not in str(content), page.path
    content, _ = shell.render_page(source, "/nowhere", "en", None)
    assert "No such page" in str(content)


def test_empty_store_tells_how_to_load():
    app = create_app(Bundle)
    content, banner = shell.render_page(app.server.config["KIZUNA_DATA"], "/network", "ja", None)
    assert "kizuna load" in str(content) and banner is None


def test_unreachable_store_shows_a_banner_and_the_app_keeps_running():
    def down() -> Bundle:
        raise StoreNotRunning(
            "No kizuna store is running for /tmp/x. Start it with: kizuna store start"
        )

    app = create_app(down)
    source = app.server.config["KIZUNA_DATA"]
    content, banner = shell.render_page(source, "/", "en", None)
    assert "kizuna store start" in str(banner) and "cannot be reached" in str(content)
    assert "kizuna load" not in str(content)  # the store is not known to be empty
    client = app.server.test_client()
    assert client.get("/").status_code == 200


def test_selection_text(tiny_bundle):
    app = create_app(tiny_bundle)
    source = app.server.config["KIZUNA_DATA"]
    source.current()
    assert shell.selection_text(source, None, "en") == "Nothing selected"
    assert "TAMA" in shell.selection_text(source, {"kind": "cluster", "id": "tama"}, "en")
    pair = shell.selection_text(source, {"kind": "pair", "a": "kansai_green", "b": "tama"}, "ja")
    assert "↔" in pair and "環境ビジネスKANSAI" in pair


def test_a_failing_page_shows_an_error_not_a_crash(tiny_bundle, monkeypatch):
    app = create_app(tiny_bundle)

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise ValueError("bad cluster pairs")

    pages = tuple(replace(p, layout=broken) if p.path == "/gaps" else p for p in shell.PAGES)
    monkeypatch.setattr(shell, "PAGES", pages)
    app.server.config["KIZUNA_DATA"].warm()
    content, _ = shell.render_page(app.server.config["KIZUNA_DATA"], "/gaps", "en", None)
    assert "bad cluster pairs" in str(content)


def test_static_layout_has_nav_links_and_stores(tiny_bundle):
    app = create_app(tiny_bundle, lang="en")
    layout = app.layout
    text = str(layout)
    for page in PAGES:
        assert f"'href': '{page.path}'" in text or f"href='{page.path}'" in text
    present = component_ids(layout)
    assert {ids.SELECTION, ids.SCENARIO, ids.LANG, ids.PAGE, ids.BANNER} <= present
    assert isinstance(layout, html.Div)


def test_basic_auth(tiny_bundle):
    app = create_app(tiny_bundle)
    require_basic_auth(app.server, "analyst", "s3cret")
    client = app.server.test_client()
    assert client.get("/").status_code == 401
    bad = base64.b64encode(b"analyst:wrong").decode()
    assert client.get("/", headers={"Authorization": f"Basic {bad}"}).status_code == 401
    good = base64.b64encode(b"analyst:s3cret").decode()
    assert client.get("/", headers={"Authorization": f"Basic {good}"}).status_code == 200


def test_credentials_must_be_user_colon_password():
    assert parse_credentials("a:b:c") == ("a", "b:c")
    for wrong in ("nopassword", ":x", "x:"):
        with pytest.raises(ConfigError, match="user:password"):
            parse_credentials(wrong)


def test_loopback_detection():
    assert cmd_serve.is_loopback("127.0.0.1") and cmd_serve.is_loopback("localhost")
    assert cmd_serve.is_loopback("::1")
    assert not cmd_serve.is_loopback("0.0.0.0") and not cmd_serve.is_loopback("192.168.1.5")


def test_store_source_reconnects_after_a_failure(monkeypatch, tiny_bundle):
    class FakeStore:
        def __init__(self, fail: bool):
            self.fail = fail
            self.closed = False

        def read_bundle(self, graph_filter=None):  # type: ignore[no-untyped-def]
            if self.fail:
                raise OSError("connection reset")
            return tiny_bundle()

        def close(self) -> None:
            self.closed = True

    stores = [FakeStore(True), FakeStore(False)]
    made: list[FakeStore] = []

    def connect(settings):  # type: ignore[no-untyped-def]
        made.append(stores[len(made)])
        return made[-1]

    monkeypatch.setattr("kizuna.store_access.connect", connect)
    source = cmd_serve.StoreSource(settings=None)  # type: ignore[arg-type]
    with pytest.raises(OSError):
        source()
    assert made[0].closed
    assert len(source().nodes) == 25
    assert len(made) == 2


def test_serve_help_and_bad_credentials(monkeypatch):
    runner = CliRunner()
    result = runner.invoke(cmd_serve.serve, ["--help"])
    assert (
        result.exit_code == 0 and "--host" in result.output and "KIZUNA_BASIC_AUTH" in result.output
    )
    monkeypatch.setenv("KIZUNA_BASIC_AUTH", "oops")
    result = runner.invoke(cmd_serve.serve, ["--port", "0"])
    assert result.exit_code != 0 and isinstance(result.exception, ConfigError)


def test_serve_runs_the_app_on_the_given_host(monkeypatch, tmp_path):
    ran = {}

    def fake_run(self, host, port, debug):  # type: ignore[no-untyped-def]
        ran.update(host=host, port=port, debug=debug, server=self.server)

    monkeypatch.setattr("dash.Dash.run", fake_run)
    monkeypatch.delenv("KIZUNA_BASIC_AUTH", raising=False)
    result = CliRunner().invoke(cmd_serve.serve, ["--port", "8123", "--data-dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert ran["host"] == "127.0.0.1" and ran["port"] == 8123 and ran["debug"] is False
    exposed = CliRunner().invoke(cmd_serve.serve, ["--host", "0.0.0.0"])
    assert "without a login" in exposed.output


def test_figures_download_as_png_or_svg():
    from kizuna.dashboard.components import graph_config

    assert graph_config("map", "svg")["toImageButtonOptions"] == {
        "format": "svg",
        "filename": "kizuna-map",
        "scale": 2,
    }
    assert graph_config("map", "pdf")["toImageButtonOptions"]["format"] == "png"
    assert graph_config("roles")["displaylogo"] is False


def test_a_slow_analysis_shows_a_computing_page_then_the_page(tiny_bundle, monkeypatch):
    import threading

    from kizuna.dashboard import data as data_module

    release = threading.Event()
    real = data_module.run_analysis

    def slow(bundle):  # type: ignore[no-untyped-def]
        release.wait(10)
        return real(bundle)

    monkeypatch.setattr(data_module, "run_analysis", slow)
    monkeypatch.setattr(shell, "WAIT_SECONDS", 0.05)
    app = create_app(tiny_bundle, lang="en")
    source = app.server.config["KIZUNA_DATA"]
    content, _ = shell.render_page(source, "/gaps", "en", None)
    assert "Analysing the network" in str(content) and shell.is_computing(source)
    release.set()
    source.peek().data._warming.join(10)
    content, _ = shell.render_page(source, "/gaps", "en", None)
    assert "Cluster gaps" in str(content) and not shell.is_computing(source)


def test_a_failing_analysis_is_reported_on_the_page(tiny_bundle, monkeypatch):
    from kizuna.dashboard import data as data_module

    def broken(bundle):  # type: ignore[no-untyped-def]
        raise ValueError("cannot analyse")

    monkeypatch.setattr(data_module, "run_analysis", broken)
    app = create_app(tiny_bundle, lang="en")
    source = app.server.config["KIZUNA_DATA"]
    source.warm()
    content, _ = shell.render_page(source, "/gaps", "en", None)
    assert "cannot analyse" in str(content)
    # the map needs no analysis: it is still drawn
    content, _ = shell.render_page(source, "/", "en", None)
    assert "cannot analyse" not in str(content) and "National map" in str(content)
