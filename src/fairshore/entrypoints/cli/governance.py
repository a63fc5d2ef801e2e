"""``fairshore findings|audit|alerts``: act on what Fairshore and auditors find."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import ValidationError

from fairshore.entrypoints.cli.audit_requests import add_commands as add_request_commands
from fairshore.entrypoints.cli.context import JsonOption, state
from fairshore.entrypoints.cli.output import console, print_json, print_table
from fairshore.errors import InputError
from fairshore.governance import services
from fairshore.governance.model import (
    Audit,
    FindingQuery,
    FindingRecord,
    Nonconformity,
    Occurrence,
)
from fairshore.people.audit_pay import measured_pay, score_recorded_audit
from fairshore.sourcing import services as sourcing
from fairshore.vetting.audit_plan import plan_audits

findings_app = typer.Typer(
    help="The findings and corrective-actions register.", no_args_is_help=True
)
audit_app = typer.Typer(
    help="Audits: plan, record, list; audit requests and the vendor's answers.",
    no_args_is_help=True,
)
add_request_commands(audit_app)
touchpoints_app = typer.Typer(
    help="Customer touchpoints and the sourcing decision.", no_args_is_help=True
)
forecast_app = typer.Typer(
    help="The client's own obligations: forecast accuracy.", no_args_is_help=True
)


def register(app: typer.Typer) -> None:
    app.add_typer(findings_app, name="findings")
    app.add_typer(audit_app, name="audit")
    app.command("alerts")(alerts)
    app.add_typer(touchpoints_app, name="touchpoints")
    app.add_typer(forecast_app, name="forecast")
    app.command("disclosure")(disclosure)
    from fairshore.entrypoints.cli import owners  # noqa: F401  (adds ``findings assign``)


def _row(r: FindingRecord) -> dict[str, Any]:
    return {
        "id": r.id,
        "engagement_id": r.finding.engagement_id,
        "source": r.finding.source,
        "severity": r.finding.severity,
        "title": r.finding.title,
        "status": r.display_status,
        "assignee": r.assignee,
        "owner": r.owner,
        "due_on": r.due_on.isoformat(),
        "proposed_due": r.proposed_due.isoformat() if r.proposed_due else None,
        "times_seen": r.times_seen,
        "occurrences": len(r.occurrences),
        "periods": r.periods,
    }


def _span(periods: list[str]) -> str | None:
    """``2025-11..2026-10 (12)``: the first and last period seen, and how many."""
    if not periods:
        return None
    if len(periods) == 1:
        return periods[0]
    return f"{periods[0]}..{periods[-1]} ({len(periods)})"


def _occurrence(o: Occurrence) -> dict[str, Any]:
    return {
        "period": o.period,
        "source": o.source,
        "value": o.value,
        "shown": o.shown,
        "credit": o.credit,
        "credit_shown": o.credit_shown,
    }


def full_record(r: FindingRecord) -> dict[str, Any]:
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
        "credit": r.credit,
        "trend": r.trend,
        "occurrence_list": [_occurrence(o) for o in r.occurrences],
    }


@findings_app.command("list")
def findings_list(
    ctx: typer.Context,
    engagement: Annotated[str | None, typer.Option(help="Only this engagement.")] = None,
    vendor: Annotated[str | None, typer.Option(help="Only this vendor's engagements.")] = None,
    source: Annotated[str | None, typer.Option(help="Only this source (sla, parity, ...).")] = None,
    status: Annotated[
        str | None,
        typer.Option(
            help="open, action_planned, awaiting_verification, closed, active, overdue or all."
        ),
    ] = None,
    severity: Annotated[
        list[str] | None,
        typer.Option(help="critical, major, minor or observation (repeat for several)."),
    ] = None,
    due: Annotated[str | None, typer.Option(help="overdue, or due_soon (within 14 days).")] = None,
    due_from: Annotated[str | None, typer.Option(help="Due on or after, YYYY-MM-DD.")] = None,
    due_to: Annotated[str | None, typer.Option(help="Due on or before, YYYY-MM-DD.")] = None,
    search: Annotated[str | None, typer.Option(help="Words in the title or description.")] = None,
    sort: Annotated[str, typer.Option(help="due, severity, opened or value (credits).")] = "due",
    desc: Annotated[bool, typer.Option("--desc", help="Largest, latest first.")] = False,
    as_json: bool = JsonOption,
) -> None:
    """List findings that match (the web register's filters), soonest due first."""
    raw = {
        "engagement": engagement, "vendor": vendor, "source": source, "status": status,
        "severity": tuple(severity or ()), "due": due, "due_from": due_from, "due_to": due_to,
        "search": search, "sort": sort, "descending": desc,
    }  # fmt: skip
    try:
        query = FindingQuery.model_validate({k: v for k, v in raw.items() if v not in (None, ())})
    except ValidationError as exc:
        problems = "; ".join(
            f"--{str(e['loc'][0]).replace('_', '-')}: {e['msg']}" for e in exc.errors()
        )
        raise InputError(problems) from None
    records = services.page_findings(state(ctx).workspace(), query=query).records
    rows = [_row(r) for r in records]
    if as_json:
        print_json(rows)
    else:
        print_table("Findings", [row | {"periods": _span(row["periods"])} for row in rows])


@findings_app.command("show")
def findings_show(
    ctx: typer.Context, finding_id: Annotated[int, typer.Argument()], as_json: bool = JsonOption
) -> None:
    """One finding with its evidence, occurrences (each period it was seen in) and history."""
    record, history = services.get_finding(state(ctx).workspace(), finding_id)
    data = {**full_record(record), "history": [h.model_dump() for h in history]}
    if as_json:
        print_json(data)
        return
    for key, value in data.items():
        if key not in ("history", "occurrence_list"):
            console.print(f"[bold]{key}[/bold]: {value}", highlight=False)
    print_table(
        "Occurrences",
        data["occurrence_list"],
        ["period", "source", "shown", "credit_shown"],
    )
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
        print_json(full_record(record))
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
    ws = state(ctx).workspace()
    measured = measured_pay(ws, audit.engagement_id, audited_on=audit.audited_on)
    stored, score, outcome = services.add_audit(ws, audit, measured=measured)
    data = {
        "audit_id": stored.id,
        "score": score.score,
        "band": score.band,
        "recognition": score.recognition,
        "deductions": score.deductions,
        "measured": [n.model_dump() for n in score.measured],
        "reasons": list(score.reasons),
        "findings_opened": outcome.opened,
    }
    if as_json:
        print_json(data)
    else:
        console.print(
            f"Audit {stored.id} recorded: {score.score}/200 ({score.band}), "
            f"{len(outcome.opened)} finding(s) opened."
        )
        for reason in score.reasons:
            console.print(f"  {reason}")


@audit_app.command("list")
def audit_list(
    ctx: typer.Context,
    engagement: Annotated[str | None, typer.Option(help="Only this engagement.")] = None,
    as_json: bool = JsonOption,
) -> None:
    """List audits with their deduction scores (payroll's wage nonconformities counted)."""

    ws = state(ctx).workspace()
    rows = []
    for a in services.list_audits(ws, engagement):
        s = score_recorded_audit(ws, a)
        rows.append(
            {
                "id": a.id,
                "engagement_id": a.engagement_id,
                "audited_on": a.audited_on.isoformat(),
                "auditor": a.auditor,
                "nonconformities": len(a.nonconformities),
                "score": s.score,
                "band": s.band,
                "measured": [n.title for n in s.measured],
            }
        )
    if as_json:
        print_json(rows)
    else:
        print_table("Audits", rows)


@audit_app.command("plan")
def audit_plan(
    ctx: typer.Context,
    today: Annotated[
        str | None, typer.Option(help="Plan as of this day, YYYY-MM-DD (default today).")
    ] = None,
    as_json: bool = JsonOption,
) -> None:
    """When each engagement's next audit is due, by its measured criticality.

    Criticality is graded by `fairshore vet criticality list`; override an input with
    `fairshore vet criticality set` (recorded with who, when and why).
    """
    ws = state(ctx).workspace()
    try:
        day = date.fromisoformat(today) if today else ws.today()
    except ValueError:
        raise InputError(f"invalid --today {today!r}: use YYYY-MM-DD") from None
    plans = plan_audits(ws, today=day)
    rows = [
        {
            "engagement_id": p.engagement_id,
            "criticality": p.criticality,
            "due_on": p.due_on.isoformat(),
            "last_audited_on": p.last_audited_on.isoformat() if p.last_audited_on else None,
            "pillars": list(p.pillars),
            "criticality_source": p.criticality_source,
        }
        for p in plans
    ]
    if as_json:
        print_json(rows)
    else:
        print_table(
            "Audit plan",
            rows,
            ["engagement_id", "criticality", "due_on", "last_audited_on", "pillars"],
        )


def alerts(
    ctx: typer.Context,
    within: Annotated[int, typer.Option(help="Days ahead to look.")] = 14,
    as_json: bool = JsonOption,
) -> None:
    """Everything due or overdue: findings, audits, certificates, incident clocks,
    questionnaire renewals and worker-voice cases."""
    items = services.alerts(state(ctx).workspace(), within_days=within)
    rows = [a.model_dump(mode="json") for a in items]
    if as_json:
        print_json(rows)
    else:
        print_table("Alerts", rows, ["overdue", "due_on", "kind", "engagement_id", "title", "ref"])


@touchpoints_app.command("import")
def touchpoints_import(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="CSV or YAML of touchpoints.")],
    as_json: bool = JsonOption,
) -> None:
    """Load touchpoints (id, name, channel, intent, volume_per_month, aht_s, data_sensitivity,
    complexity, customer_vulnerability, regulatory_class, engagement_id)."""
    imported = sourcing.import_touchpoints(state(ctx).workspace(), path)
    if as_json:
        print_json({"imported": [tp.id for tp in imported]})
    else:
        console.print(f"{len(imported)} touchpoint(s) imported.")


