"""Which evidence backs which claim: validity on a day, scope, type and status.

An expired, not-yet-valid or out-of-scope document counts as no evidence at all
(ethics-standards.md: "an expired or out-of-scope certificate is no evidence").
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Literal

from fairshore.vetting.model import Answer, Evidence, ExpiryWarning, Question

EvidenceState = Literal["valid", "self_declared", "none", "not_needed"]


def usable(evidence: Evidence, *, as_of: date, scope: tuple[str, ...]) -> bool:
    """Valid on ``as_of`` and covering the whole assessment scope."""
    return evidence.valid_on(as_of) and evidence.covers(scope)


def matching(
    question: Question, answer: Answer | None, documents: Iterable[Evidence]
) -> list[Evidence]:
    """Documents of a type the question accepts (only the referenced ones, if any)."""
    found = [d for d in documents if d.type in question.evidence]
    if answer is not None and answer.evidence_refs:
        found = [d for d in found if any(d.sha256.startswith(r) for r in answer.evidence_refs)]
    return found


def evidence_state(
    question: Question,
    answer: Answer | None,
    documents: Iterable[Evidence],
    *,
    as_of: date,
    scope: tuple[str, ...],
) -> EvidenceState:
    """How well a claim is backed: by a valid document, only self-declared, or not at all."""
    if not question.evidence:
        return "not_needed"
    good = [d for d in matching(question, answer, documents) if usable(d, as_of=as_of, scope=scope)]
    if any(d.status != "self_declared" for d in good):
        return "valid"
    return "self_declared" if good else "none"


def valid_types(documents: Iterable[Evidence], *, as_of: date, scope: tuple[str, ...]) -> set[str]:
    """Types for which a usable document (provided or verified, not self-declared) exists."""
    return {
        d.type
        for d in documents
        if d.status != "self_declared" and usable(d, as_of=as_of, scope=scope)
    }


def expiry_warnings(
    documents: Iterable[Evidence], *, as_of: date, warn_days: int
) -> list[ExpiryWarning]:
    """Documents expired or expiring within ``warn_days`` of ``as_of``, soonest first."""
    warnings = [
        ExpiryWarning(
            sha256=d.sha256,
            type=d.type,
            valid_until=d.valid_until,
            days_left=(d.valid_until - as_of).days,
        )
        for d in documents
        if d.valid_until is not None and (d.valid_until - as_of).days <= warn_days
    ]
    return sorted(warnings, key=lambda w: (w.days_left, w.sha256))
