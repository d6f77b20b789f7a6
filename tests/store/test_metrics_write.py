"""`kizuna analyze --write`: the nodes.csv columns as properties of the stored organizations."""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from kizuna.analytics.api import analyze
from kizuna.analytics.output import write_analysis
from kizuna.graph.metrics_write import ANALYSIS_KEY, metric_columns
from kizuna.loaders.readers import read_bundle

pytestmark = pytest.mark.store

SEED = Path(__file__).resolve().parents[2] / "data" / "seed"
TOP_BROKERS = (
    "MATCH (o:Organization) RETURN o.name, o.betweenness ORDER BY o.betweenness DESC LIMIT 10"
)


def run(store: Any, text: str, **params: Any) -> list[dict[str, Any]]:
    records, _, _ = store._driver.execute_query(text, params, database_=store.database)
    return [r.data() for r in records]


def stored_props(store: Any) -> dict[str, dict[str, Any]]:
    rows = run(store, "MATCH (o:Organization) RETURN o.id AS id, properties(o) AS p")
    return {r["id"]: r["p"] for r in rows}


def same(stored: Any, cell: Any) -> bool:
    if cell is None or (isinstance(cell, float) and math.isnan(cell)):
        return stored is None
    if isinstance(cell, float):
        return stored == pytest.approx(cell, rel=1e-15, abs=0)
    return bool(stored == cell)


@pytest.fixture
def seeded(clean_store: Any) -> Any:
    clean_store.upsert_bundle(read_bundle(SEED)[0])
    return clean_store


def test_write_back_equals_nodes_csv(seeded: Any, tmp_path: Path) -> None:
    before = seeded.read_bundle().nodes
    result = analyze(seeded.read_bundle())
    write_analysis(result, tmp_path)
    written = seeded.write_metrics(result.nodes, analyzed_at="t0", version="v0")
    assert written == 137
    csv = pd.read_csv(tmp_path / "nodes.csv", keep_default_na=False, na_values=[""])
    columns = metric_columns(result.nodes)
    assert {"betweenness", "role", "degree", "articulation_point", "pagerank"} <= set(columns)
    props = stored_props(seeded)
    for row in csv.to_dict("records"):
        for col in columns:
            assert same(props[row["id"]].get(col), row[col]), (row["id"], col)
    # the bundle columns are untouched and the store reads back without the metrics
    back = seeded.read_bundle()
    assert not set(columns) & set(back.nodes.columns)
    pd.testing.assert_frame_equal(back.nodes, before)


def test_top_brokers_query_and_meta(seeded: Any) -> None:
    result = analyze(seeded.read_bundle())
    seeded.write_metrics(result.nodes, analyzed_at="2026-12-04T07:00:00Z", version="9.9")
    rows = run(seeded, TOP_BROKERS)
    assert len(rows) == 10
    values = [r["o.betweenness"] for r in rows]
    assert values == sorted(values, reverse=True)
    best = result.nodes.sort_values("betweenness", ascending=False).iloc[0]
    assert rows[0]["o.name"] == best["name"] and values[0] == pytest.approx(best["betweenness"])
    meta = run(
        seeded,
        "MATCH (m:KizunaMeta {key: $k}) RETURN m.analyzed_at AS at, m.version AS v",
        k=ANALYSIS_KEY,
    )
    assert meta == [{"at": "2026-12-04T07:00:00Z", "v": "9.9"}]


def test_write_is_idempotent_and_drops_old_columns(seeded: Any) -> None:
    result = analyze(seeded.read_bundle())
    seeded.write_metrics(result.nodes, analyzed_at="t", version="v")
    first = stored_props(seeded)
    seeded.write_metrics(result.nodes, analyzed_at="t", version="v")
    assert stored_props(seeded) == first
    counts = seeded.counts()
    lean = result.nodes[["id", "name", "degree", "betweenness"]]
    seeded.write_metrics(lean, analyzed_at="t2", version="v")
    props = stored_props(seeded)
    assert all("pagerank" not in p and "betweenness" in p for p in props.values())
    assert seeded.counts() == counts


def test_cli_analyze_write(seeded: Any, store_env: dict[str, str], tmp_path: Path) -> None:
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "from kizuna.cli import main; main()",
            "analyze",
            "--write",
            "--out",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        env=store_env,
        check=False,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr
    assert "Wrote the metrics of 137 organizations" in out.stderr
    csv = pd.read_csv(tmp_path / "nodes.csv")
    top = csv.sort_values("betweenness", ascending=False).iloc[0]
    rows = run(seeded, TOP_BROKERS)
    assert rows[0]["o.betweenness"] == pytest.approx(top["betweenness"])


def test_cli_write_refuses_input(tmp_path: Path) -> None:
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "from kizuna.cli import main; main()",
            "analyze",
            "--write",
            "--input",
            str(SEED),
            "--out",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 2 and "--write stores the metrics" in out.stderr
