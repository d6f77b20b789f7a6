"""The `kizuna` console script: thin commands over library functions.

Subcommands are imported lazily (``module:attribute``), so `kizuna load` does not pay for
importing Dash, and each command lives beside the capability it wraps.
"""

from __future__ import annotations

import importlib
import logging
import sys
from typing import Any

import click

from kizuna import __version__
from kizuna.graph.errors import KizunaError

COMMANDS: dict[str, str] = {
    "store": "kizuna.cmd_store:store",
    "load": "kizuna.cmd_load:load",
    "export": "kizuna.cmd_load:export",
    "analyze": "kizuna.cmd_analyze:analyze",
    "partners": "kizuna.cmd_analyze:partners",
    "synth": "kizuna.cmd_synth:synth",
    "demo": "kizuna.cmd_demo:demo",
    "serve": "kizuna.cmd_serve:serve",
    "report": "kizuna.cmd_report:report",
    "registry": "kizuna.cmd_registry:registry",
    "enrich": "kizuna.cmd_enrich:enrich",
    "import": "kizuna.cmd_import:import_group",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        module = importlib.import_module(module_name)
        command: click.Command = getattr(module, attr)
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kizuna")
@click.option("-v", "--verbose", count=True, help="More log output (-v info, -vv debug).")
def cli(verbose: int) -> None:
    """kizuna (絆): see, measure and strengthen the ties between Japan's industrial clusters.

    \b
    Example:
        kizuna demo                      # load the seed network, analyse, open the app
        kizuna store start               # embedded graph store on 127.0.0.1
        kizuna load data/examples/tiny   # validate and load a bundle
    """
    level = logging.WARNING - 10 * verbose
    logging.basicConfig(
        level=max(level, logging.DEBUG), format="%(levelname)s %(name)s: %(message)s"
    )


def main(argv: list[str] | None = None) -> Any:
    """Entry point: KizunaError becomes a one-line message and exit code 1, never a traceback."""
    try:
        rv = cli.main(args=argv, prog_name="kizuna", standalone_mode=False)
        if isinstance(rv, int) and not isinstance(rv, bool):
            sys.exit(rv)
        return rv
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except KizunaError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        sys.exit(130)
