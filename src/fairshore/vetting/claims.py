"""Claims vs evidence: what the vendor declared against what the data measured.

Each rubric question with a ``claim`` turns its answer into a declared figure in the
measured unit. When a measured figure is worse than the declared one by more than
the claim's tolerance, an integrity ``Finding`` (source ``vetting``) names both.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal

from fairshore import numbers
from fairshore.contracts.model import ClauseMeasurement
from fairshore.governance.model import Finding
from fairshore.people.model import SitePay
from fairshore.vetting.measured import ClaimCheck, MeasuredFigure, MeasuredFigures
from fairshore.vetting.model import Assessment, Claim, Rubric

__all__ = [
    "ClaimCheck",
    "compare",
    "contradicted_count",
    "declared_figure",
    "describe",
    "format_figure",
    "integrity_findings",
    "living_wage_share",
    "worst",
    "worst_of",
]

# Contract clause measurement keys (contracts/people/privacy) -> claim keys of the rubric.
CLAUSE_TO_CLAIM: dict[str, str] = {
    "living_wage_floor": "min_pay_to_living_wage",
    "max_attrition": "attrition_rate",
    "min_in_house_share": "in_house_share",
    "min_training_hours": "training_hours_per_agent_month",
    "max_occupancy": "occupancy",
    "breach_notification_hours": "breach_notification_hours",
}


def measured_from_clauses(
    measurements: Mapping[str, ClauseMeasurement | None],
    *,
    engagement_id: str | None = None,
    period: str | None = None,
    source: str = "contract clause providers",
) -> MeasuredFigures:
    """Measured figures from the contract clause providers' measurements.

    Keys are the clause keys (``living_wage_floor`` ...); unmeasurable ones (None)
    and keys with no matching claim are left out.
    """
    figures = {
        CLAUSE_TO_CLAIM[key]: MeasuredFigure(
            value=m.value, source=f"{source}: {key}", sample_size=m.sample_size, detail=m.detail
        )
        for key, m in measurements.items()
        if m is not None and m.value is not None and key in CLAUSE_TO_CLAIM
    }
    return MeasuredFigures(figures=figures, engagement_id=engagement_id, period=period)


def declared_figure(claim: Claim, value: object) -> Decimal | None:
    """The figure an answer declares, in the measured unit (None when it declares none)."""
    if isinstance(value, bool):
        return claim.yes_means if value and claim.yes_means is not None else None
    if isinstance(value, Decimal):
        return value * claim.scale
    return None


def compare(
    rubric: Rubric,
    assessment: Assessment,
    measured: MeasuredFigures,
    *,
    set_aside: frozenset[str] = frozenset(),
) -> list[ClaimCheck]:
    """Every claim the vendor made that a measured figure can test.

    ``set_aside``: claim keys whose measurement a vendor contested successfully.
    """
    checks = []
    for q in rubric.questions:
        answer = assessment.answers.get(q.id)
        figure = measured.figures.get(q.claim.key) if q.claim else None
        if q.claim is None or answer is None or answer.na or figure is None:
            continue
        declared = declared_figure(q.claim, answer.value)
        if declared is None:
            continue
        value = Decimal(repr(figure.value))
        gap = declared - value if q.claim.higher_is_better else value - declared
        checks.append(
            ClaimCheck(
                key=q.claim.key,
                question_id=q.id,
                label=q.claim.label,
                declared=declared,
                measured=value,
                unit=q.claim.unit,
                source=figure.source,
                contradicted=gap > q.claim.tolerance,
                set_aside=q.claim.key in set_aside,
            )
        )
    return checks


def worst(checks_by_engagement: Iterable[Sequence[ClaimCheck]]) -> list[ClaimCheck]:
    """One check per claim over several engagements: the first that contradicts the
    claim, else the first that measured it."""
    chosen: dict[str, ClaimCheck] = {}
    for checks in checks_by_engagement:
        for check in checks:
            held = chosen.get(check.question_id)
            if held is None or (check.contradicted and not held.contradicted):
                chosen[check.question_id] = check
    return list(chosen.values())


def living_wage_share(sites: Sequence[SitePay]) -> MeasuredFigure | None:
    """The share of agents paid at least the living wage at the worst site."""
    known = [s for s in sites if s.share_below_living_wage is not None]
    if not known:
        return None
    low = max(known, key=lambda s: s.share_below_living_wage or 0.0)
    return MeasuredFigure(
        value=1.0 - (low.share_below_living_wage or 0.0),
        source=f"people pay report: {low.site_id}",
        sample_size=low.agents,
    )


def contradicted_count(checks: Sequence[ClaimCheck]) -> int:
    """How many of the checks the measured data contradicts."""
    return sum(c.contradicted and not c.set_aside for c in checks)


def integrity_findings(
    rubric: Rubric,
    assessment: Assessment,
    measured: MeasuredFigures,
    *,
    observed_on: date,
    set_aside: frozenset[str] = frozenset(),
) -> list[Finding]:
    """A ``Finding`` for every declared figure the measured data contradicts (except
    measurements set aside by an upheld contest)."""
    findings = []
    for check in compare(rubric, assessment, measured, set_aside=set_aside):
        if not check.contradicted or not check.judges:
            continue
        claim = rubric.question(check.question_id).claim
        assert claim is not None
        findings.append(
            Finding(
                key=f"vetting:claim:{assessment.vendor_id}:{check.key}",
                source="vetting",
                engagement_id=measured.engagement_id,
                severity=claim.severity,
                title=(
                    f"{assessment.vendor_id} declared {check.label} of "
                    f"{format_figure(check.declared, check.unit)}; the data shows "
                    f"{format_figure(check.measured, check.unit)}"
                ),
                detail=(
                    f"Question {check.question_id} of {rubric.ref}. Measured by {check.source}."
                ),
                evidence={
                    "vendor_id": assessment.vendor_id,
                    "question_id": check.question_id,
                    "claim": check.key,
                    "declared": float(check.declared),
                    "measured": float(check.measured),
                    "unit": check.unit,
                    "measured_by": check.source,
                },
                period=measured.period,
                observed_on=observed_on,
            )
        )
    return findings


def worst_of(rubric: Rubric, measured: list[MeasuredFigures]) -> MeasuredFigures:
    """Each claim's least favourable figure across engagements (a vendor's claim holds
    for all its engagements, so the worst one tests it)."""
    lower_better = {
        q.claim.key for q in rubric.questions if q.claim and not q.claim.higher_is_better
    }
    figures: dict[str, MeasuredFigure] = {}
    for batch in measured:
        for key, figure in batch.figures.items():
            held = figures.get(key)
            worse = held is None or (
                figure.value > held.value if key in lower_better else figure.value < held.value
            )
            if worse:
                figures[key] = figure
    periods = sorted({m.period for m in measured if m.period})
    return MeasuredFigures(
        figures=figures,
        engagement_id=measured[0].engagement_id if len(measured) == 1 else None,
        period=", ".join(periods) or None,
    )


def describe(check: ClaimCheck) -> str:
    """``declared 100 %, measured 80 % (source)``."""
    return (
        f"declared {format_figure(check.declared, check.unit)}, measured "
        f"{format_figure(check.measured, check.unit)} ({check.source})"
    )


def format_figure(value: Decimal, unit: str) -> str:
    if unit == "share":
        return f"{value * 100:.0f} %"
    if unit == "ratio":
        return f"{value:.2f}"
    text = numbers.number(float(value))
    return f"{text} {unit}".rstrip()
