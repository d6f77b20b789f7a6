"""Every query of docs/cypher-cookbook.md, run against the seed network in the store.

The queries are parsed out of the markdown file, so the doc and the test cannot drift.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kizuna.analytics.api import analyze
from kizuna.loaders.readers import read_bundle

ROOT = Path(__file__).resolve().parents[2]
COOKBOOK = ROOT / "docs" / "cypher-cookbook.md"
SEED = ROOT / "data" / "seed"

_RECIPE = re.compile(r"^## (\d+)\. (.+?)$(.*?)(?=^## |\Z)", re.M | re.S)
_BLOCK = re.compile(r"```cypher\n(.*?)```", re.S)
_PARAMS = re.compile(r"^// params: (\{.*\})$", re.M)


def recipes() -> list[tuple[int, str, str, dict[str, Any]]]:
    """(number, title, query, params) of every recipe, in order."""
    out = []
    for number, title, body in _RECIPE.findall(COOKBOOK.read_text(encoding="utf-8")):
        blocks = _BLOCK.findall(body)
        assert len(blocks) == 1, f"recipe {number}: one cypher block"
        params = _PARAMS.search(blocks[0])
        assert params, f"recipe {number}: first line // params: {{...}}"
        out.append((int(number), title.strip(), blocks[0].strip(), json.loads(params.group(1))))
    return out


Rows = list[dict[str, Any]]


@pytest.fixture(scope="module")
def seed() -> Any:
    return read_bundle(SEED)[0]


@pytest.fixture(scope="module")
def seeded(store: Any, seed: Any) -> Any:
    """The store holding the seed network and its metrics (`kizuna analyze --write`)."""
    store.clear()
    store.upsert_bundle(seed)
    result = analyze(store.read_bundle())
    store.write_metrics(result.nodes, analyzed_at="2026-12-04T00:00:00+00:00", version="test")
    return store, result.nodes


def _names(rows: Rows, key: str) -> set[str]:
    return {r[key] for r in rows}


Check = Callable[[Rows, Any, Any], None]
CHECKS: dict[int, Check] = {}


def recipe(number: int) -> Callable[[Check], Check]:
    """Register what recipe ``number`` must answer (rows, the seed bundle, its metrics)."""

    def register(fn: Check) -> Check:
        CHECKS[number] = fn
        return fn

    return register


def check(number: int, rows: Rows, seed: Any, metrics: Any) -> None:
    """What recipe ``number`` must answer on the seed network (known from its CSVs)."""
    if number not in CHECKS:
        raise AssertionError(f"recipe {number} has no check in tests/store/test_cookbook.py")
    CHECKS[number](rows, seed, metrics)


def _years(seed: Any) -> Any:
    return seed.ties["since"].dropna().astype(int)


def _members(seed: Any, cluster: str) -> set[str]:
    nodes = seed.nodes.set_index("id")
    return set(nodes.index[nodes["cluster"] == cluster])


@recipe(1)
def _strongest_brokers(rows: Rows, seed: Any, metrics: Any) -> None:
    top = metrics.sort_values("betweenness", ascending=False).head(10)
    assert [r["o.name"] for r in rows] == list(top["name"])
    assert rows[0]["o.betweenness"] > 0


@recipe(2)
def _cluster_brokers(rows: Rows, seed: Any, metrics: Any) -> None:
    assert rows[0]["id"] == "body_tama"
    assert {r["id"] for r in rows} <= _members(seed, "tama")
    values = [r["betweenness"] for r in rows]
    assert values == sorted(values, reverse=True)


@recipe(3)
def _cross_region_ties(rows: Rows, seed: Any, metrics: Any) -> None:
    assert all(r["partner_region"] != "kanto" and r["evidence"] for r in rows)
    assert {"いわき市", "香川三豊市"} <= _names(rows, "partner")
    assert all(r["source_ref"].startswith("seed:L") for r in rows)


@recipe(4)
def _weakest_pairs(rows: Rows, seed: Any, metrics: Any) -> None:
    strengths = [r["strength"] for r in rows]
    assert len(rows) == 10 and strengths == sorted(strengths) and strengths[0] == 1.0
    assert all(r["cluster_a"] < r["cluster_b"] for r in rows)


@recipe(5)
def _in_two_clusters(rows: Rows, seed: Any, metrics: Any) -> None:
    assert all(len(r["clusters"]) >= 2 for r in rows)
    bio = next(r for r in rows if r["id"] == "body_shutoken_bio")
    assert set(bio["clusters"]) == {
        "shutoken_bio",
        "hokkaido_bio",
        "kansai_bio",
        "tokai_bio",
        "kyushu_bio",
    }


@recipe(6)
def _ties_by_phase(rows: Rows, seed: Any, metrics: Any) -> None:
    years = _years(seed)
    assert {r["phase"]: r["ties"] for r in rows} == {
        "launch": int(((years >= 2001) & (years <= 2005)).sum()),
        "growth": int(((years >= 2006) & (years <= 2009)).sum()),
        "unknown": int(seed.ties["since"].isna().sum()),
    }


@recipe(7)
def _ties_of_a_period(rows: Rows, seed: Any, metrics: Any) -> None:
    years = _years(seed)
    assert len(rows) == int(((years >= 2006) & (years <= 2009)).sum())
    assert all(2006 <= r["since"] <= 2009 and r["evidence"] for r in rows)


@recipe(8)
def _how_connected(rows: Rows, seed: Any, metrics: Any) -> None:
    nodes = seed.nodes.set_index("id")
    (path,) = rows
    assert path["organizations"][0] == nodes.at["body_tama", "name"]
    assert path["organizations"][-1] == nodes.at["body_kansai_green", "name"]
    assert path["steps"] == len(path["kinds"]) == len(path["evidence"]) >= 2


@recipe(9)
def _partners_of_one(rows: Rows, seed: Any, metrics: Any) -> None:
    ties = seed.ties
    mine = ties[(ties["source"] == "body_tama") | (ties["target"] == "body_tama")]
    assert len(rows) == len(mine)
    chuo = next(r for r in rows if r["partner"] == "body_chuo_expressway")
    assert (chuo["kind"], chuo["direction"]) == ("partnership", "both")


@recipe(10)
def _ties_to_check(rows: Rows, seed: Any, metrics: Any) -> None:
    assert len(rows) == int(seed.ties["confidence"].isin(["uncertain", "reported"]).sum())
    assert {r["confidence"] for r in rows} == {"uncertain", "reported"}


@recipe(11)
def _programs_joining_clusters(rows: Rows, seed: Any, metrics: Any) -> None:
    assert all(len(r["clusters"]) >= 2 for r in rows)
    assert "prog_pacs" in _names(rows, "program")


@recipe(12)
def _cluster_overview(rows: Rows, seed: Any, metrics: Any) -> None:
    ties = seed.ties
    tama = next(r for r in rows if r["cluster"] == "tama")
    members = _members(seed, "tama")
    inside = ties["source"].isin(members) & ties["target"].isin(members)
    touching = ties["source"].isin(members) | ties["target"].isin(members)
    assert tama["organizations"] == len(members)
    assert tama["ties_inside"] == int(inside.sum())
    assert tama["ties_out"] == int((touching & ~inside).sum())
    assert len(rows) == len(seed.clusters)


@recipe(13)
def _single_points_of_failure(rows: Rows, seed: Any, metrics: Any) -> None:
    assert _names(rows, "id") == set(metrics.loc[metrics["articulation_point"], "id"])


@recipe(14)
def _hub_roles(rows: Rows, seed: Any, metrics: Any) -> None:
    counts = metrics["role"].value_counts()
    assert {r["role"]: r["organizations"] for r in rows} == counts.to_dict()


@recipe(15)
def _metrics_computed_at(rows: Rows, seed: Any, metrics: Any) -> None:
    assert rows == [
        {"analyzed_at": "2026-12-04T00:00:00+00:00", "version": "test", "organizations": 137}
    ]


def test_the_cookbook_has_ten_or_more_numbered_recipes() -> None:
    numbers = [n for n, *_ in recipes()]
    assert len(numbers) >= 10
    assert numbers == list(range(1, len(numbers) + 1))


@pytest.mark.store
@pytest.mark.parametrize(("number", "title", "query", "params"), recipes())
def test_recipe(
    seeded: Any, seed: Any, number: int, title: str, query: str, params: dict[str, Any]
) -> None:
    store, metrics = seeded
    records, _, _ = store._driver.execute_query(query, params, database_=store.database)
    rows = [r.data() for r in records]
    assert rows, f"recipe {number} ({title}) returned nothing on the seed network"
    check(number, rows, seed, metrics)
