"""The network overview in headless Chromium, on the seed network.

Real mouse clicks on the figure's super-nodes: a cluster expands into its organizations and
collapses again, the layout switches to the map, the language switches with the view kept,
a shared URL restores the view, and the controls that cannot act say why.  Screenshots go to
``test-artifacts/screenshots/network-*.png`` (git-ignored).
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "test-artifacts" / "screenshots"
WAIT = 20
FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--window-size=1500,1300",
    "--lang=ja",
)
CODES = ("company", "university", "agency", "foreign_body", "overseas", "kanto", "(none)")


@pytest.fixture(scope="module")
def seed() -> Any:
    from kizuna.loaders import open_bundle

    return open_bundle(ROOT / "data" / "seed", strict=False)


@pytest.fixture(scope="module")
def url(seed: Any) -> Iterator[str]:
    from werkzeug.serving import make_server

    from kizuna.dashboard.app import create_app

    app = create_app(lambda: seed, lang="ja")
    app.server.config["KIZUNA_DATA"].warm()
    server = make_server("127.0.0.1", 0, app.server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=5)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    chrome = next(
        (p for n in ("chromium", "chromium-browser", "google-chrome") if (p := shutil.which(n))),
        None,
    )
    driver_path = shutil.which("chromedriver")
    if chrome is None or driver_path is None:
        message = "chromium and chromium-driver are not installed"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chrome
    for flag in FLAGS:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.set_page_load_timeout(30)
    SHOTS.mkdir(parents=True, exist_ok=True)
    try:
        yield driver
    finally:
        driver.quit()


def wait_for(driver: Any, condition: Any, what: str = "") -> Any:
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, WAIT, poll_frequency=0.1).until(condition, message=what)


def settled(driver: Any) -> bool:
    """No Dash callback running and the figure drawn."""
    return bool(
        driver.execute_script(
            "return document.querySelectorAll('[data-dash-is-loading=\"true\"]').length === 0"
            " && [...document.querySelectorAll('.js-plotly-plot')].every(g => g._fullLayout)"
        )
    )


FIGURE_STATE = """
const gd = document.querySelector('.js-plotly-plot');
if (!gd || !gd.data || !gd._fullLayout) return null;
const groups = [], orgs = [];
for (const t of gd.data) {
  for (const c of (t.customdata || [])) {
    if (c && c[0] === 'group') groups.push(c[1]);
    if (c && c[0] === 'org') orgs.push(c[1]);
  }
}
const texts = gd.data.filter(t => t.text).flatMap(t => [].concat(t.text)).map(String)
  .concat((gd.layout.annotations || []).map(a => String(a.text)));
