"""Local hires and promotions of a vendor's sites over a period, read from the rosters."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fairshore.engagements import services as engagements
from fairshore.metrics.periods import Period
from fairshore.people.community import RosterPerson, SiteCommunity, site_community
from fairshore.people.sources import engagement_sites

if TYPE_CHECKING:
    from fairshore.bootstrap import Workspace


def vendor_site_community(ws: Workspace, vendor_id: str, span: Period) -> list[SiteCommunity]:
    """Each site of the vendor's engagements with roster rows there (sorted by site id).

    A person on two engagements at one site is two spells: each engagement's roster
    counts its own hires and promotions, as the vendor reports them.
    """
    people: list[RosterPerson] = []
    sites: dict[str, str] = {}
    for engagement in engagements.list_engagements(ws, vendor_id):
        if not ws.lake_reader.has_rows("agents", engagement.id):
            continue
        people += roster_people(ws, engagement.id)
        sites |= {s.id: s.location for s in engagement_sites(ws, engagement)}
    seen = {p.site_id for p in people}
    return [
        site_community(people, site_id=sid, location=loc, start=span.start, end=span.last_day)
        for sid, loc in sorted(sites.items())
        if sid in seen
    ]


def roster_people(ws: Workspace, engagement_id: str) -> list[RosterPerson]:
    """Every spell of the engagement's roster (re-delivered rows merged, as
    ``workforce.roster_spells`` merges them)."""
    t = ws.lake_reader.table("agents", engagement_id)
    spells = t.group_by(["agent_ref", "hired_on"]).aggregate(
        left_on=t.left_on.max(),
        site_id=t.site_id.max(),
        role=t.role.max(),
        home_location=t.home_location.max(),
        promoted_on=t.promoted_on.max(),
    )
    return [RosterPerson(**r) for r in spells.to_pyarrow().to_pylist()]
