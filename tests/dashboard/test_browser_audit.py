"""Issue 13 part 5 in headless Chromium: no vocabulary code and no id on any page, in Japanese
and in English, and each language puts its own name first.

Every page of the seed network is opened in both languages with TAMA selected; what it shows
is read from the browser (:file:`audit_collect.js`): the SVG text of every figure (axis titles,
ticks, legend, colour bar, annotations), the hover text of every point (its hovertemplate with
the customdata and text it shows filled in), every row of every grid (through AG Grid's API,
formatted as shown) with its headers, and the page's visible text.  A screenshot of each page
in each language goes to the screenshot folder (``KIZUNA_SCREENSHOTS`` or
``test-artifacts/screenshots``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from kizuna.graph.terms import terms
from tests.dashboard.test_browser import (  # the served seed app and the browser
    browser,
    map_drawn,
    served,
    settled,
    severe,
    shot,
    text_of,
    wait_for,
)

pytestmark = pytest.mark.browser
__all__ = ["browser", "served"]  # fixtures, used by name

COLLECT = (Path(__file__).parent / "audit_collect.js").read_text("utf-8")
PAGES = ("/", "/network", "/cluster/tama", "/gaps", "/roles", "/partners", "/whatif", "/data")
#: Pages without a figure to hover.
NO_HOVER = ("/data", "/whatif")
#: Text split into the fields a reader sees one by one (hover lines, "a · b", "a / b" ...).
BREAK = re.compile(r"<br\s*/?>")
TAG = re.compile(r"</?[a-z]+[^>]*>")
FIELDS = re.compile(r"\n| · | / |: |、|, |\t|[()（）]")
SNAKE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")
R_CODE = re.compile(r"\bR[1-7]\b")
ROLE_CODES = tuple(f"R{i}" for i in range(1, 8))
LOWER_WORD = re.compile(r"(?<![A-Za-z'’-])[a-z]{2,}(?![A-Za-z'’-])")
#: The data page's columns shown by vocabulary name (its other columns are the data as loaded).
TERM_CELLS = tuple(
    f".{c}" for c in ("kind", "confidence", "region", "field", "role", "phase", "program_kind")
)


def vocabulary() -> dict[str, set[str]]:
    """Every vocabulary code (graph/data/terms.json), and those whose English name differs
    from the code itself (a bare ``kanto`` is a code in English too; ``supply`` is not)."""
    en = terms("en")
    codes = {k.split(".", 1)[1] for k in en}
    codes.discard("none")
    coded = {k.split(".", 1)[1]: v for k, v in en.items()}
    return {"all": codes, "en": {code for code, name in coded.items() if code != name}}


def _texts(found: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(where, text) of every text the page shows (HTML tags taken out, <br> a new line)."""
    for where, text in _raw_texts(found):
        yield where, TAG.sub("", BREAK.sub("\n", text))


def _raw_texts(found: dict[str, Any]) -> Iterator[tuple[str, str]]:
    for fig in found["figures"]:
        for text in fig["texts"]:
            yield f"figure {fig['fig']}", text
    for hover in found["hovers"]:
        yield f"hover {hover['fig']}", hover["text"]
    for legend in found["legends"]:
        yield f"legend {legend['fig']}", legend["text"]
    for header in found["headers"]:
        yield f"grid {header['grid']} header", header["text"]
    for cell in found["cells"]:
        yield f"grid {cell['grid']}.{cell['col']}", cell["text"]
    yield "page", found["page"]


def problems(
    found: dict[str, Any],
    lang: str,
    names: dict[str, tuple[str, str]],
    ids: set[str],
    *,
    raw_data: bool = False,
) -> list[str]:
    """What on one page shows a code, an id, or the other language's name first.

    ``raw_data``: the page is the data as loaded (ids and notes as written): only its
    vocabulary columns and its headers are read.
    """
    vocab = vocabulary()
    bare = (vocab["all"] if lang == "ja" else vocab["en"]) - set(ROLE_CODES)
    out: set[str] = set()
    for where, text in _texts(found):
        if raw_data and not (where.endswith(TERM_CELLS) or "header" in where):
            continue
        found_here = [
            *_snake_codes(text),
            *_bare_fields(text, bare, names, ids if where != "page" else set()),
            *(_lowercase_codes(text, bare, names) if lang == "ja" else []),
            *_role_codes(text, lang),
            *_names_first(text, lang, names),
        ]
        out.update(f"{where}: {p}" for p in found_here)
    return sorted(out)


def _snake_codes(text: str) -> Iterator[str]:
    for match in SNAKE.finditer(text):
        yield f"snake_case code {match.group()!r} in {_around(text, match)!r}"
    if "(none)" in text:
        yield f"'(none)' in {text[:90]!r}"


def _bare_fields(
    text: str, bare: set[str], names: dict[str, tuple[str, str]], ids: set[str]
) -> Iterator[str]:
    """A field of the text (a hover line, a cell, "a · b") that is a code or an id."""
    for field in (f.strip() for f in FIELDS.split(text)):
        if field in bare and not _inside_english_name(text, field, names):
            yield f"vocabulary code {field!r} in {text[:90]!r}"
        if field in ids:
            yield f"id {field!r} in {text[:90]!r}"


