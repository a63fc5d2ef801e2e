"""Reporting periods: calendar periods in UTC, the same clock as the lake's partitions.

A month's figures come from exactly the rows of that month's partition. Weeks are
ISO weeks (Monday start); quarters are calendar quarters; intervals are 15 or 30
minutes aligned on the hour.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, computed_field

from fairshore.errors import InputError
from fairshore.metrics.model import PERIODS, PeriodName

if TYPE_CHECKING:
    import ibis.expr.types as ir


def period_start(ts: ir.TimestampValue, period: PeriodName) -> ir.TimestampValue:
    """The start of the period that ``ts`` falls in, as a UTC wall-clock timestamp.

    The result carries no time zone: truncating a zone-aware timestamp sends every
    row through the engine's time-zone calendar (DuckDB's ICU: about as costly as
    decoding the Parquet), while UTC wall-clock arithmetic is plain integer work.
    Cast the few period starts back with ``as_utc`` after aggregating.
    """
    from fairshore.adapters.lake.functions import epoch_us  # Ibis: not for reading a Period

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


PeriodKind = Literal["day", "month", "quarter", "year", "range"]

# ASCII digits only: ``\\d`` would also take Arabic-Indic or full-width digits.
_DAY = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})", re.ASCII)
_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})", re.ASCII)
_QUARTER = re.compile(r"([0-9]{4})-[Qq]([1-4])", re.ASCII)
_YEAR = re.compile(r"([0-9]{4})", re.ASCII)
_FORMS = (
    "write a month (2026-10), a quarter (2026-Q3), a year (2026), a day (2026-10-05) "
    "or a range (2026-01..2026-03)"
)


class Period(BaseModel):
    """A span of whole days in UTC: ``[start, end)``, the end exclusive.

    The one period type of Fairshore: every service, CLI option, web route and report
    takes it, and ``parse_period`` is the one way to read one. ``last_day`` is the
    inclusive last day, for people.

    Examples
    --------
    >>> q = parse_period("2026-Q3")
    >>> q.start.isoformat(), q.end.isoformat(), q.last_day.isoformat()
    ('2026-07-01', '2026-10-01', '2026-09-30')
    >>> [m.label for m in q.months()], q.previous().label
    (['2026-07', '2026-08', '2026-09'], '2026-Q2')
    """

    model_config = ConfigDict(frozen=True)

    kind: PeriodKind
    label: str
    start: date
    end: date

    @computed_field  # type: ignore[prop-decorator]
    @property
    def last_day(self) -> date:
        """The last day in the period (inclusive)."""
        return self.end - timedelta(days=1)

    @property
    def start_at(self) -> datetime:
        """The first instant, UTC."""
        return datetime.combine(self.start, time(), tzinfo=UTC)

    @property
    def end_at(self) -> datetime:
        """The first instant after the period, UTC."""
        return datetime.combine(self.end, time(), tzinfo=UTC)

    def contains(self, day: date) -> bool:
        """Whether ``day`` falls in the period."""
        return self.start <= day < self.end

    def months(self) -> list[Period]:
        """The calendar months the period overlaps, in order."""
        out, current = [], month_of(self.start)
        while current.start < self.end:
            out.append(current)
            current = current.shift(1)
        return out

    def month_labels(self) -> list[str]:
        """``YYYY-MM`` of each month the period overlaps (the keys of monthly figures)."""
        return [m.label for m in self.months()]

    def shift(self, n: int) -> Period:
        """The period ``n`` steps later (earlier when negative), of the same kind and length.

        A range of whole months moves by its number of months, any other range by its
        number of days.
        """
        if self.kind == "day" or (self.kind == "range" and not _whole_months(self)):
            step = timedelta(days=n * (self.end - self.start).days)
            return _between(self.start + step, self.end + step, self.kind)
        width = _month_index(self.end) - _month_index(self.start)
        first = _add_months(self.start, n * width)
        return _between(first, _add_months(first, width), self.kind)

    def previous(self) -> Period:
        """The period just before, of the same kind and length."""
        return self.shift(-1)


def month_of(day: date) -> Period:
    """The calendar month ``day`` falls in."""
    first = day.replace(day=1)
    return _between(first, _add_months(first, 1), "month")


def quarter_of(day: date) -> Period:
    """The calendar quarter ``day`` falls in."""
    first = date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    return _between(first, _add_months(first, 3), "quarter")


def period_between(first_day: date, last_day: date) -> Period:
    """The period from ``first_day`` to ``last_day`` inclusive (a month when it is one)."""
    if last_day < first_day:
        raise InputError(f"period {first_day}..{last_day} ends before it starts")
    end = last_day + timedelta(days=1)
    if first_day.day == 1 and end == _add_months(first_day, 1):
        return month_of(first_day)
    return _between(first_day, end, "range")


def _between(start: date, end: date, kind: PeriodKind) -> Period:
    return Period(kind=kind, label=_label(start, end, kind), start=start, end=end)


def _label(start: date, end: date, kind: PeriodKind) -> str:
    if kind == "day":
        return start.isoformat()
    if kind == "month":
        return f"{start:%Y-%m}"
    if kind == "quarter":
        return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
    if kind == "year":
        return f"{start.year}"
    last = end - timedelta(days=1)
    if start.day == 1 and end.day == 1:
        return f"{start:%Y-%m}..{last:%Y-%m}"
    return f"{start.isoformat()}..{last.isoformat()}"


def _month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def _add_months(day: date, months: int) -> date:
    index = _month_index(day) + months
    return date(index // 12, index % 12 + 1, 1)


def _whole_months(period: Period) -> bool:
    return period.start.day == 1 and period.end.day == 1


def _single(text: str) -> Period:
    if m := _DAY.fullmatch(text):
        day = date(int(m[1]), int(m[2]), int(m[3]))
        return _between(day, day + timedelta(days=1), "day")
    if m := _MONTH.fullmatch(text):
        return month_of(date(int(m[1]), int(m[2]), 1))
    if m := _QUARTER.fullmatch(text):
        return quarter_of(date(int(m[1]), 3 * int(m[2]), 1))
    if m := _YEAR.fullmatch(text):
        first = date(int(m[1]), 1, 1)
        return _between(first, _add_months(first, 12), "year")
    raise ValueError(text)


def parse_period(text: str) -> Period:
    """Read a period: ``2026-10``, ``2026-Q3``, ``2026``, ``2026-10-05`` or a range of
    any two of these, ``2026-01..2026-03`` (from the start of the first to the end of
    the last). Digits are ASCII.

    Raises
    ------
    InputError
        When the text is none of these, names an impossible date, or ends before it starts.
    """
    parts = [p.strip() for p in text.strip().split("..")]
    try:
        if len(parts) == 1:
            return _single(parts[0])
        if len(parts) == 2:
            first, last = _single(parts[0]), _single(parts[1])
            if last.end <= first.start:
                raise InputError(f"period {text!r} ends before it starts")
            return _between(first.start, last.end, "range")
    except (ValueError, OverflowError):
        pass
    raise InputError(f"cannot read the period {text!r}: {_FORMS}")


def day_bounds(start: date | None, end: date | None) -> tuple[datetime | None, datetime | None]:
    """UTC instants for an inclusive date range [start, end]."""
    lo = datetime.combine(start, datetime.min.time(), tzinfo=UTC) if start else None
    hi = datetime.combine(end, datetime.min.time(), tzinfo=UTC) + timedelta(days=1) if end else None
    return lo, hi
