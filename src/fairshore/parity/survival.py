"""Kaplan-Meier estimates of waiting-time distributions censored by abandonment.

A caller who hangs up after 90 s did not get an answer at 90 s: their wait was *at
least* 90 s. Dropping abandoned calls makes a badly served group look better (its
patient callers are answered, its impatient ones vanish); counting the abandon time
as the wait does too. Kaplan-Meier treats the abandon as a right-censored wait.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from fairshore.parity.statistics import FloatArray


@dataclass(frozen=True)
class KaplanMeier:
    """A Kaplan-Meier survival curve S(t) = P(wait > t).

    Attributes
    ----------
    times:
        Distinct event times (answers), ascending.
    survival:
        S(t) just after each of ``times``.
    at_risk, events:
        Numbers at risk and answered at each time.
    n, n_events:
        Sample size and number of observed (uncensored) waits.
    """

    times: FloatArray
    survival: FloatArray
    at_risk: FloatArray
    events: FloatArray
    n: int
    n_events: int

    def quantile(self, q: float) -> float:
        """The wait by which a share ``q`` of customers were answered (NaN if never reached).

        The median is ``quantile(0.5)``: the smallest t with S(t) <= 0.5.
        """
        reached = np.nonzero(self.survival <= 1 - q + 1e-12)[0]
        return float(self.times[reached[0]]) if reached.size else math.nan

    def survival_at(self, t: float) -> float:
        """S(t): the share of customers still waiting after ``t`` seconds."""
        idx = int(np.searchsorted(self.times, t, side="right")) - 1
        return 1.0 if idx < 0 else float(self.survival[idx])


def kaplan_meier(durations: ArrayLike, observed: ArrayLike) -> KaplanMeier:
    """Fit the Kaplan-Meier product-limit estimator.

    Parameters
    ----------
    durations:
        Wait of every customer, seconds: until answered, or until abandoning.
    observed:
        True where the wait ended in an answer, False where it was censored.

    Notes
    -----
    At tied times events are counted before censorings (the usual convention).
    """
    d = np.asarray(durations, dtype=np.float64)
    e = np.asarray(observed, dtype=bool)
    if d.size == 0:
        empty = np.empty(0)
        return KaplanMeier(empty, empty, empty, empty, 0, 0)
    order = np.argsort(d, kind="stable")
    d, e = d[order], e[order]
    times, first = np.unique(d, return_index=True)
    events = np.add.reduceat(e.astype(np.float64), first)
    at_risk = d.size - first.astype(np.float64)
    # Kaplan & Meier (1958): S(t) = prod over t_i <= t of (1 - d_i / n_i)
    survival = np.cumprod(1.0 - events / at_risk).astype(np.float64)
    keep = events > 0
    return KaplanMeier(
        times=times[keep],
        survival=survival[keep],
        at_risk=at_risk[keep],
        events=events[keep],
        n=int(d.size),
        n_events=int(e.sum()),
    )


def logrank_test(
    durations_a: ArrayLike, observed_a: ArrayLike, durations_b: ArrayLike, observed_b: ArrayLike
) -> tuple[float, float]:
    """Two-sample log-rank test of equal survival curves: (chi-square on 1 df, p-value).

    The honest test of waits censored by abandonment, reported beside Mann-Whitney.
    """
    from scipy import stats

    d = np.concatenate([np.asarray(durations_a, np.float64), np.asarray(durations_b, np.float64)])
    e = np.concatenate([np.asarray(observed_a, bool), np.asarray(observed_b, bool)])
    in_a = np.concatenate(
        [np.ones(np.size(durations_a), bool), np.zeros(np.size(durations_b), bool)]
    )
    if d.size == 0 or not e.any():
        return (math.nan, math.nan)
    order = np.argsort(d, kind="stable")
    d, e, in_a = d[order], e[order], in_a[order]
    _, first = np.unique(d, return_index=True)
    n_t = d.size - first.astype(np.float64)
    n_a = np.cumsum(in_a[::-1])[::-1][first].astype(np.float64)
    d_t = np.add.reduceat(e.astype(np.float64), first)
    d_a = np.add.reduceat((e & in_a).astype(np.float64), first)
    # Mantel (1966): O - E and hypergeometric variance summed over event times
    expected = d_t * n_a / n_t
    with np.errstate(invalid="ignore", divide="ignore"):
        var = np.where(n_t > 1, d_t * (n_a / n_t) * (1 - n_a / n_t) * (n_t - d_t) / (n_t - 1), 0.0)
    total = float(var.sum())
    if total <= 0:
        return (math.nan, math.nan)
    chi2 = float((d_a.sum() - expected.sum()) ** 2 / total)
    return (chi2, float(stats.chi2.sf(chi2, 1)))
