"""The ``fairshore`` command: one sub-command per capability, loaded when used."""

from __future__ import annotations

import importlib
import importlib.util
import sys
from pathlib import Path
from typing import Annotated

import typer
from typer import _click as click  # Typer ships its own Click; its errors are these
from typer.core import TyperGroup
from typer.main import get_group

from fairshore import __version__
from fairshore.entrypoints.cli.context import CliState
from fairshore.entrypoints.cli.output import err_console
from fairshore.errors import FairshoreError

# Top-level command -> the module of this package whose ``register(app)`` adds it, in
# the order of --help (the workflow). A module is imported only when one of its
# commands runs, so `fairshore vendor list` does not pay for the analytics stack; a
# test keeps this table equal to what the modules register.
COMMANDS: dict[str, str] = {
    "demo": "demo",
    "init": "workspace",
    "vendor": "entities",
    "site": "entities",
    "engagement": "entities",
    "ingest": "ingest",
    "batches": "ingest",
    "source": "sources",
    "sync": "sources",
    "lake": "lake",
    "kpis": "metrics",
    "contract": "contracts",
    "sla": "contracts",
    "parity": "parity",
    "people": "people",
    "voice": "people",
    "staff": "staff",
    "tco": "tco",
    "vet": "vet",
    "qa": "quality",
    "privacy": "privacy",
    "findings": "governance",
    "audit": "governance",
    "alerts": "governance",
    "notify": "notify",
    "touchpoints": "governance",
    "forecast": "governance",
    "disclosure": "governance",
    "redeployment": "transitions",
    "energy": "energy",
    "trial": "trials",
    "report": "reports",
    "export": "reports",
    "serve": "web",
    "user": "web",
    "audit-log": "web",
}
NOT_COMMANDS = frozenset(
    {
        "main",
        "context",
        "output",
        "register",
        "vet_contests",
        "audit_requests",
        "incident_clocks",
        "owners",
    }
)


def available(module: str) -> bool:
    """True when this build has the CLI module (capabilities land one by one)."""
    return importlib.util.find_spec(f"fairshore.entrypoints.cli.{module}") is not None


def module_commands(module: str) -> dict[str, click.Command]:
    """The top-level commands that one CLI module registers."""
    loaded = importlib.import_module(f"fairshore.entrypoints.cli.{module}")
    holder = typer.Typer()
    holder.callback()(lambda: None)
    loaded.register(holder)
    return dict(get_group(holder).commands)


class LazyGroup(TyperGroup):
    """The root group: lists every command, imports a command's module only to run it."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name, module in COMMANDS.items() if available(module)]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = COMMANDS.get(cmd_name)
        if module is None or not available(module):
            return None
        return module_commands(module).get(cmd_name)


cli = typer.Typer(
    name="fairshore",
    cls=LazyGroup,
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


def app() -> None:
    """Console-script entry point: run the CLI, turning Fairshore errors into messages.

    Exit status: 0 success, 1 when what a command checks does not hold (it raises
    ``typer.Exit(1)``), 2 on usage and input errors (Click's usage errors, any
    `FairshoreError`); ingest's rejected batch is an input error too.
    """
    try:
        # Outside standalone mode Click returns the code of a raised ``typer.Exit``
        # instead of exiting: dropping it made every failing check exit 0.
        code = cli(standalone_mode=False)
    except FairshoreError as exc:
        # Not wrapped at the console's width: a path or a line number in the message
        # stays whole for the script or log that reads it (a terminal wraps it anyway).
        err_console.print(f"[bold red]error:[/bold red] {exc}", highlight=False, soft_wrap=True)
        sys.exit(2)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        err_console.print("aborted")
        sys.exit(1)
    except click.ClickException as exc:  # usage errors arrive here in non-standalone mode
        exc.show()
        sys.exit(exc.exit_code)
    sys.exit(code if isinstance(code, int) else 0)
