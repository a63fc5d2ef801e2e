"""Every answer type: parsing what a person types, and the credit it earns."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

from fairshore.vetting.answers import credit, decode_value, encode_value, format_value, parse_value
from fairshore.vetting.rubric import get_rubric

RUBRIC = get_rubric()
AS_OF = date(2026, 10, 31)


def q(question_id: str):
    return RUBRIC.question(question_id)


@pytest.mark.parametrize(
    ("question_id", "raw", "value", "expected"),
    [
        ("lab.living-wage-all", "yes", True, Fraction(1)),
        ("lab.living-wage-all", "No", False, Fraction(0)),
        ("lab.living-wage-all", True, True, Fraction(1)),
        # yes is the bad answer here (forced-labour indicator): credit inverted
        ("lab.id-documents-retained", "yes", True, Fraction(0)),
        ("lab.id-documents-retained", "no", False, Fraction(1)),
        ("lab.freedom-of-association", "cba", "cba", Fraction(1)),
        (
            "lab.freedom-of-association",
            "Elected worker council where law restricts unions",
            "elected-council",
            Fraction(7, 10),
        ),
        (
            "wel.wellbeing-programme",
            "counselling; micro-breaks",
            ("counselling", "micro-breaks"),
            Fraction(1, 2),
        ),
        (
            "wel.wellbeing-programme",
            "counselling, abuse-protocol, micro-breaks, mental-health-leave",
            ("counselling", "abuse-protocol", "micro-breaks", "mental-health-leave"),
            Fraction(1),
        ),
        ("lab.weekly-hours", "40", Decimal(40), Fraction(1)),
        ("lab.weekly-hours", 48, Decimal(48), Fraction(7, 10)),
        ("lab.weekly-hours", "49", Decimal(49), Fraction(0)),
        ("lab.attrition", "32 %", Decimal(32), Fraction(3, 5)),
        ("lab.attrition", 19.5, Decimal("19.5"), Fraction(1)),
        ("sec.last-pentest", "2026-03-15", date(2026, 3, 15), Fraction(1)),
        ("sec.last-pentest", date(2025, 6, 1), date(2025, 6, 1), Fraction(1, 2)),
        ("sec.iso27001", "certificate 123", "certificate 123", Fraction(1)),
        ("wel.career-path", "Promotion after a year", "Promotion after a year", Fraction(0)),
    ],
)
def test_every_answer_type_parses_and_scores(
    question_id: str, raw: object, value: object, expected: Fraction
) -> None:
    question = q(question_id)
    parsed = parse_value(question, raw)
    assert parsed == value
    assert credit(question, parsed, as_of=AS_OF) == expected
    # storage and display round trips give the same typed value back
    assert decode_value(question, encode_value(parsed)) == parsed
    assert parse_value(question, format_value(parsed)) == parsed


@pytest.mark.parametrize(
    ("question_id", "raw", "message"),
    [
        ("lab.living-wage-all", "maybe", "expected yes or no"),
        ("lab.freedom-of-association", "union", "not one of the options"),
        ("wel.wellbeing-programme", "counselling, yoga", "not one of the options"),
        ("lab.weekly-hours", "forty", "expected a number in hours/week"),
        ("lab.attrition", "120", "between 0 and 100"),
        ("lab.weekly-hours", "-3", "0 or more"),
        ("sec.last-pentest", "15/03/2026", "YYYY-MM-DD"),
        ("wel.career-path", "  ", "some text"),
    ],
)
def test_bad_answers_say_what_is_expected(question_id: str, raw: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_value(q(question_id), raw)


def test_multiple_choice_credit_is_capped_at_full_marks() -> None:
    question = q("pro.cx-certification")
    assert credit(question, ("copc", "iso18295-1", "none"), as_of=AS_OF) == 1


def test_date_scores_by_age_on_the_assessment_day() -> None:
    question = q("sec.last-pentest")  # bands: under 366 days 1, under 731 days 1/2, else 0
    tested = date(2025, 11, 1)
    assert credit(question, tested, as_of=date(2026, 10, 31)) == 1
    assert credit(question, tested, as_of=date(2027, 6, 1)) == Fraction(1, 2)
    assert credit(question, tested, as_of=date(2028, 1, 1)) == 0
