"""Number formats and traffic-light rules."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fairshore import numbers
from fairshore.numbers import NO_DATA
from fairshore.reporting.figures import figure, worst


def test_values_read_as_a_manager_reads_them() -> None:
    assert numbers.measure("service_level", 0.7841, target=0.8) == "78.4 %"
    assert numbers.measure("first_response_business_s", 86400.0) == "86,400 s"
    assert numbers.measure("min_training_hours", 4.0, target=4.0) == "4.0 h"
    assert numbers.measure("service_level", None) == NO_DATA


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
    from fairshore.errors import InputError
    from fairshore.metrics.periods import parse_period

    with pytest.raises(InputError):
        parse_period(text)
