"""Breached terms and clauses of an evaluation, as findings for the register.

A breached service term or ethical clause is a major finding; the breach-notification
clause (a regulator's clock runs behind it) and the living-wage floor (people's pay)
are critical. The register escalates a finding seen again, never softens it.
"""

from __future__ import annotations

from fairshore import numbers
from fairshore.contracts.model import Evaluation
from fairshore.governance.model import Finding, Severity

CRITICAL_CLAUSES = frozenset({"breach_notification_hours", "living_wage_floor"})


def evaluation_findings(evaluation: Evaluation) -> list[Finding]:
    """One finding per breached term of the evaluation, keyed by engagement, term and period."""
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
                # A service term is judged (and credited) per period; an ethical clause
                # breached month after month is one problem, seen again.
                key=f"contract:{evaluation.engagement_id}:{term.term_id}"
                if ethical
                else f"sla:{evaluation.engagement_id}:{term.term_id}:{evaluation.period}",
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
                },
                period=evaluation.period,
                observed_on=evaluation.end,
            )
        )
    return findings
