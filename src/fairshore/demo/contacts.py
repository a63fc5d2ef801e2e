"""One day of contacts on one channel: arrivals, queueing, outcomes, customers, surveys.

A day's contacts are a ``Batch``: column name -> numpy array, times as UTC epoch
seconds (NaN when absent). Columns starting with ``_`` are for the vendor formats
(talk, hold and wrap-up seconds, numeric ids) and never reach canonical files.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from fairshore.demo.arrivals import DayPlan, intraday_curve, sample_arrivals
from fairshore.demo.model import EngagementScenario
from fairshore.demo.queueing import BusinessClock, email_backlog, simulate_fcfs
from fairshore.demo.roster import Roster
from fairshore.demo.workload import StaffingPlan, queues_of

Batch = dict[str, npt.NDArray[Any]]
CHANNEL_CODE = {"voice": 1, "chat": 2, "email": 3}
REASONS = ("billing", "technical", "plan_change", "device", "cancellation", "roaming")
REASON_P = (0.32, 0.27, 0.14, 0.12, 0.08, 0.07)
ACCESSIBILITY = ("none", "hearing", "visual", "cognitive")
PREMIUM_SHARE = 0.18
NAN = float("nan")


@dataclass
class EmailState:
    """What the e-mail backlog carries from one day to the next, per queue."""

    clock: BusinessClock
    capacity: dict[tuple[str, str], float]  # (queue, month) -> agents working e-mail
    carry: dict[str, float]


def day_rng(seed: int, engagement_index: int, channel: str, day_index: int) -> np.random.Generator:
    """An independent generator per (engagement, channel, day): streams can be made alone."""
    return np.random.default_rng([seed, engagement_index, CHANNEL_CODE[channel], day_index])


def day_contacts(
    eng: EngagementScenario,
    *,
    engagement_index: int,
    channel: str,
    day: DayPlan,
    plan: StaffingPlan,
    roster: Roster,
    email: EmailState | None,
    sample: float,
    seed: int,
    customers: int,
) -> Batch:
    """Every contact of one channel on one day, as written (a ``sample`` of the simulated).

    ``customers`` is the size of the customer base the written contacts come from.
    """
    rng = day_rng(seed, engagement_index, channel, day.index)
    parts = []
    for queue, langs in queues_of(eng).items():
        if channel == "email":
            assert email is not None
            part = _email_queue(eng, rng, day, plan, queue, email)
        else:
            part = _live_queue(eng, rng, channel, day, plan, queue)
        part["_queue"] = np.full(part["arrived_at"].size, queue, dtype=object)
        part["language"] = _languages(eng, rng, langs, part["arrived_at"].size)
        parts.append(part)
    batch = {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}
    order = np.argsort(batch["arrived_at"], kind="stable")
    batch = {k: v[order] for k, v in batch.items()}
    keep = rng.random(batch["arrived_at"].size) < sample
    batch = {k: v[keep] for k, v in batch.items()}
    _finish(
        eng,
        rng,
        batch,
        channel=channel,
        day=day,
        roster=roster,
        index=engagement_index,
        customers=customers,
    )
    return batch


def _languages(
    eng: EngagementScenario, rng: np.random.Generator, langs: tuple[str, ...], n: int
) -> npt.NDArray[Any]:
    if len(langs) == 1:
        return np.full(n, langs[0], dtype=object)
    shares = np.array([eng.language_shares[lang] for lang in langs])
    return np.array(langs, dtype=object)[rng.choice(len(langs), size=n, p=shares / shares.sum())]


def _handle(
    rng: np.random.Generator, median: float, sigma: float, n: int
) -> npt.NDArray[np.float64]:
    return np.maximum(np.round(median * np.exp(rng.normal(0, sigma, n))), 15.0)


def _live_queue(
    eng: EngagementScenario,
    rng: np.random.Generator,
    channel: str,
    day: DayPlan,
    plan: StaffingPlan,
    queue: str,
) -> Batch:
    profile = eng.channel(channel)
    arrivals = sample_arrivals(rng, plan.rates[(channel, queue)][day.index], day.midnight_epoch)
    n = arrivals.size
    handle = _handle(rng, profile.aht_median_s, profile.aht_sigma, n)
    patience = rng.exponential(profile.patience_mean_s, n)
    servers = plan.servers[(channel, queue)][day.index]
    outcome = simulate_fcfs(arrivals, handle, patience, servers, midnight_epoch=day.midnight_epoch)
    answered = outcome.answered
    at = arrivals + outcome.wait
    return {
        "arrived_at": arrivals,
        "answered_at": np.where(answered, at, NAN),
        "abandoned_at": np.where(answered, NAN, at),
        "handle_seconds": np.where(answered, handle, NAN),
        "_wait": outcome.wait,
    }


def _email_queue(
    eng: EngagementScenario,
    rng: np.random.Generator,
    day: DayPlan,
    plan: StaffingPlan,
    queue: str,
    state: EmailState,
) -> Batch:
    profile = eng.channel("email")
    rates = plan.email_daily[queue][day.index] * intraday_curve("email", 0, 0)
    arrivals = sample_arrivals(rng, rates, day.midnight_epoch)
    handle = _handle(rng, profile.aht_median_s, profile.aht_sigma, arrivals.size)
    agents = state.capacity[(queue, day.month)]
    b = state.clock.to_business(arrivals)
    done, state.carry[queue] = email_backlog(b, handle / agents, carry=state.carry.get(queue, 0.0))
    answered = np.ceil(state.clock.to_calendar(done))
    return {
        "arrived_at": arrivals,
        "answered_at": answered,
        "abandoned_at": np.full(arrivals.size, NAN),
        "handle_seconds": handle,
        "_wait": answered - arrivals,
    }


def _finish(
    eng: EngagementScenario,
    rng: np.random.Generator,
    batch: Batch,
    *,
    channel: str,
    day: DayPlan,
    roster: Roster,
    index: int,
    customers: int,
) -> None:
    n = batch["arrived_at"].size
    answered = ~np.isnan(batch["answered_at"])
    code = CHANNEL_CODE[channel]
    batch["_id"] = ((code * 1000 + day.index) * 1_000_000 + np.arange(n)).astype(np.int64)
    batch["interaction_id"] = batch["_id"].astype(str).astype(object)
    batch["channel"] = np.full(n, channel, dtype=object)
    batch["engagement_id"] = np.full(n, eng.id, dtype=object)
    batch["site_id"] = np.full(n, eng.site.id, dtype=object)
    names = {q: f"{channel}_{'general' if q == 'all' else q}" for q in queues_of(eng)}
    batch["queue"] = np.array([names[q] for q in batch["_queue"]], dtype=object)
    _customers(eng, rng, batch, index, population=customers)
    batch["reason"] = np.array(REASONS, dtype=object)[rng.choice(len(REASONS), n, p=REASON_P)]
    batch["agent_ref"] = _agents(rng, batch, answered, day, roster)
    _outcomes(rng, batch, answered, channel)
    _surveys(rng, batch, answered, channel)


def _customers(
    eng: EngagementScenario, rng: np.random.Generator, batch: Batch, index: int, *, population: int
) -> None:
    n = batch["arrived_at"].size
    langs = list(eng.language_shares)
    lang_idx = np.array([langs.index(x) for x in batch["language"]], dtype=np.int64)
    # Skewed draws give repeat callers: a few customers call often, most once.
    idx = np.floor(population * rng.random(n) ** 1.7).astype(np.int64)
    num = (index + 1) * 10**10 + lang_idx * 10**9 + idx
    mixed = (idx * 2654435761 + lang_idx * 40503) % (2**32)
    batch["_customer"] = num
    batch["customer_ref"] = num.astype(str).astype(object)
    batch["seg_region"] = np.array(eng.regions, dtype=object)[mixed % len(eng.regions)]
    premium = (mixed >> 8) % 100 < PREMIUM_SHARE * 100
    batch["seg_tier"] = np.where(premium, "premium", "standard").astype(object)
    acc = (mixed >> 16) % 100
    batch["seg_accessibility"] = np.array(ACCESSIBILITY, dtype=object)[
        np.select([acc < 4, acc < 7, acc < 10], [1, 2, 3], 0)
    ]
    batch["priority"] = np.where(premium, "high", "normal").astype(object)


def _agents(
    rng: np.random.Generator,
    batch: Batch,
    answered: npt.NDArray[np.bool_],
    day: DayPlan,
    roster: Roster,
) -> npt.NDArray[Any]:
    refs = np.full(batch["arrived_at"].size, None, dtype=object)
    all_refs = np.array(roster.refs, dtype=object)
    for queue in np.unique(batch["_queue"]).tolist():
        pick = answered & (batch["_queue"] == queue)
        active = roster.active(day.index, queue)
        if active.size == 0:
            active = np.flatnonzero(np.array(roster.role) == "agent")
        refs[pick] = all_refs[active[rng.integers(0, active.size, int(pick.sum()))]]
    return refs


def _outcomes(
    rng: np.random.Generator, batch: Batch, answered: npt.NDArray[np.bool_], channel: str
) -> None:
    n = answered.size
    handle = batch["handle_seconds"]
    live = channel != "email"
    wrap = (
        np.where(answered, np.round(handle * rng.uniform(0.05, 0.15, n)), NAN)
        if live
        else handle * 0
    )
    hold = (
        np.where(answered & (rng.random(n) < 0.25), np.round(handle * 0.1), 0.0)
        if live
        else handle * 0
    )
    batch["_wrap"], batch["_hold"] = wrap, hold
    batch["_talk"] = handle - wrap - hold
    batch["ended_at"] = batch["answered_at"] + (handle - wrap if live else 0.0)
    transferred = answered & (rng.random(n) < (0.08 if live else 0.05))
    escalated = answered & (rng.random(n) < 0.06)
    waited = _wait_penalty(batch["_wait"], channel) / 7.5  # at most 0.2 of FCR
    p_fcr = 0.8 - 0.3 * transferred - 0.35 * escalated - waited
    fcr = answered & (rng.random(n) < p_fcr)
    later = batch["ended_at"] + np.round(np.exp(rng.normal(np.log(26 * 3600), 0.9, n)))
    unresolved = rng.random(n) < 0.04
    resolved = np.where(fcr, batch["ended_at"], np.where(unresolved, NAN, later))
    batch["resolved_at"] = np.where(answered, resolved, NAN)
    reopen = np.where(rng.random(n) < (0.02 if live else 0.08), 1, 0)
    reopen += np.where(rng.random(n) < 0.01, 1, 0)
    batch["reopened_count"] = np.where(answered & ~np.isnan(resolved), reopen, 0).astype(np.int64)
    batch["escalated"], batch["transferred"], batch["first_contact_resolved"] = (
        escalated,
        transferred,
        fcr & (batch["reopened_count"] == 0),
    )
    batch["_ivr"] = np.round(rng.uniform(5, 30, n)) if channel == "voice" else np.zeros(n)


# Mean mood (1-5) of a survey answer after a quick, resolved contact, by channel: set so that
# top-2-box CSAT lands near the levels in docs/demo.md (voice above chat above e-mail).
MOOD = {"voice": 4.55, "chat": 4.45, "email": 4.35}


def _wait_penalty(wait_s: npt.NDArray[np.float64], channel: str) -> npt.NDArray[np.float64]:
    """Points of mood a wait costs (0-1.5): minutes on live channels; for e-mail only the
    hours beyond the 24 h a customer expects a reply in."""
    wait = np.nan_to_num(wait_s)
    if channel == "email":
        return np.minimum(np.maximum(wait / 3600 - 24, 0) / 24, 1.5)
    return np.minimum(wait / 60 / 8, 1.5)


def _surveys(
    rng: np.random.Generator, batch: Batch, answered: npt.NDArray[np.bool_], channel: str
) -> None:
    n = answered.size
    mood = (
        MOOD[channel]
        - 0.9 * ~batch["first_contact_resolved"]
        - _wait_penalty(batch["_wait"], channel)
    )
    offered = answered & (rng.random(n) < 0.85)
    responded = offered & (rng.random(n) < 0.22)
    csat = np.clip(np.round(rng.normal(mood, 0.8)), 1, 5)
    batch["csat"] = np.where(responded, csat, NAN)
    batch["_csat_offered"] = offered
    nps_resp = answered & (rng.random(n) < 0.1)
    nps = np.clip(np.round(rng.normal((mood - 1) * 2.4, 1.6)), 0, 10)
    batch["nps"] = np.where(nps_resp, nps, NAN)
