"""`kizuna demo`: the seed network into the store, then a summary (issue 5)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kizuna.analytics.overview import network_overview, tie_scopes
from kizuna.cli import cli
from kizuna.cmd_demo import SEED_DIR
from kizuna.loaders import open_bundle


def test_tie_scopes_on_the_seed_name_each_kind_of_tie() -> None:
    seed = open_bundle(SEED_DIR)
    scopes = tie_scopes(seed)
    assert len(scopes) == len(seed.ties)
    region = dict(zip(seed.nodes["id"], seed.nodes["region"], strict=True))
    cluster = dict(zip(seed.nodes["id"], seed.nodes["cluster"], strict=True))
    for s, t, scope in zip(seed.ties["source"], seed.ties["target"], scopes, strict=True):
        if scope == "international":
            assert (region[s] == "overseas") != (region[t] == "overseas")
        elif scope == "cross_region":
            assert region[s] != region[t] and "overseas" not in (region[s], region[t])
        elif scope == "within_cluster":
            assert cluster[s] == cluster[t] and cluster[s]
    assert {"within_cluster", "cross_region", "international"} <= set(scopes)


def test_overview_counts_add_up() -> None:
    seed = open_bundle(SEED_DIR)
    overview = network_overview(seed)
    assert overview["organizations"] == len(seed.nodes)
    for key in ("by_kind", "by_region"):
        assert sum(overview[key].values()) == len(seed.nodes)  # type: ignore[attr-defined]
    assert sum(overview["ties_by_scope"].values()) == len(seed.ties)  # type: ignore[attr-defined]


@pytest.mark.store
@pytest.mark.slow
def test_demo_loads_the_seed_into_the_store_and_summarises(
    clean_store: object, store_env: dict[str, str], tmp_path: Path
) -> None:
    seed = open_bundle(SEED_DIR)
    runner = CliRunner()
    result = runner.invoke(cli, ["demo", "--no-serve", "--json"], env=store_env)
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    overview = payload["overview"]
    assert overview["organizations"] == len(seed.nodes)
    assert overview["ties"] == len(seed.ties)
    assert overview["programs"] == len(seed.programs)
    assert payload["analysis"]["n"] == len(seed.nodes)
    # every stored row kept its provenance
    counts = clean_store.counts()  # type: ignore[attr-defined]
    assert counts["organizations"] == len(seed.nodes)
    # a second run converges: same counts
    again = runner.invoke(cli, ["demo", "--no-serve", "--json"], env=store_env)
    assert again.exit_code == 0, again.output
    assert json.loads(again.stdout)["overview"] == overview
    assert clean_store.counts() == counts  # type: ignore[attr-defined]
