"""The ``subcontracting`` clause provider: the roster's employers and sites, by period.

The roster is read once for every period asked (it is one row per agent and spell);
each period is then judged by ``subcontracting.subcontracting_measurement``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from fairshore.contracts.model import ClauseMeasurement
from fairshore.engagements import services as engagements
from fairshore.people.sources import engagement_sites
from fairshore.people.subcontracting import RosterAgent, subcontracting_measurement

if TYPE_CHECKING:
    from fairshore.bootstrap import Workspace

Span = tuple[date, date]


def measure_subcontracting(
    ws: Workspace, engagement_id: str, start: date, end: date
) -> ClauseMeasurement | None:
    """``subcontracting`` over days [start, end]: share of agents in post employed by the
    vendor at the engagement's sites (1.0 = complied)."""
    return measure_subcontracting_periods(ws, engagement_id, [(start, end)])[0]


def measure_subcontracting_periods(
    ws: Workspace, engagement_id: str, spans: Sequence[Span]
) -> list[ClauseMeasurement | None]:
    """:func:`measure_subcontracting` of each span, in the order given."""
    engagement = engagements.get_engagement(ws, engagement_id)
    vendor = {engagement.vendor_id}
    vendor |= {v.name for v in engagements.list_vendors(ws) if v.id == engagement.vendor_id}
    sites = {s.id for s in engagement_sites(ws, engagement)} | set(engagement.site_ids)
    agents = roster_agents(ws, engagement_id)
    return [
        subcontracting_measurement(agents, start=start, end=end, vendor=vendor, sites=sites)
        for start, end in spans
    ]


def roster_agents(ws: Workspace, engagement_id: str) -> list[RosterAgent]:
    """Every spell of the engagement's roster (re-delivered rows merged, as
    ``workforce.roster_spells`` merges them)."""
    t = ws.lake_reader.table("agents", engagement_id)
    spells = t.group_by(["agent_ref", "hired_on"]).aggregate(
        left_on=t.left_on.max(),
        site_id=t.site_id.max(),
        employment_type=t.employment_type.max(),
        employer=t.employer.max(),
    )
    return [RosterAgent(**r) for r in spells.to_pyarrow().to_pylist()]
