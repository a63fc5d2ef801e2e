"""``fairshore findings assign`` and ``fairshore engagement owner``: who owns findings.

Registered on the ``findings`` and ``engagement`` groups by their modules' ``register``.
"""

from __future__ import annotations

from typing import Annotated

import typer

from fairshore.attention import owners
from fairshore.entrypoints.cli.context import JsonOption, state
from fairshore.entrypoints.cli.entities import engagement_app
from fairshore.entrypoints.cli.governance import findings_app, full_record
from fairshore.entrypoints.cli.output import console, print_json
from fairshore.errors import InputError


@findings_app.command("assign")
def findings_assign(
    ctx: typer.Context,
    finding_id: Annotated[int, typer.Argument()],
    to: Annotated[
        str | None, typer.Option("--to", help="E-mail of the owner (an admin or analyst).")
    ] = None,
    nobody: Annotated[bool, typer.Option("--nobody", help="Leave it without an owner.")] = False,
    actor: Annotated[str, typer.Option(help="Who makes the change.")] = "cli",
    as_json: bool = JsonOption,
) -> None:
    """Give a finding an owner; the owner gets an e-mail (FAIRSHORE_SMTP_*)."""
    if (to is None) == (not nobody):
        raise InputError("say who owns it (--to EMAIL) or --nobody")
    record = owners.assign_finding(state(ctx).workspace(), finding_id, to=to, actor=actor)
    if as_json:
        print_json(full_record(record))
    else:
        console.print(f"Finding {record.id} is owned by {record.assignee or 'nobody'}.")


@engagement_app.command("owner")
def engagement_owner(
    ctx: typer.Context,
    engagement_id: Annotated[str, typer.Argument()],
    set_to: Annotated[
        str | None, typer.Option("--set", help="E-mail of the default owner of new findings.")
    ] = None,
    clear: Annotated[bool, typer.Option("--clear", help="No default owner.")] = False,
    actor: Annotated[str, typer.Option(help="Who makes the change.")] = "cli",
    as_json: bool = JsonOption,
) -> None:
    """Show or set who owns the engagement's new findings."""
    ws = state(ctx).workspace()
    if set_to is not None and clear:
        raise InputError("use --set EMAIL or --clear, not both")
    if set_to is not None or clear:
        owner = owners.set_default_owner(ws, engagement_id, owner=set_to, actor=actor)
    else:
        owner = owners.default_owner(ws, engagement_id)
    if as_json:
        print_json({"engagement_id": engagement_id, "default_owner": owner})
    else:
        console.print(f"New findings of {engagement_id} go to {owner or 'nobody'}.")
