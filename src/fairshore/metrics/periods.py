"""Reporting periods: calendar periods in UTC, the same clock as the lake's partitions.

A month's figures come from exactly the rows of that month's partition. Weeks are
ISO weeks (Monday start); quarters are calendar quarters; intervals are 15 or 30
minutes aligned on the hour.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from fairshore.adapters.lake.functions import epoch_us
from fairshore.errors import InputError
from fairshore.metrics.model import PERIODS, PeriodName

if TYPE_CHECKING:
    import ibis.expr.types as ir

_MONTH = re.compile(r"^([0-9]{4})-([0-9]{2})$")
_QUARTER = re.compile(r"^([0-9]{4})-[Qq]([1-4])$")


def period_start(ts: ir.TimestampValue, period: PeriodName) -> ir.TimestampValue:
    """The start of the period that ``ts`` falls in, as a UTC wall-clock timestamp.

    The result carries no time zone: truncating a zone-aware timestamp sends every
    row through the engine's time-zone calendar (DuckDB's ICU: about as costly as
    decoding the Parquet), while UTC wall-clock arithmetic is plain integer work.
    Cast the few period starts back with ``as_utc`` after aggregating.
    """
    wall = (epoch_us(ts) // 1000).as_timestamp("ms")
    if period == "interval15":
        return wall.bucket(minutes=15)
    if period == "interval30":
        return wall.bucket(minutes=30)
    unit = {"day": "D", "week": "W", "month": "M", "quarter": "Q"}[period]
    return wall.truncate(unit)


def as_utc(wall: ir.TimestampValue) -> ir.TimestampValue:
    """A UTC wall-clock timestamp (``period_start``) as a UTC instant.

    Relies on the session time zone being UTC, which ``Lake`` sets on connecting.
    """
    result: ir.TimestampValue = wall.cast("timestamp('UTC', 6)")
    return result


def period_label(start: datetime, period: PeriodName) -> str:
    """A stable label: 2026-07-01T10:30Z, 2026-07-01, 2026-W27, 2026-07, 2026-Q3."""
    if period in ("interval15", "interval30"):
        return start.strftime("%Y-%m-%dT%H:%MZ")
    if period == "day":
        return start.strftime("%Y-%m-%d")
    if period == "week":
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}"
    if period == "month":
        return start.strftime("%Y-%m")
    return f"{start.year}-Q{(start.month - 1) // 3 + 1}"


def check_period(name: str) -> PeriodName:
    """``name`` as a period name, or an ``InputError`` listing the choices."""
    if name not in PERIODS:
        raise InputError(f"unknown period {name!r}: choose one of {', '.join(PERIODS)}")
    return name


@dataclass(frozen=True)
class CalendarPeriod:
    """A month (``2026-07``) or quarter (``2026-Q3``): label, kind, [start, end) dates."""

    label: str
    kind: PeriodName
    start: date
    end: date

    @property
    def start_at(self) -> datetime:
        return datetime.combine(self.start, datetime.min.time(), tzinfo=UTC)

    @property
    def end_at(self) -> datetime:
        return datetime.combine(self.end, datetime.min.time(), tzinfo=UTC)

    @property
    def months(self) -> int:
        return 3 if self.kind == "quarter" else 1

    def shift(self, n: int) -> CalendarPeriod:
        """The period ``n`` periods later (earlier when negative), same kind."""
        index = self.start.year * 12 + self.start.month - 1 + n * self.months
        start = date(index // 12, index % 12 + 1, 1)
        if self.kind == "quarter":
            return parse_period(f"{start.year}-Q{(start.month - 1) // 3 + 1}")
        return parse_period(start.strftime("%Y-%m"))


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def parse_period(text: str) -> CalendarPeriod:
    """Parse ``YYYY-MM`` or ``YYYY-Qn`` into a calendar period."""
    if m := _MONTH.match(text.strip()):
        year, month = int(m[1]), int(m[2])
        if not 1 <= month <= 12:
            raise InputError(f"invalid month in period {text!r}: use YYYY-MM, e.g. 2026-07")
        start = date(year, month, 1)
        return CalendarPeriod(f"{year}-{month:02d}", "month", start, _add_months(start, 1))
    if m := _QUARTER.match(text.strip()):
        year, quarter = int(m[1]), int(m[2])
        start = date(year, 3 * quarter - 2, 1)
        return CalendarPeriod(f"{year}-Q{quarter}", "quarter", start, _add_months(start, 3))
    raise InputError(f"invalid period {text!r}: use YYYY-MM (2026-07) or YYYY-Qn (2026-Q3)")


def day_bounds(start: date | None, end: date | None) -> tuple[datetime | None, datetime | None]:
    """UTC instants for an inclusive date range [start, end]."""
    lo = datetime.combine(start, datetime.min.time(), tzinfo=UTC) if start else None
    hi = datetime.combine(end, datetime.min.time(), tzinfo=UTC) + timedelta(days=1) if end else None
    return lo, hi
