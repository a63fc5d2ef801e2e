"""Calendar quarters: the period a QBR or board pack covers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from fairshore.errors import InputError
from fairshore.people.model import ReportPeriod

_QUARTER = re.compile(r"^([0-9]{4})-Q([1-4])$")


@dataclass(frozen=True)
class Quarter:
    """A calendar quarter, e.g. ``2026-Q3`` = 2026-07-01 .. 2026-09-30."""

    year: int
    number: int

    @property
    def label(self) -> str:
        """``YYYY-Qn``."""
        return f"{self.year}-Q{self.number}"

    @property
    def start(self) -> date:
        """The first day."""
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self) -> date:
        """The last day (inclusive)."""
        if self.number == 4:
            return date(self.year, 12, 31)
        return date(self.year, 3 * self.number + 1, 1) - timedelta(days=1)

    @property
    def months(self) -> list[str]:
        """The three months as ``YYYY-MM``."""
        return [f"{self.year}-{3 * self.number - 2 + i:02d}" for i in range(3)]

    @property
    def span(self) -> str:
        """``YYYY-MM..YYYY-MM`` (the period syntax of parity and KPIs)."""
        return f"{self.months[0]}..{self.months[-1]}"

    def previous(self) -> Quarter:
        """The quarter before."""
        if self.number == 1:
            return Quarter(self.year - 1, 4)
        return Quarter(self.year, self.number - 1)


def parse_quarter(text: str) -> Quarter:
    """Read ``YYYY-Qn`` (e.g. ``2026-Q3``).

    Examples
    --------
    >>> parse_quarter("2026-Q3").end.isoformat()
    '2026-09-30'
    """
    found = _QUARTER.match(text.strip().upper())
    if not found:
        raise InputError(f"quarter {text!r} is not YYYY-Qn, e.g. 2026-Q3")
    return Quarter(int(found.group(1)), int(found.group(2)))


_RANGE = re.compile(r"^([0-9]{4}-[0-9]{2})\.\.([0-9]{4}-[0-9]{2})$")


def parse_period(text: str) -> ReportPeriod:
    """Read ``YYYY``, ``YYYY-Qn``, ``YYYY-MM`` or ``YYYY-MM..YYYY-MM`` (whole months).

    Examples
    --------
    >>> parse_period("2025-11..2026-10").end.isoformat()
    '2026-10-31'
    """
    found = _RANGE.match(text.strip())
    if not found:
        return ReportPeriod.parse(text)
    first, last = (ReportPeriod.parse(found.group(i)) for i in (1, 2))
    if last.start < first.start:
        raise InputError(f"period {text!r} ends before it starts")
    return ReportPeriod.between(first.start, last.end)
