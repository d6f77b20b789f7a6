"""Every page is a Page in the registry; every component id comes from dashboard/ids.py."""

from __future__ import annotations

import ast
import dataclasses
import importlib
import tomllib
from pathlib import Path
from typing import Any, get_args, get_type_hints

import pytest

from kizuna.analytics.api import NetworkAnalysis, WhatIfDiff
from kizuna.dashboard import ids, shell, urlstate
from kizuna.dashboard.app import create_app
from kizuna.dashboard.data import SnapshotData
from kizuna.dashboard.i18n import LANGUAGES, catalogue
from kizuna.dashboard.page import Page
from kizuna.dashboard.pages import LINKED_PAGES, PAGES
from kizuna.dashboard.store_source import Snapshot

DASHBOARD = Path(shell.__file__).resolve().parent
SELECTIONS: list[dict[str, Any] | None] = [
    None,
    {"kind": "cluster", "id": "tama"},
    {"kind": "pair", "a": "kansai_green", "b": "tama"},
    {"kind": "org", "id": "tama_c1"},
]


def id_values() -> tuple[set[str], list[dict[str, str]]]:
    """The string ids and the dict ids defined in ids.py."""
    values = [v for k, v in vars(ids).items() if k.isupper()]
    return {v for v in values if isinstance(v, str)}, [v for v in values if isinstance(v, dict)]


def component_ids(node: Any) -> list[Any]:
    """Every ``id`` in a layout tree (children and component-valued properties)."""
    found = []
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, list | tuple):
            stack.extend(item)
            continue
        if not hasattr(item, "to_plotly_json"):
            continue
        props = item.to_plotly_json().get("props", {})
        if "id" in props:
            found.append(props["id"])
        stack.extend(v for k, v in props.items() if k != "id")
    return found


def test_every_page_is_a_page_with_a_unique_path_and_a_named_nav_entry():
    paths = [page.path for page in (*PAGES, *LINKED_PAGES)]
    assert len(set(paths)) == len(paths) == 8
    for page in (*PAGES, *LINKED_PAGES):
        assert isinstance(page, Page)
        assert page.path.startswith("/")
        assert callable(page.layout) and callable(page.register)
        for lang in LANGUAGES:
            assert page.nav_key in catalogue(lang), (page.path, lang)
    assert [p.path for p in PAGES if p.light] == ["/"]  # the map draws from the light pass


def test_every_page_folder_is_registered_and_packaged():
    folders = {
        p.name
        for p in (DASHBOARD / "pages").iterdir()
        if p.is_dir() and (p / "__init__.py").exists()
    }
    assert len(folders) >= 7
    registered = {id(p) for p in (*PAGES, *LINKED_PAGES)}
    with (DASHBOARD.parent / "pyproject.toml").open("rb") as handle:
        packaged = set(tomllib.load(handle)["tool"]["setuptools"]["packages"])
    for name in folders:
        module = importlib.import_module(f"kizuna.dashboard.pages.{name}")
        assert isinstance(module.PAGE, Page), name
        assert id(module.PAGE) in registered, name
        assert f"kizuna.dashboard.pages.{name}" in packaged, f"add {name} to pyproject packages"


def test_every_component_id_of_every_page_comes_from_ids(tiny_bundle):
    strings, dicts = id_values()
    app = create_app(tiny_bundle)
    source = app.server.config["KIZUNA_DATA"]
    source.warm()
    seen = component_ids(app.layout)
    for selection in SELECTIONS:
        for page in PAGES:
            content, _ = shell.render_page(source, page.path, "en", selection)
            assert "notice-error" not in str(content), page.path
            seen += component_ids(content)
        urlstate.CURRENT_PATH.set("/cluster/tama")
        content, _ = shell.render_page(source, "/cluster/tama", "en", selection)
        seen += component_ids(content)
    assert len(seen) > 50
    for cid in seen:
        if isinstance(cid, str):
            assert cid in strings, cid
        else:
            assert cid.get("type") in strings, cid
            if cid["type"] == ids.FIGURE:
                assert cid in dicts, cid


