"""Configuration: one dataclass, read from the environment and overridden by CLI options."""

from __future__ import annotations

import os
import shlex
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from kizuna.graph.errors import ConfigError

DEFAULT_DATABASE = "neo4j"
DEFAULT_USER = "neo4j"


def default_data_dir(environ: Mapping[str, str] | None = None) -> Path:
    """``$KIZUNA_DATA_DIR``, else ``$XDG_DATA_HOME/kizuna``, else ``~/.local/share/kizuna``."""
    env = os.environ if environ is None else environ
    explicit = env.get("KIZUNA_DATA_DIR")
    if explicit:
        return Path(explicit).expanduser().resolve()
    xdg = env.get("XDG_DATA_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".local" / "share"
    return (base / "kizuna").resolve()


@dataclass(frozen=True)
class Settings:
    """Where the store is and how to reach it.

    ``store_uri`` is None for the embedded default (an ArcadeDB Bolt server that kizuna
    starts under ``data_dir``), or a ``bolt://`` / ``neo4j://`` URI of an external server
    (Neo4j 5 from docker-compose.yml, for example) with ``user`` and ``password``.
    """

    data_dir: Path
    store_uri: str | None = None
    user: str = DEFAULT_USER
    password: str | None = None
    database: str = DEFAULT_DATABASE

    @property
    def embedded(self) -> bool:
        return self.store_uri is None

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        uri = env.get("KIZUNA_STORE_URI") or None
        if uri is not None and uri.startswith("embedded:"):
            # embedded:///path/to/dir  → embedded server in that directory
            path = uri.split(":", 1)[1].lstrip("/")
            data_dir = Path("/" + path) if path else default_data_dir(env)
            uri = None
        else:
            data_dir = default_data_dir(env)
        if uri is not None and uri.split("://", 1)[0] not in (
            "bolt",
            "bolt+s",
            "bolt+ssc",
            "neo4j",
            "neo4j+s",
            "neo4j+ssc",
        ):
            raise ConfigError(
                f"KIZUNA_STORE_URI={uri!r} is not a Bolt address. "
                "Use bolt://host:7687 (or neo4j://…), or unset it to use the embedded store."
            )
        return cls(
            data_dir=data_dir,
            store_uri=uri,
            user=env.get("KIZUNA_STORE_USER") or DEFAULT_USER,
            password=env.get("KIZUNA_STORE_PASSWORD") or None,
            database=env.get("KIZUNA_STORE_DATABASE") or DEFAULT_DATABASE,
        )

    def with_data_dir(self, data_dir: str | Path | None) -> Settings:
        if data_dir is None:
            return self
        return replace(self, data_dir=Path(data_dir).expanduser().resolve())


def command_hint(settings: Settings, command: str) -> str:
    """``kizuna <command>`` as the user must type it for ``settings``' store.

    The ``--data-dir`` the user gave (any data directory other than the default one) is
    carried into every hint, so copying a hint never reaches another store.

    >>> s = Settings(data_dir=Path("/tmp/kz store"))
    >>> command_hint(s, "store stop")
    "kizuna store stop --data-dir '/tmp/kz store'"
    """
    hint = f"kizuna {command}"
    if settings.embedded and settings.data_dir != default_data_dir():
        hint += f" --data-dir {shlex.quote(str(settings.data_dir))}"
    return hint
