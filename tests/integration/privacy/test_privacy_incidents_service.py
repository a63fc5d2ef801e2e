"""Incidents through the register: add, update, import the demo file, clause provider."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from lake_fixture import make_engagement

from fairshore.bootstrap import Workspace
from fairshore.errors import NotFoundError
from fairshore.privacy import services
from fairshore.privacy.model import IncidentFields

AWARE = datetime(2026, 5, 12, 14, 0, tzinfo=UTC)


@pytest.fixture
def ws(db_workspace: Workspace) -> Workspace:
    make_engagement(db_workspace, "telco-bog", "America/Bogota")
    return db_workspace


def test_add_update_list(ws: Workspace) -> None:
    inc = services.add_incident(
        ws,
        engagement_id="telco-bog",
        fields=IncidentFields(vendor_aware_at=AWARE, records_affected=1200, categories=["contact"]),
    )
    [view] = services.list_incidents(
        ws, engagement_id="telco-bog", as_of=datetime(2026, 5, 13, 10, tzinfo=UTC)
    )
    assert view.clocks[0].state == "running" and view.clocks[0].remaining_hours == 4.0
    services.update_incident(
        ws,
        inc.id,
        fields=IncidentFields(
            client_notified_at=datetime(2026, 5, 16, 14, tzinfo=UTC), status="contained"
        ),
    )
    findings = services.incident_findings(ws, as_of=datetime(2026, 5, 17, tzinfo=UTC))
    assert [f.evidence["elapsed_hours"] for f in findings] == [96.0]
    with pytest.raises(NotFoundError):
        services.update_incident(ws, "inc-nope", fields=IncidentFields(status="closed"))
    with pytest.raises(NotFoundError):
        services.add_incident(ws, engagement_id="nope", fields=IncidentFields())


def test_import_demo_file_and_clause(ws: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "incidents.json"
    path.write_text(
        json.dumps(
            {
                "incidents": [
                    {
                        "engagement_id": "telco-bog",
                        "detected_at": "2026-05-12T13:30:00Z",
                        "vendor_aware_at": "2026-05-12T14:00:00Z",
                        "client_notified_at": "2026-05-16T14:00:00Z",
                        "authority_notified_at": "2026-05-18T10:00:00Z",
                        "records_affected": 3400,
                        "categories": ["contact", "billing"],
                        "description": "misdirected export",
                    },
                    {
                        "engagement_id": "telco-bog",
                        "vendor_aware_at": "2026-08-01T08:00:00",
                        "client_notified_at": "2026-08-01T20:00:00",
                        "records_affected": 12,
                        "categories": "contact",
                        "description": "lost laptop",
                        "status": "resolved",
                        "severity": "catastrophic",
                        "dpa_notification": "not_required",  # encrypted: no risk assessed
                    },
                    {"engagement_id": "telco-xyz", "vendor_aware_at": "2026-08-01T08:00:00Z"},
                    {
                        "engagement_id": "telco-bog",
                        "vendor_aware_at": "2026-08-02T08:00:00Z",
                        "authority_notification": "maybe",  # the clock's input: refused
                    },
                    {"engagement_id": "telco-bog", "vendor_aware_at": "last tuesday"},
                    {"description": "no engagement"},
                ]
            }
        )
    )
    report = services.import_incidents(ws, path)
    assert len(report.created) == 2 and len(report.skipped) == 4
    assert any("authority_notification" in line for line in report.skipped)
    assert any("not an ISO time" in line for line in report.skipped)
    again = services.import_incidents(ws, path)
    assert len(again.updated) == 2 and not again.created
    clause = services.breach_notification_hours(
        ws, "telco-bog", date(2025, 11, 1), date(2026, 10, 31)
    )
    assert clause is not None and clause.value == 96.0 and clause.sample_size == 2
    later = services.breach_notification_hours(
        ws, "telco-bog", date(2026, 7, 1), date(2026, 10, 31)
    )
    assert later is not None and later.value == 12.0
    none = services.breach_notification_hours(ws, "telco-bog", date(2025, 11, 1), date(2026, 4, 30))
    assert none is not None and none.sample_size == 0
    laptop = next(
        v.incident for v in services.list_incidents(ws) if v.incident.records_affected == 12
    )
    assert laptop.status == "closed" and laptop.severity == "medium"  # unknown severity dropped
    # The GDPR clock: client aware 05-16 14:00, authority told 05-18 10:00 = 44 h, met.
    views = services.list_incidents(
        ws, engagement_id="telco-bog", as_of=datetime(2026, 11, 1, tzinfo=UTC)
    )
    first = next(v for v in views if v.incident.records_affected == 3400)
    assert [c.state for c in first.clocks] == ["late", "met"]
    second = next(v for v in views if v.incident.records_affected == 12)
    assert [c.state for c in second.clocks] == ["met", "not_required"]


def test_vendor_window_comes_from_the_contract(ws: Workspace, tmp_path: Path) -> None:
    from fairshore.contracts.services import add_contract, demo_contract_path

    services.add_incident(
        ws,
        engagement_id="telco-bog",
        fields=IncidentFields(
            vendor_aware_at=AWARE,
            client_notified_at=datetime(2026, 5, 13, 20, tzinfo=UTC),
            authority_notified_at=datetime(2026, 5, 14, 9, tzinfo=UTC),
        ),
    )
    late_by_default = services.incident_findings(ws, as_of=datetime(2026, 6, 1, tzinfo=UTC))
    assert [f.evidence["window_hours"] for f in late_by_default] == [24.0]  # no contract
    body = demo_contract_path("telco-bog").read_text(encoding="utf-8")
    relaxed = tmp_path / "bog.yaml"
    relaxed.write_text(
        body.replace("breach_notification_hours: 24", "breach_notification_hours: 36"),
        encoding="utf-8",
    )
    add_contract(ws, relaxed)
    [view] = services.list_incidents(ws, engagement_id="telco-bog")
    assert view.clocks[0].window_hours == 36.0 and view.clocks[0].state == "met"  # 30 h
    assert services.incident_findings(ws, as_of=datetime(2026, 6, 1, tzinfo=UTC)) == []
    [forced] = services.list_incidents(ws, engagement_id="telco-bog", vendor_window_hours=12)
    assert forced.clocks[0].state == "late"
