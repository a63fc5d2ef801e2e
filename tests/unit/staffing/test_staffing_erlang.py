"""Erlang B/C/A against published worked examples and queueing invariants."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from scipy import special

from fairshore.errors import StaffingError
from fairshore.staffing.erlang import erlang_a, erlang_b, erlang_c


def erlang_b_recursion(n: int, a: float) -> float:
    """The textbook recursion B_k = A B_{k-1} / (k + A B_{k-1}) (queueing-oracles.md)."""
    b = 1.0
    for k in range(1, n + 1):
        b = a * b / (k + a * b)
    return b


# --- Published examples (reference/queueing-oracles.md) -------------------------------


def test_e1_pyworkforce_readme_and_cran_erlangc() -> None:
    # E1: 100 calls / 30 min, AHT 180 s, T = 20 s, N = 14 (pyworkforce README; CRAN ErlangC)
    r = erlang_c(100, agents=14, aht_s=180, interval_s=1800, threshold_s=20).row()
    assert r.load_erlangs == pytest.approx(10.0)
    assert r.p_wait == pytest.approx(0.1741319, abs=5e-8)
    assert r.service_level == pytest.approx(0.88835, abs=5e-6)
    assert r.asa_s == pytest.approx(7.8359, abs=5e-5)
    assert r.occupancy == pytest.approx(0.7142857, abs=5e-8)


def test_e1_with_eleven_agents() -> None:
    r = erlang_c(100, agents=11, aht_s=180, interval_s=1800, threshold_s=20).row()
    assert r.p_wait == pytest.approx(0.6821182, abs=5e-8)
    assert r.service_level == pytest.approx(0.3896138, abs=5e-8)


def test_e2_call_center_tools_at_forty_agents() -> None:
    # E2: 1000 calls / hour, AHT 120 s, T = 20 s (PyPI call-center-tools)
    r = erlang_c(1000, agents=40, aht_s=120, interval_s=3600, threshold_s=20).row()
    assert r.p_wait == pytest.approx(0.1907, abs=5e-5)
    assert r.service_level == pytest.approx(0.9372, abs=5e-5)
    assert r.asa_s == pytest.approx(3.43, abs=5e-3)
    assert r.occupancy == pytest.approx(0.8333, abs=5e-5)


def test_e6_erlang_a_pyworkforce_suite() -> None:
    # E6: 100 calls / 30 min, AHT 3 min, patience 5 min, N = 14, T = 20 s (pyworkforce tests)
    r = erlang_a(100, agents=14, aht_s=180, interval_s=1800, patience_s=300, threshold_s=20).row()
    assert r.p_wait == pytest.approx(0.14526, abs=5e-6)
    assert r.p_abandon == pytest.approx(0.013984, abs=5e-7)
    assert r.occupancy == pytest.approx(0.704297, abs=5e-7)
    assert r.asa_s / 60 == pytest.approx(0.069919, abs=5e-7)
    assert r.service_level == pytest.approx(0.916792, abs=5e-7)


# --- Erlang B: recursion, non-integer agents, scale -------------------------------------


@pytest.mark.parametrize("a", [0.5, 3.0, 10.0, 47.3, 150.0, 900.0])
def test_gamma_form_equals_recursion_at_integers(a: float) -> None:
    ns = np.arange(1, 260)
    got = erlang_b(ns, a)
    want = [erlang_b_recursion(int(n), a) for n in ns]
    np.testing.assert_allclose(got, want, rtol=1e-9, atol=1e-300)


def test_non_integer_agents_lie_between_neighbours() -> None:
    n = np.linspace(5, 20, 151)
    b = erlang_b(n, 10.0)
    assert np.all(np.diff(b) < 0)  # blocking falls smoothly as agents grow
    c = erlang_c(100, agents=14.5, aht_s=180, interval_s=1800).row()
    c14 = erlang_c(100, agents=14, aht_s=180, interval_s=1800).row()
    c15 = erlang_c(100, agents=15, aht_s=180, interval_s=1800).row()
    assert c15.service_level > c.service_level > c14.service_level


def test_hundred_thousand_agents() -> None:
    n, a = 100_000, 99_000.0
    assert float(erlang_b(n, a)) == pytest.approx(erlang_b_recursion(n, a), rel=1e-8)
    # Halfin-Whitt: N = A + beta sqrt(A), P(wait) ~ [1 + beta Phi(beta) / phi(beta)]^-1
    beta = (n - a) / math.sqrt(a)
    phi = math.exp(-beta * beta / 2) / math.sqrt(2 * math.pi)
    big_phi = 0.5 * (1 + math.erf(beta / math.sqrt(2)))
    r = erlang_c(a, agents=n, aht_s=1.0, interval_s=1.0).row()
    # the approximation's error is O(1/sqrt(A)) relative to its own small tail value
    assert r.p_wait == pytest.approx(1 / (1 + beta * big_phi / phi), rel=0.05)
    assert 0 <= r.service_level <= 1


def test_load_far_above_agents_uses_the_series() -> None:
    for n, a in [(10, 1000.0), (50, 5000.0), (3, 2000.0)]:
        assert float(erlang_b(n, a)) == pytest.approx(erlang_b_recursion(n, a), rel=1e-10)


# --- Overload and bad input -------------------------------------------------------------


def test_overloaded_erlang_c_is_honest() -> None:
    r = erlang_c([100, 100, 100], agents=[9, 10, 14], aht_s=180, interval_s=1800)
    assert list(r.p_wait[:2]) == [1.0, 1.0]
    assert list(r.service_level[:2]) == [0.0, 0.0]
    assert np.all(np.isinf(r.asa_s[:2]))
    assert r.service_level[2] > 0.8
    assert np.all(r.asa_s >= 0)


def test_overloaded_erlang_a_is_stable() -> None:
    r = erlang_a(1000, agents=10, aht_s=180, interval_s=1800, patience_s=60).row()
    assert 0 < r.p_abandon < 1  # type: ignore[operator]
    assert r.p_wait == pytest.approx(1.0, abs=1e-6)
    assert 0 <= r.service_level < 0.2


def test_zero_calls() -> None:
    r = erlang_c(0, agents=3, aht_s=180, interval_s=1800).row()
    assert (r.p_wait, r.service_level, r.asa_s, r.occupancy) == (0.0, 1.0, 0.0, 0.0)


def test_bad_input_raises_staffing_error() -> None:
    with pytest.raises(StaffingError):
        erlang_c(10, agents=-1, aht_s=180, interval_s=1800)
    with pytest.raises(StaffingError):
        erlang_c(10, agents=3, aht_s=0, interval_s=1800)
    with pytest.raises(StaffingError):
        erlang_a(10, agents=3, aht_s=180, interval_s=1800, patience_s=0)


# --- Invariants (hypothesis) --------------------------------------------------------------

loads = st.floats(min_value=0.1, max_value=400.0)


@settings(max_examples=60, deadline=None)
@given(a=loads, extra=st.integers(min_value=1, max_value=60), t=st.floats(0, 120))
def test_service_level_rises_with_agents(a: float, extra: int, t: float) -> None:
    n = np.arange(math.floor(a) + 1, math.floor(a) + 1 + extra + 1)
    r = erlang_c(a, agents=n, aht_s=1.0, interval_s=1.0, threshold_s=t / 100)
    assert np.all(np.diff(r.service_level) >= -1e-12)
    assert np.all(np.diff(r.p_wait) <= 1e-12)


@settings(max_examples=30, deadline=None)
@given(a=st.floats(0.5, 60.0), extra=st.integers(1, 15))
def test_erlang_a_service_level_rises_with_agents(a: float, extra: int) -> None:
    n = np.arange(1, math.ceil(a) + extra + 1)
    r = erlang_a(a * 10, agents=n, aht_s=60.0, interval_s=600.0, patience_s=90.0)
    assert np.all(np.diff(r.service_level) >= -1e-9)


@settings(max_examples=15, deadline=None)
@given(a=st.floats(0.5, 80.0), margin=st.integers(1, 20))
def test_erlang_a_tends_to_erlang_c_as_patience_grows(a: float, margin: int) -> None:
    n = math.floor(a) + margin
    c = erlang_c(a, agents=n, aht_s=100.0, interval_s=100.0, threshold_s=20.0).row()
    gaps = []
    for patience in (1e4, 1e6, 1e8):
        r = erlang_a(a, agents=n, aht_s=100.0, interval_s=100.0, patience_s=patience).row()
        gaps.append(abs(r.p_wait - c.p_wait) + abs(r.service_level - c.service_level))
    assert gaps[2] <= gaps[1] + 1e-9 <= gaps[0] + 2e-9
    assert gaps[2] < 2e-3
    assert r.p_abandon == pytest.approx(0.0, abs=1e-3)


def _birth_death(n: int, lam: float, mu: float, theta: float, states: int) -> np.ndarray:
    """Stationary law of M/M/N+M by direct products of the birth-death rates."""
    death = np.array([min(k, n) * mu + max(k - n, 0) * theta for k in range(1, states)])
    log_p = np.concatenate([[0.0], np.cumsum(np.log(lam) - np.log(death))])
    p = np.exp(log_p - log_p.max())
    return p / p.sum()


@settings(max_examples=40, deadline=None)
@given(a=st.floats(0.5, 40.0), margin=st.integers(1, 10))
def test_littles_law_erlang_c(a: float, margin: int) -> None:
    n, lam, aht = math.floor(a) + margin, a / 60.0, 60.0
    # The truncated chain below needs rho clear of 1 to hold all the probability mass.
    assume(a / n < 0.995)
    states = n + 200_000
    k = np.arange(states)
    # M/M/N: pi_k proportional to A^k / k! below N, then geometric with rho above
    log_p = np.where(
        k <= n,
        k * math.log(a) - special.gammaln(k + 1.0),
        n * math.log(a) - math.lgamma(n + 1) + (k - n) * math.log(a / n),
    )
    pi = np.exp(log_p - log_p.max())
    pi /= pi.sum()
    queue_length = float(np.sum(np.maximum(k - n, 0) * pi))
    r = erlang_c(lam * 3600, agents=n, aht_s=aht, interval_s=3600).row()
    assert queue_length == pytest.approx(lam * r.mean_wait_s, rel=1e-6, abs=1e-10)


@settings(max_examples=40, deadline=None)
@given(a=st.floats(0.5, 40.0), n=st.integers(1, 50), patience=st.floats(10.0, 2000.0))
def test_littles_law_erlang_a(a: float, n: int, patience: float) -> None:
    aht = 60.0
    lam = a / aht
    pi = _birth_death(n, lam, 1 / aht, 1 / patience, n + 6000)
    k = np.arange(pi.size)
    queue_length = float(np.sum(np.maximum(k - n, 0) * pi))
    r = erlang_a(lam * 3600, agents=n, aht_s=aht, interval_s=3600, patience_s=patience)
    assert queue_length == pytest.approx(lam * float(r.mean_wait_s), rel=1e-6, abs=1e-10)
    # P(wait) is the mass at or above N (PASTA)
    assert float(r.p_wait) == pytest.approx(float(pi[n:].sum()), rel=1e-6, abs=1e-12)


@settings(max_examples=20, deadline=None)
@given(
    calls=st.lists(st.floats(0, 500), min_size=1, max_size=8),
    agents=st.integers(1, 60),
    patience=st.floats(30, 900),
)
def test_erlang_a_vectorised_equals_one_at_a_time(
    calls: list[float], agents: int, patience: float
) -> None:
    many = erlang_a(calls, agents=agents, aht_s=240, interval_s=1800, patience_s=patience)
    for i, c in enumerate(calls):
        one = erlang_a(c, agents=agents, aht_s=240, interval_s=1800, patience_s=patience).row()
        assert many.service_level[i] == pytest.approx(one.service_level, abs=1e-12)
        assert many.p_abandon[i] == pytest.approx(one.p_abandon, abs=1e-12)  # type: ignore[index]
