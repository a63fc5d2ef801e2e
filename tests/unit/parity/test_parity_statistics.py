"""Statistics of the parity audit against reference libraries and published examples."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats
from statsmodels.stats.contingency_tables import StratifiedTable
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import proportion_confint, proportions_ztest

from fairshore.parity.statistics import (
    StratumTable,
    benjamini_hochberg,
    bootstrap_quantile_interval,
    cliffs_delta,
    cliffs_magnitude,
    fisher_exact,
    mann_whitney,
    mantel_haenszel,
    mantel_haenszel_odds_ratio,
    proportion_test,
    two_proportion_z,
    van_elteren,
    weighted_quantile,
    wilson_interval,
)


@pytest.mark.parametrize(("k", "n"), [(81, 263), (0, 10), (10, 10), (1, 3), (500, 1000)])
def test_wilson_matches_statsmodels(k: int, n: int) -> None:
    lo, hi = wilson_interval(k, n)
    ref = proportion_confint(k, n, alpha=0.05, method="wilson")
    assert lo == pytest.approx(ref[0], abs=1e-12)
    assert hi == pytest.approx(ref[1], abs=1e-12)


def test_wilson_hand_computed() -> None:
    # by hand: p = 0.5, n = 100, z = 1.959964: centre 0.5, half 0.0961/1.0384 = 0.0962
    lo, hi = wilson_interval(50, 100)
    assert (lo, hi) == pytest.approx((0.4038, 0.5962), abs=1e-4)


def test_two_proportion_z_matches_statsmodels() -> None:
    res = two_proportion_z(72, 100, 68, 120)
    z, p = proportions_ztest([72, 68], [100, 120])
    assert res.statistic == pytest.approx(z)
    assert res.p_value == pytest.approx(p)


def test_fisher_lady_tasting_tea() -> None:
    # Fisher (1935): 3 of 4 cups right each way, two-sided p = 34/70 = 0.4857
    res = fisher_exact(3, 4, 1, 4)
    assert res.p_value == pytest.approx(34 / 70)
    assert res.p_value == pytest.approx(stats.fisher_exact([[3, 1], [1, 3]]).pvalue)


def test_small_counts_use_fisher() -> None:
    assert proportion_test(3, 4, 1, 4).method == "fisher_exact"
    assert proportion_test(300, 400, 100, 400).method == "two_proportion_z"


def test_mann_whitney_matches_scipy() -> None:
    rng = np.random.default_rng(1)
    x, y = rng.exponential(30, 200), rng.exponential(40, 150)
    ref = stats.mannwhitneyu(x, y, alternative="two-sided", method="asymptotic")
    res = mann_whitney(x, y)
    assert (res.statistic, res.p_value) == pytest.approx((ref.statistic, ref.pvalue))


def test_cliffs_delta_hand_case() -> None:
    # pairs of (1,2,3) x (2,4): one greater (3>2), four smaller, one tie -> (1 - 4) / 6
    assert cliffs_delta([1, 2, 3], [2, 4]) == pytest.approx(-0.5)
    assert cliffs_delta([5, 6], [1, 2]) == 1.0
    assert cliffs_magnitude(0.2) == "small"
    assert cliffs_magnitude(-0.5) == "large"


@settings(max_examples=50, deadline=None)
@given(
    st.lists(st.integers(0, 20), min_size=1, max_size=30),
    st.lists(st.integers(0, 20), min_size=1, max_size=30),
)
def test_cliffs_delta_is_rescaled_mann_whitney_u(x: list[int], y: list[int]) -> None:
    # delta = 2 U / (m n) - 1 with U counting ties as 1/2 (Cliff 1993; scipy's U1)
    u = stats.mannwhitneyu(x, y, method="asymptotic").statistic if len(set(x + y)) > 1 else None
    expected = 0.0 if u is None else 2 * u / (len(x) * len(y)) - 1
    assert cliffs_delta(x, y) == pytest.approx(expected)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.floats(0, 1), min_size=1, max_size=40))
def test_benjamini_hochberg_matches_statsmodels(p: list[float]) -> None:
    ours = benjamini_hochberg(p)
    ref = multipletests(p, method="fdr_bh")[1]
    np.testing.assert_allclose(ours, ref, rtol=1e-10, atol=1e-12)


def test_benjamini_hochberg_skips_nan() -> None:
    out = benjamini_hochberg([0.01, math.nan, 0.04])
    assert math.isnan(out[1])
    np.testing.assert_allclose(out[[0, 2]], multipletests([0.01, 0.04], method="fdr_bh")[1])


def _tables() -> list[StratumTable]:
    return [StratumTable(20, 50, 10, 50), StratumTable(5, 30, 3, 40), StratumTable(40, 60, 30, 60)]


def test_mantel_haenszel_matches_statsmodels() -> None:
    tables = _tables()
    arrays = [np.array([[t.k1, t.n1 - t.k1], [t.k2, t.n2 - t.k2]]) for t in tables]
    ref = StratifiedTable(arrays)
    res = mantel_haenszel(tables, correction=True)
    null = ref.test_null_odds(correction=True)
    assert (res.statistic, res.p_value) == pytest.approx((null.statistic, null.pvalue))
    assert mantel_haenszel_odds_ratio(tables) == pytest.approx(ref.oddsratio_pooled)


def test_van_elteren_one_stratum_is_mann_whitney() -> None:
    rng = np.random.default_rng(3)
    x, y = rng.integers(0, 30, 80).astype(float), rng.integers(5, 35, 60).astype(float)
    ref = stats.mannwhitneyu(x, y, use_continuity=False, method="asymptotic")
    assert van_elteren([(x, y)]).p_value == pytest.approx(ref.pvalue)


def test_weighted_quantile_with_equal_weights_is_the_inverted_cdf() -> None:
    xs = np.array([5.0, 1.0, 3.0, 9.0, 7.0, 2.0])
    for q in (0.1, 0.5, 0.9):
        expected = np.quantile(xs, q, method="inverted_cdf")
        assert weighted_quantile(xs, np.ones(6), q) == expected


def test_bootstrap_interval_is_seeded_and_covers_the_median() -> None:
    xs = np.random.default_rng(0).exponential(30, 500)
    a = bootstrap_quantile_interval(xs, 0.5, seed=7)
    assert a == bootstrap_quantile_interval(xs, 0.5, seed=7)
    assert a[0] < np.median(xs) < a[1]


def test_order_statistic_bootstrap_matches_brute_force_resampling() -> None:
    # brute force: resample n values, take the inverted-CDF quantile, 4000 times
    xs = np.random.default_rng(2).exponential(30, 400)
    rng = np.random.default_rng(5)
    idx = rng.integers(0, xs.size, size=(4000, xs.size))
    brute = np.quantile(xs[idx], 0.9, axis=1, method="inverted_cdf")
    ref = np.quantile(brute, [0.025, 0.975])
    fast = bootstrap_quantile_interval(xs, 0.9, resamples=4000, seed=1)
    spread = ref[1] - ref[0]
    assert fast == pytest.approx(tuple(ref), abs=0.1 * spread)
