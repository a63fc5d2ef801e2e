"""Breach notification clocks of an incident, and the findings they raise.

One clock runs per audience that must be told, under the engagement's regimes
(:mod:`fairshore.privacy.regimes`); where several rules ask the same audience, the
strictest (the earliest deadline) sets the clock and the others are cited with it:

* vendor -> client: the processor or business associate tells the client (GDPR Art.
  33(2) "without undue delay", HIPAA 45 CFR 164.410 within 60 days, Cal. Civ. Code
  1798.82(b) "immediately"); the contract pins it to a window, 24 hours by default.
* client -> authority: within 72 hours of becoming aware (GDPR Art. 33(1)). The client
  becomes aware when the vendor notifies it, so this clock starts at
  ``client_notified_at``. It does not run when the client assessed that notice is not
  required (``authority_notification`` ``not_required``).
* individuals, media, HHS, the California Attorney General, the card brands: as each
  regime's profile says, on its thresholds of people affected.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from fairshore import numbers
from fairshore.engagements.model import Regime
from fairshore.governance.model import Finding, Severity
from fairshore.privacy.model import Clock, ClockName, ClockState, Incident, IncidentStatusView
from fairshore.privacy.regimes import (
    DEFAULT_REGIMES,
    NoticeRule,
    annual_log_deadline,
    applies,
    profiles_for,
)

DEFAULT_VENDOR_WINDOW_HOURS = 24.0
GDPR_AUTHORITY_WINDOW_HOURS = 72.0  # GDPR Art. 33(1): within 72 hours of awareness
CLOCK_ORDER: tuple[ClockName, ...] = (
    "vendor_to_client",
    "gdpr_art33_authority",
    "individuals",
    "media",
    "hhs",
    "attorney_general",
    "card_brands",
)
CLOCK_LABELS: dict[ClockName, str] = {
    "vendor_to_client": "Client",
    "gdpr_art33_authority": "Supervisory authority",
    "individuals": "People affected",
    "media": "Prominent media",
    "hhs": "HHS Secretary",
    "attorney_general": "California Attorney General",
    "card_brands": "Card brands and acquirer",
}
CRITICAL_CLOCKS = ("gdpr_art33_authority", "individuals", "hhs")


def _hours(delta: timedelta) -> float:
    return round(delta.total_seconds() / 3600.0, 2)


def clock(
    name: ClockName,
    *,
    starts_at: datetime | None,
    done_at: datetime | None,
    window_hours: float | None,
    as_of: datetime,
    required: bool = True,
    audience: str = "client",
    basis: list[str] | None = None,
) -> Clock:
    """The state of one deadline as of ``as_of`` (``not_required``: nothing to be done).

    Without ``window_hours`` (no outer limit in law) there is no deadline: the clock is
    ``running`` until notice is given, then ``met``.
    """
    common = {"name": name, "audience": audience, "basis": basis or []}
    if starts_at is None or (not required and done_at is None):
        return Clock.model_validate(
            {
                **common,
                "starts_at": starts_at,
                "deadline": None,
                "done_at": done_at,
                "window_hours": window_hours,
                "state": "not_started" if required else "not_required",
                "elapsed_hours": None,
                "remaining_hours": None,
            }
        )
    deadline = None if window_hours is None else starts_at + timedelta(hours=window_hours)
    state: ClockState
    if done_at is not None:
        state = "met" if deadline is None or done_at <= deadline else "late"
        elapsed, remaining = _hours(done_at - starts_at), None
    else:
        state = "running" if deadline is None or as_of <= deadline else "overdue"
        elapsed = _hours(as_of - starts_at)
        remaining = None if deadline is None else _hours(deadline - as_of)
    return Clock.model_validate(
        {
            **common,
            "starts_at": starts_at,
            "deadline": deadline,
            "done_at": done_at,
            "window_hours": window_hours,
            "state": state,
            "elapsed_hours": elapsed,
            "remaining_hours": remaining,
        }
    )


def _start(rule: NoticeRule, incident: Incident) -> datetime | None:
    if rule.start == "client_aware":
        return incident.client_notified_at
    return incident.vendor_aware_at or incident.detected_at


def _window(rule: NoticeRule, incident: Incident) -> float | None:
    start = _start(rule, incident)
    if rule.annual_log and start is not None:
        return _hours(annual_log_deadline(start) - start)
    return rule.window_hours


def _strictness(rule: NoticeRule, incident: Incident) -> tuple[int, float]:
    start, window = _start(rule, incident), _window(rule, incident)
    if window is None:
        return (2, 0.0)
    if start is None:
        return (1, window)
    return (0, (start + timedelta(hours=window)).timestamp())


def _done_at(rule: NoticeRule, incident: Incident) -> datetime | None:
    match rule.audience:
        case "client":
            return incident.client_notified_at
        case "authority":
            return incident.authority_notified_at
        case "individuals":
            return incident.subjects_notified_at
        case "media" | "hhs" | "attorney_general" | "card_brands" as extra:
            return incident.notices.get(extra)
    return None


def incident_clocks(
    incident: Incident,
    *,
    as_of: datetime,
    vendor_window_hours: float = DEFAULT_VENDOR_WINDOW_HOURS,
    regimes: list[Regime] | tuple[Regime, ...] = (),
) -> IncidentStatusView:
    """Every clock of ``incident`` as of ``as_of`` under ``regimes`` (GDPR when none)."""
    contract = NoticeRule(
        "vendor_to_client",
        "client",
        f"contract: breach notice within {numbers.hours(vendor_window_hours)}",
        vendor_window_hours,
        "vendor_aware",
    )
    rules = [contract] + [
        r for p in profiles_for(list(regimes)) for r in p.notices if applies(r, incident)
    ]
    clocks = []
    for name in CLOCK_ORDER:
        mine = sorted((r for r in rules if r.clock == name), key=lambda r: _strictness(r, incident))
        if not mine:
            continue
        rule = mine[0]
        clocks.append(
            clock(
                name,
                starts_at=_start(rule, incident),
                done_at=_done_at(rule, incident),
                window_hours=_window(rule, incident),
                as_of=as_of,
                required=rule.when != "authority_required"
                or incident.authority_notification != "not_required",
                audience=rule.audience,
                basis=list(dict.fromkeys(r.basis for r in mine)),
            )
        )
    return IncidentStatusView(
        incident=incident,
        clocks=clocks,
        as_of=as_of,
        regimes=list(regimes or DEFAULT_REGIMES),
        regimes_assumed=not regimes,
    )


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
        severity: Severity = "critical" if c.name in CRITICAL_CLOCKS else "major"
        window = c.window_hours or 0.0
        if c.state == "late" and c.elapsed_hours is not None:
            over = c.elapsed_hours - window
            what = (
                f"done after {numbers.hours(c.elapsed_hours)}, {numbers.hours(over)} past "
                f"the {numbers.hours(window)} window"
            )
        else:
            what = (
                f"still not done {numbers.hours(c.elapsed_hours)} after the clock started "
                f"(window {numbers.hours(window)})"
            )
        title = _title(c)
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
                    "audience": c.audience,
                    "basis": c.basis,
                    "records_affected": inc.records_affected,
                },
                observed_on=(c.done_at or view.as_of).date(),
            )
        )
    return out


def window_text(hours: float | None) -> str:
    """A notice window as the law words it: ``72 h``, ``60 days``, or no fixed limit."""
    if hours is None:
        return "no fixed limit"
    if hours > 96 and hours % 24 == 0:  # laws count short windows in hours, long in days
        return f"{int(hours // 24)} days"
    return numbers.hours(hours)


def _title(c: Clock) -> str:
    if c.name == "vendor_to_client":
        return "Vendor notified the breach late"
    within = window_text(c.window_hours) if c.window_hours is not None else "time"
    basis = f" ({c.basis[0]})" if c.basis else ""
    return f"{CLOCK_LABELS[c.name]} not notified within {within}{basis}"
