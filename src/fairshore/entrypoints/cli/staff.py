"""``fairshore staff``: Erlang C and A, staffing plans, adequacy of a live vendor."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import ValidationError

from fairshore import numbers
from fairshore.entrypoints.cli.context import JsonOption, PeriodOption, period_from_option, state
from fairshore.entrypoints.cli.output import console, print_json, print_table
from fairshore.entrypoints.cli.register import RecordOption, record_detected
from fairshore.errors import InputError
from fairshore.staffing import services
from fairshore.staffing.model import QueueMeasures, StaffingTarget

staff_app = typer.Typer(
    help="Queueing and staffing: Erlang C and A, plans, adequacy.", no_args_is_help=True
)


def register(app: typer.Typer) -> None:
    app.add_typer(staff_app, name="staff")


Calls = Annotated[float, typer.Option("--calls", help="Contacts arriving in the interval.")]
IntervalMin = Annotated[float, typer.Option("--interval-min", help="Interval length, minutes.")]
AhtS = Annotated[float, typer.Option("--aht-s", help="Average handle time, seconds.")]
TargetS = Annotated[float, typer.Option("--target-s", help="Service-level threshold T, seconds.")]
Agents = Annotated[float | None, typer.Option("--agents", help="Agents on the queue (any real).")]
SlTarget = Annotated[
    float | None, typer.Option("--sl-target", help="Find the fewest agents for this SL, 0-1.")
]
MaxOcc = Annotated[float | None, typer.Option("--max-occupancy", help="Occupancy cap, 0-1.")]
MaxAsa = Annotated[float | None, typer.Option("--max-asa-s", help="ASA target, seconds.")]
Shrinkage = Annotated[float, typer.Option("--shrinkage", help="Share of paid time off-queue.")]


def _target(**values: Any) -> StaffingTarget:
    try:
        return StaffingTarget(**{k: v for k, v in values.items() if v is not None})
    except ValidationError as exc:
        msgs = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise InputError(f"invalid staffing target: {msgs}") from None


def _queue(
    *,
    calls: float,
    interval_min: float,
    aht_s: float,
    target_s: float,
    agents: float | None,
    sl_target: float | None,
    max_occupancy: float | None,
    max_asa_s: float | None,
    shrinkage: float,
    patience_s: float | None,
    as_json: bool,
) -> None:
    if (agents is None) == (sl_target is None):
        raise InputError("give either --agents N or --sl-target P (not both)")
    target = _target(
        service_level=sl_target,
        threshold_s=target_s,
        max_occupancy=max_occupancy,
        max_asa_s=max_asa_s,
        shrinkage=shrinkage,
        patience_s=patience_s,
    )
    result = services.evaluate_queue(
        calls=calls, interval_min=interval_min, aht_s=aht_s, target=target, agents=agents
    )
    if as_json:
        print_json(result)
    else:
        _print_measures(result, title="Erlang A" if patience_s else "Erlang C")


def _print_measures(m: QueueMeasures, *, title: str) -> None:
    rows = [
        {"measure": "load (Erlangs)", "value": f"{m.load_erlangs:.4f}"},
        {"measure": "agents", "value": f"{numbers.number(m.agents)}"},
        {"measure": "scheduled agents", "value": str(m.scheduled_agents)},
        {"measure": "P(wait)", "value": f"{m.p_wait:.4%}"},
    ]
    if m.p_abandon is not None:
        rows.append({"measure": "P(abandon)", "value": f"{m.p_abandon:.4%}"})
    rows += [
        {"measure": "service level", "value": f"{m.service_level:.4%}"},
        {"measure": "ASA (s)", "value": f"{m.asa_s:.2f}"},
        {"measure": "occupancy", "value": f"{m.occupancy:.2%}"},
    ]
    print_table(title, rows)
    if m.p_wait >= 1 and m.p_abandon is None:
        console.print("[yellow]Overloaded: the load reaches the agents; the queue never clears.")


@staff_app.command("erlang-c")
def erlang_c_cmd(
    calls: Calls,
    interval_min: IntervalMin,
    aht_s: AhtS,
    target_s: TargetS = 20.0,
    agents: Agents = None,
    sl_target: SlTarget = None,
    max_occupancy: MaxOcc = None,
    max_asa_s: MaxAsa = None,
    shrinkage: Shrinkage = 0.0,
    as_json: bool = JsonOption,
) -> None:
    """Erlang C: the measures at --agents, or the fewest agents for --sl-target."""
    _queue(**locals(), patience_s=None)


@staff_app.command("erlang-a")
def erlang_a_cmd(
    calls: Calls,
    interval_min: IntervalMin,
    aht_s: AhtS,
    patience_s: Annotated[float, typer.Option("--patience-s", help="Mean patience, seconds.")],
    target_s: TargetS = 20.0,
    agents: Agents = None,
    sl_target: SlTarget = None,
    max_occupancy: MaxOcc = None,
    max_asa_s: MaxAsa = None,
    shrinkage: Shrinkage = 0.0,
    as_json: bool = JsonOption,
) -> None:
    """Erlang A (with abandonment): measures at --agents, or the fewest for --sl-target."""
    _queue(**locals())


@staff_app.command("plan")
def plan_cmd(
    ctx: typer.Context,
    forecast: Annotated[
        Path | None, typer.Argument(help="CSV: interval, contacts, aht_s (or use --engagement).")
    ] = None,
    engagement: Annotated[
        str | None, typer.Option(help="Plan from the arrivals measured in the lake.")
    ] = None,
    interval_min: Annotated[
        float | None, typer.Option("--interval-min", help="Interval, minutes.")
    ] = None,
    sl_target: Annotated[float, typer.Option("--sl-target")] = 0.8,
    target_s: TargetS = 20.0,
    max_occupancy: MaxOcc = None,
    max_asa_s: MaxAsa = None,
    shrinkage: Shrinkage = 0.0,
    patience_s: Annotated[float | None, typer.Option("--patience-s")] = None,
    as_json: bool = JsonOption,
) -> None:
    """A staffing plan per interval from a forecast CSV or an engagement's measured arrivals."""
    target = _target(
        service_level=sl_target,
        threshold_s=target_s,
        max_occupancy=max_occupancy,
        max_asa_s=max_asa_s,
        shrinkage=shrinkage,
        patience_s=patience_s,
    )
    if (forecast is None) == (engagement is None):
        raise InputError("give a FORECAST.csv or --engagement E (one of them)")
    if forecast is not None:
        plan = services.plan_from_forecast(forecast, target=target, interval_min=interval_min)
    else:
        plan = services.plan_from_lake(
            state(ctx).workspace(),
            str(engagement),
            target=target,
            interval_min=interval_min or 30.0,
        )
    if as_json:
        print_json(plan)
        return
    rows = [r.model_dump() for r in plan.intervals]
    cols = ["interval", "contacts", "aht_s", "load_erlangs", "agents", "scheduled_agents"]
    print_table("Staffing plan", rows, [*cols, "service_level", "asa_s", "occupancy"])
    console.print(
        f"peak {plan.peak_agents} agents ({plan.peak_scheduled_agents} scheduled); "
        f"{plan.scheduled_agent_hours:,.1f} scheduled agent-hours"
    )


