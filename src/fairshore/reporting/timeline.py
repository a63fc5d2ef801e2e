"""When a finding concerns a period, was raised, was still open, or was closed.

The data date of a finding is its ``period`` (``YYYY-MM``, ``YYYY-Qn``, ``YYYY``,
``YYYY-MM-DD`` or ``YYYY-MM..YYYY-MM``), its observation day, or a date its evidence
names (``starts_at`` of a breach clock, ``valid_until`` of an expired certificate);
a finding with none of these is *undated*: it is about all data up to the day the
register opened it (``opened_at``), and counts as raised on that day.
Closing uses the register's ``closed_at``.
"""

from __future__ import annotations

from datetime import date

from fairshore.errors import InputError
from fairshore.governance.model import FindingRecord
from fairshore.metrics.periods import parse_period


def _span_of(text: str) -> tuple[date, date] | None:
    try:
        period = parse_period(text)
    except InputError:
        return None
    return period.start, period.last_day


# Evidence keys the capabilities use for the moment a problem happened (the register
# keeps no observation day): privacy clocks' start, access flags' time, expiry days.
EVIDENCE_DATES = ("observed_on", "day", "at", "starts_at", "valid_until", "submitted_on")


def _day(value: object) -> date | None:
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _dated_span(record: FindingRecord) -> tuple[date, date] | None:
    f = record.finding
    if f.period:
        span = _span_of(f.period)
        if span:
            return span
    if f.observed_on is not None:
        return f.observed_on, f.observed_on
    for key in EVIDENCE_DATES:
        day = _day(f.evidence.get(key))
        if day is not None:
            return day, day
    return None


def _opened(record: FindingRecord) -> date | None:
    return None if record.opened_at is None else record.opened_at.date()


def finding_span(record: FindingRecord) -> tuple[date, date] | None:
    """The days a finding is about.

    An undated finding (no period, no day, no dated evidence: e.g. a parity audit run
    over all the data) is about every day up to the one the register opened it.
    """
    span = _dated_span(record)
    if span is not None:
        return span
    opened = _opened(record)
    return None if opened is None else (date.min, opened)


def is_dated(record: FindingRecord) -> bool:
    """Whether the finding names the period or day it is about."""
    return _dated_span(record) is not None


def raised_between(record: FindingRecord, start: date, end: date) -> bool:
    """The finding's data date (or, undated, the day it was opened) falls in the span."""
    span = _dated_span(record)
    day = span[0] if span is not None else _opened(record)
    return day is not None and start <= day <= end


def concerns(record: FindingRecord, start: date, end: date) -> bool:
    """The finding's period overlaps ``start``..``end``."""
    span = finding_span(record)
    return span is not None and span[0] <= end and span[1] >= start


def closed_between(record: FindingRecord, start: date, end: date) -> bool:
    """The register closed the finding in ``start``..``end``."""
    closed = record.closed_at
    return record.status == "closed" and closed is not None and start <= closed.date() <= end


def open_at(record: FindingRecord, day: date) -> bool:
    """Raised by ``day`` (undated: about data up to then) and not closed by then."""
    span = finding_span(record)
    if span is None or span[0] > day:
        return False
    if record.status != "closed":
        return True
    return record.closed_at is None or record.closed_at.date() > day
