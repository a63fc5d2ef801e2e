"""``fairshore audit request|answer|requests``: the client's audit notices and the answers.

They are what the contract's ``audit_rights`` clause is judged on (``fairshore sla``).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import typer
from pydantic import ValidationError

from fairshore.engagements.services import validation_message
from fairshore.entrypoints.cli.context import JsonOption, state
from fairshore.entrypoints.cli.output import console, print_json, print_table
from fairshore.errors import InputError
from fairshore.governance.model import AuditAccess, AuditRequest
from fairshore.governance.services import (
    add_audit_request,
    answer_audit_request,
    list_audit_requests,
)


def add_commands(audit_app: typer.Typer) -> None:
    """Add the request commands to ``fairshore audit``."""
    audit_app.command("request")(audit_request)
    audit_app.command("answer")(audit_answer)
    audit_app.command("requests")(audit_requests)


def _day(text: str, what: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError(f"invalid {what} {text!r}: use YYYY-MM-DD") from None


def _row(r: AuditRequest) -> dict[str, Any]:
    return r.model_dump(mode="json")


def audit_request(
    ctx: typer.Context,
    engagement: Annotated[str, typer.Option(help="Engagement to audit.")],
    requested_on: Annotated[str, typer.Option(help="Day notice was given, YYYY-MM-DD.")],
    audit_from: Annotated[
        str | None, typer.Option(help="First day asked to audit (default: when notice runs out).")
    ] = None,
    scope: Annotated[str, typer.Option(help="What is to be audited.")] = "",
    note: Annotated[str, typer.Option(help="A note for the register.")] = "",
    as_json: bool = JsonOption,
) -> None:
    """Record notice of an audit given to the vendor (its answer comes with 'audit answer')."""
    try:
        request = AuditRequest(
            engagement_id=engagement,
            requested_on=_day(requested_on, "request date"),
            audit_from=None if audit_from is None else _day(audit_from, "audit start"),
            scope=scope,
            note=note,
        )
    except ValidationError as exc:
        raise InputError(validation_message(exc)) from None
    stored = add_audit_request(state(ctx).workspace(), request)
    if as_json:
        print_json(_row(stored))
    else:
        console.print(f"Audit request {stored.id} recorded for {engagement}.")


def audit_answer(
    ctx: typer.Context,
    request_id: Annotated[int, typer.Argument(help="The request's id.")],
    granted: Annotated[str | None, typer.Option(help="Day access was given.")] = None,
    refused: Annotated[str | None, typer.Option(help="Day access was refused.")] = None,
    as_json: bool = JsonOption,
) -> None:
    """Record the vendor's answer: access granted, or refused, on a day."""
    if (granted is None) == (refused is None):
        raise InputError("give exactly one of --granted DATE or --refused DATE")
    access: AuditAccess = "granted" if granted is not None else "refused"
    answered = answer_audit_request(
        state(ctx).workspace(),
        request_id,
        access=access,
        decided_on=_day(granted or refused or "", f"{access} date"),
    )
    if as_json:
        print_json(_row(answered))
    else:
        console.print(f"Audit request {request_id}: access {access} on {answered.decided_on}.")


def audit_requests(
    ctx: typer.Context,
    engagement: Annotated[str | None, typer.Option(help="Only this engagement.")] = None,
    as_json: bool = JsonOption,
) -> None:
    """List audit requests and the vendor's answers, oldest first."""
    rows = [_row(r) for r in list_audit_requests(state(ctx).workspace(), engagement)]
    if as_json:
        print_json(rows)
    else:
        print_table("Audit requests", rows)