@staff_app.command("adequacy")
def adequacy_cmd(
    ctx: typer.Context,
    engagement: Annotated[str, typer.Option(help="Engagement id, e.g. telco-blr.")],
    interval_min: Annotated[float, typer.Option("--interval-min")] = 60.0,
    sl_target: Annotated[float, typer.Option("--sl-target")] = 0.8,
    target_s: TargetS = 20.0,
    max_occupancy: Annotated[float, typer.Option("--max-occupancy")] = 0.85,
    period: Annotated[str | None, PeriodOption] = None,
    intervals: Annotated[bool, typer.Option("--intervals", help="Print every interval.")] = False,
    record: bool = RecordOption,
    as_json: bool = JsonOption,
) -> None:
    """Did the vendor roster enough agents? Expected vs measured SL and occupancy; the
    findings go to the findings register."""
    target = _target(service_level=sl_target, threshold_s=target_s, max_occupancy=max_occupancy)
    ws = state(ctx).workspace()
    report = services.check_adequacy(
        ws,
        engagement,
        target=target,
        interval_min=interval_min,
        period=period_from_option(period),
    )
    record_detected(ws, report.findings, record=record, quiet=as_json)
    if as_json:
        print_json(
            {
                "engagement_id": report.engagement_id,
                "interval_min": report.interval_min,
                "target": report.target,
                "channels": list(report.channels),
                "months": report.months,
                "findings": report.findings,
                "notes": report.notes,
                "intervals": report.intervals if intervals else [],
            }
        )
        return
    months = [
        {
            "month": m.month,
            "intervals": m.intervals,
            "understaffed": m.understaffed_intervals,
            "over cap": m.over_cap_intervals,
            "SL measured": _pct(m.measured_service_level),
            "SL expected": _pct(m.expected_service_level) if m.judged else "not judged",
            "agents with hours": _pct(m.logged_in_coverage),
            "logged-in / paid": _pct(m.logged_in_share_of_paid),
            "occupancy": _pct(m.measured_occupancy),
            "agents": f"{m.mean_agents:.1f}",
            "required": f"{m.mean_required_agents:.1f}",
        }
        for m in report.months
    ]
    print_table(f"Staffing adequacy: {engagement} ({', '.join(report.channels)})", months)
    if intervals:
        print_table("Intervals", [r.model_dump() for r in report.intervals])
    for note in report.notes:
        console.print(f"[yellow]insufficient data[/yellow]: {note}", highlight=False)
    for f in report.findings:
        console.print(f"[bold red]{f.severity}[/bold red] {f.title}: {f.detail}")
    if not report.findings and not report.notes:
        console.print("[green]No staffing findings.")


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.1%}"
