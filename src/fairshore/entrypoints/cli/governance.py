"""``fairshore findings|audit|alerts``: act on what Fairshore and auditors find."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import typer

from fairshore.entrypoints.cli.context import JsonOption, state
from fairshore.entrypoints.cli.output import console, print_json, print_table
from fairshore.errors import InputError
from fairshore.governance import services
from fairshore.governance.model import Audit, FindingRecord, Nonconformity

findings_app = typer.Typer(
    help="The findings and corrective-actions register.", no_args_is_help=True
)
audit_app = typer.Typer(help="Audits: plan, record, list.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(findings_app, name="findings")
    app.add_typer(audit_app, name="audit")
    app.command("alerts")(alerts)


def _row(r: FindingRecord) -> dict[str, Any]:
    return {
        "id": r.id,
        "engagement_id": r.finding.engagement_id,
        "source": r.finding.source,
        "severity": r.finding.severity,
        "title": r.finding.title,
        "status": r.display_status,
        "owner": r.owner,
        "due_on": r.due_on.isoformat(),
        "times_seen": r.times_seen,
    }


def _full(r: FindingRecord) -> dict[str, Any]:
    return {
        **_row(r),
        "key": r.finding.key,
        "workflow_status": r.status,
        "overdue": r.overdue,
        "detail": r.finding.detail,
        "evidence": r.finding.evidence,
        "period": r.finding.period,
        "corrective_action": r.corrective_action,
        "verification_method": r.verification_method,
    }


@findings_app.command("list")
def findings_list(
    ctx: typer.Context,
    engagement: Annotated[str | None, typer.Option(help="Only this engagement.")] = None,
    source: Annotated[str | None, typer.Option(help="Only this source (sla, parity, ...).")] = None,
    status: Annotated[
        str | None,
        typer.Option(help="open, action_planned, awaiting_verification, closed, active, overdue."),
    ] = None,
    as_json: bool = JsonOption,
) -> None:
    """List findings, soonest due first."""
    records = services.list_findings(
        state(ctx).workspace(), engagement_id=engagement, source=source, status=status
    )
    rows = [_row(r) for r in records]
    if as_json:
        print_json(rows)
    else:
        print_table("Findings", rows)


@findings_app.command("show")
def findings_show(
    ctx: typer.Context, finding_id: Annotated[int, typer.Argument()], as_json: bool = JsonOption
) -> None:
    """One finding with its evidence and history."""
    record, history = services.get_finding(state(ctx).workspace(), finding_id)
    data = {**_full(record), "history": [h.model_dump() for h in history]}
    if as_json:
        print_json(data)
        return
    for key, value in data.items():
        if key != "history":
            console.print(f"[bold]{key}[/bold]: {value}", highlight=False)
    print_table("History", data["history"])


@findings_app.command("update")
def findings_update(
    ctx: typer.Context,
    finding_id: Annotated[int, typer.Argument()],
    status: Annotated[
        str | None, typer.Option(help="action_planned, awaiting_verification or closed.")
    ] = None,
    owner: Annotated[str | None, typer.Option(help="Who acts on it.")] = None,
    due: Annotated[str | None, typer.Option(help="New due date (YYYY-MM-DD).")] = None,
    action: Annotated[str | None, typer.Option(help="The corrective action plan.")] = None,
    verification: Annotated[str | None, typer.Option(help="desktop or follow_up.")] = None,
    note: Annotated[str | None, typer.Option(help="A note for the history.")] = None,
    actor: Annotated[str, typer.Option(help="Who makes the change.")] = "cli",
    as_json: bool = JsonOption,
) -> None:
    """Plan a corrective action, send it to verification, or close it."""
    if status not in (None, "open", "action_planned", "awaiting_verification", "closed"):
        raise InputError(
            f"unknown status {status!r}: use action_planned, awaiting_verification or closed"
        )
    try:
        due_on = date.fromisoformat(due) if due else None
    except ValueError:
        raise InputError(f"invalid due date {due!r}: use YYYY-MM-DD") from None
    record = services.update_finding(
        state(ctx).workspace(),
        finding_id,
        actor=actor,
        status=status,  # type: ignore[arg-type]
        owner=owner,
        due_on=due_on,
        corrective_action=action,
        verification_method=verification,
        note=note,
    )
    if as_json:
        print_json(_full(record))
    else:
        console.print(f"Finding {record.id} is now {record.display_status}.")


def _nonconformity(text: str) -> Nonconformity:
    grade, _, rest = text.partition(":")
    title, _, pillar = rest.partition(":")
    if grade not in ("priority", "major", "minor") or not title:
        raise InputError(
            f"cannot read nonconformity {text!r}: write GRADE:TITLE[:PILLAR], "
            "GRADE one of priority, major, minor"
        )
    return Nonconformity(grade=grade, title=title, pillar=pillar or None)


@audit_app.command("add")
def audit_add(
    ctx: typer.Context,
    engagement: Annotated[str, typer.Option(help="Engagement audited.")],
    auditor: Annotated[str, typer.Option(help="Auditor or audit firm.")],
    audited_on: Annotated[str, typer.Option("--date", help="Audit date, YYYY-MM-DD.")],
    scope: Annotated[str, typer.Option(help="What was audited.")],
    pillars: Annotated[str, typer.Option(help="Comma list, e.g. labour,data_protection.")] = "",
    nc: Annotated[
        list[str] | None,
        typer.Option("--nc", help="A nonconformity GRADE:TITLE[:PILLAR]; repeat."),
    ] = None,
    as_json: bool = JsonOption,
) -> None:
    """Record an audit; its nonconformities become findings."""
    try:
        when = date.fromisoformat(audited_on)
    except ValueError:
        raise InputError(f"invalid audit date {audited_on!r}: use YYYY-MM-DD") from None
    audit = Audit(
        engagement_id=engagement,
        auditor=auditor,
        audited_on=when,
        scope=scope,
        pillars=[p for p in pillars.split(",") if p],
        nonconformities=[_nonconformity(t) for t in nc or []],
    )
    stored, score, outcome = services.add_audit(state(ctx).workspace(), audit)
    data = {
        "audit_id": stored.id,
        "score": score.score,
        "band": score.band,
        "recognition": score.recognition,
        "deductions": score.deductions,
        "findings_opened": outcome.opened,
    }
    if as_json:
        print_json(data)
    else:
        console.print(
            f"Audit {stored.id} recorded: {score.score}/200 ({score.band}), "
            f"{len(outcome.opened)} finding(s) opened."
        )


@audit_app.command("list")
def audit_list(
    ctx: typer.Context,
    engagement: Annotated[str | None, typer.Option(help="Only this engagement.")] = None,
    as_json: bool = JsonOption,
) -> None:
    """List audits with their deduction scores."""
    from fairshore.governance.audits import score_audit

    rows = []
    for a in services.list_audits(state(ctx).workspace(), engagement):
        s = score_audit(a)
        rows.append(
            {
                "id": a.id,
                "engagement_id": a.engagement_id,
                "audited_on": a.audited_on.isoformat(),
                "auditor": a.auditor,
                "nonconformities": len(a.nonconformities),
                "score": s.score,
                "band": s.band,
            }
        )
    if as_json:
        print_json(rows)
    else:
        print_table("Audits", rows)


@audit_app.command("plan")
def audit_plan(
    ctx: typer.Context,
    high: Annotated[str, typer.Option(help="Comma list of high-criticality engagements.")] = "",
    low: Annotated[str, typer.Option(help="Comma list of low-criticality engagements.")] = "",
    as_json: bool = JsonOption,
) -> None:
    """When each engagement's next audit is due, by criticality (default medium)."""
    criticality: dict[str, Any] = {e: "high" for e in high.split(",") if e}
    criticality.update({e: "low" for e in low.split(",") if e})
    plans = services.plan_audits(state(ctx).workspace(), criticality=criticality)
    rows = [
        {
            "engagement_id": p.engagement_id,
            "criticality": p.criticality,
            "due_on": p.due_on.isoformat(),
            "last_audited_on": p.last_audited_on.isoformat() if p.last_audited_on else None,
            "pillars": list(p.pillars),
        }
        for p in plans
    ]
    if as_json:
        print_json(rows)
    else:
        print_table("Audit plan", rows)


def alerts(
    ctx: typer.Context,
    within: Annotated[int, typer.Option(help="Days ahead to look.")] = 14,
    as_json: bool = JsonOption,
) -> None:
    """Everything due or overdue: findings, audits (and more as capabilities add them)."""
    items = services.alerts(state(ctx).workspace(), within_days=within)
    rows = [a.model_dump(mode="json") for a in items]
    if as_json:
        print_json(rows)
    else:
        print_table("Alerts", rows, ["overdue", "due_on", "kind", "engagement_id", "title", "ref"])
