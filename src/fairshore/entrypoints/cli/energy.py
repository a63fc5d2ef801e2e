"""``fairshore energy``: vendors' metered electricity per site and month."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from fairshore.entrypoints.cli.context import JsonOption, state
from fairshore.entrypoints.cli.output import console, print_json, print_table
from fairshore.vetting import energy_services as services

energy_app = typer.Typer(
    help="Metered energy of vendor sites (per contact handled in the ESG summary).",
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    app.add_typer(energy_app, name="energy")


@energy_app.command("import")
def energy_import(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="CSV: site_id,month,kwh[,renewable_kwh,source].")],
    as_json: bool = JsonOption,
) -> None:
    """Load meter or invoice readings; every row is accepted or rejected with its reason."""
    result = services.import_energy(state(ctx).workspace(), file)
    if as_json:
        print_json(result.__dict__)
        return
    console.print(f"{result.source}: {result.read} rows read, {result.accepted} accepted.")
    for reason in result.rejected:
        console.print(f"  rejected: {reason}")


@energy_app.command("list")
def energy_list(
    ctx: typer.Context,
    site: Annotated[str | None, typer.Option(help="Only this site.")] = None,
    as_json: bool = JsonOption,
) -> None:
    """Stored readings by site and month."""
    readings = services.list_energy(state(ctx).workspace(), [site] if site else None)
    rows = [r.__dict__ for r in readings]
    if as_json:
        print_json(rows)
    else:
        print_table("Energy readings", rows)
