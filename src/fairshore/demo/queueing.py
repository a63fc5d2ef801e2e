"""Queues: square-root staffing, FCFS multi-server queues with impatient customers,
and the business-hours backlog that e-mail waits in.

Waits are not drawn from a distribution: they follow from how many agents each
interval has, so fewer agents means longer waits and more abandonment.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from fairshore.demo.arrivals import INTERVAL_S, DayPlan

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


def sqrt_staffing(load: FloatArray, *, beta: float) -> IntArray:
    """Agents per interval by the square-root rule, at least one where any load is offered.

    Halfin and Whitt (1981): N = A + beta * sqrt(A) keeps the delay probability
    roughly constant as the offered load A (Erlangs) grows.
    """
    n = np.ceil(load + beta * np.sqrt(load))
    n = np.where(load > 0, np.maximum(n, 1), 0)
    return n.astype(np.int64)


@dataclass(frozen=True)
class QueueOutcome:
    """Per-contact result of a queue simulation: wait (or time to abandon), answered."""

    wait: FloatArray
    answered: npt.NDArray[np.bool_]


def simulate_fcfs(
    arrivals: FloatArray,
    handle: FloatArray,
    patience: FloatArray,
    servers: IntArray,
    *,
    midnight_epoch: float,
) -> QueueOutcome:
    """Simulate one day of an FCFS queue whose agent count changes every interval.

    A heap holds the time each agent is next free. A contact waits until the earliest
    free agent (``max(0, free - arrival)``); it abandons when that wait exceeds its
    patience, else that agent is busy until arrival + wait + handle. When an interval
    has fewer agents than the last, the ones free soonest log off (after their contact).
    This is the virtual-waiting-time recursion of the M/G/N+G queue (Baccelli and
    Hebuterne, 1981), exact for FCFS.
    """
    n = arrivals.size
    wait = np.zeros(n)
    answered = np.zeros(n, dtype=np.bool_)
    interval = ((arrivals - midnight_epoch) // INTERVAL_S).astype(np.int64).tolist()
    times, handles, patiences = arrivals.tolist(), handle.tolist(), patience.tolist()
    staff = servers.tolist()
    heap: list[float] = []
    current = -1
    waits: list[float] = [0.0] * n
    served: list[bool] = [False] * n
    for i in range(n):
        k = interval[i]
        if k != current:
            target = max(staff[min(k, len(staff) - 1)], 1)
            start = midnight_epoch + k * INTERVAL_S
            while len(heap) < target:
                heapq.heappush(heap, start)
            while len(heap) > target:
                heapq.heappop(heap)
            current = k
        t = times[i]
        free = heap[0]
        w = free - t if free > t else 0.0
        if w > patiences[i]:
            waits[i] = patiences[i]
        else:
            waits[i] = w
            served[i] = True
            heapq.heapreplace(heap, t + w + handles[i])
    if n:
        wait[:] = waits
        answered[:] = served
    return QueueOutcome(wait=np.round(wait), answered=answered)


class BusinessClock:
    """Maps UTC epoch seconds to seconds of business time elapsed, and back."""

    def __init__(self, plans: list[DayPlan]) -> None:
        opened = [p for p in plans if p.is_open]
        self.starts = np.array([p.midnight_epoch + p.open_s for p in opened])
        lengths = np.array([p.close_s - p.open_s for p in opened])
        self.ends = self.starts + lengths
        self.before = np.concatenate([[0.0], np.cumsum(lengths)[:-1]])
        self.after = self.before + lengths

    def to_business(self, t: FloatArray) -> FloatArray:
        """Business seconds elapsed from the period start until each ``t``."""
        j = np.searchsorted(self.starts, t, side="right") - 1
        jj = np.clip(j, 0, None)
        inside = np.clip(t - self.starts[jj], 0, self.ends[jj] - self.starts[jj])
        return np.where(j < 0, 0.0, self.before[jj] + inside)

    def to_calendar(self, b: FloatArray) -> FloatArray:
        """The UTC epoch at which ``b`` business seconds have elapsed."""
        j = np.clip(np.searchsorted(self.after, b, side="left"), 0, self.starts.size - 1)
        result: FloatArray = self.starts[j] + (b - self.before[j])
        return result


def email_backlog(
    business_arrivals: FloatArray, work: FloatArray, *, carry: float
) -> tuple[FloatArray, float]:
    """Completion time (business seconds) of each e-mail worked FCFS from one backlog.

    Lindley's recursion r_i = max(b_i, r_{i-1}) + s_i, solved in closed form with
    running maxima; ``carry`` is the completion of the last e-mail of the previous day.
    Returns the completions and the new carry.
    """
    if business_arrivals.size == 0:
        return business_arrivals.copy(), carry
    total = np.cumsum(work)
    done = total + np.maximum(carry, np.maximum.accumulate(business_arrivals - (total - work)))
    return done, float(done[-1])
