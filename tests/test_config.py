from pathlib import Path

import pytest

from kizuna.config import Settings
from kizuna.graph.errors import ConfigError


def test_embedded_default_uses_xdg_data_home(tmp_path: Path) -> None:
    s = Settings.from_env({"XDG_DATA_HOME": str(tmp_path)})
    assert s.embedded
    assert s.data_dir == (tmp_path / "kizuna").resolve()


def test_kizuna_data_dir_wins_over_xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KIZUNA_DATA_DIR", str(tmp_path / "here"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert Settings.from_env().data_dir == (tmp_path / "here").resolve()


def test_external_bolt_uri_with_credentials() -> None:
    s = Settings.from_env(
        {
            "KIZUNA_STORE_URI": "bolt://db.example:7687",
            "KIZUNA_STORE_USER": "analyst",
            "KIZUNA_STORE_PASSWORD": "secret-pw",
        }
    )
    assert not s.embedded
    assert (s.store_uri, s.user, s.password, s.database) == (
        "bolt://db.example:7687",
        "analyst",
        "secret-pw",
        "neo4j",
    )


def test_embedded_uri_names_a_directory(tmp_path: Path) -> None:
    s = Settings.from_env({"KIZUNA_STORE_URI": f"embedded://{tmp_path}"})
    assert s.embedded
    assert s.data_dir == tmp_path


def test_non_bolt_uri_is_a_clear_error() -> None:
    with pytest.raises(ConfigError, match="not a Bolt address"):
        Settings.from_env({"KIZUNA_STORE_URI": "http://localhost:7474"})


def test_with_data_dir_overrides(tmp_path: Path) -> None:
    s = Settings.from_env({"XDG_DATA_HOME": "/nowhere"}).with_data_dir(tmp_path)
    assert s.data_dir == tmp_path.resolve()
