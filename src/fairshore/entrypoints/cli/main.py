"""The ``fairshore`` command: one sub-command per capability."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from fairshore import __version__
from fairshore.entrypoints.cli import demo, entities, parity, workspace
from fairshore.entrypoints.cli.context import CliState
from fairshore.entrypoints.cli.output import err_console
from fairshore.errors import FairshoreError

cli = typer.Typer(
    name="fairshore",
    help="Outsource customer service ethically, and prove it with measured numbers.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


def _version(value: bool) -> None:
    if value:
        print(f"fairshore {__version__}")
        raise typer.Exit


@cli.callback()
def root(
    ctx: typer.Context,
    home: Annotated[
        Path | None,
        typer.Option("--home", envvar="FAIRSHORE_HOME", help="Workspace folder."),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Fairshore: decide, choose, contract and govern outsourced customer service."""
    ctx.obj = CliState(home=home)
    ctx.call_on_close(ctx.obj.close)


workspace.register(cli)
entities.register(cli)
demo.register(cli)
parity.register(cli)


def app() -> None:
    """Console-script entry point: run the CLI, turning Fairshore errors into messages."""
    try:
        cli(standalone_mode=False)
    except FairshoreError as exc:
        err_console.print(f"[bold red]error:[/bold red] {exc}", highlight=False)
        sys.exit(2)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        err_console.print("aborted")
        sys.exit(1)
    except Exception as exc:  # click's usage errors arrive here in non-standalone mode
        from click import ClickException

        if isinstance(exc, ClickException):
            exc.show()
            sys.exit(exc.exit_code)
        raise
