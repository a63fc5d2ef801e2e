"""Rosters and agent months: hires, exits, supervisors, hours, training and pay.

Headcount follows the staffing plan (logged-in hours needed per month divided by
the hours one agent is logged in), with daily exits at the vendor's attrition rate
(higher in the first 90 days: early leavers) and weekly hiring back to target.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import numpy as np
import numpy.typing as npt

from fairshore.demo.arrivals import DayPlan
from fairshore.demo.model import EngagementScenario, WorkforcePolicy
from fairshore.demo.scenario import SUBCONTRACT_ENGAGEMENT, SUBCONTRACTOR
from fairshore.demo.workload import StaffingPlan, queues_of
from fairshore.metrics.periods import parse_period

LOGGED_IN_PER_FTE = 136.0  # hours a month: 21 shifts of 8 h at about 80 % logged in
EARLY_DAYS = 90
NEVER = 10**6
GOLDEN = (5**0.5 - 1) / 2


@dataclass
class Roster:
    """Everyone who worked on an engagement in the period (arrays, one entry per person)."""

    refs: list[str]
    queue: list[str]
    role: list[str]
    employment: list[str]
    hired: npt.NDArray[np.int64]  # day index (negative: before the period)
    left: npt.NDArray[np.int64]  # last day index, NEVER when still employed
    exit_reason: list[str | None]
    supervisor: list[str | None]
    base_pay: npt.NDArray[np.float64]

    def active(self, day: int, queue: str) -> npt.NDArray[np.int64]:
        """Indices of agents (not leads) of ``queue`` working on ``day``."""
        mask = (self.hired <= day) & (self.left >= day) & self._agent_mask(queue)
        return np.flatnonzero(mask)

    def _agent_mask(self, queue: str) -> npt.NDArray[np.bool_]:
        key = f"_mask_{queue}"
        cached: npt.NDArray[np.bool_] | None = getattr(self, key, None)
        if cached is None:
            cached = np.array(
                [q == queue and r == "agent" for q, r in zip(self.queue, self.role, strict=True)]
            )
            setattr(self, key, cached)
        return cached

    def __len__(self) -> int:
        return len(self.refs)


def monthly_targets(
    eng: EngagementScenario, plan: StaffingPlan, queue: str, months: list[str]
) -> dict[str, int]:
    """Agents needed per month on one queue."""
    return {
        m: max(1, math.ceil(plan.logged_in_hours.get((queue, m), 0.0) / LOGGED_IN_PER_FTE))
        for m in months
    }


def build_roster(
    eng: EngagementScenario, plans: list[DayPlan], plan: StaffingPlan, rng: np.random.Generator
) -> Roster:
    """Simulate a year of hiring and attrition per queue, then add team leads.

    Exits meet the vendor's annual attrition as SHRM counts it (separations over the
    average headcount): one running expectation for the whole engagement (attrition / 365
    x agents on the day) sends one person, weighted towards recent hires, when it passes
    a whole exit. So a year's separations are the target, and months stay even.
    """
    months = sorted({p.month for p in plans})
    wf = eng.workforce
    rows: list[dict[str, object]] = []
    active: dict[str, list[dict[str, object]]] = {}
    targets = {q: monthly_targets(eng, plan, q, months) for q in queues_of(eng)}
    for queue, wanted in targets.items():
        active[queue] = []
        for _ in range(wanted[months[0]]):
            person = {"queue": queue, "hired": -int(rng.integers(60, 1800)), "left": NEVER}
            active[queue].append(person)
            rows.append(person)
    due = 0.5  # exits in the year: the expected number, rounded
    for i, p in enumerate(plans):
        due += wf.annual_attrition / 365 * sum(len(a) for a in active.values())
        if due >= 1:
            due -= 1
            _one_exit(active, p, wf, rng)
        nxt = plans[i + 1] if i + 1 < len(plans) else None
        for queue, people in active.items():
            if nxt is not None and wf.forced_exit_month == p.month != nxt.month:
                size = round(targets[queue][nxt.month] * wf.forced_exit_share)
                people[:] = _cut_to(people, size, p, rng)
            rows += _hire(people, targets[queue][p.month], p, wf, queue=queue)
    typical = sum(sum(t.values()) / len(months) for t in targets.values())
    return _finish(eng, rows, rng, typical=typical)


def _hire(
    people: list[dict[str, object]], target: int, p: DayPlan, wf: WorkforcePolicy, *, queue: str
) -> list[dict[str, object]]:
    """Hire back to ``target`` on Mondays outside a freeze (one a day when nobody is left)."""
    need = target - len(people)
    hire_day = p.day.weekday() == 0 and p.month not in wf.hiring_freeze_months
    if need <= 0 or not (hire_day or not people):
        return []
    hired = [
        {"queue": queue, "hired": p.index, "left": NEVER} for _ in range(need if hire_day else 1)
    ]
    people += hired
    return hired


def _one_exit(
    active: dict[str, list[dict[str, object]]],
    p: DayPlan,
    wf: WorkforcePolicy,
    rng: np.random.Generator,
) -> None:
    """One person leaves; those in their first 90 days are the likeliest (early leavers)."""
    people = [(q, k) for q, a in active.items() for k in range(len(a))]
    if not people:
        return
    early = 1 + 8 * wf.early_leaver_share
    weights = np.array(
        [
            early if p.index - int(active[q][k]["hired"]) < EARLY_DAYS else 1.0  # type: ignore[call-overload]
            for q, k in people
        ]
    )
    q, k = people[int(rng.choice(len(people), p=weights / weights.sum()))]
    active[q].pop(k)["left"] = p.index


def _cut_to(
    active: list[dict[str, object]], size: int, p: DayPlan, rng: np.random.Generator
) -> list[dict[str, object]]:
    """Let people go (contracts not renewed, resignations not replaced) down to ``size``."""
    if len(active) <= size:
        return active
    leaving = set(rng.choice(len(active), size=len(active) - max(size, 1), replace=False).tolist())
    for k in leaving:
        active[k]["left"] = p.index
    return [person for k, person in enumerate(active) if k not in leaving]


def _finish(
    eng: EngagementScenario,
    rows: list[dict[str, object]],
    rng: np.random.Generator,
    *,
    typical: float,
) -> Roster:
    wf = eng.workforce
    n_leads = max(1, round(typical / wf.span_of_control))
    queues = list(queues_of(eng))
    people = [
        {
            "queue": queues[i % len(queues)],
            "hired": -int(rng.integers(400, 2500)),
            "left": NEVER,
            "role": "team_lead",
        }
        for i in range(n_leads)
    ]
    people += [dict(r, role="agent") for r in rows]
    refs = [_ref(eng, i + 1) for i in range(len(people))]
    leads = refs[:n_leads]
    employment, reasons, supervisors, base = [], [], [], []
    # A low-discrepancy sequence (golden-ratio steps) instead of independent draws: any
    # run of consecutive hires holds the vendor's mix, so every month's in-house share
    # is close to its target rather than off by a few agents' luck.
    u = float(rng.random())
    for i, person in enumerate(people):
        kind = "employee"
        if person["role"] == "agent":
            u = (u + GOLDEN) % 1.0
            kind = (
                "agency"
                if u < wf.agency_share
                else ("contractor" if u < wf.agency_share + wf.contractor_share else "employee")
            )
        employment.append(kind)
        reason = None
        if person["left"] != NEVER:
            reason = (
                "end_of_contract"
                if kind != "employee" and rng.random() < 0.5
                else ("voluntary" if rng.random() < 0.8 else "involuntary")
            )
        reasons.append(reason)
        supervisors.append(None if i < n_leads else leads[i % n_leads])
        base.append(_base_pay(eng, str(person["role"]), rng))
    return Roster(
        refs=refs,
        queue=[str(p["queue"]) for p in people],
        role=[str(p["role"]) for p in people],
        employment=employment,
        hired=np.array([int(p["hired"]) for p in people], dtype=np.int64),  # type: ignore[call-overload]
        left=np.array([int(p["left"]) for p in people], dtype=np.int64),  # type: ignore[call-overload]
        exit_reason=reasons,
        supervisor=supervisors,
        base_pay=np.array(base),
    )


def _ref(eng: EngagementScenario, n: int) -> str:
    width = 8 if eng.agent_prefix.isdigit() else 5
    return f"{eng.agent_prefix}{n:0{width}d}"


def _base_pay(eng: EngagementScenario, role: str, rng: np.random.Generator) -> float:
    pay = eng.pay
    if role == "team_lead":
        median = pay.lead_median
    elif rng.random() < pay.senior_share:
        median = pay.senior_median
    else:
        median = pay.agent_median
    amount = median * math.exp(rng.normal(0, pay.agent_spread))
    if pay.floor_at_living_wage or role == "team_lead":
        # Fair vendors never pay below the benchmark; the floor is what they promise.
        amount = max(amount, eng.living_wage * 1.03, eng.minimum_wage_month * 1.05)
    else:
        amount = max(amount, eng.minimum_wage_month * 1.3)
    return round(amount / 50) * 50


def hired_on(start: date, index: int) -> date:
    return start + timedelta(days=int(index))


def agent_month_rows(
    eng: EngagementScenario,
    roster: Roster,
    plans: list[DayPlan],
    hours: dict[tuple[str, str], float],
    *,
    sample: float,
    rng: np.random.Generator,
) -> dict[str, list[object]]:
    """One row per person and month worked: hours, days off, training, sick days, pay.

    Logged-in ``hours`` per (queue, month) are shared out among the queue's agents by
    days worked. They are already scaled by ``sample`` (< 1 when only a sample of
    contacts is written), so occupancy computed from the files equals the simulated
    centre's; overtime is judged on the full-size hours.
    """
    cols: dict[str, list[object]] = {k: [] for k in AGENT_MONTH_COLUMNS}
    by_month: dict[str, list[int]] = {}
    for p in plans:
        by_month.setdefault(p.month, []).append(p.index)
    for month, idx in by_month.items():
        first, last = idx[0], idx[-1]
        lo = np.maximum(roster.hired, first)
        hi = np.minimum(roster.left, last)
        days = hi - lo + 1
        worked = np.flatnonzero(days > 0)
        weights = days * rng.uniform(0.9, 1.1, size=len(roster))
        shares = np.zeros(len(roster))
        for queue in queues_of(eng):
            members = [i for i in worked if roster.queue[i] == queue and roster.role[i] == "agent"]
            if members:
                total = weights[members].sum()
                shares[members] = hours.get((queue, month), 0.0) * weights[members] / total
        crisis = month in eng.staffing.month_beta
        for i in worked.tolist():
            _one_month(
                eng,
                roster,
                i,
                month,
                int(days[i]),
                last - first + 1,
                float(shares[i]) / sample,
                crisis=crisis,
                sample=sample,
                first_month=roster.hired[i] >= first,
                rng=rng,
                cols=cols,
            )
    return cols


# How training hours split by topic (no random draw: the other columns' draws stay as they
# were). New hires learn the brand voice and the rules first.
TOPIC_SHARES = {
    "brand_voice": 0.15, "ethics": 0.1, "data_protection": 0.15, "empathy": 0.25,
    "language": 0.2, "culture": 0.15,
}  # fmt: skip
ONBOARDING_SHARES = {
    "brand_voice": 0.3, "ethics": 0.15, "data_protection": 0.25, "empathy": 0.15,
    "language": 0.1, "culture": 0.05,
}  # fmt: skip

AGENT_MONTH_COLUMNS = (
    "agent_ref",
    "engagement_id",
    "month",
    "scheduled_hours",
    "paid_hours",
    "logged_in_hours",
    "overtime_hours",
    "days_off",
    "max_weekly_hours",
    "training_hours",
    *[f"training_hours_{topic}" for topic in TOPIC_SHARES],
    "sick_days",
    "gross_pay",
    "currency",
    "_full_month",
    "_role",
)


def _one_month(
    eng: EngagementScenario,
    roster: Roster,
    i: int,
    month: str,
    days: int,
    month_days: int,
    logged_full: float,
    *,
    crisis: bool,
    sample: float,
    first_month: bool,
    rng: np.random.Generator,
    cols: dict[str, list[object]],
) -> None:
    wf, pay = eng.workforce, eng.pay
    workdays = days * 5 // 7  # a 5-day week, never more shifts than it allows
    sick = int(rng.poisson(2.2 if crisis else 0.6))
    sick = min(sick + int(wf.month_extra_sick_days.get(month, 0)), workdays)
    scheduled = 8.0 * workdays
    lead = roster.role[i] == "team_lead"
    overtime = 0.0
    if not lead and logged_full > 0.86 * (scheduled - 8 * sick):
        overtime = round((logged_full / 0.86 - (scheduled - 8 * sick)) * 2) / 2
    overtime = max(overtime, float(rng.choice([0, 0, 0, 2, 4])) if not crisis else overtime)
    weeks = max(days / 7, 1.0)
    if not crisis:  # a vendor in control keeps overtime inside SA8000's 12 h a week
        overtime = min(overtime, 10.0 * weeks)
    paid = scheduled + overtime
    if first_month and not lead:
        training = wf.new_hire_training_hours * min(1.0, days / 30)
    else:
        training = (1.0 if crisis else wf.training_hours_month) * rng.uniform(0.6, 1.4)
    hourly = roster.base_pay[i] / (21.7 * 8)
    gross = roster.base_pay[i] * days / month_days + overtime * hourly * pay.overtime_multiplier
    start = parse_period(month).start
    cols["agent_ref"].append(roster.refs[i])
    cols["engagement_id"].append(eng.id)
    cols["month"].append(start)
    cols["scheduled_hours"].append(scheduled)
    cols["paid_hours"].append(paid)
    cols["logged_in_hours"].append(None if lead else round(logged_full * sample, 3))
    cols["overtime_hours"].append(overtime)
    cols["days_off"].append(days - workdays)
    # The longest week: a regular week of up to 5.5 shifts plus a busy week's overtime.
    longest = scheduled / weeks * rng.uniform(1.0, 1.1) + overtime / weeks * rng.uniform(1.0, 1.2)
    cols["max_weekly_hours"].append(round(min(longest, 72.0), 1))
    cols["training_hours"].append(round(training, 1))
    shares = TOPIC_SHARES if not (first_month and not lead) else ONBOARDING_SHARES
    for topic, share in shares.items():  # rounded down: the topics never exceed the total
        cols[f"training_hours_{topic}"].append(math.floor(round(training, 1) * share * 10) / 10)
    cols["sick_days"].append(float(sick))
    cols["gross_pay"].append(round(gross, 2))
    cols["currency"].append(pay.currency)
    cols["_full_month"].append(days == month_days)
    cols["_role"].append(roster.role[i])


def subcontracted_team(eng: EngagementScenario, roster: Roster) -> list[int]:
    """The planted subcontracted team (its lead and agents), at its engagement only: the
    last lead's team, when there are two or more (empty elsewhere)."""
    leads = [i for i, r in enumerate(roster.role) if r == "team_lead"]
    if eng.id != SUBCONTRACT_ENGAGEMENT or len(leads) < 2:
        return []
    lead = roster.refs[leads[-1]]
    return [leads[-1], *(i for i, s in enumerate(roster.supervisor) if s == lead)]


