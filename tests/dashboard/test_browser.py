"""The app in headless Chromium (Debian's chromium + chromium-driver), on the seed network.

The app is served from a werkzeug thread on 127.0.0.1; selenium drives the real pages:
every page opens, a click on a cluster of the map follows to the other pages, a Japanese
search, the partner finder and a what-if run, no SEVERE console message.  Screenshots of
each page go to ``$KIZUNA_SCREENSHOTS`` or ``test-artifacts/screenshots/`` (git-ignored).
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kizuna.graph.model import TIE_KINDS

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
#: Where the screenshots go (KIZUNA_SCREENSHOTS, else test-artifacts/screenshots).
SHOTS = Path(os.environ.get("KIZUNA_SCREENSHOTS") or ROOT / "test-artifacts" / "screenshots")
CHROME_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--window-size=1500,1100",
    "--lang=ja",
]
#: The longest wait for the app to answer (a ceiling, not a timing: a loaded 2-core machine
#: can take tens of seconds to redraw a page).
WAIT = 45


def _binary(*names: str) -> str | None:
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="module")
def served(tiny_bundle) -> Iterator[tuple[str, Any]]:  # type: ignore[no-untyped-def]
    from werkzeug.serving import make_server

    from kizuna.dashboard.app import create_app

    try:
        from kizuna.loaders import open_bundle

        bundle = open_bundle(ROOT / "data" / "seed", strict=False)
    except Exception:
        bundle = tiny_bundle()
    app = create_app(lambda: bundle, lang="ja")
    app.server.config["KIZUNA_DATA"].warm()
    server = make_server("127.0.0.1", 0, app.server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", bundle
    finally:
        server.shutdown()
        thread.join(timeout=5)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    chrome = _binary("chromium", "chromium-browser", "google-chrome")
    driver_path = _binary("chromedriver")
    if chrome is None or driver_path is None:
        message = (
            "chromium and chromium-driver are not installed "
            "(apt-get install chromium chromium-driver; scripts/test does it)"
        )
        if os.environ.get("CI"):  # in CI a missing browser is a failure, never a skip
            pytest.fail(message)
        pytest.skip(message)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chrome
    for flag in CHROME_FLAGS:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.set_page_load_timeout(30)
    SHOTS.mkdir(parents=True, exist_ok=True)
    try:
        yield driver
    finally:
        driver.quit()


def wait_for(driver: Any, condition: Any, timeout: float = WAIT, what: str = "") -> Any:
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout, poll_frequency=0.1).until(
        lambda d: condition(d), message=what
    )


def settled(driver: Any) -> bool:
    """No Dash callback running and every Plotly figure drawn."""
    busy = driver.execute_script(
        "return document.querySelectorAll('[data-dash-is-loading=\"true\"]').length"
    )
    undrawn = driver.execute_script(
        "return [...document.querySelectorAll('.js-plotly-plot')]"
        ".filter(g => !g._fullLayout).length"
    )
    return busy == 0 and undrawn == 0


def open_page(driver: Any, path: str, url: str) -> None:
    """Click the nav link (client-side navigation keeps the session's stores)."""
    from selenium.webdriver.common.by import By

    links = driver.find_elements(By.CSS_SELECTOR, f'.nav a[href="{path}"]')
    if not links or not driver.current_url.startswith(url):
        driver.get(url + path)
    else:
        links[0].click()
    wait_for(driver, lambda d: d.execute_script("return location.pathname") == path, what=path)
    wait_for(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#page-content h2"), what="h2")
    if path == "/":
        wait_for(driver, map_drawn, what="cluster bubbles on the map")
    wait_for(driver, settled, what=f"{path} settled")


def map_drawn(driver: Any) -> bool:
    """The national map shows its real cluster bubbles (not the empty placeholder figure)."""
    return bool(
        driver.execute_script(
            """
            const gd = document.querySelector('.js-plotly-plot');
            if (!gd || !gd._fullLayout || !gd.data) return false;
            const traces = gd.querySelectorAll('.scatterlayer .trace');
            return gd.data.some((t, i) => (t.customdata || []).some(c => c && c[0] === 'cluster')
                && traces[i] && traces[i].querySelectorAll('path.point').length > 0);
            """
        )
    )


def grid_rows(driver: Any, grid: str, column: str) -> list[str]:
    """The texts of ``column`` in the rows AG Grid has drawn in ``grid`` (none: not yet)."""
    texts: list[str] = driver.execute_script(
        "return [...document.querySelectorAll(arguments[0])].map(e => e.textContent.trim())",
        f'#{grid} .ag-center-cols-container .ag-row [col-id="{column}"]',
    )
    return texts


def text_of(driver: Any, css: str) -> str:
    """The visible text of every element matching ``css`` (read in one go: no stale nodes)."""
    texts = driver.execute_script(
        "return [...document.querySelectorAll(arguments[0])].map(e => e.innerText)", css
    )
    return " ".join(t.strip() for t in texts)


def shot(driver: Any, name: str) -> None:
    wait_for(driver, settled, what=f"{name} settled")
    driver.save_screenshot(str(SHOTS / f"{name}.png"))


def severe(driver: Any) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


PAGES = ("/", "/network", "/gaps", "/roles", "/partners", "/whatif", "/data")
TIE_CODES = TIE_KINDS  # the vocabulary of the domain model


def test_every_page_opens_in_japanese(served, browser):
    from selenium.webdriver.common.by import By

    url, _bundle = served
    browser.get(url + "/")
    wait_for(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#page-content h2"))
    wait_for(browser, settled)
    for path in PAGES:
        open_page(browser, path, url)
        heading = text_of(browser, "#page-content h2")
        assert heading, path
        assert "notice-error" not in browser.page_source, path
        shot(browser, f"{(path.strip('/') or 'map')}-ja")
    assert text_of(browser, ".nav").startswith("全国マップ")
    assert severe(browser) == []


def _click_a_cluster(driver: Any) -> str:
    """A real mouse click on the map bubble farthest from any other marker; its cluster id."""
    from selenium.webdriver.common.action_chains import ActionChains

    found = driver.execute_script(
        """
        const gd = document.querySelector('.js-plotly-plot');
        const traces = gd.querySelectorAll('.scatterlayer .trace');
        const all = [];
        const bubbles = [];
        for (let t = 0; t < gd.data.length; t++) {
          const cd = gd.data[t].customdata || [];
          traces[t].querySelectorAll('path.point').forEach((el, i) => {
            const r = el.getBoundingClientRect();
            const p = {el, x: r.x + r.width / 2, y: r.y + r.height / 2};
            all.push(p);
            if (cd[i] && cd[i][0] === 'cluster') { p.id = cd[i][1]; bubbles.push(p); }
          });
        }
        let best = null, bestGap = -1;
        for (const b of bubbles) {
          let gap = Infinity;
          for (const o of all) {
            if (o !== b) gap = Math.min(gap, Math.hypot(o.x - b.x, o.y - b.y));
          }
          if (gap > bestGap) { bestGap = gap; best = b; }
        }
        return best ? [best.el, best.id] : null;
        """
    )
    assert found is not None, "no cluster bubble on the map"
    element, cluster = found
    ActionChains(driver).move_to_element(element).click().perform()
    return str(cluster)


def test_clicking_a_cluster_on_the_map_follows_on_every_page(served, browser):
    url, bundle = served
    open_page(browser, "/", url)
    cluster = _click_a_cluster(browser)
    names = bundle.clusters.set_index("id")["name"]
    name = str(names.get(cluster, cluster))
    wait_for(browser, lambda d: name in text_of(d, "#selection-label"), what="selection label")
    wait_for(browser, lambda d: name in text_of(d, "#map-details h4"), what="details title")
    # the real rows of the selected cluster's ties, not a fixed wait
    wait_for(
        browser,
        lambda d: (rows := grid_rows(d, "map-ties-grid", "source_name")) and all(rows),
        what="tie rows of the selected cluster",
    )
    wait_for(browser, settled)
    shot(browser, "map-selected")
    open_page(browser, "/network", url)
    # the overview with the selected cluster expanded (drawn by a callback: wait for it)
    title = "const g = document.querySelector('.gtitle'); return g ? g.textContent : ''"
    wait_for(browser, lambda d: "1 件を展開中" in d.execute_script(title), what="cluster expanded")
    shot(browser, "network-cluster")
    open_page(browser, "/roles", url)
    open_page(browser, "/partners", url)
    from selenium.webdriver.common.by import By

    browser.find_element(By.ID, "partner-run").click()
    wait_for(
        browser,
        lambda d: d.find_elements(By.CSS_SELECTOR, "#partner-grid .ag-row"),
        what="partner rows",
    )
    wait_for(browser, settled)
    assert "連携先候補" in text_of(browser, "#partner-status")
    reasons = text_of(browser, "#partner-grid .ag-row")
    assert name not in text_of(browser, '#partner-grid [col-id="cluster_name"]')
    assert reasons
    shot(browser, "partners-run")
    open_page(browser, "/data", url)
    browser.find_element(By.CSS_SELECTOR, '#data-scope input[value="selection"]').click()

    def cluster_cells(d: Any) -> set[str]:
        texts = d.execute_script(
            "return [...document.querySelectorAll('#data-grid .ag-row [col-id=\"cluster\"]')]"
            ".map(e => e.textContent.trim())"
        )
        return set(texts)

    # the infinite row model draws empty placeholder rows until its block arrives, and the
    # rows of the whole table may show before the scope's: wait for the selection's rows
    wait_for(browser, lambda d: cluster_cells(d) == {cluster}, what=f"rows of {cluster} only")
    wait_for(browser, settled)
    shot(browser, "data-selection")
    assert severe(browser) == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ＴＡＭＡ", "TAMA"),  # full-width, matched after NFKC
        ("サイエンスパーク", "かながわサイエンスパーク"),  # part of a Japanese name
    ],
)
def test_search_a_japanese_name(served, browser, query, expected):
    from selenium.webdriver.common.by import By

    url, _bundle = served
    open_page(browser, "/network", url)
    from selenium.webdriver.common.keys import Keys

    box = browser.find_element(By.ID, "net-search")
    box.send_keys(Keys.CONTROL, "a")  # clear(): React keeps the previous value
    box.send_keys(Keys.DELETE)
    box.send_keys(query)

    from selenium.common.exceptions import StaleElementReferenceException

    def found(d):  # results of this query (not a previous one) name the expected org
        try:
            return any(
                expected in label.text
                for label in d.find_elements(By.CSS_SELECTOR, "#net-results label")
            )
        except StaleElementReferenceException:  # re-rendered while typing
            return False

    wait_for(browser, found, what=f"a result naming {expected}")
    wait_for(browser, settled)
    labels = browser.find_elements(By.CSS_SELECTOR, "#net-results label")
    first = next(label for label in labels if expected in label.text)
    name = first.text.split(" — ")[0]
    first.click()
    wait_for(browser, lambda d: name in text_of(d, "#net-info h4"), what="info panel")
    wait_for(browser, settled)
    assert "エゴネットワーク" in browser.find_element(By.CSS_SELECTOR, ".gtitle").text
    shot(browser, "network-search")
    assert severe(browser) == []


def test_weakest_pair_then_a_what_if_dispatch(served, browser):
    from selenium.webdriver.common.by import By

    url, _bundle = served
    open_page(browser, "/gaps", url)
    browser.find_element(By.CSS_SELECTOR, '#gaps-grid .ag-row[row-index="0"] .ag-cell').click()
    wait_for(browser, lambda d: "↔" in text_of(d, "#selection-label"), what="pair selected")
    wait_for(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#gaps-ties h4"))
    shot(browser, "gaps-pair")
    open_page(browser, "/whatif", url)
    browser.find_element(By.ID, "whatif-dispatch").click()
    wait_for(
        browser,
        lambda d: "コーディネータ派遣" in text_of(d, "#whatif-changes"),
        what="what-if result",
    )
    wait_for(browser, settled)
    assert "連結成分" in text_of(browser, "#whatif-changes")
    shot(browser, "whatif-dispatch")
    browser.find_element(By.ID, "whatif-reset").click()
    wait_for(browser, lambda d: "まだ変更はありません" in text_of(d, "#whatif-changes"))
    assert severe(browser) == []


def test_english_interface(served, browser):
    from selenium.webdriver.common.by import By

    url, _bundle = served
    open_page(browser, "/", url)
    browser.find_element(By.CSS_SELECTOR, '#lang input[value="en"]').click()
    wait_for(browser, lambda d: "National map" in text_of(d, ".nav"), what="english nav")
    wait_for(browser, settled)
    for path in ("/", "/roles"):
        open_page(browser, path, url)
        shot(browser, f"{(path.strip('/') or 'map')}-en")
    assert "Hub roles" in text_of(browser, "#page-content h2")
    browser.find_element(By.CSS_SELECTOR, '#lang input[value="ja"]').click()
    wait_for(browser, lambda d: "全国マップ" in text_of(d, ".nav"))
    assert severe(browser) == []


def _map_state(driver: Any) -> dict[str, Any]:
    """What the map figure shows: its x range, the red (selection) arcs, legend names."""
    state: dict[str, Any] = driver.execute_script(
        """
        const gd = document.querySelector('.js-plotly-plot');
        return {
          xrange: gd._fullLayout.xaxis.range,
          red: gd.data.filter(t => t.mode === 'lines' && t.line
                              && String(t.line.color).startsWith('rgba(214,39,40')).length,
          legend: [...gd.querySelectorAll('.legendtext')].map(e => e.textContent),
        };
        """
    )
    return state


def test_a_shared_url_restores_language_selection_and_filters(served, browser):
    url, bundle = served
    names = bundle.clusters.set_index("id")["name_en"]
    browser.get(url + "/?lang=en&sel=cluster:tama&conf=confirmed")
    wait_for(browser, lambda d: "National map" in text_of(d, ".nav"), what="english")
    wait_for(browser, lambda d: str(names["tama"]) in text_of(d, "#selection-label"), what="sel")
    wait_for(browser, map_drawn, what="map")
    wait_for(browser, lambda d: str(names["tama"]) in text_of(d, "#map-details h4"), what="h4")
    wait_for(browser, settled)
    checked = browser.execute_script(
        "return [...document.querySelectorAll('#map-confidence input')]"
        ".filter(i => i.checked).map(i => i.value)"
    )
    assert checked == ["confirmed"]
    # the English name comes first in English
    assert text_of(browser, "#map-details h4").startswith(str(names["tama"]))
    # the URL keeps the view: every nav link carries the language and the selection
    hrefs = browser.execute_script(
        "return [...document.querySelectorAll('.nav a')].map(a => a.getAttribute('href'))"
    )
    assert all("lang=en" in h and "sel=cluster:tama" in h for h in hrefs), hrefs
    shot(browser, "map-shared-url-en")
    browser.find_element("css selector", '#lang input[value="ja"]').click()
    wait_for(browser, lambda d: "lang=ja" in d.current_url, what="url follows the language")
    wait_for(browser, lambda d: "全国マップ" in text_of(d, ".nav"))
    wait_for(browser, settled)
    assert severe(browser) == []


def test_the_cluster_picker_reaches_tama_and_zooms_to_its_arcs(served, browser):
    from selenium.webdriver.common.by import By

    url, bundle = served
    browser.get(url + "/?lang=ja")
    wait_for(browser, map_drawn, what="map")
    browser.find_element(By.ID, "selection-clear").click()  # the national view
    wait_for(browser, lambda d: "sel=" not in d.current_url, what="selection cleared")
    wait_for(browser, settled)
    national = _map_state(browser)["xrange"]
    browser.find_element(By.ID, "map-cluster").click()  # opens the searchable list
    wait_for(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "[role=option]"), what="list")
    total = len(browser.find_elements(By.CSS_SELECTOR, "[role=option]"))
    search = wait_for(
        browser,
        lambda d: d.find_elements(By.CSS_SELECTOR, "input.dash-dropdown-search"),
        what="the list's search box",
    )[0]
    search.send_keys("tama")

    def tama_option(d: Any) -> Any:
        options = d.find_elements(By.CSS_SELECTOR, "[role=option]")
        texts = [o.text for o in options]
        hits = [o for o, text in zip(options, texts, strict=True) if "TAMA" in text]
        return hits[0] if hits and len(options) < total else None  # the search narrowed

    wait_for(browser, tama_option, what="the list narrowed to TAMA").click()
    name = str(bundle.clusters.set_index("id")["name"]["tama"])
    wait_for(browser, lambda d: name in text_of(d, "#map-details h4"), what="TAMA details")
    wait_for(
        browser,
        lambda d: (rows := grid_rows(d, "map-ties-grid", "kind")) and all(rows),
        what="TAMA's tie rows",
    )
    wait_for(browser, settled)
    state = _map_state(browser)
    assert state["red"] >= 1  # its own arcs are highlighted
    assert state["xrange"][1] - state["xrange"][0] < national[1] - national[0]  # zoomed in
    # Japanese screens show names, never vocabulary codes
    kinds = set(grid_rows(browser, "map-ties-grid", "kind"))
    assert kinds and not kinds & set(TIE_CODES), kinds
    legend = set(state["legend"])
    assert not legend & {"manufacturing", "bio", "environment", "it"}, legend
    assert "sel=cluster:tama" in browser.current_url
    shot(browser, "map-picker-tama")
    assert severe(browser) == []


def test_time_controls_say_why_they_are_off_on_the_seed(served, browser):
    url, bundle = served
    ties = bundle.ties
    dated = int((ties["since"].notna() | ties["until"].notna()).sum())
    open_page(browser, "/", url)
    note = text_of(browser, "#map-controls-note")
    if dated / len(ties) >= 0.10:
        pytest.skip("this network's ties carry years: the slider is on")
    assert f"{len(ties)}" in note and f"{dated}" in note
    disabled = browser.execute_script(
        "return document.querySelector('#map-years [aria-disabled=true]') !== null"
    )
    assert disabled
    shot(browser, "map-controls-off")


def test_the_what_if_list_follows_the_language(served, browser):
    from selenium.webdriver.common.by import By

    url, bundle = served
    a, b = sorted(bundle.clusters["id"])[:2]
    browser.get(url + f"/whatif?lang=ja&sel=pair:{a},{b}")
    wait_for(browser, lambda d: d.find_elements(By.ID, "whatif-dispatch"), what="what-if page")
    wait_for(browser, settled)
    browser.find_element(By.ID, "whatif-reset").click()
    wait_for(browser, lambda d: "まだ変更はありません" in text_of(d, "#whatif-changes"))
    browser.find_element(By.ID, "whatif-dispatch").click()
    wait_for(browser, lambda d: "コーディネータ派遣" in text_of(d, "#whatif-changes"))
    browser.find_element(By.CSS_SELECTOR, '#lang input[value="en"]').click()
    wait_for(
        browser,
        lambda d: "Coordinator dispatched" in text_of(d, "#whatif-changes"),
        what="the list in English",
    )
    wait_for(browser, settled)
    shot(browser, "whatif-en")
    browser.find_element(By.ID, "whatif-reset").click()
    browser.find_element(By.CSS_SELECTOR, '#lang input[value="ja"]').click()
    wait_for(browser, lambda d: "全国マップ" in text_of(d, ".nav"))
    assert severe(browser) == []


def test_the_cluster_profile_opens_from_the_map(served, browser):
    from selenium.webdriver.common.by import By

    url, bundle = served
    names = bundle.clusters.set_index("id")["name"]
    browser.get(url + "/?lang=ja&sel=cluster:tama")
    wait_for(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#map-details a"), what="link")
    browser.find_element(By.CSS_SELECTOR, "#map-details a").click()
    wait_for(browser, lambda d: d.execute_script("return location.pathname") == "/cluster/tama")
    wait_for(
        browser,
        lambda d: str(names["tama"]) in text_of(d, "#page-content h2"),
        what="the profile's title",
    )
    wait_for(
        browser,
        lambda d: (rows := grid_rows(d, "profile-evidence", "source_name")) and all(rows),
        what="the evidence rows",
    )
    wait_for(browser, lambda d: grid_rows(d, "profile-members", "kind"), what="members")
    wait_for(browser, settled)
    headings = text_of(browser, "#page-content h3")
    for part in ("種類別のメンバー", "ハブの役割", "ギャップ", "連携先候補", "根拠"):
        assert part in headings, part
    assert not set(grid_rows(browser, "profile-members", "kind")) & {"company", "university"}
    shot(browser, "cluster-profile-ja")
    assert severe(browser) == []


def test_a_click_redraws_only_the_selection_marks(served, browser):
    """The gaps heatmap's frames and the role map's rings arrive as patches of the drawn
    figures: the browser must end with the same marks a full redraw would give."""
    from selenium.webdriver.common.by import By

    url, _bundle = served
    # a figure's id is a dict, drawn as JSON in the element's id
    GAPS, ROLES = (f'[id*=\'"name":"{name}"\']' for name in ("gaps", "roles"))
    figure = "return document.querySelector(arguments[0] + ' .js-plotly-plot')"
    open_page(browser, "/gaps", url)
    first_row = '#gaps-grid .ag-row[row-index="0"] .ag-cell'
    wait_for(browser, lambda d: d.find_elements(By.CSS_SELECTOR, first_row), what="gap rows")
    browser.find_element(By.CSS_SELECTOR, first_row).click()
    wait_for(
        browser,
        lambda d: d.execute_script(figure + "?.layout?.shapes?.length", GAPS) == 2,
        what="the selected pair framed on the heatmap",
    )
    traces = browser.execute_script(figure + ".data.length", GAPS)
    assert traces == 2  # the two heatmap layers are still there, untouched
    browser.get(url + "/roles?sel=cluster:tama")  # a shared URL selects TAMA
    rings = figure + "?.data?.at(-1)"
    wait_for(
        browser,
        lambda d: (d.execute_script(rings + "?.x?.length", ROLES) or 0) >= 2,
        what="TAMA's members ringed on the role map",
    )
    before = browser.execute_script(figure + ".data.length", ROLES)
    first_row = '#roles-spof .ag-row[row-index="0"] .ag-cell'
    wait_for(browser, lambda d: d.find_elements(By.CSS_SELECTOR, first_row), what="SPOF rows")
    browser.find_element(By.CSS_SELECTOR, first_row).click()
    wait_for(
        browser,
        lambda d: d.execute_script(rings + ".x.length", ROLES) == 1,
        what="one organization ringed after the click",
    )
    assert browser.execute_script(figure + ".data.length", ROLES) == before
    shot(browser, "roles-rings-after-click")
    assert severe(browser) == []
