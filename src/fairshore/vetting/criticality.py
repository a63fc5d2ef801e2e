"""Inherent criticality of an engagement: what is at stake, whoever the vendor is.

Three dimensions, each graded 1 (low) to 4 (critical): the sensitivity of the data
the sharing policy releases to the vendor, the monthly contact volume in the lake,
and the share of contacts from customers in vulnerable situations (segments). The
engagement's level is the highest grade, raised by one when two or more dimensions
are graded 3 or more (concentrated risk), capped at 4. The level sets how often the
vendor is reviewed and audited, independently of its score.

Each dimension is measured; a person may override one, and the override is kept
with who set it, when and why, and shown beside the measured value. A dimension
neither measured nor overridden is graded 2 (medium) and says so. The rules and
their sources are stated in ``docs/vetting.md`` ("Inherent criticality").
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Literal, get_args

DataSensitivity = Literal["none", "personal", "financial", "special_category"]
Dimension = Literal["data_sensitivity", "monthly_volume", "vulnerable_share"]
DIMENSIONS: tuple[Dimension, ...] = get_args(Dimension)
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
# A dimension neither measured nor overridden: medium, as an unassessed engagement.
UNKNOWN_GRADE = 2
TIERS: dict[int, Literal["low", "medium", "high", "critical"]] = {
    1: "low",
    2: "medium",
    3: "high",
    4: "critical",
}
# Months between reviews by tier (tiered third-party risk programmes: 3/6/12/24).
REVIEW_MONTHS = {"critical": 3, "high": 6, "medium": 12, "low": 24}
# Segment columns whose values mark a customer in a vulnerable situation. FCA FG21/1
# names health (physical disability, hearing or visual impairment, cognitive
# impairment) among the drivers of vulnerability; "none" and null are not vulnerable.
VULNERABLE_SEGMENTS = ("seg_accessibility", "seg_vulnerability")
NOT_VULNERABLE = ("none", "no", "false", "0", "")
# Field names by the most sensitive category they carry (GDPR Art. 9 special
# categories; payment and account data; anything else about a customer is personal).
_SPECIAL = re.compile(r"health|disab|accessib|medical|religio|ethnic|biometric|sexual|union")
_FINANCIAL = re.compile(r"card|iban|bank|account_no|balance|payment|credit|salary")


@dataclass(frozen=True)
class CriticalityOverride:
    """A typed-in value that replaces a measured criticality dimension: who, when, why."""

    dimension: Literal["data_sensitivity", "monthly_volume", "vulnerable_share"]
    value: str
    set_by: str
    set_at: datetime
    reason: str


@dataclass(frozen=True)
class Criticality:
    """Inherent criticality of an engagement, independent of who the vendor is.

    A dimension is ``None`` when neither measured nor overridden; ``sources`` says
    per dimension where its value came from, ``overrides`` the typed-in values used.
    """

    engagement_id: str
    data_sensitivity: Literal["none", "personal", "financial", "special_category"] | None
    monthly_volume: int | None
    vulnerable_share: Decimal | None
    level: int
    tier: Literal["low", "medium", "high", "critical"]
    review_months: int
    assessed_on: date
    next_review: date
    reasons: tuple[str, ...] = ()
    sources: dict[str, str] = field(default_factory=dict)
    overrides: tuple[CriticalityOverride, ...] = ()


Override = CriticalityOverride


@dataclass(frozen=True)
class MeasuredInputs:
    """What the data says about each dimension (``None``: not measured), and from where."""

    monthly_volume: int | None = None
    vulnerable_share: Decimal | None = None
    data_sensitivity: DataSensitivity | None = None
    sources: Mapping[Dimension, str] | None = None


def sensitivity_from_policy(released: Mapping[str, Iterable[str]]) -> tuple[DataSensitivity, str]:
    """The most sensitive category among the fields a sharing policy releases.

    ``released`` maps each table to the fields it lets the vendor receive (in any
    form: kept, pseudonymised, generalised or redacted text is still personal data,
    GDPR Recital 26).
    """
    fields = sorted({f"{t}.{f}" for t, names in released.items() for f in names})
    if not fields:
        return "none", "the sharing policy releases no field"
    for pattern, level in ((_SPECIAL, "special_category"), (_FINANCIAL, "financial")):
        hits = [f for f in fields if pattern.search(f.split(".", 1)[1].lower())]
        if hits:
            return level, f"the sharing policy releases {', '.join(hits[:3])}"  # type: ignore[return-value]
    return "personal", f"the sharing policy releases {len(fields)} field(s) about contacts"


def is_vulnerable(value: str | None) -> bool | None:
    """Whether a segment value marks a vulnerable customer (``None``: unknown)."""
    if value is None:
        return None
    return value.strip().lower() not in NOT_VULNERABLE


def _grade(value: Decimal, steps: tuple[Decimal, ...]) -> int:
    return 1 + sum(1 for s in steps if value >= s)


def assess(
    engagement_id: str,
    *,
    data_sensitivity: DataSensitivity | None,
    monthly_volume: int | None,
    vulnerable_share: Decimal | None,
    assessed_on: date,
    sources: Mapping[Dimension, str] | None = None,
    overrides: tuple[Override, ...] = (),
) -> Criticality:
    """Grade an engagement and set its next review date (``None``: not measured)."""
    volume_steps = tuple(Decimal(s) for s in VOLUME_STEPS)
    grades = {
        "data sensitivity": UNKNOWN_GRADE
        if data_sensitivity is None
        else SENSITIVITY_GRADE[data_sensitivity],
        "monthly volume": UNKNOWN_GRADE
        if monthly_volume is None
        else _grade(Decimal(monthly_volume), volume_steps),
        "customer vulnerability": UNKNOWN_GRADE
        if vulnerable_share is None
        else _grade(vulnerable_share, VULNERABLE_STEPS),
    }
    level = max(grades.values())
    said = sources or {}
    reasons = [
        f"{name}: grade {g} ({said.get(dim, 'given')})"
        for (name, g), dim in zip(grades.items(), DIMENSIONS, strict=True)
    ]
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
        sources={str(k): v for k, v in said.items()},
        overrides=overrides,
    )


def assess_measured(
    engagement_id: str,
    measured: MeasuredInputs,
    overrides: Iterable[Override],
    *,
    assessed_on: date,
) -> Criticality:
    """Grade from measured inputs; the latest override of a dimension replaces its value."""
    latest: dict[Dimension, Override] = {}
    for o in sorted(overrides, key=lambda o: o.set_at):
        latest[o.dimension] = o
    values: dict[Dimension, object] = {
        "data_sensitivity": measured.data_sensitivity,
        "monthly_volume": measured.monthly_volume,
        "vulnerable_share": measured.vulnerable_share,
    }
    sources: dict[Dimension, str] = {
        d: (measured.sources or {}).get(d, "not measured: graded 2 until measured")
        for d in DIMENSIONS
    }
    for dim, o in latest.items():
        values[dim] = _typed(dim, o.value)
        sources[dim] = (
            f"override by {o.set_by} on {o.set_at.date().isoformat()}: {o.reason} "
            f"(measured: {_shown(measured, dim)})"
        )
    return assess(
        engagement_id,
        data_sensitivity=values["data_sensitivity"],  # type: ignore[arg-type]
        monthly_volume=values["monthly_volume"],  # type: ignore[arg-type]
        vulnerable_share=values["vulnerable_share"],  # type: ignore[arg-type]
        assessed_on=assessed_on,
        sources=sources,
        overrides=tuple(latest.values()),
    )


def _typed(dim: Dimension, value: str) -> object:
    if dim == "monthly_volume":
        return int(value)
    if dim == "vulnerable_share":
        return Decimal(value)
    return value


def _shown(measured: MeasuredInputs, dim: Dimension) -> str:
    value = getattr(measured, dim)
    return "not measured" if value is None else str(value)


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (the month's last day when it is shorter)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
