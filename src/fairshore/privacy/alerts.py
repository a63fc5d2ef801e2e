"""Privacy's alerts: breach notification clocks still running or already overdue.

An alert provider of :mod:`fairshore.governance.due`, listed by the composition root.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from fairshore.bootstrap import Workspace
from fairshore.governance.model import Alert
from fairshore.privacy.incidents import CLOCK_LABELS
from fairshore.privacy.model import Clock
from fairshore.privacy.services import list_incidents

CLOCK_TITLES = {
    "vendor_to_client": "vendor must notify the client",
    "gdpr_art33_authority": "supervisory authority must be notified within 72 h (GDPR Art. 33)",
}


def _title(c: Clock) -> str:
    if c.name in CLOCK_TITLES:
        return CLOCK_TITLES[c.name]
    basis = f" ({c.basis[0]})" if c.basis else ""
    return f"{CLOCK_LABELS[c.name].lower()} must be notified{basis}"


def incident_clock_alerts(ws: Workspace, today: date, horizon: date) -> list[Alert]:
    """Breach notification clocks still running or already overdue."""
    moment = (
        datetime.now(UTC)
        if today == datetime.now(UTC).date()
        else datetime.combine(today, time.min, tzinfo=UTC)
    )
    out = []
    for view in list_incidents(ws, as_of=moment):
        for c in view.clocks:
            if c.state not in ("running", "overdue") or c.deadline is None:
                continue
            out.append(
                Alert(
                    kind="incident_clock",
                    engagement_id=view.incident.engagement_id,
                    title=f"Incident {view.incident.id}: {_title(c)} "
                    f"(by {c.deadline:%Y-%m-%d %H:%M} UTC)",
                    due_on=c.deadline.date(),
                    overdue=c.state == "overdue",
                    ref=f"incident:{view.incident.id}:{c.name}",
                )
            )
    return out
