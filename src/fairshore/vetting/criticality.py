"""Inherent criticality of an engagement: what is at stake, whoever the vendor is.

Three dimensions, each graded 1 (low) to 4 (critical): the sensitivity of the data
the touchpoints handle, the monthly contact volume, and the share of customers in
vulnerable situations. The engagement's level is the highest grade, raised by one
when two or more dimensions are graded 3 or more (concentrated risk), capped at 4.
The level sets how often the vendor is reviewed, independently of its score.
"""

from __future__ import annotations

import calendar
from datetime import date
from decimal import Decimal
from typing import Literal

from fairshore.vetting.model import Criticality

DataSensitivity = Literal["none", "personal", "financial", "special_category"]
SENSITIVITY_GRADE: dict[str, int] = {
    "none": 1,
    "personal": 2,
    "financial": 3,
    "special_category": 4,
}
# Contacts a month at which volume reaches grades 2, 3 and 4.
VOLUME_STEPS = (1_000, 20_000, 100_000)
# Share of vulnerable customers at which grades 2, 3 and 4 start.
VULNERABLE_STEPS = (Decimal("0.01"), Decimal("0.05"), Decimal("0.15"))
TIERS: dict[int, Literal["low", "medium", "high", "critical"]] = {
    1: "low",
    2: "medium",
    3: "high",
    4: "critical",
}
# Months between reviews by tier (tiered third-party risk programmes: 3/6/12/24).
REVIEW_MONTHS = {"critical": 3, "high": 6, "medium": 12, "low": 24}


def _grade(value: Decimal, steps: tuple[Decimal, ...]) -> int:
    return 1 + sum(1 for s in steps if value >= s)


def assess(
    engagement_id: str,
    *,
    data_sensitivity: DataSensitivity,
    monthly_volume: int,
    vulnerable_share: Decimal,
    assessed_on: date,
) -> Criticality:
    """Grade an engagement and set its next review date."""
    grades = {
        "data sensitivity": SENSITIVITY_GRADE[data_sensitivity],
        "monthly volume": _grade(Decimal(monthly_volume), tuple(Decimal(s) for s in VOLUME_STEPS)),
        "customer vulnerability": _grade(vulnerable_share, VULNERABLE_STEPS),
    }
    level = max(grades.values())
    reasons = [f"{name}: grade {g}" for name, g in grades.items()]
    if sum(1 for g in grades.values() if g >= 3) >= 2 and level < 4:
        level += 1
        reasons.append("two or more dimensions graded 3+: raised one level")
    tier = TIERS[level]
    months = REVIEW_MONTHS[tier]
    return Criticality(
        engagement_id=engagement_id,
        data_sensitivity=data_sensitivity,
        monthly_volume=monthly_volume,
        vulnerable_share=vulnerable_share,
        level=level,
        tier=tier,
        review_months=months,
        assessed_on=assessed_on,
        next_review=add_months(assessed_on, months),
        reasons=tuple(reasons),
    )


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (the month's last day when it is shorter)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
