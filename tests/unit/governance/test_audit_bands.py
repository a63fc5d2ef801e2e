"""Audit bands consume measured pay; the audit plan follows criticality.

Bands: RBA deduction model, green above 180, yellow 160-180, red at or below 160
(reference/ethics-standards.md). Measured wage nonconformities: SA8000 remuneration
and ETI Base Code 5 (living wage), graded by reach (Fairshore policy, docs/governance.md).
"""

from __future__ import annotations

from datetime import date

import pytest

from fairshore.governance.audits import (
    PLAN_MONTHS,
    MeasuredPay,
    measured_nonconformities,
    plan_next_audit,
    score_audit,
)
from fairshore.governance.model import Audit, Nonconformity

# The demo's Manila audit: two majors and a minor, 191 on the auditor's findings alone.
MANILA = Audit(
    engagement_id="telco-mnl",
    auditor="A",
    audited_on=date(2026, 10, 15),
    scope="labour",
    nonconformities=[
        Nonconformity(grade="major", title="wages"),
        Nonconformity(grade="major", title="bulk export"),
        Nonconformity(grade="minor", title="pay policy"),
    ],
)


def _pay(below_living: float | None, below_minimum: float | None = 0.0) -> MeasuredPay:
    return MeasuredPay(
        period="2025-11..2026-10",
        share_below_minimum=below_minimum,
        share_below_living_wage=below_living,
        agents=120,
    )


def test_an_engagement_paying_most_agents_below_the_living_wage_is_not_green() -> None:
    alone = score_audit(MANILA)
    assert (alone.score, alone.band) == (191, "green")
    measured = score_audit(MANILA, measured=_pay(0.91))
    assert (measured.score, measured.band) == (171, "yellow")
    assert [n.grade for n in measured.measured] == ["priority"]
    assert "91% of agents paid below the living-wage floor" in measured.measured[0].title
    assert measured.recognition == "none"  # an open priority earns no recognition


@pytest.mark.parametrize(
    ("below_living", "below_minimum", "grades", "band"),
    [
        (0.0, 0.0, [], "green"),  # everyone at or above the floor
        (0.03, 0.0, ["minor"], "green"),  # a few agents: minor, the audit stays green
        (0.20, 0.0, ["major"], "green"),  # one in five: major (199 -> 195)
        (0.50, 0.0, ["priority"], "yellow"),  # half: systemic
        (0.02, 0.01, ["priority", "minor"], "yellow"),  # below the legal minimum: priority
    ],
)
def test_measured_wage_nonconformities_follow_the_share(
    below_living: float, below_minimum: float, grades: list[str], band: str
) -> None:
    found = measured_nonconformities(_pay(below_living, below_minimum))
    assert [n.grade for n in found] == grades
    audit = MANILA.model_copy(update={"nonconformities": MANILA.nonconformities[2:]})
    assert score_audit(audit, measured=_pay(below_living, below_minimum)).band == band


def test_red_needs_two_priorities_and_unmeasured_pay_is_said() -> None:
    two = MANILA.model_copy(
        update={"nonconformities": [Nonconformity(grade="priority", title="forced overtime")]}
    )
    red = score_audit(two, measured=_pay(0.9, 0.05))
    assert (red.score, red.band) == (140, "red")
    blind = score_audit(MANILA)
    assert any("pay not measured" in r for r in blind.reasons)
    assert measured_nonconformities(None) == []
    empty = MeasuredPay(period="p", share_below_minimum=None, share_below_living_wage=1.0, agents=0)
    assert measured_nonconformities(empty) == []


def test_a_critical_engagement_is_audited_quarterly_on_five_pillars() -> None:
    last = date(2026, 10, 15)
    plans = {
        tier: plan_next_audit("e", criticality=tier, last_audited_on=last, today=last)
        for tier in PLAN_MONTHS
    }
    assert plans["critical"].due_on == date(2027, 1, 15)
    assert plans["high"].due_on == date(2027, 4, 15)
    assert plans["medium"].due_on == date(2027, 10, 15)
    assert plans["low"].due_on == date(2028, 10, 15)
    assert len(plans["critical"].pillars) == 5 and len(plans["low"].pillars) == 2
