"""The planted compliance problems of ``truth.json``: data residency, subcontracting,
audit rights (the contract clauses judged from access events, the roster, the register).

Figures come from what was written (the access events moved abroad, the roster's
employers) or recorded (the audit requests), for a test to compare with the clauses.
"""

from __future__ import annotations

from typing import Any

from fairshore.demo.model import EngagementScenario, Scenario
from fairshore.demo.roster import Roster, hired_on, subcontracted_team
from fairshore.demo.scenario import (
    REFUSED_AUDIT,
    RESIDENCY_COUNTRY,
    RESIDENCY_NETWORK,
    SUBCONTRACTOR,
)
from fairshore.metrics.periods import parse_period


def residency_breach(eng: EngagementScenario, abroad: dict[str, Any]) -> dict[str, Any] | None:
    """Access events from outside the contract's countries, in one month (None: none
    written, e.g. the month was not generated)."""
    if not abroad["events"]:
        return None
    month = parse_period(abroad["month"])
    return {
        "kind": "residency_breach",
        "engagement_id": eng.id,
        "vendor_id": eng.vendor.id,
        "period": {"start": month.start.isoformat(), "end": month.last_day.isoformat()},
        "agent_ref": None,
        "description": f"In {abroad['month']} {len(abroad['agents'])} agents reach customer "
        f"records from {RESIDENCY_COUNTRY} over a remote network; the contract keeps the "
        f"data in {eng.site.country_iso2}.",
        "expected": {
            "measure": "data_residency",
            "month": abroad["month"],
            "country": RESIDENCY_COUNTRY,
            "allowed": [eng.site.country_iso2],
            "source": RESIDENCY_NETWORK,
            "events_abroad": abroad["events"],
            "agents": sorted(abroad["agents"]),
        },
    }


def subcontracted_team_problem(
    eng: EngagementScenario, roster: Roster, scenario: Scenario
) -> dict[str, Any] | None:
    """The team employed by a subcontractor, which the contract does not allow."""
    team = subcontracted_team(eng, roster)
    if not team:
        return None
    counted = [i for i in team if roster.employment[i] != "agency"]
    first = max(scenario.start, min(hired_on(scenario.start, int(roster.hired[i])) for i in team))
    return {
        "kind": "subcontracted_team",
        "engagement_id": eng.id,
        "vendor_id": eng.vendor.id,
        "period": {"start": first.isoformat(), "end": scenario.end.isoformat()},
        "agent_ref": None,
        "description": f"One team ({len(team)} people with its lead) works on the engagement "
        f"employed by {SUBCONTRACTOR}, not {eng.vendor.name}; the contract does not allow "
        "subcontracting. Its agency staff (agency labour, not subcontracting) do not count.",
        "expected": {
            "measure": "subcontracting",
            "employer": SUBCONTRACTOR,
            "team_lead": roster.refs[team[0]],
            "subcontracted_people_in_year": len(counted),
            "agency_in_team": len(team) - len(counted),
        },
    }


def refused_audit(scenario: Scenario, ids: set[str]) -> dict[str, Any] | None:
    """The audit request the vendor refused."""
    notice = REFUSED_AUDIT
    if notice.engagement_id not in ids:
        return None
    eng = scenario.engagement(notice.engagement_id)
    return {
        "kind": "audit_refused",
        "engagement_id": eng.id,
        "vendor_id": eng.vendor.id,
        "period": {"start": notice.requested_on, "end": notice.decided_on},
        "agent_ref": None,
        "description": f"The client gave notice on {notice.requested_on} of an audit of "
        f"{notice.scope}; the vendor refused access on {notice.decided_on}. The contract "
        "gives the client audit rights on 10 days' notice.",
        "expected": {
            "measure": "audit_rights",
            "requested_on": notice.requested_on,
            "access": notice.access,
            "decided_on": notice.decided_on,
        },
    }
