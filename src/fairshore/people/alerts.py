"""People's alerts: worker-voice cases to acknowledge or resolve.

An alert provider of :mod:`fairshore.governance.due`, listed by the composition root.
"""

from __future__ import annotations

from datetime import date

from fairshore.bootstrap import Workspace
from fairshore.governance.model import Alert
from fairshore.people.services import list_grievances


def voice_alerts(ws: Workspace, today: date, horizon: date) -> list[Alert]:
    """Worker-voice cases to acknowledge or resolve (no text, no site: nothing identifying)."""
    out = []
    for case in list_grievances(ws):
        due: list[tuple[str, str, date]] = []
        if case.acknowledged_on is None and case.status == "received":
            due.append(("ack", "acknowledgement", case.ack_due_on))
        if case.resolved_on is None and case.status != "resolved":
            due.append(("resolve", "resolution", case.resolve_due_on))
        out += [
            Alert(
                kind="voice",
                engagement_id=case.engagement_id,
                title=f"Grievance ({case.category}) {what} due",
                due_on=day,
                overdue=day < today,
                ref=f"voice:{case.id}:{tag}",
            )
            for tag, what, day in due
            if day <= horizon
        ]
    return out
