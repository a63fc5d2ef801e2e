"""One check per claim across a vendor's engagements: the one count reports share."""

from __future__ import annotations

from decimal import Decimal

from fairshore.vetting.claims import ClaimCheck, contradicted_count, worst


def _check(question: str, measured: str, *, contradicted: bool) -> ClaimCheck:
    return ClaimCheck(
        key=question,
        question_id=question,
        label=question,
        declared=Decimal("1"),
        measured=Decimal(measured),
        unit="ratio",
        source="test",
        contradicted=contradicted,
    )


def test_a_claim_contradicted_at_one_engagement_counts_once() -> None:
    manila = [_check("lw", "1.1", contradicted=False), _check("att", "0.2", contradicted=False)]
    cebu = [_check("lw", "0.7", contradicted=True), _check("att", "0.9", contradicted=True)]
    davao = [_check("lw", "0.6", contradicted=True)]
    checks = worst([manila, cebu, davao])
    assert {c.question_id: c.measured for c in checks} == {
        "lw": Decimal("0.7"),  # the first engagement that contradicts it
        "att": Decimal("0.9"),
    }
    assert contradicted_count(checks) == 2
    assert contradicted_count(worst([manila])) == 0
