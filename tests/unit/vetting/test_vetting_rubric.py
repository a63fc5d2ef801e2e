"""The rubric library: pillars of the issue, stable ids, standards, validation."""

from __future__ import annotations

import pytest

from fairshore.errors import NotFoundError, VettingError
from fairshore.vetting.criticality import add_months, assess
from fairshore.vetting.model import ANSWER_TYPES
from fairshore.vetting.rubric import get_rubric, list_rubrics, parse_rubric


def test_default_rubric_covers_every_pillar_and_answer_type() -> None:
    rubric = get_rubric("ethical-bpo@1")
    assert [p.id for p in rubric.pillars] == [
        "labour",
        "welfare",
        "security",
        "transparency",
        "process",
        "partnership",
        "environment",
        "culture",
        "legal",
        "voice",
        "ai",
    ]
    assert {q.type for q in rubric.questions} == set(ANSWER_TYPES)
    assert all(rubric.pillar_questions(p.id) for p in rubric.pillars)
    frameworks = {s.framework for q in rubric.questions for s in q.standards}
    assert {"eti", "sa8000", "iso27001", "soc2", "gdpr", "ilo"} <= frameworks
    kinds = {r.kind for r in rubric.rules}
    assert kinds == {"red_flag", "green_light", "knock_out"}
    assert [r.ref for r in list_rubrics()] == ["ethical-bpo@1", "ethical-bpo@2"]


def test_unknown_rubric_and_bad_files_say_what_is_wrong() -> None:
    with pytest.raises(NotFoundError, match="known: ethical-bpo@1"):
        get_rubric("ethical-bpo@9")
    with pytest.raises(VettingError, match="names unknown pillar"):
        parse_rubric(
            "id: x\nversion: 1\ntitle: X\npillars: [{id: a, title: A, weight: 1}]\n"
            "questions: [{id: q1, pillar: b, text: T, type: yes_no}]\n"
        )
    with pytest.raises(VettingError, match="needs bands"):
        parse_rubric(
            "id: x\nversion: 1\ntitle: X\npillars: [{id: a, title: A, weight: 1}]\n"
            "questions: [{id: q1, pillar: a, text: T, type: number}]\n"
        )


def test_criticality_levels_and_review_frequency() -> None:
    from datetime import date
    from decimal import Decimal

    low = assess(
        "e",
        data_sensitivity="none",
        monthly_volume=500,
        vulnerable_share=Decimal(0),
        assessed_on=date(2026, 1, 31),
    )
    assert (low.tier, low.review_months, low.next_review) == ("low", 24, date(2028, 1, 31))
    high = assess(
        "e",
        data_sensitivity="financial",
        monthly_volume=50_000,
        vulnerable_share=Decimal("0.02"),
        assessed_on=date(2026, 1, 31),
    )
    # two dimensions graded 3 raise the level by one
    assert (high.level, high.tier, high.review_months) == (4, "critical", 3)
    assert high.next_review == date(2026, 4, 30)
    assert add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
