"""Arrival curves: intraday (double-peaked), weekly and seasonal; Poisson per interval.

Contacts arrive as a non-homogeneous Poisson process: the expected count of each
15-minute interval is the day's expected volume times the channel's intraday curve;
the count is drawn from a Poisson law and the arrivals spread uniformly within the
interval (Brown et al., JASA 2005, find call-centre arrivals Poisson given the rate).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import numpy.typing as npt

from fairshore.demo.model import EngagementScenario

INTERVAL_S = 900
INTERVALS = 96
DAY_S = 86_400

# Monthly volume factors of a telecom: holiday and January billing peaks, summer dip.
SEASON = {
    1: 1.12,
    2: 0.97,
    3: 1.0,
    4: 0.96,
    5: 0.95,
    6: 0.9,
    7: 0.9,
    8: 0.88,
    9: 1.05,
    10: 1.02,
    11: 1.0,
    12: 1.15,
}
WEEKDAY = (1.18, 1.06, 1.0, 1.0, 0.95, 0.62, 0.45)  # Monday first
# Intraday peaks (hour, spread in hours, weight) per channel, local time.
PEAKS: dict[str, tuple[tuple[float, float, float], ...]] = {
    "voice": ((10.5, 1.6, 0.55), (15.5, 1.9, 0.45)),
    "chat": ((12.5, 2.0, 0.45), (20.0, 1.8, 0.55)),
    "email": ((10.0, 2.5, 0.4), (15.0, 3.0, 0.35)),
}
EMAIL_FLOOR = 0.25  # e-mails keep arriving at night


@dataclass(frozen=True)
class DayPlan:
    """One local calendar day of an engagement: when it starts in UTC and its opening."""

    index: int
    day: date
    midnight_epoch: float
    open_s: float
    close_s: float

    @property
    def month(self) -> str:
        return f"{self.day.year:04d}-{self.day.month:02d}"

    @property
    def is_open(self) -> bool:
        return self.close_s > self.open_s


def local_midnight_epoch(day: date, tz: ZoneInfo) -> float:
    """UTC epoch seconds of local midnight, with the day's noon offset (DST changes at night)."""
    offset = datetime(day.year, day.month, day.day, 12, tzinfo=tz).utcoffset()
    assert offset is not None
    return calendar.timegm((day.year, day.month, day.day, 0, 0, 0)) - offset.total_seconds()


def day_plans(eng: EngagementScenario, start: date, end: date) -> list[DayPlan]:
    """Every local day of the period with its opening window (closed days have none)."""
    tz = ZoneInfo(eng.timezone)
    days = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    plans = []
    for i in range((end - start).days + 1):
        day = start + timedelta(days=i)
        hours = eng.engagement.business_hours.get(days[day.weekday()])  # type: ignore[call-overload]
        open_s = close_s = 0.0
        if hours is not None:
            open_s = hours.open.hour * 3600 + hours.open.minute * 60
            close_s = hours.close.hour * 3600 + hours.close.minute * 60 + hours.close.second
            close_s = float(DAY_S) if close_s >= DAY_S - 1 else close_s
        plans.append(DayPlan(i, day, local_midnight_epoch(day, tz), open_s, close_s))
    return plans


def intraday_curve(channel: str, open_s: float, close_s: float) -> npt.NDArray[np.float64]:
    """Share of the day's contacts in each 15-minute interval (sums to 1, or all zeros).

    Voice and chat arrive only while the centre is open; e-mail arrives all day.
    """
    mid_h = (np.arange(INTERVALS) + 0.5) * INTERVAL_S / 3600
    weights = np.zeros(INTERVALS)
    for hour, spread, weight in PEAKS[channel]:
        weights += weight * np.exp(-0.5 * ((mid_h - hour) / spread) ** 2)
    if channel == "email":
        weights += EMAIL_FLOOR * weights.max()
    else:
        starts = np.arange(INTERVALS) * INTERVAL_S
        weights[(starts < open_s) | (starts + INTERVAL_S > close_s)] = 0.0
    total = weights.sum()
    return weights / total if total > 0 else weights


def day_factor(plan: DayPlan, channel: str) -> float:
    """Relative volume of a day: season times weekday, zero when a live channel is closed."""
    if channel != "email" and not plan.is_open:
        return 0.0
    factor = SEASON[plan.day.month] * WEEKDAY[plan.day.weekday()]
    if (plan.day.month, plan.day.day) in ((12, 25), (1, 1)):
        factor *= 0.35
    return factor


def expected_daily_volume(
    eng: EngagementScenario, plans: list[DayPlan], *, channel: str, intensity: float
) -> npt.NDArray[np.float64]:
    """Expected contacts per day on one channel; sums to the channel's annual volume."""
    factors = np.array([day_factor(p, channel) for p in plans])
    annual = eng.annual_volume * intensity * eng.channel(channel).share
    result: npt.NDArray[np.float64] = annual * factors / factors.sum()
    return result


def sample_arrivals(
    rng: np.random.Generator, rates: npt.NDArray[np.float64], midnight_epoch: float
) -> npt.NDArray[np.float64]:
    """Poisson arrivals per interval at ``rates`` (expected counts), as sorted epoch seconds."""
    counts = rng.poisson(rates)
    interval = np.repeat(np.arange(INTERVALS), counts)
    offsets = np.floor(rng.uniform(0, INTERVAL_S, size=interval.size))
    times = midnight_epoch + interval * INTERVAL_S + offsets
    return np.sort(times)