def employers(eng: EngagementScenario, roster: Roster) -> list[str | None]:
    """Each person's employer of record: the vendor; agency staff's roster rows leave it
    empty (the agency is theirs); the planted team is employed by the subcontractor."""
    team = set(subcontracted_team(eng, roster))
    return [
        SUBCONTRACTOR if i in team else (None if kind == "agency" else eng.vendor.name)
        for i, kind in enumerate(roster.employment)
    ]


def workforce_figures(roster: Roster, days: int) -> dict[str, Any]:
    """Attrition, early leavers, in-house share and span of control over the period.

    Simple annualised attrition: exits in the period over the average headcount
    (SHRM's definition), agents only.
    """
    agent = np.array([r == "agent" for r in roster.role])
    day_idx = np.arange(days)[:, None]
    active = (roster.hired[None, :] <= day_idx) & (roster.left[None, :] >= day_idx) & agent
    average = float(active.sum(axis=1).mean())
    exits = agent & (roster.left < days)
    early = exits & (roster.left - roster.hired < EARLY_DAYS) & (roster.hired >= 0)
    employees = sum(
        1 for e, a in zip(roster.employment, agent, strict=True) if a and e == "employee"
    )
    leads = int((~agent).sum())
    return {
        "average_agents": round(average, 1),
        "exits": int(exits.sum()),
        "annualised_attrition": round(int(exits.sum()) / average * 365 / days, 3),
        "early_leavers_90d": int(early.sum()),
        "in_house_share": round(employees / int(agent.sum()), 3),
        "team_leads": leads,
        "span_of_control": round(average / leads, 1) if leads else None,
    }
