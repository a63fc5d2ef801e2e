"""Training by topic and onboarding before the first contact, as contract clauses.

* ``min_training_hours_<topic>``: mean ``training_hours_<topic>`` per agent-month
  over the agent-months that report the topic (the same mean as ``min_training_hours``,
  ``hours.training_mean``).
* ``min_onboarding_hours``: each new hire's training hours from the month of hire to
  the month of the first handled contact (agent-months are monthly, so training in
  the month of the first contact counts as before it), against the minimum; the
  clause's value is the lowest new hire's. A new hire is a roster spell hired on or
  after the engagement's first contact in the lake (earlier hires' first contacts
  are not in the data); the month judged is the month of the first contact.

Each provider of one period (``measure_*``) and of many months (``*_months``) reads
the facts once and builds its measurement here, so both say the same.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from fairshore.contracts.model import ClauseMeasurement, ClauseProvider
from fairshore.interactions.schema import TRAINING_TOPICS
from fairshore.people import clauses, hours
from fairshore.people.model import month_end
from fairshore.people.sources import PeopleData, clause_period, month_facts, open_people

if TYPE_CHECKING:
    from fairshore.bootstrap import Workspace

Measurements = list[ClauseMeasurement | None]
MonthlyMeasure = Callable[["Workspace", str, list[date]], Measurements]


def topic_providers(topic: str) -> tuple[ClauseProvider, MonthlyMeasure]:
    """The one-period and the many-month provider of ``min_training_hours_<topic>``."""
    column = f"training_hours_{topic}"

    def by_month(data: PeopleData, months: list[date]) -> dict[date, tuple[float | None, int]]:
        period = clause_period(min(months), month_end(max(months)))
        return hours.training_by_month(month_facts(data, period), column=column)

    def measure(
        ws: Workspace, engagement_id: str, start: date, end: date
    ) -> ClauseMeasurement | None:
        with open_people(ws, engagement_id) as data:
            found = hours.training_by_month(
                month_facts(data, clause_period(start, end)), column=column
            )
        total = sum(float(s or 0) for s, _ in found.values())
        rows = sum(n for _, n in found.values())
        return _topic(topic, hours.training_mean(total, rows), rows)

    def months_(ws: Workspace, engagement_id: str, months: list[date]) -> Measurements:
        with open_people(ws, engagement_id) as data:
            found = by_month(data, months)
        out = []
        for m in months:
            total, rows = found.get(m, (None, 0))
            out.append(_topic(topic, hours.training_mean(total, rows), rows))
        return out

    return measure, months_


def _topic(topic: str, mean: float | None, rows: int) -> ClauseMeasurement | None:
    found = clauses.training(mean, rows)
    if found is None:
        return None
    what = topic.replace("_", " ")
    return found.model_copy(update={"detail": f"{found.detail} on {what}"})


@dataclass(frozen=True)
class Onboarded:
    """One new hire: hired on, first handled contact, training hours up to it."""

    hired_on: date
    first_contact: date
    hours: float | None


def onboarded(data: PeopleData) -> list[Onboarded]:
    """Every new hire with a first handled contact, and their onboarding training hours."""
    i = data.interactions
    handled = i.filter(i.handle_seconds.notnull() & i.agent_ref.notnull())
    day = handled.arrived_at.date()
    since = handled.aggregate(first=day.min()).to_pyarrow().to_pylist()[0]["first"]
    if since is None:
        return []
    s = data.spells.filter(data.spells.hired_on >= since)
    h = handled.select(h_agent="agent_ref", h_day=day)
    j = s.join(h, [s.agent_ref == h.h_agent, h.h_day >= s.hired_on])
    firsts = j.group_by(["agent_ref", "hired_on"]).aggregate(first_contact=j.h_day.min())
    am = data.agent_months
    monthly = am.mutate(m=am.month.truncate("M"))
    k = firsts.join(
        monthly,
        [
            firsts.agent_ref == monthly.agent_ref,
            monthly.m >= firsts.hired_on.truncate("M"),
            monthly.m <= firsts.first_contact.truncate("M"),
        ],
        how="left",
    )
    rows = (
        k.group_by(["agent_ref", "hired_on", "first_contact"])
        .aggregate(hours=k.training_hours.sum(), reported=k.training_hours.count())
        .to_pyarrow()
        .to_pylist()
    )
    return [
        Onboarded(
            hired_on=r["hired_on"],
            first_contact=r["first_contact"],
            hours=float(r["hours"]) if r["reported"] else None,
        )
        for r in rows
    ]


def onboarding(hires: Sequence[Onboarded]) -> ClauseMeasurement | None:
    """``min_onboarding_hours``: the lowest new hire's onboarding training hours."""
    if not hires:
        return None
    known = [h for h in hires if h.hours is not None]
    days = statistics.median((h.first_contact - h.hired_on).days for h in hires)
    missing = len(hires) - len(known)
    if not known:
        return ClauseMeasurement(
            value=0.0,
            sample_size=len(hires),
            detail=f"{len(hires)} new hires made a first contact",
            insufficient="no training hours reported for any new hire before the first contact",
        )
    low = min(h.hours or 0.0 for h in known)
    return ClauseMeasurement(
        value=low,
        sample_size=len(known),
        detail=(
            f"{len(hires)} new hires made a first contact a median {days:g} days after hire; "
            f"onboarding training lowest {low:.1f} h, median "
            f"{statistics.median(h.hours or 0.0 for h in known):.1f} h"
        ),
        insufficient=f"{missing} of {len(hires)} new hires have no training hours reported"
        if missing
        else "",
    )


def measure_onboarding(
    ws: Workspace, engagement_id: str, start: date, end: date
) -> ClauseMeasurement | None:
    """``min_onboarding_hours`` of the new hires whose first contact is in [start, end]."""
    with open_people(ws, engagement_id) as data:
        hires = onboarded(data)
    return onboarding([h for h in hires if start <= h.first_contact <= end])


def onboarding_months(ws: Workspace, engagement_id: str, months: list[date]) -> Measurements:
    """``min_onboarding_hours`` of each month (by the month of the first contact)."""
    with open_people(ws, engagement_id) as data:
        hires = onboarded(data)
    return [onboarding([h for h in hires if h.first_contact.replace(day=1) == m]) for m in months]


TOPIC_PROVIDERS = {f"min_training_hours_{t}": topic_providers(t) for t in TRAINING_TOPICS}
