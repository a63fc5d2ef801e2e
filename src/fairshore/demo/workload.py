"""The vendor's staffing plan: forecast load per interval, agents per interval, hours.

The vendor staffs on its forecast (the expected arrival rates), not on the contacts
that actually arrive, so randomness in arrivals shows up as waits, as in real life.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from fairshore.demo.arrivals import (
    INTERVAL_S,
    INTERVALS,
    DayPlan,
    expected_daily_volume,
    intraday_curve,
)
from fairshore.demo.model import QUEUED_CHANNELS, EngagementScenario
from fairshore.demo.queueing import sqrt_staffing

EMAIL_OCCUPANCY = 0.88


def mean_handle(median_s: float, sigma: float) -> float:
    """Mean of a lognormal with this median and log-sd."""
    return median_s * math.exp(sigma**2 / 2)


def queues_of(eng: EngagementScenario) -> dict[str, tuple[str, ...]]:
    """Queue name -> languages it serves (one pooled queue, or one per language)."""
    if eng.staffing.pooled:
        return {"all": tuple(eng.language_shares)}
    return {lang: (lang,) for lang in eng.language_shares}


@dataclass
class StaffingPlan:
    """Expected rates and agents per (channel, queue) per day and interval, and hours."""

    rates: dict[tuple[str, str], npt.NDArray[np.float64]] = field(default_factory=dict)
    servers: dict[tuple[str, str], npt.NDArray[np.int64]] = field(default_factory=dict)
    email_daily: dict[str, npt.NDArray[np.float64]] = field(default_factory=dict)
    logged_in_hours: dict[tuple[str, str], float] = field(default_factory=dict)
    """(queue, month) -> hours agents must be logged in (live servers + e-mail work)."""
    live_hours: dict[tuple[str, str], float] = field(default_factory=dict)
    """(queue, month) -> hours of agents on the voice and chat queues."""


def staffing_plan(
    eng: EngagementScenario, plans: list[DayPlan], *, intensity: float
) -> StaffingPlan:
    """Forecast rates and square-root staffing for every queue and day of the period."""
    plan = StaffingPlan()
    months = [p.month for p in plans]
    for channel in QUEUED_CHANNELS:
        if not any(c.channel == channel for c in eng.channels):
            continue
        profile = eng.channel(channel)
        aht = mean_handle(profile.aht_median_s, profile.aht_sigma)
        daily = expected_daily_volume(eng, plans, channel=channel, intensity=intensity)
        curves = np.array([intraday_curve(channel, p.open_s, p.close_s) for p in plans])
        for queue, langs in queues_of(eng).items():
            share = sum(eng.language_shares[lang] for lang in langs)
            rates = daily[:, None] * share * curves
            load = rates * aht / INTERVAL_S
            servers = np.zeros((len(plans), INTERVALS), dtype=np.int64)
            for i, month in enumerate(months):
                beta = eng.staffing.beta_for(langs[0], month)
                servers[i] = sqrt_staffing(load[i], beta=beta)
            plan.rates[(channel, queue)] = rates
            plan.servers[(channel, queue)] = servers
            hours = servers.sum(axis=1) * INTERVAL_S / 3600
            _add_hours(plan, eng, queue, months, hours)
            for month, value in zip(months, hours.tolist(), strict=True):
                key = (queue, month)
                plan.live_hours[key] = plan.live_hours.get(key, 0.0) + value
    if any(c.channel == "email" for c in eng.channels):
        profile = eng.channel("email")
        aht = mean_handle(profile.aht_median_s, profile.aht_sigma)
        daily = expected_daily_volume(eng, plans, channel="email", intensity=intensity)
        for queue, langs in queues_of(eng).items():
            share = sum(eng.language_shares[lang] for lang in langs)
            plan.email_daily[queue] = daily * share
            _add_hours(plan, eng, queue, months, daily * share * aht / 3600 / EMAIL_OCCUPANCY)
    return plan


def _add_hours(
    plan: StaffingPlan,
    eng: EngagementScenario,
    queue: str,
    months: list[str],
    hours: npt.NDArray[np.float64],
) -> None:
    for month, value in zip(months, hours.tolist(), strict=True):
        aux = eng.staffing.month_aux_share.get(month, eng.staffing.aux_share)
        key = (queue, month)
        plan.logged_in_hours[key] = plan.logged_in_hours.get(key, 0.0) + value / (1 - aux)


def actual_logged_in_hours(
    eng: EngagementScenario,
    plan: StaffingPlan,
    handle_hours: dict[tuple[str, str, str], float],
    *,
    sample: float,
) -> dict[tuple[str, str], float]:
    """Hours logged in per (queue, month), given the handle hours actually worked.

    Agents are on the live queues for the planned hours; e-mail fills a share of their
    idle live time (``blend_share``, near 1 when the vendor is short-staffed) and the
    rest of the e-mail work needs extra logged-in time. ``handle_hours`` is keyed
    (queue, month, "live" | "email") and already sampled; live hours are scaled by
    ``sample`` to match.
    """
    policy = eng.staffing
    result: dict[tuple[str, str], float] = {}
    keys = set(plan.live_hours) | {(q, m) for (q, m, _) in handle_hours}
    for queue, month in keys:
        live = plan.live_hours.get((queue, month), 0.0) * sample
        idle = max(live - handle_hours.get((queue, month, "live"), 0.0), 0.0)
        blend = policy.month_blend_share.get(month, policy.blend_share)
        email = handle_hours.get((queue, month, "email"), 0.0)
        extra = max(email - blend * idle, 0.0) / EMAIL_OCCUPANCY
        aux = policy.month_aux_share.get(month, policy.aux_share)
        result[(queue, month)] = (live + extra) / (1 - aux)
    return result
