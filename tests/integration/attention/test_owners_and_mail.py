"""Finding owners and e-mail notices, against a real SMTP server (aiosmtpd, 127.0.0.1)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest

from fairshore.accounts import services as accounts
from fairshore.adapters.db.accounts_repository import audit_entries
from fairshore.adapters.db.repositories import ensure_organisation
from fairshore.attention import owners, services
from fairshore.bootstrap import Workspace
from fairshore.engagements import services as entities
from fairshore.errors import GovernanceError, InputError, NotFoundError
from fairshore.governance import services as governance
from fairshore.governance.model import Finding
from tests.mailbox import Mailbox, body, smtp_server
from tests.quick_passwords import quick_password_hashes

PASSWORD = "correct horse battery staple"
NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def mailbox() -> Iterator[Mailbox]:
    with smtp_server() as box:
        yield box


def _finding(key: str, engagement_id: str = "telco-mnl") -> Finding:
    return Finding(
        key=key, source="sla", engagement_id=engagement_id, severity="major",
        title=f"Service level breached ({key})",
    )  # fmt: skip


def _seeded(ws: Workspace, **settings: object) -> Workspace:
    """``ws`` with a vendor, an engagement, a user per role and a second organisation,
    its settings given ``settings`` (SMTP) and a public address for links."""
    entities.add_vendor(ws, id="northwind", name="Northwind")
    entities.add_engagement(
        ws, id="telco-mnl", vendor_id="northwind", name="MNL", timezone="UTC",
        channels=["voice"], languages=["en"],
    )  # fmt: skip
    with ws.db.begin() as conn:
        ensure_organisation(conn, "other", "Other Corp")
    with quick_password_hashes():  # six users for every test, none of them signs in
        for role in ("admin", "analyst", "auditor", "executive"):
            accounts.add_user(ws, email=f"{role}@telco.example", password=PASSWORD, role=role)
        accounts.add_user(
            ws, email="vendor@telco.example", password=PASSWORD, role="vendor",
            vendor_id="northwind",
        )  # fmt: skip
        accounts.add_user(
            dataclasses.replace(ws, organisation_id="other"),
            email="analyst@other.example", password=PASSWORD, role="analyst",
        )  # fmt: skip
    update = {"base_url": "https://fairshore.telco.example", **settings}
    return dataclasses.replace(ws, settings=ws.settings.model_copy(update=update))


@pytest.fixture
def ws(db_workspace: Workspace, mailbox: Mailbox) -> Workspace:
    """SQLite, then PostgreSQL when FAIRSHORE_TEST_POSTGRES_URL is set."""
    return _seeded(db_workspace, **mailbox.settings())


def test_assigning_a_finding_mails_the_owner_with_a_link(ws: Workspace, mailbox: Mailbox) -> None:
    [fid] = governance.record_findings(ws, [_finding("sla:telco-mnl:sl")], now=NOW).opened
    record = owners.assign_finding(ws, fid, to="Analyst@telco.example", actor="admin@telco.example")
    assert record.assignee == "analyst@telco.example"
    [mail] = mailbox.wait_for(1)
    assert mail["To"] == "analyst@telco.example"
    assert mail["From"] == "fairshore@telco.example"
    assert mail["Subject"] == (
        f"[Fairshore] Finding {fid} assigned to you: Service level breached (sla:telco-mnl:sl)"
    )
    assert f"https://fairshore.telco.example/portal/findings/{fid}" in body(mail)
    assert "admin@telco.example assigned you a finding" in body(mail)
    _, history = governance.get_finding(ws, fid)
    assert history[-1].event == "assigned"
    assert history[-1].changes == {"assignee": "analyst@telco.example"}
    with ws.db.begin() as conn:
        logged = [e for e in audit_entries(conn) if e.action == "finding.assign"]
    assert [(e.actor, e.target, e.details["assignee"]) for e in logged] == [
        ("admin@telco.example", f"finding:{fid}", "analyst@telco.example")
    ]
    [sent] = services.outbox(ws)
    assert (sent.status, sent.to, sent.kind) == ("sent", "analyst@telco.example", "assigned")


@pytest.mark.parametrize(
    ("to", "error", "match"),
    [
        ("analyst@other.example", InputError, "no user"),  # another organisation's
        ("nobody@telco.example", InputError, "no user"),
        ("executive@telco.example", InputError, "must be an admin or analyst"),
        ("auditor@telco.example", InputError, "must be an admin or analyst"),
        ("vendor@telco.example", InputError, "must be an admin or analyst"),
    ],
)
def test_only_a_user_of_the_organisation_who_acts_on_findings_may_own_one(
    ws: Workspace, mailbox: Mailbox, to: str, error: type[Exception], match: str
) -> None:
    [fid] = governance.record_findings(ws, [_finding("sla:telco-mnl:x")], now=NOW).opened
    with pytest.raises(error, match=match):
        owners.assign_finding(ws, fid, to=to, actor="admin@telco.example")
    record, _ = governance.get_finding(ws, fid)
    assert record.assignee is None
    assert mailbox.messages == []


def test_a_finding_of_another_organisation_cannot_be_assigned(ws: Workspace) -> None:
    other = dataclasses.replace(ws, organisation_id="other")
    [fid] = governance.record_findings(ws, [_finding("sla:telco-mnl:y")], now=NOW).opened
    with pytest.raises(NotFoundError, match=f"no finding {fid}"):
        owners.assign_finding(other, fid, to="analyst@other.example", actor="x")


def test_a_closed_finding_cannot_be_assigned(ws: Workspace) -> None:
    [fid] = governance.record_findings(ws, [_finding("sla:telco-mnl:z")], now=NOW).opened
    governance.update_finding(ws, fid, actor="a", status="action_planned",
                              corrective_action="fix", owner="Ana", now=NOW)  # fmt: skip
    governance.update_finding(ws, fid, actor="a", status="awaiting_verification",
                              verification_method="desktop", now=NOW)  # fmt: skip
    governance.update_finding(ws, fid, actor="a", status="closed", note="checked", now=NOW)
    with pytest.raises(GovernanceError, match="closed"):
        owners.assign_finding(ws, fid, to="analyst@telco.example", actor="a")


def test_new_findings_take_the_engagement_default_owner(ws: Workspace) -> None:
    owners.set_default_owner(ws, "telco-mnl", owner="admin@telco.example", actor="cli")
    assert owners.default_owner(ws, "telco-mnl") == "admin@telco.example"
    [fid] = governance.record_findings(ws, [_finding("sla:telco-mnl:d")], now=NOW).opened
    record, history = governance.get_finding(ws, fid)
    assert record.assignee == "admin@telco.example"
    assert history[0].changes["assignee"] == "admin@telco.example"
    owners.set_default_owner(ws, "telco-mnl", owner=None, actor="cli")
    [later] = governance.record_findings(ws, [_finding("sla:telco-mnl:e")], now=NOW).opened
    assert governance.get_finding(ws, later)[0].assignee is None


def test_a_default_owner_must_be_able_to_act_on_findings(ws: Workspace) -> None:
    with pytest.raises(InputError, match="must be an admin or analyst"):
        owners.set_default_owner(ws, "telco-mnl", owner="executive@telco.example", actor="cli")
    with pytest.raises(NotFoundError):
        owners.set_default_owner(ws, "nowhere", owner="admin@telco.example", actor="cli")


def test_a_failing_smtp_server_never_breaks_the_assignment(db_workspace: Workspace) -> None:
    from tests.mailbox import free_port

    nothing_listens = free_port()
    ws = _seeded(db_workspace, smtp_host="127.0.0.1", smtp_port=nothing_listens,
                 smtp_starttls=False, smtp_timeout_s=2.0)  # fmt: skip
    [fid] = governance.record_findings(ws, [_finding("sla:telco-mnl:f")], now=NOW).opened
    record = owners.assign_finding(ws, fid, to="analyst@telco.example", actor="admin")
    assert record.assignee == "analyst@telco.example"
    [entry] = services.outbox(ws, status="failed")
    assert entry.error is not None and "ConnectionRefusedError" in entry.error


def test_without_smtp_the_notice_waits_in_the_outbox_as_unsent(db_workspace: Workspace) -> None:
    ws = _seeded(db_workspace)
    [fid] = governance.record_findings(ws, [_finding("sla:telco-mnl:g")], now=NOW).opened
    owners.assign_finding(ws, fid, to="analyst@telco.example", actor="admin")
    [entry] = services.outbox(ws)
    assert (entry.status, entry.error) == ("unsent", services.NO_SMTP)


def test_due_reminders_go_once_per_due_date(ws: Workspace, mailbox: Mailbox) -> None:
    [fid] = governance.record_findings(ws, [_finding("sla:telco-mnl:h")], now=NOW).opened
    owners.assign_finding(ws, fid, to="analyst@telco.example", actor="analyst@telco.example")
    due_on = governance.get_finding(ws, fid)[0].due_on  # major: 30 days after NOW
    assert services.due_reminders(ws, today=date(2026, 11, 20)) == []  # 12 days ahead
    dry = services.due_reminders(ws, today=date(2026, 11, 26), dry_run=True)
    assert [(s.to, s.status) for s in dry] == [("analyst@telco.example", None)]
    assert mailbox.messages == []  # own assignment: no mail; dry run: none either
    [sent] = services.due_reminders(ws, today=date(2026, 11, 26))
    assert sent.status == "sent"
    assert services.due_reminders(ws, today=date(2026, 11, 27)) == []
    [mail] = mailbox.wait_for(1)
    assert mail["Subject"] == f"[Fairshore] Finding {fid} is due on {due_on}"


def test_the_weekly_digest_lists_each_users_work_once_a_week(
    ws: Workspace, mailbox: Mailbox
) -> None:
    [fid] = governance.record_findings(ws, [_finding("sla:telco-mnl:i")], now=NOW).opened
    owners.assign_finding(ws, fid, to="analyst@telco.example", actor="analyst@telco.example")
    sent = services.weekly_digest(ws, today=date(2026, 12, 7))
    by_user = {s.to: s for s in sent}
    assert by_user["analyst@telco.example"].status == "sent"
    assert "vendor@telco.example" not in by_user
    assert services.weekly_digest(ws, today=date(2026, 12, 9)) == []  # the same week
    mails = {m["To"]: m for m in mailbox.wait_for(len(sent))}
    mine = mails["analyst@telco.example"]
    assert mine["Subject"].startswith("[Fairshore] Your week 2026-W50: ")
    assert "Findings you own (1)" in body(mine)
    assert f"https://fairshore.telco.example/portal/findings/{fid}" in body(mine)


def test_a_notice_that_failed_is_sent_again_once_smtp_works(
    db_workspace: Workspace, mailbox: Mailbox
) -> None:
    from tests.mailbox import free_port

    down = _seeded(db_workspace, smtp_host="127.0.0.1", smtp_port=free_port(),
                   smtp_starttls=False, smtp_timeout_s=2.0)  # fmt: skip
    [fid] = governance.record_findings(down, [_finding("sla:telco-mnl:j")], now=NOW).opened
    owners.assign_finding(down, fid, to="analyst@telco.example", actor="admin")
    [failed_reminder] = services.due_reminders(down, today=date(2026, 11, 26))
    assert failed_reminder.status == "failed"
    assert {e.kind for e in services.outbox(down, status="failed")} == {"assigned", "due"}
    up = dataclasses.replace(down, settings=down.settings.model_copy(update=mailbox.settings()))
    # the next reminder run tries the failed reminder again, on its own outbox row
    [again] = services.due_reminders(up, today=date(2026, 11, 27))
    assert (again.kind, again.status) == ("due", "sent")
    assert services.due_reminders(up, today=date(2026, 11, 28)) == []  # sent now: once
    # the assignment notice waits for a retry; a dry run sends nothing
    [dry] = services.retry_unsent(up, dry_run=True)
    assert (dry.kind, dry.status) == ("assigned", None)
    [retried] = services.retry_unsent(up)
    assert (retried.kind, retried.status) == ("assigned", "sent")
    assert services.retry_unsent(up) == []
    entries = services.outbox(up)
    assert len(entries) == 2 and {e.status for e in entries} == {"sent"}
    subjects = sorted(m["Subject"] for m in mailbox.wait_for(2))
    assert subjects[0].startswith("[Fairshore] Finding") and len(subjects) == 2