def _lowercase_codes(text: str, bare: set[str], names: dict[str, tuple[str, str]]) -> Iterator[str]:
    """No lowercase English code anywhere on a Japanese screen."""
    for match in LOWER_WORD.finditer(text):
        word = match.group()
        if word in bare and not _inside_english_name(text, word, names):
            yield f"vocabulary code {word!r} in {_around(text, match)!r}"


def _role_codes(text: str, lang: str) -> Iterator[str]:
    for match in R_CODE.finditer(text):
        if not _named(text, match, lang):
            yield f"role code without its name: {_around(text, match)!r}"


def _names_first(text: str, lang: str, names: dict[str, tuple[str, str]]) -> Iterator[str]:
    for ja, en in names.values():
        wrong = f"{ja} ({en})" if lang == "en" else f"{en} ({ja})"
        if wrong in text:
            yield f"{wrong!r} puts the other language's name first"


def _around(text: str, match: re.Match[str]) -> str:
    return text[max(0, match.start() - 40) : match.end() + 20]


def _named(text: str, match: re.Match[str], lang: str) -> bool:
    """The role code stands in parentheses right after its role's name: 地域内ハブ (R5)."""
    code = match.group()
    name = terms(lang)[f"role.{code}"]
    before = text[: match.end() + 1]
    return re.search(rf"{re.escape(name)}\s*\({code}\)$", before) is not None


def _inside_english_name(text: str, word: str, names: dict[str, tuple[str, str]]) -> bool:
    pattern = re.compile(rf"\b{word}\b")
    return any(en in text and pattern.search(en) for _ja, en in names.values())


def _grids_drawn(driver: Any) -> bool:
    """Every grid shows rows or its (localized) no-rows overlay."""
    return bool(
        driver.execute_script(
            """
            return [...document.querySelectorAll('.ag-root-wrapper')].every(w =>
              w.querySelector('.ag-center-cols-container .ag-row .ag-cell')
              || w.querySelector('.ag-overlay-no-rows-wrapper, .ag-overlay-no-rows-center'));
            """
        )
    )


def visit(driver: Any, url: str, path: str, lang: str) -> dict[str, Any]:
    """Open ``path`` in ``lang`` with TAMA selected (TAMA and Keihin on the what-if page)
    and read everything it shows."""
    from selenium.webdriver.common.by import By

    selection = "pair:tama,keihin" if path == "/whatif" else "cluster:tama"
    driver.get(f"{url}{path}?lang={lang}&sel={selection}")
    wait_for(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#page-content h2"), what=path)
    if path == "/":
        wait_for(driver, map_drawn, what="the map")
    if path == "/partners":
        driver.find_element(By.ID, "partner-run").click()
        wait_for(
            driver,
            lambda d: d.find_elements(By.CSS_SELECTOR, "#partner-grid .ag-row"),
            what="partner rows",
        )
    if path == "/whatif":
        wait_for(driver, settled, what="what-if page")
        before = text_of(driver, "#whatif-changes")
        driver.find_element(By.ID, "whatif-dispatch").click()
        wait_for(driver, lambda d: text_of(d, "#whatif-changes") not in ("", before), what="run")
    wait_for(driver, settled, what=f"{path} settled")
    wait_for(driver, _grids_drawn, what=f"{path} grids drawn")
    wait_for(driver, settled, what=f"{path} settled")

    def read(d: Any) -> dict[str, Any] | None:
        seen: dict[str, Any] = d.execute_script(COLLECT)
        return seen if seen["hovers"] or path in NO_HOVER else None

    found: dict[str, Any] = wait_for(driver, read, what=f"{path}: the hover texts of its figures")
    name = (path.strip("/").replace("/", "-") or "map") + f"-audit-{lang}"
    shot(driver, name)
    if path == "/whatif":
        driver.find_element(By.ID, "whatif-reset").click()
        wait_for(driver, settled)
    return found


def _names(bundle: Any) -> dict[str, tuple[str, str]]:
    out = {}
    for frame in (bundle.clusters, bundle.nodes):
        for row in frame.itertuples():
            ja, en = getattr(row, "name", None), getattr(row, "name_en", None)
            if isinstance(ja, str) and isinstance(en, str) and ja and en and ja != en:
                out[str(row.id)] = (ja, en)
    return out


def _ids(bundle: Any) -> set[str]:
    return {str(i) for i in [*bundle.clusters["id"], *bundle.nodes["id"]]}


def _report(pages: Iterable[tuple[str, list[str]]]) -> str:
    return "\n".join(f"{path}: {p}" for path, found in pages for p in found)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_no_code_and_no_id_on_any_page(served, browser, lang):
    url, bundle = served
    names, ids = _names(bundle), _ids(bundle)
    found = []
    for path in PAGES:
        seen = visit(browser, url, path, lang)
        raw = path == "/data"  # the data page shows the data as loaded
        found.append((path, problems(seen, lang, names, ids, raw_data=raw)))
    report = _report(found)
    assert not report, report
    assert severe(browser) == []
