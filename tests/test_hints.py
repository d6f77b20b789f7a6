"""Every hint the CLI prints carries the --data-dir the user gave (issue 14, item 6)."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

from kizuna.cli import cli
from kizuna.cmd_demo import require_free_port
from kizuna.cmd_synth import next_steps
from kizuna.config import Settings, command_hint, default_data_dir
from kizuna.graph.errors import KizunaError
from kizuna.store_access import not_running_message


@pytest.fixture(autouse=True)
def _default_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KIZUNA_DATA_DIR", raising=False)
    monkeypatch.delenv("KIZUNA_STORE_URI", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))


def test_hint_has_no_data_dir_for_the_default_store() -> None:
    settings = Settings(data_dir=default_data_dir())
    assert command_hint(settings, "store stop") == "kizuna store stop"


def test_hint_carries_a_given_data_dir_quoted(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "my store")
    assert command_hint(settings, "store start") == (
        f"kizuna store start --data-dir '{tmp_path / 'my store'}'"
    )


def test_hint_for_an_external_server_has_no_data_dir(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, store_uri="bolt://localhost:7687")
    assert command_hint(settings, "serve") == "kizuna serve"


def test_not_running_message_names_the_data_dir(tmp_path: Path) -> None:
    message = not_running_message(Settings(data_dir=tmp_path / "kz"))
    assert message.endswith(f"kizuna store start --data-dir {tmp_path / 'kz'}")


def test_status_of_a_stopped_store_hints_its_data_dir(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["store", "status", "--data-dir", str(tmp_path / "kz")])
    assert result.exit_code == 1
    assert f"kizuna store start --data-dir {tmp_path / 'kz'}" in result.output


def test_synth_next_steps_use_a_store_of_their_own(tmp_path: Path) -> None:
    out = tmp_path / "synth-10k"
    lines = next_steps(out, None)
    own = tmp_path / "synth-10k-store"
    assert f"  kizuna load {out} --data-dir {own}" in lines
    assert f"  kizuna store start --data-dir {own}" in lines
    assert any("--replace" in line for line in lines)  # the other way, said plainly
    assert not any(line.strip() == f"kizuna load {out}" for line in lines)


def test_synth_next_steps_keep_the_given_data_dir(tmp_path: Path) -> None:
    out, store = tmp_path / "s", tmp_path / "kz"
    lines = next_steps(out, store)
    assert f"  kizuna load {out} --replace --data-dir {store}" in lines
    assert f"  kizuna serve --data-dir {store}" in lines


def test_synth_prints_the_next_steps(tmp_path: Path) -> None:
    out = tmp_path / "s"
    result = CliRunner().invoke(cli, ["synth", "--orgs", "60", "--seed", "1", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert f"kizuna load {out} --data-dir {tmp_path / 's-store'}" in result.output


def test_busy_port_is_refused_before_anything_is_loaded() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(KizunaError, match=f"Port {port} is in use"):
            require_free_port(port)
        result = CliRunner().invoke(
            cli, ["demo", "--port", str(port), "--no-browser", "--data-dir", "/nonexistent/kz"]
        )
    assert isinstance(result.exception, KizunaError)  # kizuna.cli.main prints it, exit 1
    assert f"Port {port} is in use" in str(result.exception)
    assert not Path("/nonexistent/kz").exists()  # nothing started, nothing loaded


def test_free_port_passes() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    require_free_port(port)


def test_app_texts_carry_the_data_dir_of_the_store(tmp_path: Path) -> None:
    from kizuna.dashboard.components import empty_store_page
    from kizuna.dashboard.i18n import t
    from kizuna.dashboard.store_source import DataSource, StoreSource

    source = DataSource(StoreSource(Settings(data_dir=tmp_path / "kz")))
    start = source.hint("store start")
    assert start == f"kizuna store start --data-dir {tmp_path / 'kz'}"
    for lang in ("ja", "en"):
        assert start in t("banner.store_start", lang, start=start)
        assert start in t("down.body", lang, start=start)
        page = str(empty_store_page(lang, hint=source.hint))
        assert f"kizuna load my-network/ --data-dir {tmp_path / 'kz'}" in page


def test_a_bundle_source_gives_plain_commands() -> None:
    from kizuna.dashboard.store_source import DataSource

    assert DataSource(lambda: None).hint("store start") == "kizuna store start"  # type: ignore[arg-type,return-value]


def test_store_down_banner_says_the_hint_once_without_a_double_period(tmp_path: Path) -> None:
    from kizuna.dashboard.shell import banner
    from kizuna.dashboard.store_source import Snapshot

    settings = Settings(data_dir=tmp_path / "kz")
    start = command_hint(settings, "store start")
    down = Snapshot(data=_EmptyData(), error=not_running_message(settings), loaded_at=0.0)
    for lang in ("en", "ja"):
        text = str(banner(down, lang, start))
        assert text.count(start) == 1
        assert ".." not in text and "。。" not in text
    other = Snapshot(data=_EmptyData(), error="ServiceUnavailable: refused.", loaded_at=0.0)
    assert start in str(banner(other, "en", start))  # a different error gets the hint


class _EmptyData:
    is_empty = True


def test_demo_and_serve_port_hints_carry_the_data_dir(tmp_path: Path) -> None:
    store = tmp_path / "kz"
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        for command in ("demo", "serve"):
            result = CliRunner().invoke(
                cli, [command, "--port", str(port), "--data-dir", str(store)]
            )
            assert isinstance(result.exception, KizunaError), result.output
            message = str(result.exception)
            assert f"Port {port} is in use" in message
            assert f"--port {port + 1} --data-dir {store}" in message
    assert not store.exists()  # nothing started
