"""``alerts`` collects what every capability has coming due, one kind at a time."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
import time_machine

from fairshore.bootstrap import Workspace
from fairshore.engagements import services as entities
from fairshore.governance import services
from fairshore.governance.model import Alert
from fairshore.people import services as people
from fairshore.privacy import services as privacy
from fairshore.privacy.model import IncidentFields
from fairshore.vetting import services as vetting
from fairshore.vetting.alerts import certificate_findings

TODAY = date(2026, 6, 1)


@pytest.fixture(autouse=True)
def _frozen_clock() -> Iterator[None]:
    """Evidence and assessments are stamped by the clock: freeze it on TODAY."""
    with time_machine.travel(datetime(2026, 6, 1, 12, tzinfo=UTC), tick=False):
        yield


def _engagement(ws: Workspace) -> None:
    entities.add_vendor(ws, id="v", name="V")
    entities.add_engagement(
        ws, id="e", vendor_id="v", name="E", timezone="UTC", channels=["voice"], languages=["en"]
    )


def _kinds(
    ws: Workspace, kind: str, *, today: date | None = None, within_days: int = 14
) -> list[Alert]:
    alerts = services.alerts(ws, today=today, within_days=within_days)
    return [a for a in alerts if a.kind == kind]


def test_certificates_alert_60_days_ahead_unless_renewed(
    workspace: Workspace, tmp_path: Path
) -> None:
    _engagement(workspace)
    docs = []
    for i, until in enumerate((TODAY + timedelta(days=45), TODAY + timedelta(days=200))):
        doc = tmp_path / f"cert{i}.pdf"
        doc.write_bytes(f"certificate {i}".encode())
        docs.append((doc, until))
    soon, later = docs
    vetting.add_evidence(
        workspace,
        "v",
        soon[0],
        type="iso27001",
        issuer="BSI",
        scope=("*",),
        valid_from=None,
        valid_until=soon[1],
    )
    (alert,) = _kinds(workspace, "certificate")
    assert alert.due_on == soon[1] and not alert.overdue
    assert "iso27001" in alert.title
    assert _kinds(workspace, "certificate", today=soon[1] + timedelta(days=1))[0].overdue
    # a renewed certificate of the same type silences the old one
    vetting.add_evidence(
        workspace,
        "v",
        later[0],
        type="iso27001",
        issuer="BSI",
        scope=("*",),
        valid_from=None,
        valid_until=later[1],
    )
    assert _kinds(workspace, "certificate") == []


def test_incident_clocks_running_and_overdue(workspace: Workspace) -> None:
    _engagement(workspace)
    aware = datetime(2026, 5, 12, 9, tzinfo=UTC)
    privacy.add_incident(
        workspace,
        engagement_id="e",
        fields=IncidentFields(vendor_aware_at=aware, records_affected=10),
        external_ref="one",
    )
    # vendor-to-client window (24 h by default) still running an hour later
    (running,) = _kinds(workspace, "incident_clock", today=date(2026, 5, 12))
    assert not running.overdue and running.due_on == date(2026, 5, 13)
    assert running.ref.endswith(":vendor_to_client")
    (late,) = _kinds(workspace, "incident_clock", today=date(2026, 5, 20))
    assert late.overdue
    # once the client is told, the GDPR Art. 33 72-hour clock runs from that moment
    (view,) = privacy.list_incidents(workspace)
    privacy.update_incident(
        workspace,
        view.incident.id,
        fields=IncidentFields(client_notified_at=aware + timedelta(hours=2)),
    )
    (gdpr,) = _kinds(workspace, "incident_clock", today=date(2026, 5, 13))
    assert gdpr.ref.endswith(":gdpr_art33_authority")
    assert gdpr.due_on == date(2026, 5, 15) and not gdpr.overdue


def test_questionnaires_are_renewed_after_twelve_months(workspace: Workspace) -> None:
    _engagement(workspace)
    vetting.set_assessment_scope(workspace, "v", scope=("site-a",))
    assert _kinds(workspace, "questionnaire") == []
    (alert,) = _kinds(workspace, "questionnaire", today=TODAY + timedelta(days=330))
    assert not alert.overdue
    assert _kinds(workspace, "questionnaire", today=TODAY + timedelta(days=400))[0].overdue


def test_voice_cases_past_their_acknowledgement_deadline(workspace: Workspace) -> None:
    _engagement(workspace)
    day = date(2026, 9, 1)
    case, _ = people.submit_grievance(
        workspace, "e", category="harassment", body="a supervisor shouts", today=day
    )
    alerts = _kinds(workspace, "voice", today=day + timedelta(days=5))
    ack = next(a for a in alerts if a.ref.endswith(":ack"))
    assert ack.overdue and ack.due_on == day + timedelta(days=2)
    assert "shouts" not in ack.title
    people.update_grievance(workspace, case.id, status="acknowledged", today=day)
    alerts = _kinds(workspace, "voice", today=day + timedelta(days=5), within_days=40)
    assert [a.ref.split(":")[-1] for a in alerts] == ["resolve"]


def test_a_lapsed_certificate_is_a_finding_until_renewed(
    workspace: Workspace, tmp_path: Path
) -> None:
    _engagement(workspace)
    old, new = tmp_path / "old.pdf", tmp_path / "new.pdf"
    old.write_bytes(b"2025 certificate")
    new.write_bytes(b"2026 certificate")
    expired = date(2026, 3, 31)
    vetting.add_evidence(
        workspace,
        "v",
        old,
        type="iso27001",
        issuer="ICONTEC",
        scope=("*",),
        valid_from=None,
        valid_until=expired,
    )
    (finding,) = certificate_findings(workspace, today=date(2026, 10, 31))
    assert finding.source == "certificate" and finding.engagement_id == "e"
    assert finding.severity == "major"  # data-protection certificate
    assert certificate_findings(workspace, today=expired) == []
    vetting.add_evidence(
        workspace,
        "v",
        new,
        type="iso27001",
        issuer="ICONTEC",
        scope=("*",),
        valid_from=date(2026, 4, 1),
        valid_until=date(2029, 3, 31),
    )
    assert certificate_findings(workspace, today=date(2026, 10, 31)) == []
