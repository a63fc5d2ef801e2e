"""The statistics of a parity audit: intervals, tests, effect sizes, FDR control.

Pure functions over counts and NumPy arrays; no I/O, no engine. Each formula cites its
source in one line; the unit tests check each against a reference library or a
published worked example.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import stats

FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class TestResult:
    """A hypothesis test: the method used, its statistic and two-sided p-value."""

    method: str
    statistic: float
    p_value: float


def wilson_interval(successes: int, n: int, *, confidence: float = 0.95) -> tuple[float, float]:
    """Wilson score interval of a proportion (NaNs when ``n`` is 0).

    Examples
    --------
    >>> lo, hi = wilson_interval(81, 263)
    >>> round(lo, 4), round(hi, 4)
    (0.2553, 0.3662)
    """
    if n <= 0:
        return (math.nan, math.nan)
    z = float(stats.norm.ppf(0.5 + confidence / 2))
    p = successes / n
    # Wilson (1927): centre (p + z²/2n) / (1 + z²/n), half z·sqrt(p(1-p)/n + z²/4n²) / (1 + z²/n)
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    lo = 0.0 if successes == 0 else max(0.0, centre - half)
    hi = 1.0 if successes == n else min(1.0, centre + half)
    return (lo, hi)


def two_proportion_z(k1: int, n1: int, k2: int, n2: int) -> TestResult:
    """Two-sided pooled two-proportion z-test of p1 = p2."""
    if min(n1, n2) <= 0:
        return TestResult("two_proportion_z", math.nan, math.nan)
    pooled = (k1 + k2) / (n1 + n2)
    # pooled standard error sqrt(p(1-p)(1/n1 + 1/n2)) (e.g. Agresti, Categorical Data Analysis §3.1)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    if se == 0:
        return TestResult("two_proportion_z", 0.0, 1.0)
    z = (k1 / n1 - k2 / n2) / se
    return TestResult("two_proportion_z", z, float(2 * stats.norm.sf(abs(z))))


def fisher_exact(k1: int, n1: int, k2: int, n2: int) -> TestResult:
    """Two-sided Fisher exact test of the 2x2 table (k1, n1-k1; k2, n2-k2)."""
    res = stats.fisher_exact(np.array([[k1, n1 - k1], [k2, n2 - k2]]))
    return TestResult("fisher_exact", float(res.statistic), float(res.pvalue))


def proportion_test(k1: int, n1: int, k2: int, n2: int, *, min_expected: float = 5.0) -> TestResult:
    """Two-proportion z-test, or Fisher's exact test when an expected cell is below 5."""
    total = n1 + n2
    if total == 0 or min(n1, n2) == 0:
        return TestResult("none", math.nan, math.nan)
    successes = k1 + k2
    expected = [n * share for n in (n1, n2) for share in (successes / total, 1 - successes / total)]
    # Cochran's rule: the normal approximation needs every expected count >= 5
    if min(expected) < min_expected:
        return fisher_exact(k1, n1, k2, n2)
    return two_proportion_z(k1, n1, k2, n2)


def cliffs_delta(x: ArrayLike, y: ArrayLike) -> float:
    """Cliff's delta: P(X > Y) - P(X < Y), from -1 to 1 (0 when either sample is empty).

    Computed by sorting, in O((m + n) log n).
    """
    xs = np.asarray(x, dtype=np.float64)
    ys = np.sort(np.asarray(y, dtype=np.float64))
    if xs.size == 0 or ys.size == 0:
        return 0.0
    # Cliff (1993): delta = (#(x > y) - #(x < y)) / (m n)
    below = np.searchsorted(ys, xs, side="left")  # count of y < x
    above = ys.size - np.searchsorted(ys, xs, side="right")  # count of y > x
    return float((below.sum() - above.sum()) / (xs.size * ys.size))


def cliffs_magnitude(delta: float) -> str:
    """Romano et al. (2006) labels: negligible < 0.147 <= small < 0.33 <= medium < 0.474."""
    d = abs(delta)
    if d < 0.147:
        return "negligible"
    if d < 0.33:
        return "small"
    if d < 0.474:
        return "medium"
    return "large"


def mann_whitney(x: ArrayLike, y: ArrayLike) -> TestResult:
    """Two-sided Mann-Whitney U test (normal approximation with tie correction)."""
    xs = np.asarray(x, dtype=np.float64)
    ys = np.asarray(y, dtype=np.float64)
    if xs.size == 0 or ys.size == 0:
        return TestResult("mann_whitney_u", math.nan, math.nan)
    res = stats.mannwhitneyu(xs, ys, alternative="two-sided", method="asymptotic")
    return TestResult("mann_whitney_u", float(res.statistic), float(res.pvalue))


def benjamini_hochberg(p_values: ArrayLike) -> FloatArray:
    """Benjamini-Hochberg adjusted p-values (NaNs stay NaN and do not count in the family)."""
    p = np.asarray(p_values, dtype=np.float64)
    out = np.full(p.shape, np.nan)
    ok = ~np.isnan(p)
    m = int(ok.sum())
    if m == 0:
        return out
    vals = p[ok]
    order = np.argsort(vals)
    # Benjamini & Hochberg (1995): p_(i) * m / i, made monotone from the largest down
    scaled = vals[order] * m / np.arange(1, m + 1)
    adjusted = np.minimum.accumulate(scaled[::-1])[::-1]
    result = np.empty(m)
    result[order] = np.minimum(adjusted, 1.0)
    out[ok] = result
    return out


