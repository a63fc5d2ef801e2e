"""The trend of a finding's occurrences: the sign of the least-squares slope, as NumPy's
``polyfit`` (a reference no one here wrote) fits it, with a 1 % dead band."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from fairshore.governance.model import value_trend

values = st.lists(st.floats(min_value=-1e6, max_value=1e6), min_size=2, max_size=24)


@given(values)
def test_the_trend_follows_the_fitted_slope(series: list[float]) -> None:
    slope = np.polyfit(np.arange(len(series)), np.array(series), 1)[0]
    span = slope * (len(series) - 1)
    mean = abs(float(np.mean(series)))
    rounding = 1e-7 * len(series) * max(1.0, *(abs(v) for v in series))
    trend = value_trend(series)
    if abs(span) > 0.011 * mean + rounding:  # clear of the dead band and of rounding
        assert trend == ("rising" if span > 0 else "falling")
    elif abs(span) < 0.009 * mean - rounding:
        assert trend == "flat"


@pytest.mark.parametrize(
    ("series", "expected"),
    [
        ([0.70, 0.72, 0.75, 0.78], "rising"),  # service level recovering
        ([7480.0, 7000.0, 6100.0], "falling"),  # e-mail wait shrinking
        ([0.90, 0.905, 0.90, 0.905], "flat"),  # within 1 % of the level
        ([0.5], None),  # one month is no trend
    ],
)
def test_examples(series: list[float], expected: str | None) -> None:
    assert value_trend(series) == expected
