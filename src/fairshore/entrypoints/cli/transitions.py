"""``fairshore redeployment``: what became of the client's own staff whose work moved out."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from fairshore import numbers
from fairshore.entrypoints.cli.context import JsonOption, state
from fairshore.entrypoints.cli.output import console, print_json, print_table
from fairshore.errors import InputError
from fairshore.sourcing import transition_services as services
from fairshore.sourcing.redeployment import totals

redeployment_app = typer.Typer(
    help="Redeployment and retraining of your own staff affected by outsourcing.",
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    app.add_typer(redeployment_app, name="redeployment")


Count = Annotated[int, typer.Option(help="People, a whole number.")]


@redeployment_app.command("add")
def redeployment_add(
    ctx: typer.Context,
    engagement: Annotated[str, typer.Option("--engagement", "-e", help="Engagement id.")],
    team: Annotated[str, typer.Option(help="The team whose work moved to the vendor.")],
    affected: Annotated[int, typer.Option(help="People whose work moved.")],
    on: Annotated[str, typer.Option(help="Date of the record (YYYY-MM-DD).")],
    redeployed: Count = 0,
    retrained: Count = 0,
    left: Annotated[int, typer.Option(help="People who left the company.")] = 0,
    note: Annotated[str, typer.Option(help="What was offered (programme, support).")] = "",
    as_json: bool = JsonOption,
) -> None:
    """Record what became of a team of your staff affected by an engagement (counts only)."""
    try:
        recorded_on = date.fromisoformat(on)
    except ValueError:
        raise InputError(f"--on: {on!r} is not a date (YYYY-MM-DD)") from None
    added = services.add_transition(
        state(ctx).workspace(),
        engagement_id=engagement,
        team=team,
        recorded_on=recorded_on,
        affected=affected,
        redeployed=redeployed,
        retrained=retrained,
        left=left,
        note=note,
    )
    if as_json:
        print_json(added)
    else:
        console.print(f"Recorded: {team}, {affected} affected, {added.pending} pending.")


@redeployment_app.command("list")
def redeployment_list(
    ctx: typer.Context,
    engagement: Annotated[str | None, typer.Option("--engagement", "-e")] = None,
    as_json: bool = JsonOption,
) -> None:
    """The register and its totals per engagement."""
    rows = services.list_transitions(state(ctx).workspace(), engagement)
    sums = totals(rows)
    if as_json:
        print_json(
            {
                "transitions": [{**r.model_dump(mode="json"), "pending": r.pending} for r in rows],
                "totals": [
                    {**s.__dict__, "pending": s.pending, "redeployed_share": s.redeployed_share}
                    for s in sums
                ],
            }
        )
        return
    print_table(
        "Staff transitions",
        [{**r.model_dump(exclude={"note"}), "pending": r.pending} for r in rows],
    )
    print_table(
        "Totals",
        [
            {
                "engagement": s.engagement_id,
                "affected": s.affected,
                "redeployed": f"{s.redeployed} ({numbers.percent(s.redeployed_share)})",
                "retrained": s.retrained,
                "left": s.left,
                "pending": s.pending,
            }
            for s in sums
        ],
    )
