"""A load killed with SIGKILL half-way, then rerun, converges to one clean load."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from kizuna.cmd_load import load_bundle
from kizuna.graph.bundle import Bundle
from kizuna.loaders.writers import write_bundle
from tests.store.bundles import frame, same_rows

pytestmark = [pytest.mark.store, pytest.mark.slow]
N_ORGS, N_TIES = 4000, 20_000


def big_bundle() -> Bundle:
    rng = np.random.default_rng(7)
    nodes = [{"id": f"o{i}", "name": f"組織{i}", "kind": "company"} for i in range(N_ORGS)]
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < N_TIES:
        a, b = (int(x) for x in rng.integers(0, N_ORGS, 2))
        if a != b:
            pairs.add((a, b))
    ties = [
        {
            "source": f"o{a}",
            "target": f"o{b}",
            "kind": "joint_rd",
            "since": 2001 + (a + b) % 9,
            "weight": 1.0 + (a % 3),
        }
        for a, b in sorted(pairs)
    ]
    part = [{"program": "p1", "organization": f"o{i}", "role": "participant"} for i in range(30)]
    return Bundle(
        nodes=frame("nodes", nodes),
        ties=frame("ties", ties),
        programs=frame("programs", [{"id": "p1", "name": "フォーラム"}]),
        participation=frame("participation", part),
        present=frozenset({"nodes", "ties", "programs", "participation"}),
        source_columns={
            "nodes": ("id", "name", "kind"),
            "ties": ("source", "target", "kind", "since", "weight"),
            "programs": ("id", "name"),
            "participation": ("program", "organization", "role"),
        },
    )


def written_ties(store: Any, at_least: int) -> int:
    """Cheap progress probe: count stored ties, stopping at ``at_least``."""
    records, _, _ = store._driver.execute_query(
        "MATCH (:Organization)-[t:TIE]->(:Organization) WITH t LIMIT $n RETURN count(t) AS n",
        n=at_least,
        database_=store.database,
    )
    return int(records[0]["n"])


def snapshot(store: Any) -> tuple[dict[str, int], Bundle]:
    return store.counts(), store.read_bundle()


def test_sigkill_half_way_then_rerun_converges(
    clean_store: Any, store_env: dict[str, str], tmp_path: Path
) -> None:
    path = write_bundle(big_bundle(), tmp_path / "big")
    proc = subprocess.Popen(
        ["kizuna", "load", str(path), "--batch-size", "1000", "--json"],
        env=store_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and proc.poll() is None:
            if written_ties(clean_store, 2000) >= 2000:
                break
            time.sleep(0.05)
        assert proc.poll() is None, "the load ended before it could be killed"
        proc.kill()
        proc.wait()
    finally:
        proc.kill()
    partial = clean_store.counts()["ties"]
    assert 0 < partial < N_TIES, partial

    rerun = load_bundle(clean_store, path, batch_size=5000)
    assert rerun.report is not None
    after_crash = snapshot(clean_store)

    clean_store.clear()
    load_bundle(clean_store, path, batch_size=5000)
    clean = snapshot(clean_store)

    assert after_crash[0] == clean[0]
    assert after_crash[0]["ties"] == N_TIES
    for f in ("nodes", "ties", "programs", "participation"):
        assert same_rows(after_crash[1].frame(f), clean[1].frame(f)), f
    assert after_crash[1].present == clean[1].present
