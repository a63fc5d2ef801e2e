"""Verdicts from evidence: every measurable red flag follows the data, not the answer.

Thresholds are the rubric's own, from the seed scorecard and the standards it cites
(docs/vetting.md, "Verdicts from evidence"): pay below a living wage (ETI Base Code 5,
SA8000 8), annual attrition of 40 % or more (seed: high employee turnover), under half of
agents employees (seed: relies on freelancers), breach notice later than 48 h (GDPR
Art. 33 read with tiered vendor policies of 24-48 h, ethics-standards.md).
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fairshore.vetting.measured import MeasuredFigure, MeasuredFigures
from fairshore.vetting.methods import get_method
from fairshore.vetting.model import Evidence, Score
from fairshore.vetting.scoring import score
from tests.unit.vetting.vetting_builders import RUBRIC, assessment, document

AS_OF = date(2026, 10, 31)


def _score(
    answers: dict[str, object],
    measured: dict[str, float] | None = None,
    *,
    documents: tuple[Evidence, ...] = (),
    set_aside: frozenset[str] = frozenset(),
) -> Score:
    figures = {k: MeasuredFigure(value=v, source="test lake") for k, v in (measured or {}).items()}
    return score(
        RUBRIC,
        assessment(answers),
        list(documents),
        method=get_method("weighted"),
        as_of=AS_OF,
        measured=None if measured is None else MeasuredFigures(figures),
        set_aside=set_aside,
    )


def _flags(s: Score) -> dict[str, str]:
    return {h.rule_id: h.basis for h in s.red_flags}


def _credit(s: Score, question_id: str) -> Fraction:
    return next(c.credit for c in s.contributions if c.question_id == question_id)


# (rule, question, an answer that raises no flag, a figure that should, an answer that
# raises the flag, a figure that should not)
FLAGS = [
    ("rf.below-living-wage", "lab.living-wage-all", "yes", ("min_pay_to_living_wage", 0.70),
     "no", ("min_pay_to_living_wage", 1.05)),
    ("rf.high-attrition", "lab.attrition", "20", ("attrition_rate", 0.83),
     "45", ("attrition_rate", 0.15)),
    ("rf.freelancers", "lab.in-house-share", "96", ("in_house_share", 0.30),
     "30", ("in_house_share", 0.97)),
    ("rf.slow-breach-notice", "sec.breach-notice-hours", "24", ("breach_notification_hours", 96),
     "72", ("breach_notification_hours", 12)),
]  # fmt: skip


@pytest.mark.parametrize(("rule", "question", "clean", "bad_data", "bad", "clean_data"), FLAGS)
def test_the_red_flag_follows_the_data_not_the_answer(
    rule: str,
    question: str,
    clean: str,
    bad_data: tuple[str, float],
    bad: str,
    clean_data: tuple[str, float],
) -> None:
    # By the answers alone, the flag follows the answer ...
    assert rule not in _flags(_score({question: clean}))
    assert _flags(_score({question: bad}))[rule] == "answer"
    # ... by the evidence, it follows the data both ways.
    assert rule in _flags(_score({question: clean}, dict([bad_data])))
    assert rule not in _flags(_score({question: bad}, dict([clean_data])))
    # A figure that does not test this claim changes nothing.
    assert _flags(_score({question: bad}, {"csat": 4.5}))[rule] == "answer"


def test_a_contradicted_claim_earns_nothing_and_says_why() -> None:
    answers = {"lab.living-wage-all": "yes", "lab.in-house-share": "100"}
    declared = _score(answers)
    adjusted = _score(answers, {"min_pay_to_living_wage": 0.70, "in_house_share": 0.80})
    for question in answers:
        assert _credit(declared, question) == 1
        assert _credit(adjusted, question) == 0
    note = next(c.note for c in adjusted.contributions if c.question_id == "lab.in-house-share")
    assert note.startswith("contradicted by data: declared 100 %, measured 80 %")
    assert "test lake" in note
    assert adjusted.total < declared.total


def test_declaring_more_than_the_data_shows_raises_the_seed_flag_and_loses_the_light() -> None:
    # 80 % employees is above the "under half" line, but declaring 100 % hides the
    # reliance on non-employees: flagged (contradicted), and no in-house green light.
    declared = _score({"lab.in-house-share": "100"})
    adjusted = _score({"lab.in-house-share": "100"}, {"in_house_share": 0.80})
    assert "gl.all-in-house" in {h.rule_id for h in declared.green_lights}
    assert "gl.all-in-house" not in {h.rule_id for h in adjusted.green_lights}
    hit = next(h for h in adjusted.red_flags if h.rule_id == "rf.freelancers")
    assert hit.basis == "contradicted"
    assert "declared 100 %, measured 80 %" in hit.detail
    # Declared honestly, the same 80 % raises no flag and earns the band's credit.
    honest = _score({"lab.in-house-share": "80"}, {"in_house_share": 0.80})
    assert "rf.freelancers" not in _flags(honest)
    assert _credit(honest, "lab.in-house-share") == Fraction(7, 10)


def test_within_the_claims_tolerance_is_not_contradicted() -> None:
    # lab.attrition's tolerance is 5 points: 22 % measured against 18 % declared stands.
    s = _score({"lab.attrition": "18"}, {"attrition_rate": 0.22})
    assert _credit(s, "lab.attrition") == 1
    assert _credit(_score({"lab.attrition": "18"}, {"attrition_rate": 0.24}), "lab.attrition") == 0
    assert "rf.high-attrition" not in _flags(s)


def test_the_living_wage_green_light_needs_the_data_as_well_as_the_evidence() -> None:
    docs = (document("payroll_audit", scope=("site-a",)),)
    answers = {"lab.living-wage-all": "yes"}
    assert "gl.living-wage" in {h.rule_id for h in _score(answers, documents=docs).green_lights}
    underpaid = _score(answers, {"min_pay_to_living_wage": 0.70}, documents=docs)
    assert "gl.living-wage" not in {h.rule_id for h in underpaid.green_lights}
    assert _flags(underpaid)["rf.below-living-wage"] == "contradicted"


def test_a_measurement_set_aside_by_an_upheld_contest_judges_nothing() -> None:
    answers = {"lab.attrition": "18"}
    s = _score(answers, {"attrition_rate": 0.83}, set_aside=frozenset({"attrition_rate"}))
    assert _credit(s, "lab.attrition") == 1
    assert "rf.high-attrition" not in _flags(s)


@settings(max_examples=60, deadline=None)
@given(
    in_house=st.integers(min_value=0, max_value=100),
    measured=st.floats(min_value=0, max_value=1),
)
def test_evidence_never_raises_a_score(in_house: int, measured: float) -> None:
    answers = {"lab.in-house-share": str(in_house)}
    declared = _score(answers)
    adjusted = _score(answers, {"in_house_share": measured})
    assert adjusted.total <= declared.total
