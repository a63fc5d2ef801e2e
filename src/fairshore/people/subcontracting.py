"""Subcontracting: who employs the agents on an engagement, and where they work.

A contract with ``subcontracting_allowed: false`` says the vendor delivers the work
itself, from the engagement's sites. The roster says otherwise when an agent in post
in the month

- has an employer of record (``agents.employer``) that is not the vendor (its id or
  its registered name, compared without case), unless the agent is ``agency`` staff:
  labour a staffing agency places in the vendor's own teams is the employment model
  the ``min_in_house_share`` clause bounds, not the service handed to another firm; or
- works from a site that is not one of the engagement's.

The clause's value is the share of agents in post who are neither (1.0 = complied);
the subcontracted agents are its evidence. A month in which no agent in post states
an employer or a site has no verdict (insufficient data).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date

from fairshore.contracts.model import EVIDENCE_ROWS, ClauseMeasurement, EvidenceRow


@dataclass(frozen=True)
class RosterAgent:
    """One agent's spell on the roster, as the subcontracting clause reads it."""

    agent_ref: str
    hired_on: date
    left_on: date | None
    site_id: str | None
    employment_type: str | None
    employer: str | None

    def in_post(self, start: date, end: date) -> bool:
        """Whether the agent was on the engagement on some day of [start, end]."""
        return self.hired_on <= end and (self.left_on is None or self.left_on >= start)


def subcontracted_reason(
    agent: RosterAgent, *, vendor: Collection[str], sites: Collection[str]
) -> str | None:
    """Why the roster shows the agent as subcontracted, or None (``vendor``: the vendor's
    id and name, casefolded; ``sites``: the engagement's site ids)."""
    reasons = []
    employer = (agent.employer or "").strip()
    if employer and employer.casefold() not in vendor and agent.employment_type != "agency":
        reasons.append(f"employed by {employer}")
    if agent.site_id and sites and agent.site_id not in sites:
        reasons.append(f"works from {agent.site_id}, not a site of the engagement")
    return "; ".join(reasons) or None


def subcontracting_measurement(
    agents: Sequence[RosterAgent],
    *,
    start: date,
    end: date,
    vendor: Collection[str],
    sites: Collection[str],
) -> ClauseMeasurement | None:
    """``subcontracting`` over [start, end]: share of agents in post not subcontracted
    (None: nobody in post, the roster says nothing of the period)."""
    folded = {v.casefold() for v in vendor}
    in_post = [a for a in agents if a.in_post(start, end)]
    if not in_post:
        return None
    stated = [a for a in in_post if a.employer or a.site_id]
    if not stated:
        return ClauseMeasurement(
            value=None,
            sample_size=0,
            insufficient=f"none of {len(in_post)} agents in post has an employer or a site "
            "on the roster (agents.employer, agents.site_id)",
        )
    found = [(a, subcontracted_reason(a, vendor=folded, sites=sites)) for a in stated]
    bad = [(a, why) for a, why in found if why]
    detail = f"{len(stated) - len(bad)} of {len(stated)} agents in post employed by the vendor at"
    detail += " the engagement's sites"
    if bad:
        employers = sorted({a.employer for a, _ in bad if a.employer})
        detail += f"; {len(bad)} subcontracted" + (
            f" ({', '.join(employers)})" if employers else ""
        )
    return ClauseMeasurement(
        value=(len(stated) - len(bad)) / len(stated),
        sample_size=len(stated),
        detail=detail,
        evidence=tuple(_row(a, why) for a, why in bad[:EVIDENCE_ROWS]),
    )


def _row(agent: RosterAgent, why: str) -> EvidenceRow:
    return {
        "agent_ref": agent.agent_ref,
        "employer": agent.employer,
        "site_id": agent.site_id,
        "employment_type": agent.employment_type,
        "hired_on": agent.hired_on.isoformat(),
        "left_on": agent.left_on.isoformat() if agent.left_on else None,
        "reason": why,
    }
