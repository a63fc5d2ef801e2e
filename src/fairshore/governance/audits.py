"""Audit plans by engagement criticality, and the deduction score of an audit.

Every band rule lives here as a named constant and is stated, with its source, in
``docs/governance.md`` ("Audit bands" and "Audit plan").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from fairshore.governance.model import Audit, Grade, Nonconformity

# RBA audit deduction model: 200 points, priority -20, major -4, minor -1
# (reference/ethics-standards.md).
DEDUCTIONS: dict[Grade, int] = {"priority": 20, "major": 4, "minor": 1}
FULL_SCORE = 200
# RBA bands (reference/ethics-standards.md): green above 180, yellow 160-180, red at or below 160.
GREEN_ABOVE = 180
RED_AT_OR_BELOW = 160
# Measured pay is a nonconformity the payroll shows, graded by how many agents it hits.
# Below the statutory minimum is a breach of local law (SMETA: a non-compliance; RBA
# Code A.5 wages): priority at any share. Below the living-wage floor breaks SA8000
# remuneration and ETI Base Code clause 5; Fairshore policy grades it by reach: most
# agents (systemic) priority, more than one in twenty major, any agent minor.
LIVING_WAGE_SYSTEMIC_SHARE = 0.5
LIVING_WAGE_MAJOR_SHARE = 0.05

Criticality = Literal["critical", "high", "medium", "low"]
# How often an engagement is audited and on which pillars, by inherent criticality
# (the review cadence of vetting.criticality.REVIEW_MONTHS: tiered third-party risk
# programmes review critical suppliers quarterly, then 6/12/24 months).
PLAN_MONTHS: dict[Criticality, int] = {"critical": 3, "high": 6, "medium": 12, "low": 24}
_FIVE_PILLARS = ("labour", "health_and_safety", "data_protection", "business_ethics", "environment")
PLAN_PILLARS: dict[Criticality, tuple[str, ...]] = {
    "critical": _FIVE_PILLARS,
    "high": _FIVE_PILLARS,
    "medium": ("labour", "health_and_safety", "data_protection"),
    "low": ("labour", "data_protection"),
}
# An engagement without a criticality assessment is planned as medium, and says so.
UNASSESSED: Criticality = "medium"


@dataclass(frozen=True)
class MeasuredPay:
    """What payroll shows over the audited period, for the audit to consume.

    Shares are of agents at the engagement's worst site (``None``: not measured).
    """

    period: str
    share_below_minimum: float | None
    share_below_living_wage: float | None
    agents: int


@dataclass(frozen=True)
class AuditScore:
    """An audit's deduction score, its band and the recognition it earns.

    ``measured`` holds the nonconformities payroll shows (counted in the score);
    ``reasons`` says which rule set the band.
    """

    score: int
    band: Literal["green", "yellow", "red"]
    recognition: Literal["platinum", "gold", "silver", "none"]
    deductions: dict[Grade, int]
    measured: tuple[Nonconformity, ...] = ()
    reasons: tuple[str, ...] = field(default=())


def measured_nonconformities(pay: MeasuredPay | None) -> list[Nonconformity]:
    """The wage nonconformities the measured payroll shows (none when not measured)."""
    if pay is None or pay.agents == 0:
        return []
    found: list[Nonconformity] = []
    if pay.share_below_minimum:
        found.append(_wage("priority", pay.share_below_minimum, "the statutory minimum", pay))
    share = pay.share_below_living_wage
    if share:
        grade: Grade = (
            "priority"
            if share >= LIVING_WAGE_SYSTEMIC_SHARE
            else "major"
            if share > LIVING_WAGE_MAJOR_SHARE
            else "minor"
        )
        found.append(_wage(grade, share, "the living-wage floor", pay))
    return found


def _wage(grade: Grade, share: float, floor: str, pay: MeasuredPay) -> Nonconformity:
    return Nonconformity(
        grade=grade,
        title=f"Measured: {share:.0%} of agents paid below {floor} ({pay.period})",
        pillar="labour",
    )


def score_audit(audit: Audit, *, measured: MeasuredPay | None = None) -> AuditScore:
    """RBA-style deduction score over the audit's and the payroll's nonconformities.

    Green above 180, yellow 160-180, red at or below 160; what payroll measured over
    the audited period counts as nonconformities beside the auditor's, so an audit
    cannot stay green while most agents are paid below the living wage.
    """
    extra = measured_nonconformities(measured)
    every = [*audit.nonconformities, *extra]
    counts = {g: sum(1 for n in every if n.grade == g) for g in DEDUCTIONS}
    score = FULL_SCORE - sum(DEDUCTIONS[g] * c for g, c in counts.items())
    band: Literal["green", "yellow", "red"] = (
        "green" if score > GREEN_ABOVE else "yellow" if score > RED_AT_OR_BELOW else "red"
    )
    reasons = [f"score {score}: {band} (green above {GREEN_ABOVE}, red at or below "]
    reasons[0] += f"{RED_AT_OR_BELOW})"
    reasons += [f"{n.grade} from payroll: {n.title}" for n in extra]
    if measured is None:
        reasons.append("pay not measured for the audited period: auditor's findings only")
    return AuditScore(
        score=score,
        band=band,
        recognition=_recognition(score, {n.grade for n in every if not n.closed}),
        deductions=counts,
        measured=tuple(extra),
        reasons=tuple(reasons),
    )


def _recognition(
    score: int, open_grades: set[Grade]
) -> Literal["platinum", "gold", "silver", "none"]:
    if score == FULL_SCORE and not open_grades:
        return "platinum"  # 200 with all findings closed
    if score >= GREEN_ABOVE and not open_grades & {"priority", "major"}:
        return "gold"
    if score >= RED_AT_OR_BELOW and "priority" not in open_grades:
        return "silver"
    return "none"


@dataclass(frozen=True)
class PlannedAudit:
    """The next audit an engagement needs, and where its criticality came from."""

    engagement_id: str
    criticality: Criticality
    due_on: date
    pillars: tuple[str, ...]
    last_audited_on: date | None
    criticality_source: str = "not assessed: planned as medium"


def plan_next_audit(
    engagement_id: str,
    *,
    criticality: Criticality,
    last_audited_on: date | None,
    today: date,
    criticality_source: str = "not assessed: planned as medium",
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
        criticality_source=criticality_source,
    )
