"""Breach clocks: the contract's vendor window and GDPR Art. 33's 72 hours."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fairshore.privacy.incidents import clock_findings, incident_clocks, notification_delay_hours
from fairshore.privacy.model import Incident

AWARE = datetime(2026, 5, 12, 9, 0, tzinfo=UTC)


def incident(**kw: object) -> Incident:
    return Incident(id="inc-1", engagement_id="telco-bog", vendor_aware_at=AWARE, **kw)  # type: ignore[arg-type]


def states(inc: Incident, as_of: datetime) -> dict[str, str]:
    return {c.name: c.state for c in incident_clocks(inc, as_of=as_of).clocks}


def test_everything_on_time() -> None:
    inc = incident(
        client_notified_at=AWARE + timedelta(hours=20),
        authority_notified_at=AWARE + timedelta(hours=20 + 60),
    )
    assert states(inc, AWARE + timedelta(days=30)) == {
        "vendor_to_client": "met",
        "gdpr_art33_authority": "met",
    }
    assert clock_findings(incident_clocks(inc, as_of=AWARE + timedelta(days=30))) == []


def test_late_vendor_notice_96_hours() -> None:
    # The demo's planted problem: vendor aware 2026-05-12, client told 96 h later (window 24 h).
    inc = incident(
        client_notified_at=AWARE + timedelta(hours=96),
        authority_notified_at=AWARE + timedelta(hours=96 + 30),
    )
    view = incident_clocks(inc, as_of=AWARE + timedelta(days=10))
    vendor = view.clocks[0]
    assert vendor.state == "late" and vendor.elapsed_hours == 96.0
    assert vendor.deadline == AWARE + timedelta(hours=24)
    findings = clock_findings(view)
    assert [f.key for f in findings] == ["privacy_incident:telco-bog:inc-1:vendor_to_client"]
    assert findings[0].source == "privacy_incident" and findings[0].severity == "major"
    assert "72 h past the 24 h window" in findings[0].detail
    assert notification_delay_hours(inc, as_of=AWARE) == 96.0


def test_gdpr_authority_clock_overdue_and_running() -> None:
    notified = AWARE + timedelta(hours=10)
    inc = incident(client_notified_at=notified)
    running = incident_clocks(inc, as_of=notified + timedelta(hours=50)).clocks[1]
    assert running.state == "running" and running.remaining_hours == 22.0
    view = incident_clocks(inc, as_of=notified + timedelta(hours=80))
    assert view.clocks[1].state == "overdue" and view.clocks[1].remaining_hours == -8.0
    [finding] = clock_findings(view)
    assert finding.severity == "critical" and "GDPR Art. 33" in finding.title


def test_vendor_silent_is_overdue_and_window_configurable() -> None:
    inc = incident()
    assert states(inc, AWARE + timedelta(hours=30))["vendor_to_client"] == "overdue"
    view = incident_clocks(inc, as_of=AWARE + timedelta(hours=30), vendor_window_hours=48)
    assert view.clocks[0].state == "running" and view.clocks[1].state == "not_started"
    assert notification_delay_hours(inc, as_of=AWARE + timedelta(hours=30)) == 30.0


def test_no_authority_clock_when_the_client_assessed_no_risk() -> None:
    # GDPR Art. 33(1): no notice when the breach "is unlikely to result in a risk" (an
    # encrypted laptop, say). The vendor's own clock still runs.
    notified = AWARE + timedelta(hours=30)
    assessed = incident(client_notified_at=notified, authority_notification="not_required")
    view = incident_clocks(assessed, as_of=notified + timedelta(days=30))
    vendor, authority = view.clocks
    assert (vendor.state, authority.state) == ("late", "not_required")
    assert authority.deadline is None and authority.elapsed_hours is None
    assert [f.key.rsplit(":", 1)[1] for f in clock_findings(view)] == ["vendor_to_client"]
    # Unassessed, or assessed as required, the 72 hours run from the client's awareness.
    for notice in (None, "required"):
        inc = incident(client_notified_at=notified, authority_notification=notice)
        assert states(inc, notified + timedelta(hours=80))["gdpr_art33_authority"] == "overdue"
    # A notice given anyway is judged against the 72 hours like any other.
    told = assessed.model_copy(update={"authority_notified_at": notified + timedelta(hours=80)})
    assert states(told, notified + timedelta(days=5))["gdpr_art33_authority"] == "late"
