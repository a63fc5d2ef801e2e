"""What the people use cases read: an engagement's lake tables and sites, and today.

The clock enters the people use cases here only (``today_utc``), when a caller
passes no date.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager
from dataclasses import dataclass
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

    ws: Workspace
    engagement: Engagement
    lake: Lake
    spells: ir.Table
    agent_months: ir.Table
    interactions: ir.Table
    held: ExitStack  # what month_facts opened outside a reading, closed with the data


@contextmanager
def open_people(ws: Workspace, engagement_id: str) -> Iterator[PeopleData]:
    """The engagement's people tables (and, at the end, what :func:`month_facts` held)."""
    engagement = engagements.get_engagement(ws, engagement_id)
    lake = ws.lake_reader
    with ExitStack() as held:
        yield PeopleData(
            ws=ws,
            engagement=engagement,
            lake=lake,
            spells=workforce.roster_spells(lake.table("agents", engagement_id)),
            agent_months=lake.table("agent_months", engagement_id),
            interactions=lake.table("interactions", engagement_id),
            held=held,
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
    into a temporary table of the engine (``Lake.temporary``): once per ``ws.reading()``,
    else at each call, held until ``data`` is closed. The hours, occupancy, pay and
    wellbeing measures, and the claims and clauses that read them, each query those rows;
    each query over the joins that make them would compile and run many times larger."""
    key = ("month_facts", data.engagement.id, period.start, period.last_day)

    def make() -> AbstractContextManager[ir.Table]:
        months = month_starts(period)
        return data.lake.temporary(
            workforce.agent_month_facts(data.agent_months, data.spells, months)
        )

    return data.ws.kept_open(key, make, data.held)