def literal_ids(tree: ast.AST) -> list[tuple[int, str]]:
    """Component ids written as literals: ``id="..."``, ``Input("...", ...)`` and the like,
    a grid's or a graph's first argument, a ``{"type": "..."}`` dict."""
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else None
        if isinstance(node.func, ast.Name):
            name = node.func.id
        args = []
        if name in ("Input", "Output", "State", "grid", "graph", "csv_button") and node.args:
            args.append(node.args[0])
        args += [k.value for k in node.keywords if k.arg in ("id", "component_id", "grid_id")]
        for arg in args:
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                found.append((node.lineno, arg.value))
            if isinstance(arg, ast.Dict):
                for key, value in zip(arg.keys, arg.values, strict=True):
                    if (
                        isinstance(key, ast.Constant)
                        and key.value == "type"
                        and isinstance(value, ast.Constant)
                    ):
                        found.append((node.lineno, str(value.value)))
    return found


@pytest.mark.parametrize(
    "path",
    sorted(p for p in DASHBOARD.rglob("*.py") if p.name != "ids.py"),
    ids=lambda p: str(p.relative_to(DASHBOARD)),
)
def test_no_component_id_is_written_outside_ids(path):
    assert literal_ids(ast.parse(path.read_text(encoding="utf-8"))) == []


def test_the_literal_id_check_finds_literals():
    code = 'Output("x", "data"); html.Div(id="y"); ui.grid("z", f); Input({"type": "t"}, "v")'
    assert [v for _, v in literal_ids(ast.parse(code))] == ["x", "y", "z", "t"]


def mentions_any(hint: Any) -> bool:
    return hint is Any or any(mentions_any(arg) for arg in get_args(hint))


def test_what_the_pages_read_of_a_snapshot_is_typed():
    read = {
        name: get_type_hints(attr.fget)["return"]
        for name, attr in vars(SnapshotData).items()
        if isinstance(attr, property) and not name.startswith("_")
    }
    assert read["analysis"] is NetworkAnalysis
    assert {"clusters", "orgs", "ties", "positions", "partner_finder"} <= set(read)
    for cls in (Snapshot, WhatIfDiff):
        read |= {f"{cls.__name__}.{k}": v for k, v in get_type_hints(cls).items()}
    # the parts of the analysis the pages read (communities and meta are the reports')
    hints = get_type_hints(NetworkAnalysis)
    names = {f.name for f in dataclasses.fields(NetworkAnalysis)}
    read |= {f"analysis.{k}": hints[k] for k in ("nodes", "cluster_pairs", "spof") if k in names}
    assert [name for name, hint in read.items() if mentions_any(hint)] == []
    assert mentions_any(dict[str, list[Any]])  # the check itself sees a nested Any


def test_the_map_filters_go_into_the_url_and_every_nav_link(tiny_bundle):
    """The map page writes its filters into the URL and the nav links without the shell."""
    app = create_app(tiny_bundle)
    key = next(
        k
        for k, v in app.callback_map.items()
        if "url.search" in k and any(i["id"] == ids.MAP_TIE_KINDS for i in v["inputs"])
    )
    nav = [{"id": {"type": ids.NAV_LINK, "page": p.path}, "property": "href"} for p in PAGES]
    values = {
        ids.MAP_TIE_KINDS: ["supply"],
        ids.MAP_CONFIDENCE: ["confirmed"],
        ids.MAP_YEARS: [2001, 2009],
        ids.MAP_COLOR_BY: "phase",
    }
    body = {
        "output": key,
        "outputs": [{"id": ids.URL, "property": "search"}, nav],
        "inputs": [{"id": k, "property": "value", "value": v} for k, v in values.items()],
        "state": [{"id": ids.URL, "property": "search", "value": "?lang=en&sel=cluster:tama"}],
        "changedPropIds": [f"{ids.MAP_TIE_KINDS}.value"],
    }
    answer = app.server.test_client().post("/_dash-update-component", json=body)
    assert answer.status_code == 200
    response = answer.get_json()["response"]
    search = response[ids.URL]["search"]
    assert "kinds=supply" in search and "lang=en" in search and "sel=cluster:tama" in search
    hrefs = [response[f'{{"page":"{p.path}","type":"{ids.NAV_LINK}"}}']["href"] for p in PAGES]
    assert hrefs == [f"{p.path}?lang=en&sel=cluster:tama" for p in PAGES]
