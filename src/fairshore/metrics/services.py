"""KPI use cases: read the lake, build the one KPI expression, run it, type the rows."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from fairshore.adapters.lake import Lake
from fairshore.engagements import services as engagements
from fairshore.engagements.model import Engagement
from fairshore.metrics.calendars import BusinessCalendar, calendar_table
from fairshore.metrics.kpis import PERIOD_COLUMN, group_columns, kpi_expression
from fairshore.metrics.model import (
    DIMENSIONS,
    PERIODS,
    KpiOptions,
    KpiRow,
    KpiTable,
    PeriodName,
)
from fairshore.metrics.periods import Period, parse_period, period_label

if TYPE_CHECKING:
    import ibis.expr.types as ir

    from fairshore.bootstrap import Workspace


def split_by(by: Sequence[str]) -> tuple[list[str], PeriodName | None]:
    """Split ``month,channel`` style tokens into dimensions and at most one period."""
    from fairshore.errors import InputError

    dims: list[str] = []
    periods: list[PeriodName] = []
    for token in by:
        name = token.strip()
        if not name:
            continue
        if name in dims or name in periods:
            continue  # "channel,channel" groups once
        if name in PERIODS:
            periods.append(name)
        elif name in DIMENSIONS or name.startswith("seg_"):
            dims.append(name)
        else:
            raise InputError(
                f"cannot group by {name!r}: use {', '.join(DIMENSIONS)}, a seg_* column, "
                f"or one period of {', '.join(PERIODS)}"
            )
    if len(periods) > 1:
        raise InputError(f"group by one period at a time, not {', '.join(periods)}")
    return dims, (periods[0] if periods else None)


def _scope(ws: Workspace, engagement_id: str | None) -> list[Engagement]:
    if engagement_id is not None:
        return [engagements.get_engagement(ws, engagement_id)]
    return engagements.list_engagements(ws)


def _lake_months(lake: Lake, engagement_id: str | None) -> Period | None:
    months = lake.months("interactions", engagement_id)
    return parse_period(f"{months[0]}..{months[-1]}") if months else None


def business_calendar(
    lake: Lake, scope: Sequence[Engagement], engagement_id: str | None
) -> ir.Table | None:
    """The business-hours spans of the engagements in scope, or None when always open.

    Spans cover one month before the first lake month to 90 days after the last,
    so replies and solves shortly after the data's end are still measured.
    """
    calendars = [BusinessCalendar.from_engagement(e) for e in scope]
    if all(c.always_open for c in calendars):
        return None
    bounds = _lake_months(lake, engagement_id)
    if bounds is None:
        return None
    return calendar_table(
        calendars,
        bounds.start - timedelta(days=31),
        bounds.months()[-1].start + timedelta(days=120),
    )


def _rows(
    records: list[dict[str, Any]], by: Sequence[str], period: PeriodName | None
) -> list[KpiRow]:
    rows = []
    for rec in records:
        group = {name: rec.pop(col) for name, col in zip(by, _columns_of(by), strict=True)}
        start = rec.pop(PERIOD_COLUMN, None)
        if isinstance(start, datetime) and start.tzinfo is None:
            start = start.replace(tzinfo=UTC)
        label = period_label(start, period) if period and start else None
        rows.append(KpiRow(group=group, period=label, period_start=start, **rec))
    return rows


def _columns_of(by: Sequence[str]) -> list[str]:
    return [DIMENSIONS.get(name, name) for name in by]


def compute_kpis(
    ws: Workspace,
    *,
    engagement_id: str | None = None,
    by: Sequence[str] = (),
    start: datetime | None = None,
    end: datetime | None = None,
    options: KpiOptions | None = None,
    where: Mapping[str, Sequence[str]] | None = None,
) -> KpiTable:
    """The KPI set of one engagement (or all) per group, from one query on the lake.

    Parameters
    ----------
    ws
        The workspace.
    engagement_id
        One engagement, or ``None`` for every engagement of the organisation.
    by
        Dimensions and at most one period, e.g. ``["month", "channel"]``.
    start, end
        Contacts that arrived in [start, end) (UTC instants).
    options
        Thresholds and methods; defaults are Fairshore's pinned definitions.
    where
        Scope filters, e.g. ``{"channel": ["voice"]}``.
    """
    options = options or KpiOptions()
    dims, period = split_by(by)
    scope = _scope(ws, engagement_id)
    lake = ws.lake_reader
    table = lake.table("interactions", engagement_id)
    group_columns(table, [d for d in dims if d != "vendor"])
    expr = kpi_expression(
        table,
        by=dims,
        period=period,
        options=options,
        start=start,
        end=end,
        vendors={e.id: e.vendor_id for e in scope},
        calendar=business_calendar(lake, scope, engagement_id),
        where=where,
    )
    records = expr.to_pyarrow().to_pylist()
    return KpiTable(
        by=list(by),
        period=period,
        options=options,
        start=start,
        end=end,
        rows=_rows(records, dims, period),
    )


def compute_kpi_sets(
    ws: Workspace,
    *,
    engagement_id: str,
    sets: Sequence[tuple[KpiOptions, Mapping[str, Sequence[str]]]],
    period: PeriodName,
    start: datetime,
    end: datetime,
) -> list[dict[str, KpiRow]]:
    """Several KPI sets (options and scope each) per period, in one query.

    Returns, for each set in order, ``period label -> KpiRow``.
    """
    import ibis

    if not sets:
        return []
    scope = _scope(ws, engagement_id)
    lake = ws.lake_reader
    table = lake.table("interactions", engagement_id)
    calendar = business_calendar(lake, scope, engagement_id)
    parts = []
    for index, (options, where) in enumerate(sets):
        expr = kpi_expression(
            table,
            period=period,
            options=options,
            start=start,
            end=end,
            vendors={e.id: e.vendor_id for e in scope},
            calendar=calendar,
            where=where,
        )
        parts.append(expr.mutate(_set=ibis.literal(index)))
    records = ibis.union(*parts).to_pyarrow().to_pylist() if parts else []
    out: list[dict[str, KpiRow]] = [{} for _ in sets]
    for rec in records:
        index = rec.pop("_set")
        row = _rows([rec], [], period)[0]
        out[index][row.period or ""] = row
    return out