def bootstrap_quantile_interval(
    values: ArrayLike,
    q: float,
    *,
    confidence: float = 0.95,
    resamples: int = 2000,
    seed: int = 0,
) -> tuple[float, float]:
    """Percentile bootstrap interval of the ``q`` quantile (seeded, so reproducible).

    The quantile is the inverted-CDF one (the k-th smallest, k = ceil(q n)). Resampling
    n values from the sample and taking their k-th smallest equals mapping the k-th
    smallest of n uniforms, U_(k) ~ Beta(k, n - k + 1), through the sample's inverse
    CDF, so each resample costs O(1) instead of O(n): exact, and fast on large groups.
    """
    xs = np.sort(np.asarray(values, dtype=np.float64))
    n = xs.size
    if n == 0:
        return (math.nan, math.nan)
    rng = np.random.default_rng(seed)
    k = max(1, math.ceil(q * n))
    # Efron & Tibshirani (1993) ch. 13 percentile interval; order statistic U_(k) ~ Beta(k, n-k+1)
    u = rng.beta(k, n - k + 1, size=resamples)
    boot = xs[np.minimum(np.ceil(u * n).astype(np.int64), n) - 1]
    alpha = (1 - confidence) / 2
    lo, hi = np.quantile(boot, [alpha, 1 - alpha])
    return (float(lo), float(hi))


def weighted_quantile(values: ArrayLike, weights: ArrayLike, q: float) -> float:
    """The ``q`` quantile of a weighted sample (inverse of the weighted step CDF)."""
    xs = np.asarray(values, dtype=np.float64)
    ws = np.asarray(weights, dtype=np.float64)
    if xs.size == 0 or ws.sum() <= 0:
        return math.nan
    order = np.argsort(xs, kind="stable")
    cum = np.cumsum(ws[order])
    pos = int(np.searchsorted(cum, q * cum[-1], side="left"))
    return float(xs[order][min(pos, xs.size - 1)])


@dataclass(frozen=True)
class StratumTable:
    """One stratum's 2x2 table: group successes/trials against the rest."""

    k1: int
    n1: int
    k2: int
    n2: int


def mantel_haenszel(tables: list[StratumTable], *, correction: bool = True) -> TestResult:
    """Cochran-Mantel-Haenszel test of no association across strata (1 degree of freedom).

    Strata where either side is empty carry no information and are skipped.
    """
    diff = 0.0
    var = 0.0
    for t in tables:
        n = t.n1 + t.n2
        if t.n1 == 0 or t.n2 == 0 or n < 2:
            continue
        m1 = t.k1 + t.k2
        # Mantel & Haenszel (1959): E[a] = n1 m1 / n, Var[a] = n1 n2 m1 m0 / (n² (n - 1))
        diff += t.k1 - t.n1 * m1 / n
        var += t.n1 * t.n2 * m1 * (n - m1) / (n * n * (n - 1))
    if var <= 0:
        return TestResult("cochran_mantel_haenszel", math.nan, math.nan)
    num = max(abs(diff) - (0.5 if correction else 0.0), 0.0)
    chi2 = num * num / var
    return TestResult("cochran_mantel_haenszel", chi2, float(stats.chi2.sf(chi2, 1)))


def mantel_haenszel_odds_ratio(tables: list[StratumTable]) -> float:
    """The Mantel-Haenszel common odds ratio of group vs rest."""
    num = 0.0
    den = 0.0
    for t in tables:
        n = t.n1 + t.n2
        if n == 0:
            continue
        # MH estimator: sum(a d / n) / sum(b c / n)
        num += t.k1 * (t.n2 - t.k2) / n
        den += (t.n1 - t.k1) * t.k2 / n
    return num / den if den > 0 else math.nan


def van_elteren(groups: list[tuple[FloatArray, FloatArray]]) -> TestResult:
    """Van Elteren's stratified Wilcoxon test: one (x, y) pair of samples per stratum.

    Each stratum's rank sum is weighted 1/(N_s + 1), the locally most powerful choice.
    """
    stat = 0.0
    expected = 0.0
    var = 0.0
    for x, y in groups:
        m, k = x.size, y.size
        if m == 0 or k == 0:
            continue
        n = m + k
        ranks = stats.rankdata(np.concatenate([x, y]))
        w = ranks[:m].sum()
        _, counts = np.unique(ranks, return_counts=True)
        ties = float((counts**3 - counts).sum())
        # van Elteren (1960); tie-corrected variance of the rank sum (Lehmann, Nonparametrics §1.4)
        stat += w / (n + 1)
        expected += m / 2
        var += m * k * ((n + 1) - ties / (n * (n - 1))) / (12 * (n + 1) ** 2)
    if var <= 0:
        return TestResult("van_elteren", math.nan, math.nan)
    z = (stat - expected) / math.sqrt(var)
    return TestResult("van_elteren", z, float(2 * stats.norm.sf(abs(z))))
