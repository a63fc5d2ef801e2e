"""Reading a reporting period: ``2026-09``, ``2026``, ``2026-09-01..2026-09-30``."""

from __future__ import annotations

import calendar
import re
from datetime import date

from fairshore.errors import InputError


def parse_period(text: str) -> tuple[date, date]:
    """The first and last day of a period written as a month, a year or a date range."""
    text = text.strip()
    try:
        if ".." in text:
            first, last = (date.fromisoformat(p.strip()) for p in text.split("..", 1))
            if last < first:
                raise InputError(f"period {text!r} ends before it starts")
            return first, last
        if re.fullmatch(r"[0-9]{4}-[0-9]{2}", text):
            year, month = (int(p) for p in text.split("-"))
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        if re.fullmatch(r"[0-9]{4}", text):
            return date(int(text), 1, 1), date(int(text), 12, 31)
    except ValueError:
        pass
    raise InputError(
        f"cannot read the period {text!r}: write a month (2026-09), a year (2026) or a "
        "range (2026-09-01..2026-09-30)"
    )
