"""``fairshore vet contest``: vendors contesting an item of their scorecard (an answer
or a measurement), and the client resolving it."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from fairshore.attention.services import notify_contest
from fairshore.entrypoints.cli.context import JsonOption, state
from fairshore.entrypoints.cli.output import console, print_json, print_table
from fairshore.vetting import services
from fairshore.vetting.model import Contest

contest_app = typer.Typer(
    help="Vendors contesting items of their scorecard: answers or measurements.",
    no_args_is_help=True,
)
VendorOption = Annotated[str, typer.Option("--vendor", help="Vendor id.")]


def contest_row(c: Contest) -> dict[str, Any]:
    """A contest as plain data, with the claim key when a measurement is contested."""
    return {**c.__dict__, "measured_claim": c.measured_claim}


@contest_app.command("add")
def contest_add(
    ctx: typer.Context,
    vendor: VendorOption,
    question: Annotated[
        str,
        typer.Argument(
            help="The item contested: a question id, or measured:<claim key> for the "
            "measured figure that tests a claim (e.g. measured:in_house_share)."
        ),
    ],
    reason: Annotated[str, typer.Option(help="Why the vendor disputes it.")],
    as_json: bool = JsonOption,
) -> None:
    """Record a vendor contesting one item of its scorecard: an answer or a measurement;
    the people who answer the vendor's contests are mailed (FAIRSHORE_SMTP_*)."""
    ws = state(ctx).workspace()
    c = services.contest_item(ws, vendor, question, reason)
    notify_contest(ws, c, by=f"{vendor} (recorded on the command line)")
    if as_json:
        print_json(contest_row(c))
    else:
        console.print(f"Contest {c.id} opened on {c.question_id} for {vendor}.")


@contest_app.command("resolve")
def contest_resolve(
    ctx: typer.Context,
    contest_id: Annotated[int, typer.Argument(help="Contest id.")],
    status: Annotated[str, typer.Option(help="upheld or rejected.")],
    resolution: Annotated[str, typer.Option(help="What was decided and why.")],
    as_json: bool = JsonOption,
) -> None:
    """Resolve a contest as upheld or rejected."""
    c = services.resolve_contest(
        state(ctx).workspace(),
        contest_id,
        status=status,
        resolution=resolution,
    )
    if as_json:
        print_json(contest_row(c))
    else:
        console.print(f"Contest {c.id} {c.status}: {c.resolution}")


@contest_app.command("list")
def contest_list(
    ctx: typer.Context,
    vendor: Annotated[str | None, typer.Option(help="Only this vendor's contests.")] = None,
    as_json: bool = JsonOption,
) -> None:
    """List contests."""
    rows = [contest_row(c) for c in services.list_contests(state(ctx).workspace(), vendor)]
    if as_json:
        print_json(rows)
    else:
        print_table("Contests", rows)
