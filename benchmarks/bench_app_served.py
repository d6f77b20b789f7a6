"""The app as users meet it: a real ``kizuna serve`` over a store, measured over HTTP.

Two measurements (requests only to 127.0.0.1):

``first-page``
    Start ``kizuna serve`` (a cold process) and time, in headless Chromium, from the first
    request to the national map drawn with its cluster bubbles; once without the app cache
    (the first serve after a load) and once with it (every later start).
``users``
    N simulated users for S seconds against a served store: each user loops over page loads
    and the interactions of the existing in-process benchmark (map filters and selection,
    network, gaps, roles, partners, status poll), posting the same JSON Dash's browser code
    posts.  Reports p50/p95/p99 per callback, errors, and the server's memory (RSS) over time.

    python benchmarks/bench_app_served.py first-page --data-dir /tmp/kz-app/store
    python benchmarks/bench_app_served.py users --data-dir /tmp/kz-app/store --users 50 --seconds 60
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from collections import defaultdict
from pathlib import Path
from typing import Any

NAV_PAGES = ("/", "/network", "/gaps", "/roles", "/partners", "/whatif", "/data")


def serve(data_dir: Path, port: int, *extra: str) -> subprocess.Popen[bytes]:
    env = dict(os.environ)
    return subprocess.Popen(
        ["kizuna", "serve", "--data-dir", str(data_dir), "--port", str(port), *extra],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def wait_until_up(url: str, timeout: float = 60) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            urllib.request.urlopen(url + "/_dash-layout", timeout=2).read()
            return
        except OSError:
            time.sleep(0.05)
    raise SystemExit(f"the app did not answer on {url}")


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()


# -- first page --------------------------------------------------------------------------------
MAP_DRAWN = """
const gd = document.querySelector('.js-plotly-plot');
if (!gd || !gd._fullLayout || !gd.data) return false;
return gd.data.some(t => (t.customdata || []).some(c => c && c[0] === 'cluster'));
"""


def drawn(driver: Any) -> bool:
    from selenium.common.exceptions import WebDriverException

    try:
        return bool(driver.execute_script(MAP_DRAWN))
    except WebDriverException:  # a busy page may not answer the probe in time
        return False


def first_page(data_dir: Path, port: int, *, cached: bool, keep_analysis: bool = True) -> float:
    """Seconds from the browser's first request to the map with its clusters, cold server.

    With ``keep_analysis`` the server is left running until its analysis is done and kept
    (so the next start finds it); without, it is stopped once the map is drawn.
    """
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    cache = data_dir / "app-cache"
    if not cached and cache.exists():
        shutil.rmtree(cache)
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,1000"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    process = serve(data_dir, port)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url)  # the process answers (Flask up); the store is not read yet
        start = time.perf_counter()
        driver.get(url + "/")
        while not drawn(driver):
            if time.perf_counter() - start > 300:
                raise SystemExit("the map was not drawn within 300 s")
            time.sleep(0.05)
        took = time.perf_counter() - start
        if keep_analysis:
            wait_for_analysis(url)  # let the server finish and keep its analysis
            time.sleep(5)
        return took
    finally:
        driver.quit()
        stop(process)


def wait_for_analysis(url: str, timeout: float = 900) -> None:
    """Until a page that needs the analysis is drawn (not the "analysing" notice)."""
    calls = Callbacks(url)
    end = time.monotonic() + timeout
    body = calls.body(
        "page-content.children", {"url.pathname": "/gaps", "lang.value": "en"}, "url.pathname"
    )
    while time.monotonic() < end:
        if "analysing" not in json.dumps(post(url, body)[1]).lower():
            return
        time.sleep(2)


# -- simulated users ---------------------------------------------------------------------------
class Callbacks:
    """Builds the POST bodies of the app's callbacks from its ``/_dash-dependencies``."""

    def __init__(self, url: str):
        with urllib.request.urlopen(url + "/_dash-dependencies", timeout=30) as response:
            self.deps = json.loads(response.read())

    def find(self, output_part: str) -> dict[str, Any]:
        for dep in self.deps:
            if output_part in dep["output"]:
                return dict(dep)
        raise KeyError(output_part)

    @staticmethod
    def _outputs(dep: dict[str, Any]) -> Any:
        spec = dep["output"]
        parts = spec[2:-2].split("...") if spec.startswith("..") else [spec]
        out = []
        for part in parts:
            ident, prop = part.rsplit(".", 1)
            prop = prop.split("@")[0]
            if ident.startswith("{"):
                parsed = json.loads(ident)
                if ["ALL"] in parsed.values():  # the nav links
                    out.append(
                        [{"id": {**parsed, "page": page}, "property": prop} for page in NAV_PAGES]
                    )
                    continue
                ident = parsed
            out.append({"id": ident, "property": prop})
        return out if spec.startswith("..") else out[0]

    def body(self, output_part: str, values: dict[str, Any], changed: str) -> dict[str, Any]:
        dep = self.find(output_part)

        def fill(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
            filled = []
            for item in items:
                ident = item["id"]
                key = f"{ident}.{item['property']}"
                filled.append({**item, "value": values.get(key)})
            return filled

        return {
            "output": dep["output"],
            "outputs": self._outputs(dep),
            "inputs": fill(dep["inputs"]),
            "state": fill(dep["state"]),
            "changedPropIds": [changed],
        }


def user_actions(calls: Callbacks, clusters: list[str], orgs: list[str]) -> list[Any]:
    """(name, body builder) of every interaction a user makes, chosen at random."""
    conf = ["confirmed", "reported", "uncertain"]

    def page(path: str) -> Any:
        return lambda: calls.body(
            "page-content.children",
            {"url.pathname": path, "lang.value": random.choice(["ja", "en"])},
            "url.pathname",
        )

    def map_update() -> Any:
        sel = {"kind": "cluster", "id": random.choice(clusters)} if random.random() < 0.5 else None
        return calls.body(
            "map-details.children",
            {
                "map-confidence.value": conf,
                "map-color-by.value": random.choice(["field", "phase"]),
                "selection-store.data": sel,
                "lang.value": "ja",
            },
            "selection-store.data",
        )

    def network() -> Any:
        sel = random.choice(
            [
                None,
                {"kind": "cluster", "id": random.choice(clusters)},
                {"kind": "org", "id": random.choice(orgs)},
            ]
        )
        return calls.body(
            "net-info.children",
            {
                "selection-store.data": sel,
                "net-centrality.value": "degree",
                "net-depth.value": 1,
                "lang.value": "en",
            },
            "selection-store.data",
        )

    def gaps() -> Any:
        a, b = random.sample(clusters, 2)
        return calls.body(
            "gaps-ties.children",
            {
                "selection-store.data": {"kind": "pair", "a": min(a, b), "b": max(a, b)},
                "lang.value": "ja",
            },
            "selection-store.data",
        )

    def roles() -> Any:
        return calls.body(
            '"roles"',
            {
                "roles-partition.value": "cluster",
                "selection-store.data": {"kind": "cluster", "id": random.choice(clusters)},
                "lang.value": "ja",
            },
            "selection-store.data",
        )

    def partners() -> Any:
        return calls.body(
            "partner-status.children",
            {
                "partner-run.n_clicks": 1,
                "partner-org.value": random.choice(orgs),
                "lang.value": "ja",
            },
            "partner-run.n_clicks",
        )

    def status() -> Any:
        return calls.body(
            "data-key.data",
            {"warm-poll.n_intervals": 1, "url.pathname": "/", "lang.value": "ja"},
            "warm-poll.n_intervals",
        )

    def label() -> Any:
        return calls.body(
            "selection-label.children",
            {
                "selection-store.data": {"kind": "cluster", "id": random.choice(clusters)},
                "lang.value": "ja",
            },
            "selection-store.data",
        )

    actions: list[Any] = [(f"page {p}", page(p)) for p in NAV_PAGES]
    actions += [
        ("map: filters / selection", map_update),
        ("network: overview / cluster / ego", network),
        ("gaps: select pair", gaps),
        ("roles: map + brokerage", roles),
        ("partners: find", partners),
        ("status poll", status),
        ("selection label", label),
    ]
    return actions


def rss_mb(pid: int) -> float:
    """Resident memory of ``pid`` and all its descendants (workers, analysis process)."""
    total = 0.0
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1]) / 1024
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return total
    return total + sum(rss_mb(int(child)) for child in children)


