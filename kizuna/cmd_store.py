"""`kizuna store start|stop|status`: the embedded graph store of a data directory."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import click

from kizuna.config import Settings, command_hint
from kizuna.graph.errors import ConfigError, StoreAlreadyRunning, StoreError
from kizuna.graph.store import GraphStore
from kizuna.options import data_dir_option, settings_for


def _require_embedded(settings: Settings, action: str) -> None:
    if settings.store_uri is not None:
        raise ConfigError(
            f"KIZUNA_STORE_URI is set ({settings.store_uri}), so kizuna uses that server and "
            f"does not {action} one. Unset KIZUNA_STORE_URI to use the embedded store."
        )


@click.group()
def store() -> None:
    """Start, stop and inspect the embedded graph store.

    \b
    Example:
        kizuna store start                 # returns when the store accepts connections
        kizuna store status --json
        kizuna store stop
    """


@store.command()
@data_dir_option
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def start(data_dir: Path | None, as_json: bool) -> None:
    """Start the embedded store in the background (127.0.0.1, free ports).

    It keeps running after this command returns, until `kizuna store stop`.
    Starting it again when it already runs only says so (exit code 0).

    \b
    Example:
        kizuna store start --data-dir ./kizuna-data
    """
    from kizuna.graph.embedded import start_server

    settings = settings_for(data_dir)
    _require_embedded(settings, "start")
    already = False
    try:
        info = start_server(settings.data_dir, attached=False)
    except StoreAlreadyRunning as exc:
        info, already = exc.info, True  # type: ignore[attr-defined]
    if as_json:
        data: dict[str, Any] = {**info.as_dict(), "already_running": already}
        data["data_dir"] = str(settings.data_dir)
        click.echo(json.dumps(data, ensure_ascii=False))
        return
    if already:
        click.echo(f"The kizuna store is already running for {settings.data_dir}.")
    else:
        click.echo(f"The kizuna store is running for {settings.data_dir}.")
    click.echo(f"  uri: {info.uri}   pid: {info.pid}")
    click.echo(f"  stop it with: {command_hint(settings, 'store stop')}")


@store.command()
@data_dir_option
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def stop(data_dir: Path | None, as_json: bool) -> None:
    """Stop the embedded store (data is kept).

    \b
    Example:
        kizuna store stop
    """
    from kizuna.graph.embedded import stop_server

    settings = settings_for(data_dir)
    _require_embedded(settings, "stop")
    info = stop_server(settings.data_dir)
    if as_json:
        click.echo(json.dumps({"stopped": info is not None, "pid": info and info.pid}))
    elif info is None:
        click.echo(f"No kizuna store was running for {settings.data_dir}.")
    else:
        click.echo(f"Stopped the kizuna store for {settings.data_dir} (pid {info.pid}).")


@store.command()
@data_dir_option
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def status(data_dir: Path | None, as_json: bool) -> None:
    """Show where the store is, whether it runs, and what it holds.

    Exit code 0 when it runs, 1 when it does not.

    \b
    Example:
        kizuna store status --json
    """
    from kizuna.store_access import not_running_message

    settings = settings_for(data_dir)
    data = _status_of(settings)
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False))
    elif not data["running"]:
        click.echo(data.get("error") or not_running_message(settings))
    else:
        _print_status(data)
    if not data["running"]:
        raise SystemExit(1)


def _status_of(settings: Settings) -> dict[str, Any]:
    """Where the store is, whether it runs and (when it does) what it holds."""
    from kizuna.graph.embedded import server_status
    from kizuna.store_access import connect

    data: dict[str, Any] = {"data_dir": str(settings.data_dir), "embedded": settings.embedded}
    if settings.embedded:
        info = server_status(settings.data_dir)
        data["running"] = info is not None
        if info is not None:
            data.update(uri=info.uri, pid=info.pid, attached=info.attached)
    else:
        data.update(uri=settings.store_uri, pid=None, running=True)
    if data["running"]:
        try:
            graph_store = connect(settings)
        except StoreError as exc:
            data.update(running=False, error=str(exc))
        else:
            with_close(graph_store, data)
    return data


def _print_status(data: dict[str, Any]) -> None:
    """A running store's status as aligned lines."""
    click.echo(f"uri:      {data['uri']}")
    if data["pid"] is not None:
        click.echo(f"pid:      {data['pid']}")
    click.echo(f"data dir: {data['data_dir']}")
    click.echo(f"server:   {data['server']}")
    for key, value in data["counts"].items():
        click.echo(f"{key + ':':<16}{value:>10,}")
    if data.get("load"):
        load = data["load"]
        started = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(load["started_at"]))
        click.echo(f"load:     running (process {load['pid']} on {load['host']}, since {started})")


def with_close(graph_store: GraphStore, data: dict[str, Any]) -> None:
    try:
        data["counts"] = graph_store.counts()
        data["server"] = graph_store.server_agent
        data["load"] = graph_store.current_load()
    finally:
        graph_store.close()
