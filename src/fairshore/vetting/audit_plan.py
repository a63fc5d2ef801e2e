"""When each engagement's next audit is due: the cadence its measured criticality sets.

Criticality is vetting's (measured inputs, overrides recorded and shown); the audits
done are the register's. The plan is also an alert provider (listed by the
composition root): an audit due within the horizon, or overdue, is an alert.
"""

from __future__ import annotations

from datetime import date

from fairshore.bootstrap import Workspace
from fairshore.engagements.services import list_engagements
from fairshore.governance.audits import UNASSESSED, PlannedAudit, plan_next_audit
from fairshore.governance.model import Alert
from fairshore.governance.services import list_audits
from fairshore.vetting.criticality_services import list_criticality


def plan_audits(ws: Workspace, *, today: date) -> list[PlannedAudit]:
    """The next audit of every engagement, soonest first."""
    tiers = {c.engagement_id: c for c in list_criticality(ws, as_of=today)}
    done = list_audits(ws)
    plans = []
    for engagement in list_engagements(ws):
        dates = [a.audited_on for a in done if a.engagement_id == engagement.id]
        graded = tiers.get(engagement.id)
        plans.append(
            plan_next_audit(
                engagement.id,
                criticality=graded.tier if graded else UNASSESSED,
                last_audited_on=max(dates) if dates else None,
                today=today,
                criticality_source=(
                    "; ".join(graded.reasons) if graded else "not assessed: planned as medium"
                ),
            )
        )
    return sorted(plans, key=lambda p: p.due_on)


def audit_alerts(ws: Workspace, today: date, horizon: date) -> list[Alert]:
    """Audits due by the horizon, or overdue."""
    return [
        Alert(
            kind="audit",
            engagement_id=p.engagement_id,
            title=f"{p.criticality}-criticality audit due ({', '.join(p.pillars)})",
            due_on=p.due_on,
            overdue=p.due_on < today,
            ref=f"audit-plan:{p.engagement_id}",
        )
        for p in plan_audits(ws, today=today)
        if p.due_on <= horizon
    ]
