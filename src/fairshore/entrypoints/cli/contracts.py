"""``fairshore contract check|add`` and ``fairshore sla evaluate|history``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from fairshore.contracts import services
from fairshore.contracts.findings import evaluation_findings
from fairshore.contracts.model import Contract, Evaluation, PeriodEvaluation
from fairshore.entrypoints.cli.context import JsonOption, state
from fairshore.entrypoints.cli.output import console, err_console, print_json, print_table
from fairshore.entrypoints.cli.register import RecordOption, record_detected
from fairshore.errors import ContractError, WorkspaceError

contract_app = typer.Typer(
    help="Contracts as code: check and store contract files.", no_args_is_help=True
)
sla_app = typer.Typer(help="Evaluate contracts against measured data.", no_args_is_help=True)

FileArg = Annotated[Path, typer.Argument(help="Contract YAML file.")]


def register(app: typer.Typer) -> None:
    app.add_typer(contract_app, name="contract")
    app.add_typer(sla_app, name="sla")


def _summary(contract: Contract) -> dict[str, object]:
    return {
        "id": contract.id,
        "version": contract.version,
        "engagement": contract.engagement,
        "effective_from": contract.effective.start,
        "effective_to": contract.effective.end,
        "service_terms": [t.id for t in contract.service_terms],
        "ethical_clauses": sorted(contract.ethical_clauses.targets()),
        "cap_share": contract.service_credits.cap_share,
    }


@contract_app.command("check")
def contract_check(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="Contract YAML file.", exists=True, dir_okay=False)],
    as_json: bool = JsonOption,
) -> None:
    """Validate a contract file; errors name the line. Exit 1 when it does not validate.

    In a workspace that registers the engagement, vendor and site scopes are checked too.
    """
    try:
        ws = state(ctx).workspace()
    except WorkspaceError:
        ws = None  # no workspace: the file is checked on its own
    try:
        contract = services.check_contract(path, ws)
    except ContractError as exc:
        # The check's answer, not a usage error: the file was read and does not hold.
        if as_json:
            print_json({"valid": False, "error": str(exc)})
        else:
            err_console.print(
                f"[bold red]invalid[/bold red]: {exc}", highlight=False, soft_wrap=True
            )
        raise typer.Exit(1) from None
    if as_json:
        print_json({"valid": True, **_summary(contract)})
    else:
        console.print(
            f"[green]valid[/green]: {contract.id} v{contract.version} for {contract.engagement}, "
            f"{len(contract.service_terms)} service terms, "
            f"{len(contract.ethical_clauses.targets())} ethical clauses"
        )


@contract_app.command("add")
def contract_add(ctx: typer.Context, path: FileArg, as_json: bool = JsonOption) -> None:
    """Store a contract version for its engagement (same file again: no change)."""
    added = services.add_contract(state(ctx).workspace(), path)
    if as_json:
        print_json({**_summary(added.contract), "sha256": added.sha256, "created": added.created})
    else:
        verb = "added" if added.created else "already stored"
        console.print(f"Contract {added.contract.id} v{added.contract.version} {verb}.")


def _evaluation_json(ev: Evaluation) -> dict[str, object]:
    return {**ev.model_dump(mode="json"), "status_counts": ev.counts()}


def _print_evaluation(ev: Evaluation) -> None:
    rows = [r.model_dump() for r in ev.terms]
    print_table(
        f"{ev.engagement_id} {ev.period} ({ev.contract_id} v{ev.contract_version})",
        rows,
        [
            "term_id",
            "metric",
            "comparator",
            "target",
            "value",
            "status",
            "margin",
            "sample_size",
            "credit",
            "earned_back",
        ],
    )
    console.print(
        f"credits {ev.credits_owed:,.2f} {ev.currency} (before cap {ev.credits_before_cap:,.2f}, "
        f"cap {ev.cap:,.2f}); earned back {ev.earned_back:,.2f}; net {ev.net_credit:,.2f}"
    )


def _period_json(result: PeriodEvaluation) -> dict[str, object]:
    return {
        **result.model_dump(mode="json", exclude={"evaluations"}),
        "status_counts": result.counts(),
        "evaluations": [_evaluation_json(ev) for ev in result.evaluations],
    }


def _print_period(result: PeriodEvaluation) -> None:
    for ev in result.evaluations:
        _print_evaluation(ev)
    if len(result.evaluations) > 1:
        print_table(
            f"{result.engagement_id} {result.period}: each period", _rows(result.evaluations)
        )
    for item in result.not_judged:
        what = f"term {item.term_id}" if item.term_id else "every term"
        console.print(f"[yellow]not judged[/yellow]: {what} in {item.period}: {item.reason}")
    counts = ", ".join(f"{n} {s.replace('_', ' ')}" for s, n in result.counts().items())
    console.print(
        f"{result.period}: {counts}; credits {result.credits_owed:,.2f} {result.currency}, "
        f"earned back {result.earned_back:,.2f}, net {result.net_credit:,.2f}"
    )


def _rows(evaluations: list[Evaluation]) -> list[dict[str, object]]:
    return [
        {
            "period": ev.period,
            **ev.counts(),
            "credits_owed": ev.credits_owed,
            "earned_back": ev.earned_back,
            "net_credit": ev.net_credit,
            "currency": ev.currency,
        }
        for ev in evaluations
    ]


@sla_app.command("evaluate")
def sla_evaluate(
    ctx: typer.Context,
    engagement: Annotated[str, typer.Option(help="Engagement id.")],
    period: Annotated[
        str, typer.Option(help="Whole months: YYYY-MM, YYYY-Qn, YYYY or YYYY-MM..YYYY-MM.")
    ],
    record: bool = RecordOption,
    as_json: bool = JsonOption,
) -> None:
    """Evaluate the contract over each month of a period (and each whole quarter for
    quarterly terms), store the results, sum the credits and record each breached term
    in the findings register (one finding per term, a month an occurrence)."""
    ws = state(ctx).workspace()
    result = services.evaluate_sla(ws, engagement_id=engagement, period=period)
    detected = [f for ev in result.evaluations for f in evaluation_findings(ev)]
    record_detected(ws, detected, record=record, quiet=as_json)
    if as_json:
        print_json(_period_json(result))
    else:
        _print_period(result)


@sla_app.command("history")
def sla_history(
    ctx: typer.Context,
    engagement: Annotated[str, typer.Option(help="Engagement id.")],
    as_json: bool = JsonOption,
) -> None:
    """Stored evaluations of an engagement, one per period (the latest)."""
    history = services.sla_history(state(ctx).workspace(), engagement_id=engagement)
    if as_json:
        print_json([_evaluation_json(ev) for ev in history])
        return
    print_table(f"SLA history of {engagement}", _rows(history))
