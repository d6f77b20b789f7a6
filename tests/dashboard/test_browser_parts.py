"""Issue 13 parts 3, 4, 5 and 7 in headless Chromium, on the seed network, with screenshots.

* part 3: the cluster profile's report buttons download a real PDF and a real Excel workbook
  of that cluster (read back with pdftotext and openpyxl), and every part of the page holds rows;
* part 4: a shared URL of another page than the map restores its page, language and selection;
* part 5: a language switch re-renders the page in place (no reload) with no code on screen;
* part 7: the gap heatmap is diverging around observed = expected, pairs with no tie are a
  grey layer of their own, clusters run by region, ticks are short and distinct while the
  hover names the pair in full, and the table shows the full names.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from kizuna.graph.model import REGIONS
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
from tests.dashboard.test_browser_audit import COLLECT, _ids, _names, problems

pytestmark = pytest.mark.browser
__all__ = ["browser", "served"]  # fixtures, used by name


PROFILE_GRIDS = ("profile-members", "profile-roles", "profile-gaps", "profile-evidence")


def _download(driver: Any, button: str, folder: Path, suffix: str) -> Path:
    """Click ``button`` and wait for the finished download ending in ``suffix``."""
    from selenium.webdriver.common.by import By

    driver.execute_cdp_cmd(
        "Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(folder)}
    )
    driver.find_element(By.ID, button).click()

    def done(_d: Any) -> Path | None:
        files = [p for p in folder.iterdir() if p.name.endswith(suffix)]
        return files[0] if files and files[0].stat().st_size > 0 else None

    path: Path = wait_for(driver, done, timeout=120, what=f"the {suffix} download")
    return path


def full_shot(driver: Any, name: str, grids: tuple[str, ...] = ()) -> None:
    """A screenshot of the whole page, below the fold too: the window grows to the page's
    height (its ``grids`` drawn again at that size), then returns to its size."""
    size = driver.get_window_size()
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(size["width"], height + 120)
    try:
        for grid in grids:
            wait_for(driver, _grid_has_rows(grid), what=f"rows of {grid}")
        shot(driver, name)
    finally:
        driver.set_window_size(size["width"], size["height"])


def _grid_has_rows(grid: str) -> Any:
    def check(d: Any) -> bool:
        return bool(d.find_elements("css selector", f"#{grid} .ag-center-cols-container .ag-row"))

    return check


def test_the_profile_downloads_its_report_as_pdf_and_excel(served, browser, tmp_path):
    import openpyxl
    from selenium.webdriver.common.by import By

    url, bundle = served
    name = str(bundle.clusters.set_index("id")["name"]["tama"])
    browser.get(url + "/cluster/tama?lang=ja")
    wait_for(browser, lambda d: name in text_of(d, "#page-content h2"), what="profile title")
    for grid in PROFILE_GRIDS:
        wait_for(browser, _grid_has_rows(grid), what=f"rows of {grid}")
    wait_for(browser, settled)
    # its ties on the map: the cluster's own arcs drawn in the selection's red
    red = browser.execute_script(
        "const gd = document.querySelector('.js-plotly-plot');"
        "return gd.data.filter(t => t.line && String(t.line.color).startsWith('rgba(214,39,40'))"
        ".length"
    )
    assert red >= 1
    full_shot(browser, "cluster-profile-full-ja", PROFILE_GRIDS)

    pdf = _download(browser, "profile-pdf", tmp_path, ".pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "TAMA" in text  # the report of this cluster
        assert "京浜" not in text.split("\n")[0]  # not another cluster's title

    xlsx = _download(browser, "profile-xlsx", tmp_path, ".xlsx")
    book = openpyxl.load_workbook(io.BytesIO(xlsx.read_bytes()))
    cells = " ".join(
        str(c) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for c in row
    )
    assert "TAMA" in cells
    assert browser.find_elements(By.ID, "profile-xlsx")  # the page is still there
    assert severe(browser) == []


def test_a_shared_gaps_url_restores_page_language_and_pair(served, browser):
    url, bundle = served
    names = bundle.clusters.set_index("id")["name_en"]
    browser.get(url + "/gaps?lang=en&sel=pair:keihin,tama")
    wait_for(browser, lambda d: "Cluster gaps" in text_of(d, "#page-content h2"), what="page")
    wait_for(browser, lambda d: "↔" in text_of(d, "#selection-label"), what="the pair")
    title = wait_for(browser, lambda d: text_of(d, "#gaps-ties h4"), what="the pair's ties")
    assert str(names["keihin"]) in title and str(names["tama"]) in title
    wait_for(browser, settled)
    assert browser.execute_script("return location.pathname") == "/gaps"
    assert "lang=en" in browser.current_url and "sel=pair" in browser.current_url
    shot(browser, "gaps-shared-url-en")
    assert severe(browser) == []


@pytest.mark.parametrize(
    "path", ["/", "/network", "/gaps", "/roles", "/partners", "/data", "/cluster/tama"]
)
def test_switching_the_language_redraws_the_page_in_place(served, browser, path):
    from selenium.webdriver.common.by import By

    url, bundle = served
    browser.get(f"{url}{path}?lang=ja&sel=cluster:tama")
    wait_for(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#page-content h2"))
    if path == "/":
        wait_for(browser, map_drawn, what="the map")
    wait_for(browser, settled)
    browser.execute_script("window.__same_page = true")  # gone if the page reloads
    japanese = text_of(browser, "#page-content h2")
    browser.find_element(By.CSS_SELECTOR, '#lang input[value="en"]').click()
    wait_for(browser, lambda d: text_of(d, "#page-content h2") != japanese, what="english h2")
    wait_for(browser, lambda d: "lang=en" in d.current_url, what="the URL follows")
    wait_for(browser, settled)
    assert browser.execute_script("return window.__same_page === true")
    found = browser.execute_script(COLLECT)
    report = problems(found, "en", _names(bundle), _ids(bundle), raw_data=path == "/data")
    assert not report, "\n".join(report)
    shot(browser, (path.strip("/").replace("/", "-") or "map") + "-switched-en")
    browser.find_element(By.CSS_SELECTOR, '#lang input[value="ja"]').click()
    wait_for(browser, lambda d: text_of(d, "#page-content h2") == japanese, what="back to ja")
    assert severe(browser) == []


def _heatmap(driver: Any) -> dict[str, Any]:
    state: dict[str, Any] = driver.execute_script(
        """
        const gd = document.querySelector('.js-plotly-plot');
        const [zero, ratio] = gd._fullData;
        const given = gd.data[1];
        return {
          zmid: given.zmid, zmin: given.zmin, zmax: given.zmax,
          scale: ratio.colorscale, zeroScale: zero.colorscale,
          ratioZ: ratio.z, zeroZ: zero.z,
          ticks: ratio.y, custom: ratio.customdata, text: ratio.text, zeroText: zero.text,
          drawn: [...gd.querySelectorAll('.ytick text')].map(e => e.textContent),
        };
        """
    )
    return state


def test_the_gap_heatmap_reads(served, browser):
    url, bundle = served
    browser.get(url + "/gaps?lang=en")
    wait_for(browser, lambda d: "Cluster gaps" in text_of(d, "#page-content h2"))
    wait_for(browser, _grid_has_rows("gaps-grid"), what="the table")
    wait_for(browser, settled)
    state = _heatmap(browser)
    # diverging, centred at log2(O/E) = 0, i.e. observed = expected, which is white
    assert state["zmid"] == 0 and state["zmin"] == -state["zmax"]
    middle = [c for v, c in state["scale"] if abs(v - 0.5) < 0.06]
    assert middle and all(_light(c) for c in middle), state["scale"]
    # the pairs with no tie: their own grey layer, and no colour on the ratio layer
    assert {c for _v, c in state["zeroScale"]} == {"#d9d9d9"}
    n = len(state["ticks"])
    for i in range(n):
        for j in range(n):
            if state["zeroZ"][i][j] == 1:
                assert state["ratioZ"][i][j] is None
    assert any(v == 1 for row in state["zeroZ"] for v in row)
    # clusters by region, north to south
    clusters = bundle.clusters.set_index("id")
    order = [row[0][0] for row in state["custom"]]
    ranks = [REGIONS.index(clusters.at[c, "region"]) for c in order]
    assert ranks == sorted(ranks), order
    # short, distinct ticks; the hover names both clusters in full
    assert len(set(state["drawn"])) == len(state["drawn"]) == n
    assert max(len(t) for t in state["drawn"]) <= 20
    assert not any(t.rstrip(")").endswith(tuple("0123456789")) for t in state["drawn"])
    full = {str(v) for v in clusters["name_en"].dropna()}
    hovers = [h for row in state["text"] + state["zeroText"] for h in row if h]
    assert hovers and all(sum(f in h for f in full) >= 1 for h in hovers)
    # the table: full names and the numbers
    from tests.dashboard.test_browser import grid_rows

    a_names = [x for x in grid_rows(browser, "gaps-grid", "a_name") if x]
    assert a_names and all("…" not in x for x in a_names)
    assert set(a_names) <= {
        browser.execute_script("return arguments[0]", x) for x in _labels(bundle, "en")
    }
    shot(browser, "gaps-heatmap-en")
    assert severe(browser) == []


def _labels(bundle: Any, lang: str) -> set[str]:
    from kizuna.dashboard.i18n import label

    return {label(r.name, r.name_en, lang) for r in bundle.clusters.itertuples()}


def _light(colour: str) -> bool:
    """A near-white colour (``rgb(r,g,b)`` or ``#rrggbb``)."""
    if colour.startswith("#"):
        values = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    else:
        values = [int(float(v)) for v in colour[colour.index("(") + 1 : -1].split(",")[:3]]
    return min(values) >= 200
