"""The one ``Period``: every form it reads, exclusive ends, months and the period before."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fairshore.errors import InputError
from fairshore.metrics.periods import month_of, parse_period, period_between, quarter_of


@pytest.mark.parametrize(
    ("text", "kind", "label", "start", "end"),
    [
        ("2026-10", "month", "2026-10", date(2026, 10, 1), date(2026, 11, 1)),
        ("2024-02", "month", "2024-02", date(2024, 2, 1), date(2024, 3, 1)),
        ("2026-Q3", "quarter", "2026-Q3", date(2026, 7, 1), date(2026, 10, 1)),
        (" 2026-q4 ", "quarter", "2026-Q4", date(2026, 10, 1), date(2027, 1, 1)),
        ("2026", "year", "2026", date(2026, 1, 1), date(2027, 1, 1)),
        ("2026-09-14", "day", "2026-09-14", date(2026, 9, 14), date(2026, 9, 15)),
        ("2026-01..2026-03", "range", "2026-01..2026-03", date(2026, 1, 1), date(2026, 4, 1)),
        ("2025-11..2026-10", "range", "2025-11..2026-10", date(2025, 11, 1), date(2026, 11, 1)),
        (
            "2026-01-15..2026-02-14",
            "range",
            "2026-01-15..2026-02-14",
            date(2026, 1, 15),
            date(2026, 2, 15),
        ),
    ],
)
def test_every_form_reads_to_an_exclusive_end(
    text: str, kind: str, label: str, start: date, end: date
) -> None:
    period = parse_period(text)
    assert (period.kind, period.label, period.start, period.end) == (kind, label, start, end)
    assert period.last_day == end - timedelta(days=1)
    assert parse_period(period.label).start == start


def test_months_and_previous() -> None:
    q = parse_period("2026-Q3")
    assert q.month_labels() == ["2026-07", "2026-08", "2026-09"]
    assert q.last_day == date(2026, 9, 30)
    assert parse_period("2026-Q1").previous().label == "2025-Q4"
    assert parse_period("2026-01").previous().label == "2025-12"
    assert parse_period("2026").previous().label == "2025"
    assert parse_period("2026-01..2026-03").previous().label == "2025-10..2025-12"
    assert parse_period("2026-09-10..2026-09-12").previous().label == "2026-09-07..2026-09-09"
    assert len(parse_period("2026").months()) == 12
    assert parse_period("2026-01-15..2026-02-14").month_labels() == ["2026-01", "2026-02"]


@pytest.mark.parametrize(
    "text",
    [
        "2026-13",
        "2026-00",
        "2026-Q5",
        "2026Q3",
        "Q3-2026",
        "26-01",
        "July",
        "",
        "2026-02-30",
        "2026-03..2026-01",
        "2026-01..2026-02..2026-03",
        "２０２６-10",  # full-width digits: ASCII only
        "٢٠٢٦-10",  # Arabic-Indic digits
    ],
)
def test_anything_else_is_a_clear_input_error(text: str) -> None:
    with pytest.raises(InputError, match=r"period"):
        parse_period(text)


def test_the_error_names_every_form() -> None:
    with pytest.raises(InputError) as info:
        parse_period("next month")
    for form in ("2026-10", "2026-Q3", "2026", "2026-01..2026-03"):
        assert form in str(info.value)


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31)))
def test_months_and_quarters_tile_time(day: date) -> None:
    for period in (month_of(day), quarter_of(day)):
        assert period.contains(day)
        assert period.previous().end == period.start
        assert period.shift(1).start == period.end
        assert parse_period(period.label) == period
    assert 90 <= (quarter_of(day).end - quarter_of(day).start).days <= 92


def test_a_span_of_whole_days_is_a_month_when_it_is_one() -> None:
    assert period_between(date(2026, 2, 1), date(2026, 2, 28)).kind == "month"
    assert period_between(date(2026, 2, 2), date(2026, 2, 28)).kind == "range"
    with pytest.raises(InputError):
        period_between(date(2026, 2, 2), date(2026, 2, 1))
