"""What the people use cases read: an engagement's lake tables and sites, and today.

The clock enters the people use cases here only (``today_utc``), when a caller
passes no date.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from fairshore.adapters.lake import Lake
from fairshore.engagements import services as engagements
from fairshore.engagements.model import Engagement, Site
from fairshore.errors import InputError
from fairshore.metrics.periods import Period, month_of, period_between
from fairshore.people import workforce

if TYPE_CHECKING:
    import ibis.expr.types as ir

    from fairshore.bootstrap import Workspace


def today_utc() -> date:
    """Today in UTC: the default of a use case whose caller passes no date."""
    return datetime.now(UTC).date()


@dataclass
class PeopleData:
    """One engagement's lake tables, opened for a computation."""

    engagement: Engagement
    lake: Lake
    spells: ir.Table
    agent_months: ir.Table
    interactions: ir.Table
    kept: ExitStack  # the engine's temporary tables made while open (month_facts)
    facts: dict[tuple[date, date], ir.Table] = field(default_factory=dict)


@contextmanager
def open_people(ws: Workspace, engagement_id: str) -> Iterator[PeopleData]:
    """The engagement's people tables; what :func:`month_facts` kept is dropped at the
    end."""
    engagement = engagements.get_engagement(ws, engagement_id)
    lake = ws.lake_reader
    with ExitStack() as kept:
        yield PeopleData(
            engagement=engagement,
            lake=lake,
            spells=workforce.roster_spells(lake.table("agents", engagement_id)),
            agent_months=lake.table("agent_months", engagement_id),
            interactions=lake.table("interactions", engagement_id),
            kept=kept,
        )


def data_period(data: PeopleData) -> Period:
    am = data.agent_months
    span = am.aggregate(lo=am.month.min(), hi=am.month.max()).to_pyarrow().to_pylist()[0]
    if span["lo"] is None:
        s = data.spells
        span = s.aggregate(lo=s.hired_on.min(), hi=s.hired_on.max()).to_pyarrow().to_pylist()[0]
    if span["lo"] is None:
        raise InputError(
            f"no roster or agent months ingested for {data.engagement.id}: run "
            f"'fairshore ingest agents FILE --engagement {data.engagement.id}' first"
        )
    return period_between(month_of(span["lo"]).start, month_of(span["hi"]).last_day)


def engagement_sites(ws: Workspace, engagement: Engagement) -> list[Site]:
    sites = engagements.list_sites(ws, engagement.vendor_id)
    if engagement.site_ids:
        sites = [s for s in sites if s.id in engagement.site_ids]
    return sites


def clause_period(start: date, end: date) -> Period:
    return period_between(start, end)


def month_starts(period: Period) -> list[date]:
    return [m.start for m in period.months()]


def month_facts(data: PeopleData, period: Period) -> ir.Table:
    """The agent-month facts of ``period`` (:func:`.workforce.agent_month_facts`), made
    once per opening into a temporary table of the engine: the hours, occupancy, pay
    and wellbeing measures each query them, and each query over the joins that make
    them would compile and run many times larger (a welfare report: 2x faster)."""
    key = (period.start, period.last_day)
    if key not in data.facts:
        made = workforce.agent_month_facts(data.agent_months, data.spells, month_starts(period))
        data.facts[key] = data.kept.enter_context(data.lake.temporary(made))
    return data.facts[key]
