"""``fairshore trial evaluate|decide|list``: pilots judged on their success and exit criteria."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from fairshore.entrypoints.cli.context import JsonOption, state
from fairshore.entrypoints.cli.output import console, print_json, print_table
from fairshore.sourcing import trial_services
from fairshore.sourcing.trials import TrialDecision, TrialResult

trial_app = typer.Typer(
    help="Trial periods (pilots): success and exit criteria, and the decision.",
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    app.add_typer(trial_app, name="trial")


def _criteria(result: TrialResult) -> list[dict[str, Any]]:
    return [
        {
            "kind": kind,
            "criterion": r.term_id,
            "metric": r.metric,
            "comparator": r.comparator,
            "target": r.target,
            "value": r.value,
            "status": r.status,
            "sample_size": r.sample_size,
        }
        for kind, results in (("success", result.success), ("exit", result.exit))
        for r in results
    ]


def _show(result: TrialResult) -> None:
    print_table(
        f"Pilot {result.pilot_id} ({result.engagement_id}, {result.start} .. {result.end})",
        _criteria(result),
    )
    console.print(f"Measured outcome: [bold]{result.outcome}[/bold]", highlight=False)


def _decision_row(d: TrialDecision) -> dict[str, Any]:
    return {
        "id": d.id,
        "pilot_id": d.pilot_id,
        "engagement_id": d.engagement_id,
        "start": d.start.isoformat(),
        "end": d.end.isoformat(),
        "outcome": d.outcome,
        "decision": d.decision,
        "decided_by": d.decided_by,
        "decided_at": d.decided_at.isoformat(),
        "note": d.note,
    }


@trial_app.command("evaluate")
def trial_evaluate(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="The pilot YAML file.")],
    as_json: bool = JsonOption,
) -> None:
    """Measure every success and exit criterion over the pilot window.

    Exit 1 unless the measured outcome is a pass.
    """
    result = trial_services.evaluate_trial(state(ctx).workspace(), path)
    if as_json:
        print_json({**result.model_dump(mode="json"), "criteria": _criteria(result)})
    else:
        _show(result)
    if result.outcome != "pass":
        raise typer.Exit(1)


@trial_app.command("decide")
def trial_decide(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="The pilot YAML file.")],
    decision: Annotated[str, typer.Option(help="pass, fail or extend.")],
    by: Annotated[str, typer.Option(help="Who decides.")],
    note: Annotated[str | None, typer.Option(help="Why (needed to override the figures).")] = None,
    as_json: bool = JsonOption,
) -> None:
    """Record the pass / fail / extend decision with the figures it rests on."""
    record = trial_services.decide_trial(
        state(ctx).workspace(), path, decision=decision, decided_by=by, note=note
    )
    if as_json:
        print_json({**_decision_row(record), "criteria": _criteria(record.result)})
    else:
        _show(record.result)
        console.print(
            f"Decision {record.id}: [bold]{record.decision}[/bold] by {record.decided_by}.",
            highlight=False,
        )


@trial_app.command("list")
def trial_list(
    ctx: typer.Context,
    engagement: Annotated[str | None, typer.Option(help="Only this engagement.")] = None,
    as_json: bool = JsonOption,
) -> None:
    """Every recorded pilot decision, newest first."""
    rows = [
        _decision_row(d)
        for d in trial_services.list_trial_decisions(
            state(ctx).workspace(), engagement_id=engagement
        )
    ]
    if as_json:
        print_json(rows)
    else:
        print_table("Pilot decisions", rows)
