"""Full reads stream in bounded memory: paged tie reads, and a store of 250k ties."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from kizuna.graph import bolt_read
from tests.store.bundles import same_rows, tiny_bundle

pytestmark = pytest.mark.store


def kizuna(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["kizuna", *args], capture_output=True, text=True, env=env, timeout=1800)


def test_pages_of_one_row_read_the_same_bundle(
    clean_store: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundle = tiny_bundle()
    ties = bundle.ties.copy()
    ties["extra"] = [None] * (len(ties) - 1) + ["only in the last tie"]
    clean_store.upsert_bundle(bundle.with_frames(ties=ties))
    whole = clean_store.read_bundle()
    monkeypatch.setattr(bolt_read, "PAGE_ROWS", 1)
    monkeypatch.setattr(bolt_read, "SOURCE_BATCH", 1)
    paged = clean_store.read_bundle()
    for file in ("nodes", "clusters", "programs", "ties", "participation"):
        pd.testing.assert_frame_equal(paged.frame(file), whole.frame(file))
    assert len(whole.ties) == clean_store.counts()["ties"] > 1
    assert [v for v in whole.ties["extra"] if v is not None] == ["only in the last tie"]
    keys = list(whole.nodes["id"])
    assert keys == sorted(keys)


@pytest.mark.slow
def test_store_of_250k_ties_reads_back_and_exports(
    clean_store: Any, store_env: dict[str, str], tmp_path: Path
) -> None:
    """The read that ended in a server-side ORDER BY failed from ~250k ties on."""
    from kizuna.loaders.readers import read_bundle

    synth = tmp_path / "synth"
    made = kizuna("synth", "--orgs", "50000", "--out", str(synth), env=store_env)
    assert made.returncode == 0, made.stderr
    loaded = kizuna("load", str(synth), "--replace", "--json", env=store_env)
    assert loaded.returncode == 0, loaded.stderr[-2000:]
    source, problems = read_bundle(synth)
    assert not [p for p in problems if p.severity == "error"]
    assert len(source.ties) >= 250_000

    stored = clean_store.read_bundle()
    for file in ("nodes", "clusters", "programs", "participation"):
        assert len(stored.frame(file)) == len(source.frame(file)), file
    assert len(stored.ties) == len(source.ties)
    assert set(stored.ties["id"]) == set(source.ties["id"])
    assert list(stored.nodes["id"]) == sorted(source.nodes["id"])
    graph = clean_store.read_graph()
    assert graph.number_of_edges() == len(source.ties)

    out = tmp_path / "export"
    exported = kizuna("export", "--out", str(out), "--json", env=store_env)
    assert exported.returncode == 0, exported.stderr[-2000:]
    rows = json.loads(exported.stdout)["rows"]
    assert rows["ties"] == len(source.ties) and rows["nodes"] == len(source.nodes)
    again, _ = read_bundle(out)
    assert same_rows(again.ties, stored.ties)
