"""Quarters, number formats and traffic-light rules."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fairshore.errors import InputError
from fairshore.reporting.figures import NO_DATA, figure, fmt_value, worst
from fairshore.reporting.quarters import Quarter, parse_quarter


def test_quarter_bounds_follow_the_calendar() -> None:
    q = parse_quarter("2026-q3")
    assert (q.start.isoformat(), q.end.isoformat()) == ("2026-07-01", "2026-09-30")
    assert q.months == ["2026-07", "2026-08", "2026-09"]
    assert q.span == "2026-07..2026-09"
    assert parse_quarter("2026-Q1").previous().label == "2025-Q4"
    assert parse_quarter("2025-Q4").end.isoformat() == "2025-12-31"


@pytest.mark.parametrize("text", ["2026-Q5", "2026Q3", "Q3-2026", ""])
def test_bad_quarter_is_an_input_error(text: str) -> None:
    with pytest.raises(InputError, match="YYYY-Qn"):
        parse_quarter(text)


@given(st.integers(1990, 2100), st.integers(1, 4))
def test_quarters_tile_the_year(year: int, number: int) -> None:
    q = Quarter(year, number)
    assert q.previous().end + timedelta(days=1) == q.start
    assert 90 <= (q.end - q.start).days + 1 <= 92
    assert parse_quarter(q.label) == q


def test_values_read_as_a_manager_reads_them() -> None:
    assert fmt_value("service_level", 0.7841, target=0.8) == "78.4 %"
    assert fmt_value("first_response_business_s", 86400.0) == "86,400 s"
    assert fmt_value("min_training_hours", 4.0, target=4.0) == "4.0 h"
    assert fmt_value("service_level", None) == NO_DATA


def test_missing_value_is_grey_and_says_no_data_never_zero() -> None:
    f = figure("Occupancy", None, "0.0 %", "red")
    assert (f.text, f.light, f.value) == (NO_DATA, "grey", None)


@given(st.lists(st.sampled_from(["grey", "green", "amber", "red"])))
def test_worst_light_is_the_most_severe(lights: list[str]) -> None:
    order = ["grey", "green", "amber", "red"]
    expected = max(lights, key=order.index) if lights else "grey"
    assert worst(lights) == expected  # type: ignore[arg-type]


# Issue 23: Python's \d and int() read every script's digits; a period is ASCII only
# (a full-width quarter reached a latin-1 Content-Disposition header: a 500).
OTHER_DIGITS = ("２０２６-Q1", "٢٠٢٦-Q1", "۲۰۲۶-Q3", "२०२६-Q2", "2026-Q١", "٢٠٢٦-٠٣", "２０２６")


@pytest.mark.parametrize("text", OTHER_DIGITS)
def test_periods_and_quarters_are_read_with_ascii_digits_only(text: str) -> None:
    from fairshore.metrics.periods import parse_period as parse_calendar_period
    from fairshore.people.model import ReportPeriod
    from fairshore.privacy.periods import parse_period as parse_privacy_period
    from fairshore.reporting.quarters import parse_period

    for parse in (parse_quarter, parse_period, ReportPeriod.parse, parse_privacy_period,
                  parse_calendar_period):  # fmt: skip
        with pytest.raises((InputError, ValueError)):
            parse(text)
