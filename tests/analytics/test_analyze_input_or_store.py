"""`kizuna analyze --input BUNDLE` and `kizuna analyze` over the store loaded from BUNDLE
give the same output files (issue 18: the same input gives the same results whichever
command reads it)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from kizuna.cli import cli
from kizuna.graph.model import repeated_ties
from kizuna.loaders import open_bundle
from kizuna.loaders.load import load_bundle

ROOT = Path(__file__).resolve().parents[2]
VOLATILE = ("timings", "computed_at")


def outputs(out: Path) -> dict[str, Any]:
    files: dict[str, Any] = {}
    for path in sorted(out.iterdir()):
        if path.name == "meta.json":
            meta = json.loads(path.read_text(encoding="utf-8"))
            files[path.name] = {k: v for k, v in meta.items() if k not in VOLATILE}
        else:
            files[path.name] = path.read_text(encoding="utf-8")
    return files


def analyze(env: dict[str, str], out: Path, *args: str) -> dict[str, Any]:
    result = CliRunner().invoke(cli, ["analyze", "--out", str(out), *args], env=env)
    assert result.exit_code == 0, result.output
    return outputs(out)


@pytest.mark.store
@pytest.mark.parametrize("name", ["data/seed", "data/examples/tiny"])
def test_input_and_store_give_the_same_outputs(
    name: str, clean_store: Any, store_env: dict[str, str], tmp_path: Path
) -> None:
    bundle = ROOT / name
    assert not repeated_ties(open_bundle(bundle, repeated_ties="keep").ties).any()
    assert not load_bundle(clean_store, bundle).errors
    from_file = analyze(store_env, tmp_path / "file", "--input", str(bundle))
    from_store = analyze(store_env, tmp_path / "store")
    assert list(from_file) == list(from_store) and "nodes.csv" in from_file
    for file in from_file:
        assert from_file[file] == from_store[file], file


def test_the_order_of_the_rows_in_the_files_changes_nothing(tmp_path: Path) -> None:
    from kizuna.analytics.inputs import read_input
    from kizuna.loaders.writers import write_bundle

    bundle = open_bundle(ROOT / "data" / "seed")
    shuffled = bundle.with_frames(
        nodes=bundle.nodes.sample(frac=1, random_state=1).reset_index(drop=True),
        ties=bundle.ties.sample(frac=1, random_state=2).reset_index(drop=True),
    )
    folder = write_bundle(shuffled, tmp_path / "shuffled")
    ids = list(read_input(folder).nodes["id"])
    assert ids == sorted(ids) != list(shuffled.nodes["id"])
    env = dict(os.environ)
    first = analyze(env, tmp_path / "a", "--input", str(ROOT / "data" / "seed"))
    again = analyze(env, tmp_path / "b", "--input", str(folder))
    for file in first:
        assert first[file] == again[file], file
