"""Erlang B, Erlang C and Erlang A, vectorised over many intervals at once.

Every function takes NumPy arrays (or scalars) that broadcast together and returns
arrays. Agent counts may be non-integer: Erlang B is computed through the
incomplete-gamma form, which equals the classic recursion at integers and never
computes ``A^N / N!``. Overloaded Erlang C queues (load >= agents) get the honest
answer: everyone waits, nobody is served within the threshold, the wait is infinite.

Notation: ``calls`` arrivals in an interval of ``interval_s`` seconds, ``aht_s`` mean
handle time, load ``A = calls * aht_s / interval_s`` Erlangs, ``agents`` N,
``threshold_s`` the service-level threshold T, ``patience_s`` the mean patience.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from scipy import special

from fairshore.errors import StaffingError
from fairshore.staffing.model import ErlangResult

FloatArray = npt.NDArray[np.float64]
ArrayLike = npt.ArrayLike

# Below this, Q(N+1, A) has lost its relative precision; use the asymptotic series.
_TINY_Q = 1e-250
# Below this, P(x, y) of Erlang A's A(x, y) is summed as a series (see _log_acal).
_SMALL_P = 1e-3
_NEGLIGIBLE_LOAD = 1e-200


def _arr(value: ArrayLike) -> FloatArray:
    return np.asarray(value, dtype=np.float64)


def offered_load(calls: ArrayLike, *, interval_s: ArrayLike, aht_s: ArrayLike) -> FloatArray:
    """Offered load in Erlangs: arrival rate times mean handle time."""
    return _arr(calls) * _arr(aht_s) / _arr(interval_s)


def erlang_b(agents: ArrayLike, load: ArrayLike) -> FloatArray:
    """Blocking probability of M/M/N/N, for any real ``agents >= 0`` and ``load >= 0``.

    Uses B(N, A) = A^N e^-A / Gamma(N + 1, A) (the incomplete-gamma form of the
    recursion B_k = A B_{k-1} / (k + A B_{k-1})), evaluated in log space; where the
    upper incomplete gamma underflows (load far above agents) the asymptotic series
    1/B = sum_k N (N-1) ... (N-k+1) / A^k is summed instead.

    Examples
    --------
    >>> float(erlang_b(14, 10.0))  # doctest: +ELLIPSIS
    0.0568...
    """
    n, a = np.broadcast_arrays(_arr(agents), _arr(load))
    if np.any(n < 0) or np.any(a < 0) or not (np.all(np.isfinite(n)) and np.all(np.isfinite(a))):
        raise StaffingError("Erlang B needs finite, non-negative agents and load")
    out = np.zeros(n.shape, dtype=np.float64)
    out[a > 0] = 1.0  # placeholder, overwritten below where agents > 0
    live = (a > 0) & (n > 0)
    if not np.any(live):
        return out
    nl, al = n[live], a[live]
    q = special.gammaincc(nl + 1.0, al)  # regularised upper incomplete gamma Q(N+1, A)
    # Queueing-oracles.md: B(N, A) = A^N e^-A / Gamma(N + 1, A), in log space.
    log_pmf = special.xlogy(nl, al) - al - special.gammaln(nl + 1.0)
    with np.errstate(divide="ignore"):
        b = np.exp(log_pmf - np.log(q))
    deep = q < _TINY_Q
    if np.any(deep):
        b[deep] = 1.0 / _inverse_b_series(nl[deep], al[deep])
    out[live] = np.clip(b, 0.0, 1.0)
    return out


def _inverse_b_series(n: FloatArray, a: FloatArray) -> FloatArray:
    """1/B = sum_k prod_{i<k} (N - i) / A, for loads far above the agents (A >> N)."""
    total = np.ones_like(a)
    term = np.ones_like(a)
    for k in range(int(np.max(n)) + 2):
        term = term * np.maximum(n - k, 0.0) / a
        total += term
        if np.all(term < 1e-17 * total):
            break
    return total


def erlang_c(
    calls: ArrayLike,
    *,
    agents: ArrayLike,
    aht_s: ArrayLike,
    interval_s: ArrayLike,
    threshold_s: ArrayLike = 20.0,
) -> ErlangResult:
    """Erlang C (M/M/N): probability of waiting, service level, waits and occupancy.

    Overloaded queues (load >= agents) return ``p_wait = 1``, ``service_level = 0``,
    infinite waits and occupancy 1 rather than negative or undefined numbers.

    Examples
    --------
    >>> r = erlang_c(100, agents=14, aht_s=180, interval_s=1800, threshold_s=20)
    >>> round(float(r.service_level), 5)
    0.88835
    """
    a = offered_load(calls, interval_s=interval_s, aht_s=aht_s)
    n, a, h, t = np.broadcast_arrays(_arr(agents), a, _arr(aht_s), _arr(threshold_s))
    _check_inputs(n, a, h, t)
    b = erlang_b(n, a)
    stable = n > a
    idle = a == 0
    with np.errstate(divide="ignore", invalid="ignore"):
        rho = np.where(stable, a / np.where(n > 0, n, 1.0), 1.0)
        # Queueing-oracles.md: C = B / (1 - rho (1 - B)).
        c = np.where(stable, b / (1.0 - rho * (1.0 - b)), 1.0)
        c = np.where(idle, 0.0, np.clip(c, 0.0, 1.0))
        gap = np.where(stable, (n - a) / h, 0.0)  # departures above arrivals, per second
        # SL(T) = 1 - C exp(-(N - A) T / h); E[W] = C h / (N - A) over all arrivals.
        sl = np.where(stable, 1.0 - c * np.exp(-gap * t), 0.0)
        wait = np.where(stable, np.where(c > 0, c / gap, 0.0), np.inf)
    sl = np.where(idle, 1.0, sl)
    wait = np.where(idle, 0.0, wait)
    occupancy = np.where(idle, 0.0, np.minimum(rho, 1.0))
    return ErlangResult(
        load_erlangs=a,
        agents=n,
        p_wait=c,
        p_abandon=None,
        service_level=sl,
        asa_s=wait,
        mean_wait_s=wait,
        occupancy=occupancy,
    )


def _check_inputs(n: FloatArray, a: FloatArray, h: FloatArray, t: FloatArray) -> None:
    if np.any(n < 0) or np.any(a < 0) or np.any(t < 0):
        raise StaffingError("agents, calls and the threshold must not be negative")
    if np.any(h <= 0) or not np.all(np.isfinite(h)):
        raise StaffingError("the average handle time must be a positive number of seconds")
    if np.any(~np.isfinite(a)) or np.any(~np.isfinite(n)):
        raise StaffingError("calls, handle time and agents must be finite numbers")


def _log_acal(x: FloatArray, y: FloatArray) -> FloatArray:
    """log of A(x, y) = x e^y y^-x gamma(x, y) (lower incomplete gamma), Mandelbaum-Zeltyn.

    Where the regularised gamma P(x, y) is small (y well below x: patient customers on
    an underloaded queue) it loses relative precision, so the series
    A(x, y) = sum_k y^k / ((x + 1) ... (x + k)) is summed instead.
    """
    p = special.gammainc(x, y)
    with np.errstate(divide="ignore"):
        out: FloatArray = np.array(
            y - special.xlogy(x, y) + special.gammaln(x + 1.0) + np.log(p), dtype=np.float64
        )
    for i in np.flatnonzero(p < _SMALL_P):
        out.flat[i] = _log_acal_series(float(x.flat[i]), float(y.flat[i]))
    return out


def _log_acal_series(x: float, y: float) -> float:
    ratio = y / x  # < 1 here, since P(x, y) is only small when y is below x
    terms = int(min(60.0 / max(1.0 - ratio, 1e-9), 2e6)) + 50
    k = np.arange(1, terms, dtype=np.float64)
    # term_k = prod_{i<=k} y / (x + i), accumulated in logs
    log_t = np.concatenate([[0.0], np.cumsum(np.log(ratio) - np.log1p(k / x))])
    top = float(np.max(log_t))
    return top + float(np.log(np.sum(np.exp(log_t - top))))


def erlang_a(
    calls: ArrayLike,
    *,
    agents: ArrayLike,
    aht_s: ArrayLike,
    interval_s: ArrayLike,
    patience_s: ArrayLike,
    threshold_s: ArrayLike = 20.0,
    service_level: bool = True,
) -> ErlangResult:
    """Erlang A (M/M/N+M): Erlang C with customers who abandon after exponential patience.

    Closed forms of Mandelbaum and Zeltyn for P(wait), P(abandon), E[W] and occupancy;
    the service level (served within T / all arrivals) is summed in closed form over
    queue positions with the regularised incomplete beta function (see
    ``docs/staffing.md``). Stable at any load. ``service_level=False`` skips it.

    Examples
    --------
    >>> r = erlang_a(100, agents=14, aht_s=180, interval_s=1800, patience_s=300)
    >>> round(float(r.p_abandon), 6)
    0.013984
    """
    lam = _arr(calls) / _arr(interval_s)  # arrivals per second
    n, lam, h, t, pat = np.broadcast_arrays(
        _arr(agents), lam, _arr(aht_s), _arr(threshold_s), _arr(patience_s)
    )
    _check_inputs(n, lam * h, h, t)
    if np.any(pat <= 0):
        raise StaffingError("mean patience must be a positive number of seconds")
    if np.any(n <= 0):
        raise StaffingError("Erlang A needs at least one agent (use a positive --agents)")
    mu, theta = 1.0 / h, 1.0 / pat
    a = lam * h
    out = _erlang_a_core(n, lam, mu, theta, a)
    p_wait, p_ab = out
    rho = a / n
    occupancy = rho * (1.0 - p_ab)
    wait = p_ab / theta  # Mandelbaum-Zeltyn: E[W] = P(Ab) / theta over all arrivals
    sl = (
        _erlang_a_service_level(n, lam, mu, theta, t, p_wait)
        if service_level
        else np.full(n.shape, np.nan)
    )
    return ErlangResult(
        load_erlangs=a,
        agents=n,
        p_wait=p_wait,
        p_abandon=p_ab,
        service_level=sl,
        asa_s=wait,
        mean_wait_s=wait,
        occupancy=np.minimum(occupancy, 1.0),
    )


def _erlang_a_core(
    n: FloatArray, lam: FloatArray, mu: FloatArray, theta: FloatArray, a: FloatArray
) -> tuple[FloatArray, FloatArray]:
    """P(W > 0) and P(Ab) by the closed forms of Mandelbaum and Zeltyn (2007)."""
    e1 = erlang_b(n, a)
    idle = a < _NEGLIGIBLE_LOAD  # no arrivals to speak of (avoids overflow in 1 / rho)
    x, y = n * mu / theta, np.where(idle, 1.0, lam / theta)
    inv_acal = np.exp(-_log_acal(x, y))
    # pi_N = E1 / (1 + (Acal - 1) E1); P(W > 0) = Acal pi_N, written with 1/Acal.
    p_wait = e1 / (inv_acal + (1.0 - inv_acal) * e1)
    rho = np.where(idle, 1.0, a / n)
    # P(Ab | W > 0) = 1 / (rho Acal) + 1 - 1/rho
    p_ab_given_wait = np.clip(inv_acal / rho + 1.0 - 1.0 / rho, 0.0, 1.0)
    p_wait = np.where(idle, 0.0, np.clip(p_wait, 0.0, 1.0))
    return p_wait, np.where(idle, 0.0, p_wait * p_ab_given_wait)


def _erlang_a_service_level(
    n: FloatArray,
    lam: FloatArray,
    mu: FloatArray,
    theta: FloatArray,
    t: FloatArray,
    p_wait: FloatArray,
) -> FloatArray:
    """P(served within T) over all arrivals, summed over the queue position met on arrival.

    An arrival finding j others queued is served if its virtual wait V beats its
    patience; V is a sum of exponentials with rates N mu + i theta (i = 0..j), so with
    b = N mu / theta and x = 1 - exp(-theta T):
    P(V <= T, patience > V) = b / (b + j + 1) * I_x(j + 1, b + 1).
    The queue-length law is pi_{N+j} = pi_N (lam/theta)^j Gamma(b+1) / Gamma(b+j+1).
    """
    shape = n.shape
    n, lam, mu, theta, t, p_wait = (
        np.ravel(np.broadcast_to(v, shape)).astype(np.float64)
        for v in (n, lam, mu, theta, t, p_wait)
    )
    out = np.ones(n.shape, dtype=np.float64)
    live = np.flatnonzero((lam > 0) & (p_wait > 0) & (lam / mu >= _NEGLIGIBLE_LOAD))
    if live.size == 0:
        return out.reshape(shape)
    b, y = n[live] * mu[live] / theta[live], lam[live] / theta[live]
    # queue positions worth summing: a Poisson-like tail, e^-72 beyond
    j_max = (np.maximum(0.0, y - b) + 12.0 * (np.sqrt(y) + np.sqrt(b)) + 60.0).astype(np.int64)
    owner = np.repeat(np.arange(live.size), j_max + 1)  # one row per (interval, position)
    starts = np.concatenate([[0], np.cumsum(j_max + 1)[:-1]])
    j = (np.arange(owner.size) - starts[owner]).astype(np.float64)
    bo, yo = b[owner], y[owner]
    log_w = special.xlogy(j, yo) - special.gammaln(bo + j + 1.0) + special.gammaln(bo + 1.0)
    log_w -= np.maximum.reduceat(log_w, starts)[owner]
    w = np.exp(log_w)
    w /= np.add.reduceat(w, starts)[owner]  # P(j queued | arrival waits), PASTA
    keep = w > 1e-18  # the incomplete beta is the costly part: skip negligible positions
    x = -np.expm1(-theta[live] * t[live])[owner[keep]]
    served = np.zeros(owner.size)
    jk, bk = j[keep], bo[keep]
    served[keep] = w[keep] * bk / (bk + jk + 1.0) * special.betainc(jk + 1.0, bk + 1.0, x)
    pw = p_wait[live]
    out[live] = (1.0 - pw) + pw * np.add.reduceat(served, starts)
    return out.reshape(shape)
