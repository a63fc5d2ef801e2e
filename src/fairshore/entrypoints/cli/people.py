"""``fairshore people`` (agent welfare, pay benchmarks) and ``fairshore voice`` (grievances)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from fairshore.entrypoints.cli.context import JsonOption, PeriodOption, period_from_option, state
from fairshore.entrypoints.cli.output import console, print_json, print_table
from fairshore.entrypoints.cli.register import RecordOption, record_detected
from fairshore.errors import InputError
from fairshore.people import services
from fairshore.people.model import LocationBenchmark, PeopleReport, WelfareThresholds
from fairshore.people.voice import CATEGORIES, Grievance

people_app = typer.Typer(
    help="Agent welfare: attrition, hours, occupancy, pay against the living wage.",
    invoke_without_command=True,
)
benchmarks_app = typer.Typer(help="Living-wage and minimum-wage benchmarks.", no_args_is_help=True)
voice_app = typer.Typer(help="Anonymous grievances from the vendor's agents.", no_args_is_help=True)
people_app.add_typer(benchmarks_app, name="benchmarks")


def register(app: typer.Typer) -> None:
    app.add_typer(people_app, name="people")
    app.add_typer(voice_app, name="voice")


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{100 * x:.1f} %"


def _money(x: float | None, currency: str | None) -> str:
    return "—" if x is None else f"{x:,.0f} {currency or ''}".strip()


@people_app.callback()
def people(
    ctx: typer.Context,
    engagement: Annotated[str | None, typer.Option(help="Engagement id.")] = None,
    period: Annotated[str | None, PeriodOption] = None,
    rates: Annotated[
        Path | None, typer.Option(help="Exchange rates CSV: from,to,rate,as_of,source.")
    ] = None,
    occupancy_cap: Annotated[float | None, typer.Option(help="Contract cap, e.g. 0.85.")] = None,
    min_training_hours: Annotated[float | None, typer.Option(help="Per agent-month.")] = None,
    max_attrition: Annotated[
        float | None, typer.Option(help="Over the trailing 12 months, e.g. 0.4.")
    ] = None,
    min_in_house_share: Annotated[float | None, typer.Option(help="e.g. 0.8.")] = None,
    record: bool = RecordOption,
    as_json: bool = JsonOption,
) -> None:
    """Welfare report of one engagement: workforce, hours, occupancy, pay, findings
    (recorded in the findings register)."""
    if ctx.invoked_subcommand is not None:
        return
    if engagement is None:
        raise InputError("give --engagement (see 'fairshore engagement list')")
    ws = state(ctx).workspace()
    report = services.people_report(
        ws,
        engagement,
        period=period_from_option(period),
        thresholds=WelfareThresholds(
            max_occupancy=occupancy_cap,
            min_training_hours=min_training_hours,
            max_attrition=max_attrition,
            min_in_house_share=min_in_house_share,
        ),
        rates=services.load_rates(rates) if rates else None,
    )
    record_detected(ws, report.findings, record=record, quiet=as_json)
    if as_json:
        print_json(report)
    else:
        _print_report(report)


def _print_report(r: PeopleReport) -> None:
    w = r.workforce
    console.print(f"[bold]People report — {r.engagement_id}, {r.period.label}[/bold]")
    print_table(
        "Headcount and attrition by month",
        [
            {
                "month": f"{m.month:%Y-%m}",
                "start": m.headcount_start,
                "end": m.headcount_end,
                "hires": m.hires,
                "leavers": m.leavers,
                "early leavers": m.early_leavers,
                "attrition": _pct(m.attrition),
            }
            for m in w.monthly
        ],
    )
    print_table(
        "Attrition: trailing 12 months (SHRM, what is judged); the period's monthly rate "
        "annualised (simple 12m, compound 1-(1-m)^12) as a trend only",
        [_attrition_row("all", w.overall)]
        + [_attrition_row(f"site {s.group}", s) for s in w.by_site]
        + [_attrition_row(f"type {s.group}", s) for s in w.by_employment_type],
    )
    print_table(
        f"Tenure of agents in post at the end (median {w.median_tenure_days or 0:.0f} days)",
        [{"tenure": b.bucket, "agents": b.agents, "share": _pct(b.share)} for b in w.tenure],
    )
    print_table(
        f"Employment model (in-house share {_pct(w.in_house_share)})",
        [
            {"employment type": e.employment_type, "agents": e.agents, "share": _pct(e.share)}
            for e in w.employment_model
        ],
    )
    span = w.span
    console.print(
        f"Supervisor span: mean {span.mean_span or 0:.1f}, max {span.max_span or 0} "
        f"({len(span.over_limit)} above 1:{r.thresholds.max_span}); "
        f"{span.agents_without_supervisor} agents without a supervisor."
    )
    _print_hours(r)
    _print_occupancy(r)
    _print_pay(r)
    for gap in r.data_gaps:
        console.print(f"[yellow]data gap:[/yellow] {gap}")
    print_table(
        "Findings",
        [{"severity": f.severity, "key": f.key, "title": f.title} for f in r.findings],
    )


def _attrition_row(name: str, s: Any) -> dict[str, object]:
    return {
        "group": name,
        "hires": s.hires,
        "leavers": s.leavers,
        "avg headcount": s.average_headcount,
        "trailing 12 months": _pct(s.annual_rate)
        + ("" if s.trailing is None or s.trailing.complete else " (part year)"),
        "trend: monthly": _pct(s.monthly_rate),
        "trend: x12": _pct(s.annualised_simple),
        "trend: compound": _pct(s.annualised_compound),
        "early (<=90 d) of leavers": _pct(s.early_share_of_leavers),
    }


def _print_hours(r: PeopleReport) -> None:
    print_table(
        "Working hours (SA8000: regular <= 48 h/week, overtime <= 12 h/week, 1 day off in 7)",
        [
            {
                "month": f"{m.month:%Y-%m}",
                "agent-months": m.agent_months,
                "regular > 48": m.regular_over_limit,
                "overtime > 12": m.overtime_over_limit,
                "week > 60": m.longest_week_over_limit,
                "too few days off": m.too_few_days_off,
                "training h/agent": m.training_hours_mean,
            }
            for m in r.hours.monthly
        ],
    )


def _print_occupancy(r: PeopleReport) -> None:
    o = r.occupancy
    print_table(
        f"Occupancy (burnout threshold {_pct(o.burnout_threshold)}"
        + (f", contract cap {_pct(o.cap)})" if o.cap is not None else ")"),
        [
            {
                "month": f"{m.month:%Y-%m}",
                "handle h": m.handle_hours,
                "logged-in h": m.logged_in_hours,
                "occupancy": _pct(m.occupancy),
                "flag": "OVER" if m.month in o.months_over_threshold else "",
            }
            for m in o.monthly
        ],
    )


def _print_pay(r: PeopleReport) -> None:
    rows = []
    for s in r.pay.sites:
        b = s.benchmark
        rows.append(
            {
                "site": s.site_id,
                "agents": s.agents,
                "median pay": _money(s.median_effective_pay, s.currency),
                "floor": _money(b.floor_monthly if b else None, s.currency),
                "floor is": b.floor_kind if b else None,
                "median hourly": _money(s.median_hourly_pay, None)
                + f" / {_money(s.floor_hourly, None)}",
                "below minimum": _pct(s.share_below_minimum),
                "below floor": _pct(s.share_below_living_wage),
                "mean gap": f"{_money(s.mean_gap, s.currency)} ({_pct(s.mean_gap_pct)})",
            }
        )
    print_table("Pay: effective monthly pay of full months vs the site's floor", rows)
    for s in r.pay.sites:
        fig = s.benchmark.living_wage if s.benchmark else None
        if fig is not None:
            console.print(
                f"{s.site_id}: living wage = {fig.kind}, {fig.amount_as_published} "
                f"({fig.conversion}), {fig.year or 'year unknown'}, {fig.source}"
            )
        for warning in s.warnings:
            console.print(f"[yellow]{s.site_id}:[/yellow] {warning}")


# --------------------------------------------------------------------------- benchmarks


@benchmarks_app.command("add")
def benchmarks_add(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="CSV with the columns of living-wages.csv.")],
    as_json: bool = JsonOption,
) -> None:
    """Add your own benchmark rows; they take precedence over the shipped ones."""
    rows = services.add_benchmarks(state(ctx).workspace(), path)
    if as_json:
        print_json({"added": len(rows), "locations": sorted({r.location for r in rows})})
    else:
        console.print(f"{len(rows)} benchmark rows added.")


@benchmarks_app.command("list")
def benchmarks_list(
    ctx: typer.Context,
    location: Annotated[str | None, typer.Option(help="Only this location.")] = None,
    year: Annotated[int | None, typer.Option(help="Judge staleness as of this year.")] = None,
    as_json: bool = JsonOption,
) -> None:
    """The default benchmark chosen for each location, with source, year and caveats."""
    ws = state(ctx).workspace()
    if location:
        found = [services.location_benchmark(ws, location, ref_year=year or ws.today().year)]
    else:
        found = services.list_benchmarks(ws, ref_year=year)
    if as_json:
        print_json(found)
        return
    print_table("Benchmarks (monthly, local currency)", [_benchmark_row(b) for b in found])


def _benchmark_row(b: LocationBenchmark) -> dict[str, object]:
    lw, mw = b.living_wage, b.minimum_wage
    return {
        "location": b.location,
        "living wage": _money(lw.monthly, lw.currency) if lw else None,
        "kind": f"{lw.kind} ({lw.origin})" if lw else None,
        "year": lw.year if lw else None,
        "minimum": _money(mw.monthly, mw.currency) if mw else None,
        "floor": b.floor_kind,
        "caveats": "; ".join([*(lw.warnings if lw else []), *b.warnings]),
    }


# --------------------------------------------------------------------------- voice


@voice_app.command("submit")
def voice_submit(
    ctx: typer.Context,
    engagement: Annotated[str, typer.Option(help="Engagement you work on.")],
    category: Annotated[str, typer.Option(help=", ".join(CATEGORIES))],
    text: Annotated[
        str | None, typer.Option(help="What happened (default: read from standard input).")
    ] = None,
    site: Annotated[str | None, typer.Option(help="Site (optional).")] = None,
    as_json: bool = JsonOption,
) -> None:
    """Report anonymously. Nothing about you is stored; keep the receipt code.

    Names, phone numbers, e-mail addresses and other personal details in the text are
    replaced by labels (<PERSON> ...) before it is stored; the typed text is never kept.
    """
    body = text if text is not None else typer.get_text_stream("stdin").read()
    case, code = services.submit_grievance(
        state(ctx).workspace(), engagement, category=category, body=body, site_id=site
    )
    if as_json:
        print_json(
            {
                "receipt": code,
                "status": case.status,
                "ack_due_on": case.ack_due_on,
                "stored_text": case.body,
            }
        )
        return
    console.print(f"Received. Your receipt code (shown once, keep it): [bold]{code}[/bold]")
    console.print(f"Stored as (personal details replaced): {case.body}", highlight=False)
    console.print(f"The vendor must acknowledge by {case.ack_due_on}.")


@voice_app.command("status")
def voice_status(
    ctx: typer.Context,
    receipt: Annotated[
        str, typer.Option(prompt="Receipt code", hide_input=True, help="Your receipt code.")
    ],
    as_json: bool = JsonOption,
) -> None:
    """Follow your case and read the replies (by receipt code)."""
    case = services.grievance_by_receipt(state(ctx).workspace(), receipt)
    view = case.model_dump(mode="json", exclude={"id", "engagement_id"})
    if as_json:
        print_json(view)
        return
    console.print(f"Status: [bold]{case.status}[/bold] (received {case.submitted_on})")
    for reply in case.replies:
        console.print(f"[dim]{reply.written_on} {reply.author}:[/dim] {reply.body}")


def _case_row(case: Grievance, visible_sites: set[str]) -> dict[str, object]:
    return {
        "case_id": case.id,
        "category": case.category,
        "status": case.status,
        "site": case.site_id
        if case.site_id in visible_sites
        else ("suppressed" if case.site_id else None),
        "submitted_on": case.submitted_on,
        "ack_due_on": case.ack_due_on,
        "resolve_due_on": case.resolve_due_on,
        "escalated_on": case.escalated_on,
        "replies": len(case.replies),
    }


@voice_app.command("list")
def voice_list(
    ctx: typer.Context,
    engagement: Annotated[str | None, typer.Option(help="Only this engagement.")] = None,
    stats: Annotated[bool, typer.Option(help="Counts only (groups under 5 suppressed).")] = False,
    as_json: bool = JsonOption,
) -> None:
    """Cases to handle (site shown only where it has 5+ cases), or k-anonymous counts."""
    ws = state(ctx).workspace()
    if stats:
        aggregates = services.grievance_aggregates(ws, engagement)
        if as_json:
            print_json(aggregates)
            return
        for agg in aggregates:
            total = "suppressed" if agg.total is None else agg.total
            print_table(
                f"Reports by {agg.by} (total {total})",
                [
                    {"group": r.group, "reports": "<5" if r.reports is None else r.reports}
                    for r in agg.rows
                ],
            )
        return
    cases = services.list_grievances(ws, engagement)
    visible = services.site_visible(cases)
    rows = [_case_row(c, visible) for c in cases]
    if as_json:
        print_json(rows)
    else:
        print_table("Grievances", rows)


@voice_app.command("update")
def voice_update(
    ctx: typer.Context,
    case_id: Annotated[str, typer.Argument(help="Case id from 'fairshore voice list'.")],
    status: Annotated[
        str | None, typer.Option(help="Next status: acknowledged, investigating, resolved.")
    ] = None,
    reply: Annotated[str | None, typer.Option(help="A reply the reporter can read.")] = None,
    author: Annotated[str, typer.Option("--as", help="vendor or client.")] = "vendor",
    as_json: bool = JsonOption,
) -> None:
    """Move a case along its workflow and/or reply to the reporter."""
    ws = state(ctx).workspace()
    case = services.update_grievance(ws, case_id, status=status, reply=reply, author=author)
    if as_json:
        print_json(_case_row(case, services.site_visible(services.list_grievances(ws))))
    else:
        console.print(f"Case {case.id}: {case.status}.")


@voice_app.command("overdue")
def voice_overdue(
    ctx: typer.Context,
    engagement: Annotated[str | None, typer.Option(help="Only this engagement.")] = None,
    today: Annotated[str | None, typer.Option(help="Judge as of this date (YYYY-MM-DD).")] = None,
    record: bool = RecordOption,
    as_json: bool = JsonOption,
) -> None:
    """Escalate cases past their deadlines to the client (as findings in the register)."""
    try:
        day = date.fromisoformat(today) if today else None
    except ValueError:
        raise InputError(f"invalid date {today!r}: write YYYY-MM-DD") from None
    ws = state(ctx).workspace()
    found = services.escalate_overdue(ws, engagement, today=day)
    record_detected(ws, found, record=record, quiet=as_json)
    if as_json:
        print_json(found)
    else:
        print_table(
            "Overdue grievances",
            [{"severity": f.severity, "key": f.key, "title": f.title} for f in found],
        )
