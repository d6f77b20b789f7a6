"""`analyze`, `partners` and `report` read the store of `--data-dir` (docs/store.md: every
command takes it), not the one of KIZUNA_DATA_DIR."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from kizuna.cli import cli
from kizuna.graph.errors import StoreNotRunning

ROOT = Path(__file__).resolve().parents[2]
TINY = ROOT / "data" / "examples" / "tiny"


def run(env: dict[str, str], *args: str) -> Any:
    return CliRunner().invoke(cli, list(args), env=env)


@pytest.fixture
def elsewhere(store_settings: Any, tmp_path: Path) -> dict[str, str]:
    """An environment whose KIZUNA_DATA_DIR has no store: only --data-dir finds one."""
    if store_settings.store_uri is not None:
        pytest.skip("an external store (KIZUNA_STORE_URI) has no data directory")
    env = dict(os.environ)
    env.pop("KIZUNA_STORE_URI", None)
    env["KIZUNA_DATA_DIR"] = str(tmp_path / "no-store-here")
    return env


@pytest.mark.store
def test_commands_read_the_store_of_data_dir(
    clean_store: Any, store_settings: Any, elsewhere: dict[str, str], tmp_path: Path
) -> None:
    data_dir = str(store_settings.data_dir)
    loaded = run(elsewhere, "load", str(TINY), "--data-dir", data_dir)
    assert loaded.exit_code == 0, loaded.output

    out = tmp_path / "analysis"
    analysed = run(elsewhere, "analyze", "--out", str(out), "--data-dir", data_dir)
    assert analysed.exit_code == 0, analysed.output
    assert (out / "nodes.csv").read_bytes().count(b"\n") == 12 + 1  # the tiny bundle's 12

    found = run(elsewhere, "partners", "--org", "body_tama", "--json", "--data-dir", data_dir)
    assert found.exit_code == 0, found.output
    assert json.loads(found.output) and all(
        r["candidate"] != "body_tama" for r in json.loads(found.output)
    )

    reports = tmp_path / "reports"
    args = ("report", "--cluster", "tama", "--format", "md", "--out", str(reports))
    written = run(elsewhere, *args, "--lang", "en", "--data-dir", data_dir)
    assert written.exit_code == 0, written.output
    assert "TAMA" in (reports / "cluster-tama.en.md").read_text(encoding="utf-8")


@pytest.mark.store
@pytest.mark.parametrize(
    "args",
    [
        ("analyze", "--out", "OUT"),
        ("partners", "--org", "body_tama"),
        ("report", "--cluster", "tama", "--out", "OUT"),
    ],
)
def test_without_data_dir_the_environment_decides(
    store: Any, elsewhere: dict[str, str], tmp_path: Path, args: tuple[str, ...]
) -> None:
    argv = [str(tmp_path / "out") if a == "OUT" else a for a in args]
    result = run(elsewhere, *argv)
    assert result.exit_code != 0
    assert isinstance(result.exception, StoreNotRunning)
    assert "no-store-here" in str(result.exception)