return {
  title: gd._fullLayout.title.text, groups, orgs, texts,
  backdrop: gd.data.some(t => t.fill === 'toself'),
  legend: [...gd.querySelectorAll('.legendtext')].map(e => e.textContent),
};
"""


def figure(driver: Any) -> dict[str, Any]:
    state: dict[str, Any] = driver.execute_script(FIGURE_STATE) or {}
    return state


def click_group(driver: Any, key: str) -> None:
    """A real mouse click on the drawn marker of super-node ``key`` (or its collapse mark)."""
    from selenium.webdriver.common.action_chains import ActionChains

    element = driver.execute_script(
        """
        const gd = document.querySelector('.js-plotly-plot');
        const svg = gd._fullData.filter(t => t.type === 'scatter');  // WebGL ones are elsewhere
        const traces = gd.querySelectorAll('.scatterlayer .trace');
        for (let t = 0; t < svg.length; t++) {
          const cd = svg[t].customdata || [];
          const points = traces[t] ? traces[t].querySelectorAll('path.point') : [];
          for (let i = 0; i < cd.length; i++) {
            if (cd[i] && cd[i][0] === 'group' && cd[i][1] === arguments[0] && points[i])
              return points[i];
          }
        }
        return null;
        """,
        key,
    )
    assert element is not None, f"no drawn marker for {key}"
    ActionChains(driver).move_to_element(element).click().perform()


def text_of(driver: Any, css: str) -> str:
    texts = driver.execute_script(
        "return [...document.querySelectorAll(arguments[0])].map(e => e.innerText)", css
    )
    return " ".join(t.strip() for t in texts)


def open_overview(driver: Any, url: str, query: str = "lang=ja") -> None:
    """The network page from a URL, nothing selected."""
    from selenium.webdriver.common.by import By

    driver.get(f"{url}/network?{query}")
    wait_for(driver, lambda d: d.find_elements(By.ID, "selection-clear"), "header")
    if "sel=" not in query:
        driver.execute_script("sessionStorage.clear()")
        driver.get(f"{url}/network?{query}")
    wait_for(driver, lambda d: figure(d).get("groups"), "super-nodes drawn")
    wait_for(driver, settled, "settled")


def shot(driver: Any, name: str) -> None:
    wait_for(driver, settled, f"{name} settled")
    driver.save_screenshot(str(SHOTS / f"network-{name}.png"))


def severe(driver: Any) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def test_overview_has_one_node_per_cluster_and_named_groups(url, browser, seed):
    open_overview(browser, url)
    state = figure(browser)
    clusters = set(seed.clusters["id"]) & set(seed.nodes["cluster"].dropna())
    loose = [g for g in state["groups"] if g.startswith("(none)")]
    assert clusters <= set(state["groups"])
    kinds = set(seed.nodes.loc[seed.nodes["cluster"].isna(), "kind"])
    assert len(loose) == len(kinds) > 1  # grouped by kind, not one grey ball
    assert not state["orgs"]  # nothing expanded: super-nodes only
    assert not any(t in CODES for t in state["texts"])  # names, never codes
    assert "クラスター外 · 大学" in state["texts"]
    # the organization filters cannot act yet, and the page says why
    assert "グループをクリックして展開" in text_of(browser, "#net-note")
    assert browser.execute_script(
        "return [...document.querySelectorAll('#net-min-degree input')].every(i => i.disabled)"
    )
    shot(browser, "overview-ja")
    assert severe(browser) == []


def test_click_expands_a_cluster_and_click_again_collapses_it(url, browser, seed):
    open_overview(browser, url)
    members = set(seed.nodes.loc[seed.nodes["cluster"] == "tama", "id"])
    click_group(browser, "tama")
    wait_for(browser, lambda d: set(figure(d).get("orgs", [])) >= members, "TAMA expanded")
    wait_for(browser, lambda d: "open=tama" in d.current_url, "expanded state in the URL")
    wait_for(browser, settled)
    state = figure(browser)
    assert set(state["orgs"]) - {"org"} == members
    assert "tama" in state["groups"]  # its collapse mark
    name = str(seed.clusters.set_index("id").at["tama", "name"])
    assert name in text_of(browser, "#net-expanded")
    assert "グループをクリックして展開" not in text_of(browser, "#net-note")
    shot(browser, "expanded-tama")
    click_group(browser, "tama")  # the collapse mark above the expanded group
    wait_for(browser, lambda d: not figure(d).get("orgs"), "TAMA collapsed")
    wait_for(browser, lambda d: "open=" not in d.current_url, "URL without expanded groups")
    assert severe(browser) == []


def test_geographic_layout_and_grouping_by_region(url, browser):
    from selenium.webdriver.common.by import By

    open_overview(browser, url)
    assert not figure(browser)["backdrop"]
    browser.find_element(By.CSS_SELECTOR, '#net-layout input[value="geo"]').click()
    wait_for(browser, lambda d: figure(d).get("backdrop"), "the map behind the super-nodes")
    browser.find_element(By.CSS_SELECTOR, '#net-group-by input[value="region"]').click()
    wait_for(
        browser,
        lambda d: "(none):region:overseas" in figure(d).get("groups", []),
        "groups by region",
    )
    wait_for(browser, lambda d: "layout=geo" in d.current_url and "group=region" in d.current_url)
    assert "クラスター外 · 海外" in figure(browser)["texts"]
    shot(browser, "geo-by-region")
    assert severe(browser) == []


def test_language_switch_keeps_the_expanded_view(url, browser, seed):
    from selenium.webdriver.common.by import By

    open_overview(browser, url, "lang=ja&open=tama&labels=top10")
    wait_for(browser, lambda d: figure(d).get("orgs"), "TAMA expanded from the URL")
    browser.find_element(By.CSS_SELECTOR, '#lang input[value="en"]').click()
    wait_for(browser, lambda d: "Overview" in (figure(d).get("title") or ""), "English title")
    wait_for(browser, lambda d: figure(d).get("orgs"), "still expanded")
    wait_for(browser, settled)
    english = str(seed.clusters.set_index("id").at["tama", "name_en"])
    assert text_of(browser, "#net-expanded").startswith(english)
    state = figure(browser)
    assert "No cluster · Universities" in state["texts"] or any(
        t.startswith("No cluster · ") for t in state["texts"]
    )
    assert "open=tama" in browser.current_url and "lang=en" in browser.current_url
    shot(browser, "expanded-en")
    browser.find_element(By.CSS_SELECTOR, '#lang input[value="ja"]').click()
    wait_for(browser, lambda d: "概観" in (figure(d).get("title") or ""), "Japanese again")
    assert severe(browser) == []


def test_minimum_degree_hides_organizations(url, browser, seed):
    open_overview(browser, url, "lang=ja&open=(none):kind:agency")
    wait_for(browser, lambda d: figure(d).get("orgs"), "agencies expanded")
    before = len(figure(browser)["orgs"])
    browser.find_element("css selector", '#net-min-degree input[value="3"]').click()
    wait_for(browser, lambda d: len(figure(d).get("orgs", [])) < before, "filtered")
    wait_for(browser, lambda d: "mindeg=3" in d.current_url)
    assert "次数 3 未満" in text_of(browser, "#net-note")
    shot(browser, "min-degree")
    assert severe(browser) == []


def click_org(driver: Any, org: str) -> None:
    """A real mouse click where organization ``org`` is drawn (WebGL: from the axes)."""
    from selenium.webdriver.common.action_chains import ActionChains

    found = driver.execute_script(
        """
        const gd = document.querySelector('.js-plotly-plot');
        const fl = gd._fullLayout, box = gd.getBoundingClientRect();
        for (const t of gd.data) {
          const cd = t.customdata || [];
          for (let i = 0; i < cd.length; i++) {
            if (cd[i] && cd[i][0] === 'org' && cd[i][1] === arguments[0]) {
              const x = fl.xaxis._offset + fl.xaxis.l2p(t.x[i]);
              const y = fl.yaxis._offset + fl.yaxis.l2p(t.y[i]);
              return [x - box.width / 2, y - box.height / 2];
            }
          }
        }
        return null;
        """,
        org,
    )
    assert found is not None, f"{org} is not drawn"
    figure_box = driver.find_element("css selector", ".js-plotly-plot")
    dx, dy = (round(v) for v in found)
    ActionChains(driver).move_to_element_with_offset(figure_box, dx, dy).click().perform()


def test_clicking_an_organization_shows_its_ego_network_and_back(url, browser, seed):
    from selenium.webdriver.common.by import By

    open_overview(browser, url, "lang=ja&open=tama")
    wait_for(browser, lambda d: figure(d).get("orgs"), "TAMA expanded")
    wait_for(browser, settled)
    org = str(seed.nodes.loc[seed.nodes["cluster"] == "tama", "id"].iloc[0])
    name = str(seed.nodes.set_index("id").at[org, "name"])
    click_org(browser, org)
    wait_for(browser, lambda d: "エゴネットワーク" in (figure(d).get("title") or ""), "ego")
    wait_for(browser, lambda d: name in text_of(d, "#net-info h4"), "its panel")
    back = browser.find_element(By.ID, "net-back")
    assert back.is_displayed()
    # the overview's controls say they wait for the overview
    assert "概観に戻る" in text_of(browser, "#net-note")
    shot(browser, "ego-ja")
    back.click()
    wait_for(browser, lambda d: "概観" in (figure(d).get("title") or ""), "overview again")
    wait_for(browser, lambda d: set(figure(d).get("orgs", [])) >= {org}, "TAMA still expanded")
    assert not browser.find_element(By.ID, "net-back").is_displayed()
    assert severe(browser) == []


def test_a_search_rings_the_groups_holding_matches(url, browser, seed):
    from selenium.webdriver.common.by import By

    open_overview(browser, url)
    browser.find_element(By.ID, "net-search").send_keys("大学")
    ringed = (
        "return document.querySelector('.js-plotly-plot').data"
        ".filter(t => t.marker && t.marker.symbol === 'circle-open')"
        ".flatMap(t => t.customdata.map(c => c[1]))"
    )
    wait_for(browser, lambda d: d.execute_script(ringed), "groups with matches ringed")
    wait_for(browser, settled)
    groups = set(browser.execute_script(ringed))
    universities = seed.nodes["name"].str.contains("大学", na=False)
    holding = set(seed.nodes.loc[universities, "cluster"].dropna())
    assert holding <= groups  # every cluster with a matching member is ringed
    assert "「大学」に一致する組織" in text_of(browser, "#net-note")
    shot(browser, "search-ja")
    assert severe(browser) == []
