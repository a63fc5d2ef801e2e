"""Breach notification clocks of an incident, and the findings they raise.

Two clocks run on every personal-data breach at a vendor:

* vendor -> client: the processor tells the controller "without undue delay" (GDPR
  Art. 33(2)); the contract pins it to a window, 24 hours by default.
* client -> authority: the controller notifies the supervisory authority within 72
  hours of becoming aware (GDPR Art. 33(1)). The client becomes aware when the vendor
  notifies it, so this clock starts at ``client_notified_at``. It does not run when the
  client assessed that notice is not required (``authority_notification``
  ``not_required``: the breach is unlikely to result in a risk to people) and gave none.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from fairshore import numbers
from fairshore.governance.model import Finding, Severity
from fairshore.privacy.model import Clock, ClockState, Incident, IncidentStatusView

DEFAULT_VENDOR_WINDOW_HOURS = 24.0
GDPR_AUTHORITY_WINDOW_HOURS = 72.0  # GDPR Art. 33(1): within 72 hours of awareness


def _hours(delta: timedelta) -> float:
    return round(delta.total_seconds() / 3600.0, 2)


def clock(
    name: str,
    *,
    starts_at: datetime | None,
    done_at: datetime | None,
    window_hours: float,
    as_of: datetime,
    required: bool = True,
) -> Clock:
    """The state of one deadline as of ``as_of`` (``not_required``: nothing to be done)."""
    if starts_at is None or (not required and done_at is None):
        return Clock(
            name=name,
            starts_at=starts_at,
            deadline=None,
            done_at=done_at,
            window_hours=window_hours,
            state="not_started" if required else "not_required",
            elapsed_hours=None,
            remaining_hours=None,
        )
    deadline = starts_at + timedelta(hours=window_hours)
    state: ClockState
    if done_at is not None:
        state = "met" if done_at <= deadline else "late"
        elapsed = _hours(done_at - starts_at)
        remaining = None
    else:
        state = "running" if as_of <= deadline else "overdue"
        elapsed = _hours(as_of - starts_at)
        remaining = _hours(deadline - as_of)
    return Clock(
        name=name,
        starts_at=starts_at,
        deadline=deadline,
        done_at=done_at,
        window_hours=window_hours,
        state=state,
        elapsed_hours=elapsed,
        remaining_hours=remaining,
    )


def incident_clocks(
    incident: Incident, *, as_of: datetime, vendor_window_hours: float = DEFAULT_VENDOR_WINDOW_HOURS
) -> IncidentStatusView:
    """Both clocks of ``incident`` as of ``as_of``."""
    vendor_start = incident.vendor_aware_at or incident.detected_at
    clocks = [
        clock(
            "vendor_to_client",
            starts_at=vendor_start,
            done_at=incident.client_notified_at,
            window_hours=vendor_window_hours,
            as_of=as_of,
        ),
        clock(
            "gdpr_art33_authority",
            starts_at=incident.client_notified_at,
            done_at=incident.authority_notified_at,
            window_hours=GDPR_AUTHORITY_WINDOW_HOURS,
            as_of=as_of,
            required=incident.authority_notification != "not_required",
        ),
    ]
    return IncidentStatusView(incident=incident, clocks=clocks, as_of=as_of)


def notification_delay_hours(incident: Incident, *, as_of: datetime) -> float | None:
    """Hours from vendor awareness to client notice (to ``as_of`` while not notified)."""
    start = incident.vendor_aware_at or incident.detected_at
    if start is None:
        return None
    end = incident.client_notified_at or as_of
    return max(0.0, _hours(end - start))


def clock_findings(view: IncidentStatusView) -> list[Finding]:
    """An overdue or late clock is a finding (source ``privacy_incident``)."""
    inc = view.incident
    out: list[Finding] = []
    for c in view.clocks:
        if c.state not in ("late", "overdue"):
            continue
        severity: Severity = "critical" if c.name == "gdpr_art33_authority" else "major"
        if c.state == "late" and c.elapsed_hours is not None:
            over = c.elapsed_hours - c.window_hours
            what = (
                f"done after {numbers.hours(c.elapsed_hours)}, {numbers.hours(over)} past "
                f"the {numbers.hours(c.window_hours)} window"
            )
        else:
            what = (
                f"still not done {numbers.hours(c.elapsed_hours)} after the clock started "
                f"(window {numbers.hours(c.window_hours)})"
            )
        title = {
            "vendor_to_client": "Vendor notified the breach late",
            "gdpr_art33_authority": "Supervisory authority not notified within 72 h (GDPR Art. 33)",
        }[c.name]
        if c.name == "vendor_to_client" and c.state == "overdue":
            title = "Vendor has not notified a breach it knows of"
        out.append(
            Finding(
                key=f"privacy_incident:{inc.engagement_id}:{inc.id}:{c.name}",
                source="privacy_incident",
                engagement_id=inc.engagement_id,
                severity=severity,
                title=title,
                detail=f"Incident {inc.id}: {what}. {inc.description}".strip(),
                evidence={
                    "incident_id": inc.id,
                    "clock": c.name,
                    "state": c.state,
                    "starts_at": c.starts_at.isoformat() if c.starts_at else None,
                    "deadline": c.deadline.isoformat() if c.deadline else None,
                    "done_at": c.done_at.isoformat() if c.done_at else None,
                    "elapsed_hours": c.elapsed_hours,
                    "window_hours": c.window_hours,
                    "records_affected": inc.records_affected,
                },
                observed_on=(c.done_at or view.as_of).date(),
            )
        )
    return out