def users(
    data_dir: Path, port: int, n_users: int, seconds: float, extra: list[str]
) -> dict[str, Any]:
    process = serve(data_dir, port, *extra)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url)
        # the first page load reads the store (or its cache); warm-up outside the timing
        calls = Callbacks(url)
        post(
            url,
            calls.body(
                "page-content.children",
                {"url.pathname": "/gaps", "lang.value": "ja"},
                "url.pathname",
            ),
        )
        while (
            "analys"
            in json.dumps(
                post(
                    url,
                    calls.body(
                        "page-content.children",
                        {"url.pathname": "/gaps", "lang.value": "en"},
                        "url.pathname",
                    ),
                )[1]
            ).lower()
        ):
            time.sleep(1)
        ids = _ids(url, calls)
        actions = user_actions(calls, *ids)
        times: dict[str, list[float]] = defaultdict(list)
        errors: dict[str, int] = defaultdict(int)
        memory: list[tuple[float, float]] = []
        stop_at = time.monotonic() + seconds
        lock = threading.Lock()

        def run_user(k: int) -> None:
            rng = random.Random(k)
            while time.monotonic() < stop_at:
                name, build = actions[rng.randrange(len(actions))]
                body = build()
                start = time.perf_counter()
                try:
                    status, _ = post(url, body, parse=False)
                except Exception:
                    status = -1
                took = (time.perf_counter() - start) * 1000
                with lock:
                    times[name].append(took)
                    if status not in (200, 204):
                        errors[name] += 1
                time.sleep(rng.uniform(0.2, 1.0))  # a person reads before the next click

        threads = [
            threading.Thread(target=run_user, args=(k,), daemon=True) for k in range(n_users)
        ]
        began = time.monotonic()
        for thread in threads:
            thread.start()
        while any(t.is_alive() for t in threads):
            memory.append((time.monotonic() - began, rss_mb(process.pid)))
            time.sleep(5)
        return {"times": dict(times), "errors": dict(errors), "memory": memory}
    finally:
        stop(process)


