"""Numbers for people: never exponent notation, the right unit, points for rate changes."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from fairshore import numbers

EXPONENT = re.compile(r"\d[eE][+-]?\d")
FINITE = st.floats(allow_nan=False, allow_infinity=False)


@given(FINITE)
def test_no_formatter_writes_exponent_notation(value: float) -> None:
    for text in (
        numbers.number(value),
        numbers.count(value),
        numbers.money(value, "INR"),
        numbers.percent(value),
        numbers.points(value),
        numbers.signed(value),
        numbers.duration(value),
        numbers.hours(value),
        numbers.measure("credits", value),
        numbers.measure("asa_s", value),
        numbers.measure("service_level", value, target=0.8),
    ):
        assert not EXPONENT.search(text), text


def test_what_the_old_formats_printed_now_reads_as_a_number() -> None:
    # `sla history` printed f"{20700.5:,.4g}" = "2.07e+04"; a title carried 1.025e+05.
    assert numbers.money(20700.5, "INR") == "20,700.50 INR"
    assert numbers.number(102500.0) == "102,500"
    assert numbers.number(0.000123) == "0.000123"
    assert numbers.count(1234567) == "1,234,567"


def test_rates_change_in_points_and_durations_pick_their_unit() -> None:
    assert numbers.percent(0.7841) == "78.4 %"
    assert numbers.change(0.78, 0.80, share=True) == "+2.0 pp"
    assert numbers.change(0.80, 0.78, share=True) == "-2.0 pp"
    assert numbers.change(1200, 1000, share=False) == "-200"
    assert [numbers.duration(s) for s in (45, 750, 7480, 90 * 3600)] == [
        "45 s",
        "12.5 min",
        "2.1 h",
        "3.8 days",
    ]
    assert numbers.p_value(0.00001) == "p < 0.001" and numbers.p_value(0.0342) == "p = 0.034"
    assert numbers.money(-0.001, "EUR") == "0.00 EUR"  # no negative zero
    assert numbers.points(-0.0004) == "0.0 pp" and numbers.points(0.0004) == "0.0 pp"


def test_jinja_filters_show_missing_values_as_the_page_asks() -> None:
    filters = numbers.jinja_filters(missing="—")
    assert filters["num"](None) == "—" and filters["num"](1234.56, 2) == "1,234.56"
    assert filters["pct"](0.5, 0) == "50 %" and filters["money"](5.0, "USD") == "5.00 USD"
