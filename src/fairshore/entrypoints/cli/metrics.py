"""``fairshore kpis``: the KPI set of an engagement, grouped any way."""

from __future__ import annotations

import sys
from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated

import typer
from pydantic import ValidationError

from fairshore.cells import write_csv
from fairshore.engagements.services import validation_message
from fairshore.entrypoints.cli.context import JsonOption, state
from fairshore.entrypoints.cli.lake import AsOfOption, pin_lake
from fairshore.entrypoints.cli.output import print_json, print_table
from fairshore.errors import InputError
from fairshore.metrics import services
from fairshore.metrics.model import PERIODS, KpiOptions, KpiTable
from fairshore.metrics.periods import day_bounds

if TYPE_CHECKING:
    from fairshore.bootstrap import Workspace

SUMMARY = (
    "offered",
    "answered",
    "abandoned",
    "service_level",
    "asa_s",
    "abandon_rate",
    "aht_s",
    "first_response_business_s",
    "fcr_rate",
    "csat_top2",
    "nps",
)


def register(app: typer.Typer) -> None:
    app.command("kpis")(kpis)


def print_csv(table: KpiTable) -> None:
    """Every row, flat, through the safe-cell CSV writer."""
    records = [row.flat() for row in table.rows]
    if not records:
        return
    columns = list(records[0])
    write_csv(sys.stdout, columns, ([rec.get(c) for c in columns] for rec in records))


def _date(value: str | None, flag: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{flag} {value!r} is not a date: use YYYY-MM-DD") from None


def kpis(
    ctx: typer.Context,
    engagement: Annotated[
        str | None, typer.Option(help="Engagement id (default: every engagement).")
    ] = None,
    by: Annotated[
        str | None,
        typer.Option(
            help="Comma list: engagement,vendor,site,channel,queue,language,"
            "priority,seg_*, and one of interval15,interval30,day,week,month,quarter."
        ),
    ] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="First day (UTC).")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Last day, inclusive.")] = None,
    sl_threshold_s: Annotated[float, typer.Option(help="Service-level threshold T, s.")] = 20.0,
    sl_variant: Annotated[int, typer.Option(help="ICMI variant 1-5.")] = 5,
    short_abandon_s: Annotated[float, typer.Option(help="Short-abandon cut-off s.")] = 5.0,
    sl_target: Annotated[float, typer.Option(help="Interval SL target, 0-1.")] = 0.8,
    fcr_method: Annotated[
        str, typer.Option(help="source, no_reopen or repeat_contact.")
    ] = "source",
    repeat_window_days: Annotated[int, typer.Option(help="Repeat window, days.")] = 7,
    as_of: Annotated[str | None, AsOfOption] = None,
    as_json: bool = JsonOption,
    as_csv: Annotated[bool, typer.Option("--csv", help="Print CSV.")] = False,
    qa: Annotated[
        bool,
        typer.Option(
            "--qa",
            help="Also the QA figures of the vendors' evaluations (qa_mean_score, "
            "qa_pass_rate, qa_critical_error_rate, qa_coverage), same grouping.",
        ),
    ] = False,
) -> None:
    """The KPI set (service level, ASA, AHT, abandon, FCR, CSAT, NPS ...) per group."""
    try:
        options = KpiOptions(
            sl_threshold_s=sl_threshold_s,
            sl_variant=sl_variant,
            short_abandon_s=short_abandon_s,
            sl_target=sl_target,
            fcr_method=fcr_method,
            repeat_window_days=repeat_window_days,
        )
    except ValidationError as exc:
        raise InputError(f"invalid KPI options: {validation_message(exc)}") from None
    start, end = day_bounds(_date(date_from, "--from"), _date(date_to, "--to"))
    if qa and as_csv:
        raise InputError("--qa adds a second table: use --json or the terminal table, not --csv")
    tokens = [b.strip() for b in (by or "").split(",") if b.strip()]
    ws = pin_lake(state(ctx).workspace(), as_of)
    # ``agent`` groups the QA figures only (the KPI set has no agent dimension)
    kpi_tokens = [t for t in tokens if not (qa and t == "agent")]
    table = services.compute_kpis(
        ws, engagement_id=engagement, by=kpi_tokens, start=start, end=end, options=options
    )
    qa_rows = _qa_rows(ws, engagement, tokens, start, end) if qa else None
    if as_json:
        print_json(
            {
                **table.model_dump(mode="json", exclude={"rows"}),
                "rows": [r.flat() for r in table.rows],
                **({"qa_rows": qa_rows} if qa_rows is not None else {}),
            }
        )
    elif as_csv:
        print_csv(table)
    else:
        records = [r.flat() for r in table.rows]
        groups = [*table.rows[0].group, *(["period"] if table.period else [])] if records else []
        print_table("KPIs", records, [*groups, *SUMMARY])
        if qa_rows is not None:
            print_table("QA figures (vendor evaluations)", qa_rows)


def _qa_rows(
    ws: Workspace,
    engagement: str | None,
    tokens: list[str],
    start: datetime | None,
    end: datetime | None,
) -> list[dict[str, object]]:
    """QA figures grouped like the KPIs (month or quarter as the period)."""
    from fairshore.quality.services import qa_figures

    periods = [t for t in tokens if t in PERIODS]
    if periods and periods[0] not in ("month", "quarter"):
        raise InputError(f"QA figures are by month or quarter, not {periods[0]}")
    rows = qa_figures(
        ws,
        engagement_id=engagement,
        by=[t for t in tokens if t not in PERIODS],
        period=periods[0] if periods else None,
        start=start,
        end=end,
    )
    return [r.flat() for r in rows]
