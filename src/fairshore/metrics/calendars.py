"""Business time: seconds inside an engagement's opening hours, holidays excluded.

*Business time* is the part of a span that falls inside the engagement's
``business_hours`` for that weekday, read on the engagement's local clock
(``Engagement.timezone``, daylight saving included), on days that are not in
``Engagement.holidays``. A weekday absent from ``business_hours`` is closed; a
closing time of 23:59:59 means midnight.

Each engagement's open spans become a small UTC table of ``(open_at, length_s,
cum_s)``, ``cum_s`` the business seconds before ``open_at``. The business clock
of an instant t is ``cum_s + clamp(t - open_at, 0, length_s)`` for the last span
opening at or before t (one as-of join); a business duration is the difference
of two clocks. An engagement open around the clock with no holidays has business
time equal to calendar time, and the join is skipped.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import ibis
import pyarrow as pa

from fairshore.adapters.lake.functions import asof_join
from fairshore.engagements.model import WEEKDAYS, Engagement
from fairshore.metrics.outcomes import seconds_between

if TYPE_CHECKING:
    import ibis.expr.types as ir

_END_OF_DAY = time(23, 59, 59)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class BusinessCalendar:
    """One engagement's opening hours per weekday (0 = Monday) and holidays."""

    engagement_id: str
    timezone: str = "UTC"
    hours: dict[int, tuple[time, time]] = field(
        default_factory=lambda: {d: (time(0), _END_OF_DAY) for d in range(7)}
    )
    holidays: frozenset[date] = frozenset()

    @classmethod
    def from_engagement(cls, engagement: Engagement) -> BusinessCalendar:
        hours = {
            WEEKDAYS.index(day): (span.open, span.close)
            for day, span in engagement.business_hours.items()
        }
        return cls(engagement.id, engagement.timezone, hours, frozenset(engagement.holidays))

    @property
    def always_open(self) -> bool:
        """True when business time equals calendar time."""
        full = all(self.hours.get(d) == (time(0), _END_OF_DAY) for d in range(7))
        return full and not self.holidays

    def spans(self, start: date, end: date) -> list[tuple[datetime, float]]:
        """Open spans ``(open_at UTC, length seconds)`` for local days in [start, end)."""
        zone = ZoneInfo(self.timezone)
        out: list[tuple[datetime, float]] = []
        day = start
        while day < end:
            span = self.hours.get(day.weekday())
            if span is not None and day not in self.holidays:
                opens = datetime.combine(day, span[0], tzinfo=zone).astimezone(UTC)
                if span[1] == _END_OF_DAY:
                    closes_local = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone)
                else:
                    closes_local = datetime.combine(day, span[1], tzinfo=zone)
                length = (closes_local.astimezone(UTC) - opens).total_seconds()
                if length > 0:
                    out.append((opens, length))
            day += timedelta(days=1)
        return out


def calendar_table(calendars: Iterable[BusinessCalendar], start: date, end: date) -> ir.Table:
    """The open spans of every calendar as one Ibis table (engagement, open_at, length, cum)."""
    engagement, opens, lengths, cums = [], [], [], []
    for cal in calendars:
        total = 0.0
        for open_at, length in cal.spans(start, end):
            engagement.append(cal.engagement_id)
            opens.append(open_at)
            lengths.append(length)
            cums.append(total)
            total += length
    table = pa.table(
        {
            "_cal_engagement": pa.array(engagement, pa.string()),
            "_cal_open_at": pa.array(opens, pa.timestamp("us", tz="UTC")),
            "_cal_length_s": pa.array(lengths, pa.float64()),
            "_cal_cum_s": pa.array(cums, pa.float64()),
            "_cal_days": pa.array(_days_reached(engagement, opens), pa.list_(pa.int64())),
        }
    )
    return ibis.memtable(table)


def _days_reached(engagement: list[str], opens: list[datetime]) -> list[list[int]]:
    """Per span, the UTC days (since 1970-01-01) from its opening to the next span's.

    The last span of each engagement reaches to the last day any span opens on. This is
    ``asof_join``'s ``days`` column: an engine without an as-of join joins a contact
    only with the spans of its own day instead of all of its engagement's.
    """

    def day(at: datetime) -> int:
        return (at - _EPOCH) // _ONE_DAY

    last = max((day(at) for at in opens), default=0)
    out: list[list[int]] = []
    for i, (key, open_at) in enumerate(zip(engagement, opens, strict=True)):
        has_next = i + 1 < len(opens) and engagement[i + 1] == key
        # the next span opens at an instant the span does not reach: its last microsecond
        until = day(opens[i + 1] - timedelta(microseconds=1)) if has_next else last
        out.append(list(range(day(open_at), until + 1)))
    return out


def with_business_clock(
    table: ir.Table, calendar: ir.Table, /, *, column: str, name: str
) -> ir.Table:
    """Add ``name``: the business clock (seconds) of timestamp ``column``.

    Instants before the calendar's first span, or null, get a null clock.
    """
    calendar = calendar.view()  # a fresh reference, so two clocks can join the same spans
    joined = asof_join(
        table,
        calendar,
        on=(column, "_cal_open_at"),
        by=("engagement_id", "_cal_engagement"),
        days="_cal_days",
    )
    # Epoch microseconds (outcomes.seconds_between): a calendar-aware delta on zone-aware
    # timestamps goes through the engine's time-zone machinery for every row.
    elapsed = seconds_between(joined._cal_open_at, joined[column])
    inside = ibis.least(ibis.greatest(elapsed, 0.0), joined._cal_length_s)
    clock = joined._cal_cum_s + inside
    keep = [c for c in table.columns]
    return joined.select(*keep, **{name: clock})
