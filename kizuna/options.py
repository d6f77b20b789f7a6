"""Options shared by several commands."""

from __future__ import annotations

from pathlib import Path

import click

from kizuna.config import Settings

#: ``--data-dir``: where the embedded store keeps its data.
data_dir_option = click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Embedded store directory (default: $KIZUNA_DATA_DIR, else $XDG_DATA_HOME/kizuna).",
)


def settings_for(data_dir: Path | None) -> Settings:
    """Settings from the environment, with ``--data-dir`` when given."""
    return Settings.from_env().with_data_dir(data_dir)
