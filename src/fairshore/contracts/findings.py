"""Breached terms and clauses of an evaluation, as findings for the register.

A breached service term or ethical clause is a major finding; the breach-notification
clause (a regulator's clock runs behind it) and the living-wage floor (people's pay)
are critical. The register escalates a finding seen again, never softens it.

The key names the condition (engagement and term), not the period: a term breached in
twelve months is one finding with twelve occurrences, each with its month's value and
credit. The occupancy cap shares its key with welfare's and staffing's occupancy
findings: one condition, whoever measures it.
"""

from __future__ import annotations

from fairshore import numbers
from fairshore.contracts.model import Evaluation
from fairshore.governance.model import Finding, Severity, occupancy_key

CRITICAL_CLAUSES = frozenset({"breach_notification_hours", "living_wage_floor"})


def evaluation_findings(evaluation: Evaluation) -> list[Finding]:
    """One finding per breached term of the evaluation, keyed by engagement and term."""
    findings = []
    for term in evaluation.terms:
        if term.status != "breached":
            continue
        ethical = term.kind != "service"
        severity: Severity = "critical" if term.term_id in CRITICAL_CLAUSES else "major"
        shown = numbers.measure(term.metric, term.value, target=term.target)
        target = numbers.measure(term.metric, term.target, target=term.target)
        findings.append(
            Finding(
                key=_key(evaluation.engagement_id, term.term_id, ethical=ethical),
                source="contract" if ethical else "sla",
                engagement_id=evaluation.engagement_id,
                severity=severity,
                title=f"{term.term_id} breached in {evaluation.period}: {shown} "
                f"(target {term.comparator} {target})",
                detail=term.detail,
                evidence={
                    "contract_id": evaluation.contract_id,
                    "contract_version": evaluation.contract_version,
                    "metric": term.metric,
                    "value": term.value,
                    "target": term.target,
                    "comparator": term.comparator,
                    "sample_size": term.sample_size,
                    "credit": term.credit,
                    "currency": evaluation.currency,
                    **({"rows": term.evidence} if term.evidence else {}),
                },
                period=evaluation.period,
                observed_on=evaluation.end,
                value=term.value,
                credit=term.credit,
            )
        )
    return findings


def _key(engagement_id: str, term_id: str, *, ethical: bool) -> str:
    if ethical and term_id == "max_occupancy":
        return occupancy_key(engagement_id)
    return f"{'contract' if ethical else 'sla'}:{engagement_id}:{term_id}"
