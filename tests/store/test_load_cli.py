"""`kizuna load` / `kizuna export` through the CLI, against the test store."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from kizuna.cli import cli, main
from kizuna.loaders.readers import read_bundle
from tests.store.bundles import same_rows

ROOT = Path(__file__).resolve().parents[2]
TINY = ROOT / "data" / "examples" / "tiny"
BAD = ROOT / "tests" / "data" / "bad" / "bad_year_text"
FILES = ("nodes", "ties", "clusters", "programs", "participation")


def run(env: dict[str, str], *args: str) -> Any:
    result = CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)
    return result


@pytest.mark.store
def test_load_then_rerun_changes_nothing(clean_store: Any, store_env: dict[str, str]) -> None:
    first = run(store_env, "load", str(TINY), "--json")
    assert first.exit_code == 0, first.output
    data = json.loads(first.output)
    assert data["valid"] and data["loaded"]
    bundle, _ = read_bundle(TINY)
    counts = data["counts_after"]
    assert counts["organizations"] == len(bundle.nodes)
    assert counts["ties"] == len(bundle.ties)
    assert counts["participations"] == len(bundle.participation)
    again = json.loads(run(store_env, "load", str(TINY), "--json").output)
    assert again["counts_before"] == again["counts_after"] == counts
    assert clean_store.counts() == counts


@pytest.mark.store
def test_text_summary(clean_store: Any, store_env: dict[str, str]) -> None:
    result = run(store_env, "load", str(TINY))
    assert result.exit_code == 0
    assert "Loaded" in result.output and "organizations" in result.output


@pytest.mark.store
@pytest.mark.parametrize("fmt", ["csv", "zip", "xlsx"])
def test_export_round_trip(
    clean_store: Any, store_env: dict[str, str], tmp_path: Path, fmt: str
) -> None:
    assert run(store_env, "load", str(TINY)).exit_code == 0
    out = tmp_path / ("snap" if fmt == "csv" else f"snap.{fmt}")
    result = run(store_env, "export", "--out", str(out), "--format", fmt)
    assert result.exit_code == 0, result.output
    original, _ = read_bundle(TINY)
    exported, problems = read_bundle(out)
    assert not [p for p in problems if p.severity == "error"]
    for f in FILES:
        assert same_rows(original.frame(f), exported.frame(f)), f
    assert exported.present == original.present
    assert exported.source_columns == original.source_columns


@pytest.mark.store
def test_invalid_bundle_writes_nothing(clean_store: Any, store_env: dict[str, str]) -> None:
    result = CliRunner().invoke(cli, ["load", str(BAD)], env=store_env)
    assert result.exit_code == 1
    assert "nothing was written" in result.output
    assert "ties.csv, row" in result.output and "column 'since'" in result.output
    assert set(clean_store.counts().values()) == {0}


def test_check_only_reports_every_problem(tmp_path: Path) -> None:
    env = {"KIZUNA_DATA_DIR": str(tmp_path), "KIZUNA_STORE_URI": ""}
    bad = CliRunner().invoke(cli, ["load", str(BAD), "--check", "--json"], env=env)
    assert bad.exit_code == 1
    data = json.loads(bad.output)
    assert not data["loaded"] and data["errors"]
    assert {e["file"] for e in data["errors"]} == {"ties.csv"}
    assert all(e["row"] and e["column"] == "since" for e in data["errors"])
    good = CliRunner().invoke(cli, ["load", str(TINY), "--check"], env=env)
    assert good.exit_code == 0 and "is valid" in good.output


@pytest.mark.store
def test_replace_empties_first(clean_store: Any, store_env: dict[str, str]) -> None:
    from tests.store.bundles import tiny_bundle

    clean_store.upsert_bundle(tiny_bundle())
    result = json.loads(run(store_env, "load", str(TINY), "--replace", "--json").output)
    bundle, _ = read_bundle(TINY)
    assert result["counts_after"]["organizations"] == len(bundle.nodes)
    assert "tama" not in set(clean_store.read_bundle().nodes["id"])


def test_load_without_store_is_a_clean_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("KIZUNA_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("KIZUNA_STORE_URI", raising=False)
    with pytest.raises(SystemExit) as exit_info:
        main(["load", str(TINY)])
    assert exit_info.value.code == 1
    err = capsys.readouterr().err
    assert "No kizuna store is running" in err and "Traceback" not in err
