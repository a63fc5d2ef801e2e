"""The worker voice against a real database: anonymity, receipts, workflow, escalation."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from fairshore.bootstrap import Workspace
from fairshore.errors import GovernanceError, InputError, NotFoundError
from fairshore.people import services, voice
from tests.integration.people.people_lake import setup_engagement

DAY = date(2026, 5, 4)
# every column a grievance row may have; anything else (a name, an IP, a timestamp,
# a user agent) would be a leak
ALLOWED = {
    "id", "organisation_id", "engagement_id", "site_id", "category", "body", "status",
    "submitted_on", "ack_due_on", "resolve_due_on", "acknowledged_on", "investigating_on",
    "resolved_on", "escalated_on", "receipt_digest",
}  # fmt: skip


@pytest.fixture
def ws(db_workspace: Workspace) -> Workspace:
    setup_engagement(db_workspace)
    return db_workspace


def test_no_identifying_field_is_stored(ws: Workspace) -> None:
    case, code = services.submit_grievance(
        ws, "eng", category="harassment", body="My team lead shouts.", site_id="site-mnl",
        today=DAY,
    )  # fmt: skip
    inspector = sa.inspect(ws.db.engine)
    columns = {c["name"]: c for c in inspector.get_columns("grievances")}
    assert set(columns) == ALLOWED
    for name, col in columns.items():
        # no column can hold a time of day
        assert not isinstance(col["type"], sa.DateTime), name
    replies = {c["name"] for c in inspector.get_columns("grievance_replies")}
    assert replies == {"id", "grievance_id", "seq", "author", "body", "written_on"}
    with ws.db.begin() as conn:
        (row,) = conn.execute(sa.text("SELECT * FROM grievances")).mappings().all()
    values = [str(v) for v in row.values()]
    plain = code.replace("-", "")
    assert not any(code in v or plain in v for v in values)  # receipt never stored
    assert str(row["submitted_on"]) == DAY.isoformat()  # the date only, on either database
    assert len(row["id"]) == 16 and row["id"] == case.id


def test_receipt_follows_the_case_and_reads_replies(ws: Workspace) -> None:
    case, code = services.submit_grievance(ws, "eng", category="pay", body="Unpaid overtime.")
    services.update_grievance(ws, case.id, status="acknowledged", reply="We are looking into it.")
    seen = services.grievance_by_receipt(ws, code.lower())
    assert seen.status == "acknowledged"
    assert [r.body for r in seen.replies] == ["We are looking into it."]
    with pytest.raises(NotFoundError):
        services.grievance_by_receipt(ws, "AAAA-BBBB")


def test_illegal_transitions_and_bad_input_are_refused(ws: Workspace) -> None:
    case, _ = services.submit_grievance(ws, "eng", category="hours", body="x")
    with pytest.raises(GovernanceError):
        services.update_grievance(ws, case.id, status="resolved")
    with pytest.raises(InputError):
        services.submit_grievance(ws, "eng", category="gossip", body="x")
    with pytest.raises(NotFoundError):
        services.submit_grievance(ws, "eng", category="pay", body="x", site_id="elsewhere")
    with pytest.raises(InputError):
        services.submit_grievance(ws, "eng", category="pay", body="   ")


def test_unacknowledged_case_escalates_to_the_client(ws: Workspace) -> None:
    late, _ = services.submit_grievance(ws, "eng", category="retaliation", body="x", today=DAY)
    fine, _ = services.submit_grievance(ws, "eng", category="pay", body="x", today=DAY)
    found = services.escalate_overdue(ws, "eng", today=DAY + timedelta(days=3))
    assert [f.key for f in found] == [f"voice:eng:{late.id}:unacknowledged"]
    assert found[0].source == "voice"
    assert services.get_grievance(ws, late.id).escalated_on == DAY + timedelta(days=3)
    assert services.get_grievance(ws, fine.id).escalated_on is None


def test_aggregates_suppress_small_sites(ws: Workspace) -> None:
    for _ in range(5):
        services.submit_grievance(ws, "eng", category="pay", body="x", site_id="site-mnl")
    services.submit_grievance(ws, "eng", category="harassment", body="x")
    by = {a.by: a for a in services.grievance_aggregates(ws, "eng")}
    rows = [(r.group, r.reports) for r in by["category"].rows]
    assert rows == [("pay", 5), (voice.SUPPRESSED, None)]  # harassment never named
    assert by["category"].total is None  # 6 - 5 would reveal the one report
    assert services.site_visible(services.list_grievances(ws)) == {"site-mnl"}
