"""The fewest agents meeting every constraint, for many intervals in one call.

For each interval: the smallest whole number of agents N with service level >= target
at the threshold, ASA <= its target (when given) and occupancy A / N <= the cap (when
given); then scheduled agents = ceil(N / (1 - shrinkage)). The search is a bisection
run on all intervals at once, so a year of 15-minute intervals costs about twenty
vectorised Erlang evaluations.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from fairshore.errors import StaffingError
from fairshore.staffing.erlang import ArrayLike, erlang_a, erlang_c, offered_load
from fairshore.staffing.model import ErlangResult, StaffingResult, StaffingTarget

IntArray = npt.NDArray[np.int64]


def measures(
    calls: ArrayLike,
    *,
    agents: ArrayLike,
    aht_s: ArrayLike,
    interval_s: ArrayLike,
    target: StaffingTarget,
    service_level: bool = True,
) -> ErlangResult:
    """Erlang C measures, or Erlang A when the target states a mean patience."""
    if target.patience_s is None:
        return erlang_c(
            calls, agents=agents, aht_s=aht_s, interval_s=interval_s, threshold_s=target.threshold_s
        )
    return erlang_a(
        calls,
        agents=agents,
        aht_s=aht_s,
        interval_s=interval_s,
        patience_s=target.patience_s,
        threshold_s=target.threshold_s,
        service_level=service_level,
    )


def _meets(
    calls: ArrayLike, agents: IntArray, aht_s: ArrayLike, interval_s: ArrayLike, t: StaffingTarget
) -> npt.NDArray[np.bool_]:
    m = measures(calls, agents=agents, aht_s=aht_s, interval_s=interval_s, target=t)
    ok = m.service_level >= t.service_level - 1e-12
    if t.max_asa_s is not None:
        ok &= m.asa_s <= t.max_asa_s
    if t.max_occupancy is not None:
        ok &= m.occupancy <= t.max_occupancy + 1e-12
    return np.asarray(ok)


def required_agents(
    calls: ArrayLike,
    *,
    aht_s: ArrayLike,
    interval_s: ArrayLike,
    target: StaffingTarget,
) -> StaffingResult:
    """Agents and scheduled agents needed per interval to meet ``target``.

    Intervals without contacts need no agents. Uses Erlang C, or Erlang A when
    ``target.patience_s`` is set.

    Examples
    --------
    >>> t = StaffingTarget(service_level=0.8, threshold_s=20, max_occupancy=0.85, shrinkage=0.3)
    >>> r = required_agents(100, aht_s=180, interval_s=1800, target=t)
    >>> int(r.agents), int(r.scheduled_agents)
    (14, 20)
    """
    a = offered_load(calls, interval_s=interval_s, aht_s=aht_s)
    calls_b, aht_b, int_b = np.broadcast_arrays(np.asarray(calls, float), aht_s, interval_s)
    calls_b, aht_b, int_b = (np.ravel(calls_b), np.ravel(aht_b), np.ravel(int_b))
    a = np.ravel(np.broadcast_to(a, calls_b.shape))
    if np.any(~np.isfinite(a)) or np.any(a < 0):
        raise StaffingError("contacts and handle times must be finite and not negative")
    lo = _lower_bound(a, target)  # never enough: lo - 1 agents fail (or lo = 0 works)
    hi = _upper_bound(calls_b, a, aht_b, int_b, lo, target)
    lo = lo - 1
    while np.any(hi - lo > 1):
        mid = (lo + hi) // 2
        busy = hi - lo > 1
        ok = _meets(calls_b[busy], mid[busy], aht_b[busy], int_b[busy], target)
        hi[busy] = np.where(ok, mid[busy], hi[busy])
        lo[busy] = np.where(ok, lo[busy], mid[busy])
    agents = np.where(a == 0, 0, hi).astype(np.int64)
    # KPI definitions: scheduled = required / (1 - shrinkage), not times (1 + shrinkage).
    scheduled = np.ceil(agents / (1.0 - target.shrinkage) - 1e-9).astype(np.int64)
    shape = np.broadcast(np.asarray(calls), np.asarray(aht_s), np.asarray(interval_s)).shape
    final = measures(calls_b, agents=agents, aht_s=aht_b, interval_s=int_b, target=target)
    return StaffingResult(
        agents=agents.reshape(shape),
        scheduled_agents=scheduled.reshape(shape),
        measures=final,
    )


def _lower_bound(a: npt.NDArray[np.float64], target: StaffingTarget) -> IntArray:
    lo = np.where(a > 0, np.floor(a) + 1.0, 0.0)
    if target.patience_s is not None:
        lo = np.where(a > 0, 1.0, 0.0)  # Erlang A is stable below the load
    if target.max_occupancy is not None:
        lo = np.maximum(lo, np.ceil(a / target.max_occupancy - 1e-9))
    return lo.astype(np.int64)


def _upper_bound(
    calls: npt.NDArray[np.float64],
    a: npt.NDArray[np.float64],
    aht: npt.NDArray[np.float64],
    interval: npt.NDArray[np.float64],
    lo: IntArray,
    target: StaffingTarget,
) -> IntArray:
    hi = np.maximum(lo, np.ceil(a + 3.0 * np.sqrt(a) + 3.0)).astype(np.int64)
    for _ in range(60):
        ok = _meets(calls, hi, aht, interval, target)
        if np.all(ok):
            return hi
        hi = np.where(ok, hi, hi * 2 + 1)
    raise StaffingError(
        "no number of agents meets this target (is the ASA target below what any staffing reaches?)"
    )
