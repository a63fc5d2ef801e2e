"""Audit deduction scores (RBA model) and the corrective-action workflow."""

from __future__ import annotations

from datetime import date

import pytest

from fairshore.errors import GovernanceError
from fairshore.governance.audits import plan_next_audit, score_audit
from fairshore.governance.model import Audit, Finding, FindingRecord, Nonconformity
from fairshore.governance.workflow import check_transition, default_due_on


def _audit(*grades: str, closed: bool = False) -> Audit:
    return Audit(
        engagement_id="e",
        auditor="A",
        audited_on=date(2026, 10, 1),
        scope="labour",
        nonconformities=[
            Nonconformity(grade=g, title=f"nc {i}", closed=closed)  # type: ignore[arg-type]
            for i, g in enumerate(grades)
        ],
    )


# RBA audit: 200 points, priority -20, major -4, minor -1; green above 180, yellow
# 160-180, red at or below 160 (reference/ethics-standards.md).
@pytest.mark.parametrize(
    ("grades", "score", "band"),
    [
        ((), 200, "green"),
        (("minor",) * 3, 197, "green"),
        (("priority",), 180, "yellow"),
        (("major",) * 5, 180, "yellow"),
        (("priority", "major", "major", "minor"), 171, "yellow"),
        (("priority", "priority"), 160, "red"),
        (("priority",) * 2 + ("minor",), 159, "red"),
    ],
)
def test_rba_deduction_score_and_band(grades: tuple[str, ...], score: int, band: str) -> None:
    result = score_audit(_audit(*grades))
    assert (result.score, result.band) == (score, band)


def test_recognition_follows_what_is_closed() -> None:
    assert score_audit(_audit()).recognition == "platinum"
    assert score_audit(_audit("minor")).recognition == "gold"
    assert score_audit(_audit("major")).recognition == "silver"
    assert score_audit(_audit("major", closed=True)).recognition == "gold"
    assert score_audit(_audit("priority")).recognition == "none"


def test_severity_sets_the_default_deadline() -> None:
    opened = date(2026, 1, 1)
    assert default_due_on("critical", opened_on=opened) == date(2026, 1, 8)
    assert default_due_on("major", opened_on=opened) == date(2026, 1, 31)
    assert default_due_on("minor", opened_on=opened) == date(2026, 4, 1)
    assert default_due_on("observation", opened_on=opened) == date(2026, 6, 30)


def _record(status: str, **extra: object) -> FindingRecord:
    finding = Finding(key="k", source="sla", engagement_id="e", severity="major", title="t")
    data: dict[str, object] = {
        "id": 1,
        "finding": finding,
        "owner": None,
        "due_on": date(2026, 2, 1),
        "corrective_action": None,
        "verification_method": None,
        "status": status,
        "times_seen": 1,
        "overdue": False,
    }
    data.update(extra)
    return FindingRecord.model_validate(data)


@pytest.mark.parametrize(
    ("status", "target", "message"),
    [
        ("open", "closed", "can move to action_planned, not to closed"),
        ("open", "awaiting_verification", "not to awaiting_verification"),
        ("action_planned", "open", "not to open"),
        ("closed", "open", r"nothing \(it is closed\)"),
    ],
)
def test_illegal_transitions_are_refused(status: str, target: str, message: str) -> None:
    with pytest.raises(GovernanceError, match=message):
        check_transition(
            _record(status),
            target,  # type: ignore[arg-type]
            corrective_action="x",
            owner="o",
            verification_method="desktop",
            note="n",
        )


def test_each_step_needs_what_makes_it_real() -> None:
    with pytest.raises(GovernanceError, match="corrective action"):
        check_transition(
            _record("open"),
            "action_planned",
            corrective_action=None,
            owner="o",
            verification_method=None,
            note=None,
        )
    with pytest.raises(GovernanceError, match="owner"):
        check_transition(
            _record("open"),
            "action_planned",
            corrective_action="fix",
            owner=None,
            verification_method=None,
            note=None,
        )
    with pytest.raises(GovernanceError, match="verified"):
        check_transition(
            _record("action_planned"),
            "awaiting_verification",
            corrective_action=None,
            owner=None,
            verification_method=None,
            note=None,
        )
    with pytest.raises(GovernanceError, match="note"):
        check_transition(
            _record("awaiting_verification"),
            "closed",
            corrective_action=None,
            owner=None,
            verification_method=None,
            note=None,
        )


def test_never_audited_is_due_now_and_high_criticality_twice_a_year() -> None:
    today = date(2026, 11, 23)
    assert (
        plan_next_audit("e", criticality="low", last_audited_on=None, today=today).due_on == today
    )
    plan = plan_next_audit("e", criticality="high", last_audited_on=date(2026, 9, 30), today=today)
    assert plan.due_on == date(2027, 3, 28)
    assert "data_protection" in plan.pillars
