"""The generator's queueing and arrivals against sources nobody here wrote."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from fairshore.demo.arrivals import INTERVALS, intraday_curve, sample_arrivals
from fairshore.demo.queueing import BusinessClock, email_backlog, simulate_fcfs, sqrt_staffing


def test_arrivals_per_hour_follow_the_curve() -> None:
    # Pearson chi-square goodness of fit (scipy.stats.chisquare) of hourly totals.
    curve = intraday_curve("voice", 8 * 3600, 22 * 3600)
    rates = 400 * curve
    rng = np.random.default_rng(3)
    hours = np.zeros(24)
    days = 60
    for d in range(days):
        t = sample_arrivals(rng, rates, float(d * 86400))
        hours += np.bincount(((t - d * 86400) // 3600).astype(int), minlength=24)
    expected = days * rates.reshape(24, 4).sum(axis=1)
    open_hours = expected > 0
    assert hours[~open_hours].sum() == 0
    scaled = expected[open_hours] * hours.sum() / expected.sum()
    assert stats.chisquare(hours[open_hours], scaled).pvalue > 0.001


def test_curve_is_double_peaked() -> None:
    curve = intraday_curve("voice", 0, 86400).reshape(24, 4).sum(axis=1)
    peaks = [h for h in range(1, 23) if curve[h] > curve[h - 1] and curve[h] >= curve[h + 1]]
    assert len(peaks) == 2
    assert len(intraday_curve("chat", 0, 86400)) == INTERVALS


def _erlang_c(a: float, n: int) -> float:
    b = 1.0
    for k in range(1, n + 1):
        b = a * b / (k + a * b)
    return b / (1 - (a / n) * (1 - b))


def test_square_root_staffing_matches_halfin_whitt() -> None:
    # Halfin and Whitt (1981): P(wait) -> [1 + beta Phi(beta) / phi(beta)]^-1 as A grows.
    beta, load = 1.0, 400.0
    n = int(sqrt_staffing(np.array([load]), beta=beta)[0])
    assert n == math.ceil(load + beta * math.sqrt(load))
    limit = 1 / (1 + beta * stats.norm.cdf(beta) / stats.norm.pdf(beta))
    assert abs(_erlang_c(load, n) - limit) < 0.02


def _day(rng: np.random.Generator, lam: float, aht: float) -> tuple[np.ndarray, ...]:
    n = rng.poisson(lam * 86400)
    t = np.sort(np.floor(rng.uniform(0, 86400, n)))
    return t, aht * np.exp(rng.normal(0, 0.5, n)), rng.exponential(300, n)


def test_waits_rise_when_staffing_falls() -> None:
    rng = np.random.default_rng(11)
    arrivals, handle, patience = _day(rng, lam=10 / 360, aht=360)
    outcomes = [
        simulate_fcfs(arrivals, handle, patience, np.full(96, n), midnight_epoch=0.0)
        for n in (14, 12, 10, 9)
    ]
    waits = [o.wait[o.answered].mean() for o in outcomes]
    abandoned = [(~o.answered).mean() for o in outcomes]
    assert waits == sorted(waits) and waits[-1] > 3 * waits[0]
    assert abandoned == sorted(abandoned) and abandoned[-1] > abandoned[0]


def test_single_server_without_abandonment_is_mm1() -> None:
    # M/M/1: mean wait in queue rho / (1 - rho) * h (Kleinrock, Queueing Systems I, 1975).
    rng = np.random.default_rng(5)
    h, rho, horizon = 100.0, 0.5, 3 * 10**6
    n = rng.poisson(rho / h * horizon)
    t = np.sort(rng.uniform(0, horizon, n))
    out = simulate_fcfs(
        t, rng.exponential(h, n), np.full(n, np.inf), np.ones(1, dtype=np.int64), midnight_epoch=0.0
    )
    assert abs(out.wait.mean() - rho / (1 - rho) * h) < 0.1 * h


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.tuples(st.floats(0, 500), st.floats(1, 100)), min_size=1, max_size=40),
    st.floats(0, 300),
)
def test_email_backlog_is_lindley(items: list[tuple[float, float]], carry: float) -> None:
    gaps, work = np.array(items).T
    arrivals = np.cumsum(gaps)
    done, last = email_backlog(arrivals, work, carry=carry)
    r = carry
    for i, (a, s) in enumerate(zip(arrivals, work, strict=True)):
        r = max(a, r) + s
        assert math.isclose(done[i], r, rel_tol=1e-9, abs_tol=1e-6)
    assert math.isclose(last, r, rel_tol=1e-9, abs_tol=1e-6)


def test_business_clock_round_trip() -> None:
    from datetime import date

    from fairshore.demo.arrivals import day_plans
    from fairshore.demo.scenario import demo_scenario

    eng = demo_scenario().engagement("telco-krk")
    plans = day_plans(eng, date(2026, 3, 1), date(2026, 3, 31))
    clock = BusinessClock(plans)
    b = np.linspace(0, clock.after[-1] - 1, 50)
    assert np.allclose(clock.to_business(clock.to_calendar(b)), b)


@settings(max_examples=60, deadline=None)
@given(st.floats(0, 500), st.floats(-2, 3), st.floats(0, 2))
def test_more_margin_never_means_fewer_agents(load: float, beta: float, extra: float) -> None:
    low = sqrt_staffing(np.array([load]), beta=beta)[0]
    high = sqrt_staffing(np.array([load]), beta=beta + extra)[0]
    assert low <= high
    assert (low >= 1) == (load > 0)
