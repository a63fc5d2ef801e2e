"""Audit plans by engagement criticality, and the deduction score of an audit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from fairshore.governance.model import Audit, Grade

# RBA audit deduction model: 200 points, priority -20, major -4, minor -1
# (reference/ethics-standards.md).
DEDUCTIONS: dict[Grade, int] = {"priority": 20, "major": 4, "minor": 1}
FULL_SCORE = 200

Criticality = Literal["high", "medium", "low"]
# How often an engagement is audited and on which pillars, by inherent criticality.
PLAN_MONTHS: dict[Criticality, int] = {"high": 6, "medium": 12, "low": 24}
PLAN_PILLARS: dict[Criticality, tuple[str, ...]] = {
    "high": ("labour", "health_and_safety", "data_protection", "business_ethics", "environment"),
    "medium": ("labour", "health_and_safety", "data_protection"),
    "low": ("labour", "data_protection"),
}


@dataclass(frozen=True)
class AuditScore:
    """An audit's deduction score, its band and the recognition it earns."""

    score: int
    band: Literal["green", "yellow", "red"]
    recognition: Literal["platinum", "gold", "silver", "none"]
    deductions: dict[Grade, int]


def score_audit(audit: Audit) -> AuditScore:
    """RBA-style deduction score: green above 180, yellow 160-180, red at or below 160."""
    counts = {g: sum(1 for n in audit.nonconformities if n.grade == g) for g in DEDUCTIONS}
    score = FULL_SCORE - sum(DEDUCTIONS[g] * c for g, c in counts.items())
    band: Literal["green", "yellow", "red"] = (
        "green" if score > 180 else "yellow" if score > 160 else "red"
    )
    open_grades = {n.grade for n in audit.nonconformities if not n.closed}
    recognition: Literal["platinum", "gold", "silver", "none"]
    if score == FULL_SCORE and not open_grades:
        recognition = "platinum"  # 200 with all findings closed
    elif score >= 180 and not open_grades & {"priority", "major"}:
        recognition = "gold"
    elif score >= 160 and "priority" not in open_grades:
        recognition = "silver"
    else:
        recognition = "none"
    return AuditScore(score=score, band=band, recognition=recognition, deductions=counts)


@dataclass(frozen=True)
class PlannedAudit:
    """The next audit an engagement needs."""

    engagement_id: str
    criticality: Criticality
    due_on: date
    pillars: tuple[str, ...]
    last_audited_on: date | None


def plan_next_audit(
    engagement_id: str, *, criticality: Criticality, last_audited_on: date | None, today: date
) -> PlannedAudit:
    """When the next audit is due: never audited means due now."""
    if last_audited_on is None:
        due = today
    else:
        months = last_audited_on.month - 1 + PLAN_MONTHS[criticality]
        year = last_audited_on.year + months // 12
        month = months % 12 + 1
        day = min(last_audited_on.day, 28)
        due = date(year, month, day)
    return PlannedAudit(
        engagement_id=engagement_id,
        criticality=criticality,
        due_on=due,
        pillars=PLAN_PILLARS[criticality],
        last_audited_on=last_audited_on,
    )