def post(url: str, body: dict[str, Any], *, parse: bool = True) -> tuple[int, Any]:
    """POST a callback; the answer decoded, or (``parse=False``) only read, as a browser
    would before drawing (the simulated users share the server's cores: decoding every
    answer in Python would take CPU from the server being measured)."""
    request = urllib.request.Request(
        url + "/_dash-update-component",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        raw = response.read()
        return response.status, json.loads(raw) if raw and parse else len(raw)


def _ids(url: str, calls: Callbacks) -> tuple[list[str], list[str]]:
    """Cluster and organization ids, read from the data page's grids through the app."""
    from kizuna.config import Settings
    from kizuna.store_access import connect

    del url, calls
    store = connect(Settings.from_env())
    try:
        clusters = [r["props"]["id"] for r in store.query("read_clusters")]  # type: ignore[attr-defined]
        orgs = [
            r["props"]["id"]
            for r in store.query("read_organizations", regions=None, clusters=None, kinds=None)
        ]  # type: ignore[attr-defined]
    finally:
        store.close()
    return clusters, orgs[:2000]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["first-page", "users"])
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--serve-args", default="", help="extra `kizuna serve` arguments")
    parser.add_argument("--bundle", type=Path, help="first-page: load this bundle first")
    parser.add_argument(
        "--map-only",
        action="store_true",
        help="first-page: only the first serve (no wait for the analysis, no later starts)",
    )
    args = parser.parse_args()
    os.environ["KIZUNA_DATA_DIR"] = str(args.data_dir)
    if args.what == "first-page":
        if args.bundle is not None:  # a load leaves the app's snapshot (bundle only)
            subprocess.run(
                ["kizuna", "load", str(args.bundle), "--replace", "--data-dir", str(args.data_dir)],
                check=True,
                stdout=subprocess.DEVNULL,
            )
            after_load = first_page(args.data_dir, args.port, cached=True)
            print(f"first page, first serve after `kizuna load --replace`: {after_load:.2f} s")
        if args.map_only:
            took = first_page(args.data_dir, args.port, cached=True, keep_analysis=False)
            print(f"first page, first serve with the snapshot the load left: {took:.2f} s")
            return
        later = first_page(args.data_dir, args.port, cached=True)
        print(f"first page, later starts (snapshot and analysis cached): {later:.2f} s")
        cold = first_page(args.data_dir, args.port, cached=False)
        print(f"first page, no app cache at all (store read in full):   {cold:.2f} s")
        return
    result = users(args.data_dir, args.port, args.users, args.seconds, args.serve_args.split())
    everything = [x for v in result["times"].values() for x in v]
    print("| callback | calls | p50 ms | p95 ms | p99 ms | errors |")
    print("|---|---|---|---|---|---|")
    for name, values in sorted(result["times"].items()):
        print(
            f"| {name} | {len(values)} | {statistics.median(values):.0f} | "
            f"{percentile(values, 0.95):.0f} | {percentile(values, 0.99):.0f} | "
            f"{result['errors'].get(name, 0)} |"
        )
    print(
        f"| **all** | {len(everything)} | {statistics.median(everything):.0f} | "
        f"{percentile(everything, 0.95):.0f} | {percentile(everything, 0.99):.0f} | "
        f"{sum(result['errors'].values())} |"
    )
    print("memory (s, MB RSS): " + ", ".join(f"{t:.0f}:{m:.0f}" for t, m in result["memory"]))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