@touchpoints_app.command("recommend")
def touchpoints_recommend(ctx: typer.Context, as_json: bool = JsonOption) -> None:
    """Recommend keep, outsource (onshore, nearshore, offshore) or automate, rule by rule."""
    recs = sourcing.recommend_sourcing(state(ctx).workspace())
    data = [
        {
            "touchpoint_id": r.touchpoint_id,
            "recommendation": r.option,
            "rationale": [
                {"rule": o.rule, "rules_out": list(o.rules_out), "reason": o.reason}
                for o in r.rationale
            ],
            "data_exposed": r.exposure[r.option],
        }
        for r in recs
    ]
    if as_json:
        print_json(data)
        return
    rows = [
        {
            "touchpoint": r.touchpoint_id,
            "recommendation": r.option,
            "why": "; ".join(o.reason for o in r.rationale) or "no rule rules out the cheapest",
            "data exposed": r.exposure[r.option],
        }
        for r in recs
    ]
    print_table("Sourcing recommendations", rows)


def disclosure(
    ctx: typer.Context,
    company: Annotated[str, typer.Option(help="Your company's name as customers know it.")],
    contact: Annotated[
        str, typer.Option(help="How a customer reaches your own team, e.g. a phone number.")
    ],
    markdown: Annotated[Path | None, typer.Option("--md", help="Write Markdown here.")] = None,
    html: Annotated[Path | None, typer.Option("--html", help="Write HTML here.")] = None,
    as_json: bool = JsonOption,
) -> None:
    """The customer-facing statement: where support is answered and with what data."""
    statement = sourcing.disclosure_statement(
        state(ctx).workspace(), company=company, contact=contact
    )
    if markdown:
        markdown.write_text(statement.markdown, encoding="utf-8")
    if html:
        html.write_text(statement.html, encoding="utf-8")
    if as_json:
        print_json({"markdown": statement.markdown, "html": statement.html})
    elif not (markdown or html):
        console.print(statement.markdown, markup=False, highlight=False)


@forecast_app.command("accuracy")
def forecast_accuracy(
    ctx: typer.Context,
    engagement: Annotated[str, typer.Option(help="Engagement the forecast was given for.")],
    path: Annotated[Path, typer.Argument(help="CSV with period (day or month), contacts.")],
    tolerance: Annotated[float, typer.Option(help="Acceptable error share per period.")] = 0.1,
    as_json: bool = JsonOption,
) -> None:
    """How accurate the volumes the client forecast for the vendor were (ISO 18295-2)."""
    result = sourcing.measure_forecast_accuracy(
        state(ctx).workspace(), engagement, sourcing.read_forecast(path), tolerance=tolerance
    )
    data = dict(result.__dict__)
    if as_json:
        print_json(data)
    else:
        print_table("Forecast accuracy", [data])
