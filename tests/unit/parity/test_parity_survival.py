"""Kaplan-Meier on the textbook 6-MP leukaemia remission data, and against lifelines."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fairshore.parity.survival import kaplan_meier, logrank_test

# Freireich et al. (1963), 6-MP arm as in Gehan (1965) and Kleinbaum & Klein, "Survival
# Analysis" ch. 2: weeks in remission, False = censored.
WEEKS = [6, 6, 6, 6, 7, 9, 10, 10, 11, 13, 16, 17, 19, 20, 22, 23, 25, 32, 32, 34, 35]
RELAPSED = [True, True, True, False, True, False, True, False, False, True, True, False,
            False, False, True, True, False, False, False, False, False]  # fmt: skip


def test_km_textbook_values() -> None:
    km = kaplan_meier(WEEKS, RELAPSED)
    published = {6: 0.857, 7: 0.807, 10: 0.753, 13: 0.690, 16: 0.627, 22: 0.538, 23: 0.448}
    for t, s in published.items():
        assert km.survival_at(t) == pytest.approx(s, abs=5e-4)
    assert km.quantile(0.5) == 23
    assert km.n == 21 and km.n_events == 9


def test_km_matches_lifelines_on_the_textbook_data() -> None:
    from lifelines import KaplanMeierFitter

    fit = KaplanMeierFitter().fit(WEEKS, RELAPSED)
    km = kaplan_meier(WEEKS, RELAPSED)
    for t in km.times:
        assert km.survival_at(t) == pytest.approx(float(fit.survival_function_at_times(t).iloc[0]))
    assert km.quantile(0.5) == fit.median_survival_time_


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 50), st.booleans()), min_size=1, max_size=60))
def test_km_matches_lifelines(data: list[tuple[int, bool]]) -> None:
    from lifelines import KaplanMeierFitter

    durations = [d for d, _ in data]
    events = [e for _, e in data]
    fit = KaplanMeierFitter().fit(durations, events)
    km = kaplan_meier(durations, events)
    grid = np.arange(0, 52)
    ours = [km.survival_at(t) for t in grid]
    ref = fit.survival_function_at_times(grid).to_numpy()
    np.testing.assert_allclose(ours, ref, atol=1e-12)


def test_km_without_censoring_is_the_empirical_survival() -> None:
    km = kaplan_meier([10, 20, 30, 40], [True] * 4)
    assert [km.survival_at(t) for t in (10, 20, 30, 40)] == pytest.approx([0.75, 0.5, 0.25, 0])


# Freireich et al. (1963) placebo arm: every patient relapsed.
PLACEBO = [1, 1, 2, 2, 3, 4, 4, 5, 5, 8, 8, 8, 8, 11, 11, 12, 12, 15, 17, 22, 23]


@pytest.mark.filterwarnings("ignore:Starting with pandas version 4.0")  # inside lifelines
def test_logrank_textbook_and_lifelines() -> None:
    from lifelines.statistics import logrank_test as lifelines_logrank

    chi2, p = logrank_test(WEEKS, RELAPSED, PLACEBO, [True] * 21)
    # Kleinbaum & Klein, "Survival Analysis" ch. 2: log-rank chi-square 16.79 on these data
    assert chi2 == pytest.approx(16.79, abs=0.01)
    ref = lifelines_logrank(WEEKS, PLACEBO, RELAPSED, [True] * 21)
    assert (chi2, p) == pytest.approx((ref.test_statistic, ref.p_value))
