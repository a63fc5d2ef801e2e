"""The home page of each role (attention first) and assigning findings, over HTTP.

A workspace judged as of 2026-11-20, two organisations; e-mail goes to a real local
SMTP server (aiosmtpd).
"""

from __future__ import annotations

import dataclasses
import re
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from fairshore.accounts import services as accounts
from fairshore.adapters.db.contracts_repository import insert_evaluation
from fairshore.adapters.db.repositories import ensure_organisation
from fairshore.attention.owners import assign_finding
from fairshore.bootstrap import Workspace, init_workspace
from fairshore.config import load_settings
from fairshore.contracts.model import Evaluation, TermResult
from fairshore.contracts.services import add_contract, demo_contract_path
from fairshore.engagements import services as entities
from fairshore.entrypoints.web.app import create_app
from fairshore.governance import services as governance
from fairshore.governance.model import Finding
from tests.e2e.web.conftest import PASSWORD, ROLES, sign_in
from tests.mailbox import Mailbox, body, smtp_server

TODAY = date(2026, 11, 20)


def _finding(key: str, severity: str, engagement_id: str = "telco-mnl") -> Finding:
    return Finding(key=key, source="sla", engagement_id=engagement_id, severity=severity,
                   title=f"{key} breached")  # fmt: skip


def _evaluation(period: str, start: date, end: date, value: float) -> Evaluation:
    term = TermResult(
        term_id="voice-service-level", kind="service", metric="service_level", comparator=">=",
        target=0.8, value=value, status="met" if value >= 0.8 else "breached", margin=value - 0.8,
        sample_size=5000, min_sample=200, credit_share=0.03, credit=0.0,
    )  # fmt: skip
    return Evaluation(
        contract_id="telco-mnl-msa", contract_version=1, engagement_id="telco-mnl",
        period=period, start=start, end=end, fee=180000, currency="USD", terms=[term],
        credits_before_cap=0, cap=0, credits_owed=0, earned_back=0, net_credit=0,
    )  # fmt: skip


@pytest.fixture(scope="module")
def mailbox() -> Iterator[Mailbox]:
    with smtp_server() as box:
        yield box


@pytest.fixture(scope="module")
def home_ws(tmp_path_factory: pytest.TempPathFactory, mailbox: Mailbox) -> Iterator[Workspace]:
    home: Path = tmp_path_factory.mktemp("home") / "ws"
    ws = init_workspace(load_settings(home=home, today=TODAY, base_url="https://fs.example",
                                      **mailbox.settings()))  # fmt: skip
    entities.add_vendor(ws, id="northwind", name="Northwind")
    entities.add_engagement(ws, id="telco-mnl", vendor_id="northwind", name="MNL",
                            timezone="UTC", channels=["voice"], languages=["en"])  # fmt: skip
    for role in ROLES:
        accounts.add_user(ws, email=f"{role}@telco.example", password=PASSWORD, role=role,
                          vendor_id="northwind" if role == "vendor" else None)  # fmt: skip
    opened = datetime(2026, 10, 1, tzinfo=UTC)  # major: due 2026-10-31, overdue on TODAY
    governance.record_findings(ws, [_finding("sla:telco-mnl:late", "major")], now=opened)
    soon = datetime(2026, 11, 18, tzinfo=UTC)  # critical: due 2026-11-25, within two weeks
    governance.record_findings(ws, [_finding("sla:telco-mnl:soon", "critical")], now=soon)
    row_id = add_contract(ws, demo_contract_path("telco-mnl")).row_id
    with ws.db.begin() as conn:
        insert_evaluation(conn, row_id, _evaluation("2026-09", date(2026, 9, 1),
                                                    date(2026, 10, 1), 0.82))  # fmt: skip
        insert_evaluation(conn, row_id, _evaluation("2026-10", date(2026, 10, 1),
                                                    date(2026, 11, 1), 0.78))  # fmt: skip
    with ws.db.begin() as conn:
        ensure_organisation(conn, "other", "Other Corp")
    other = dataclasses.replace(ws, organisation_id="other")
    accounts.add_user(other, email="analyst@other.example", password=PASSWORD, role="analyst")
    yield ws
    ws.close()


@pytest.fixture(scope="module")
def client(home_ws: Workspace) -> Iterator[TestClient]:
    with TestClient(create_app(home_ws.settings, workspace=home_ws),
                    base_url="https://testserver") as c:  # fmt: skip
        yield c


def _finding_id(ws: Workspace, key: str) -> int:
    return next(r.id for r in governance.list_findings(ws) if r.finding.key == key)


def _section(html: str, section_id: str) -> str:
    found = re.search(rf'<section[^>]*id="{section_id}".*?</section>', html, re.S)
    return found.group(0) if found else ""


@pytest.mark.parametrize("role", ["admin", "analyst", "auditor", "executive"])
def test_every_client_role_lands_on_attention_first(client: TestClient, role: str) -> None:
    sign_in(client, f"{role}@telco.example")
    html = client.get("/").text
    attention = _section(html, "attention")
    assert "Overdue findings (1)" in attention
    assert "sla:telco-mnl:late breached" in attention and "2026-10-31 (overdue)" in attention
    assert "Due within two weeks (1)" in attention and "2026-11-25" in attention
    tiles = _section(html, "kpi-tiles")  # the stored October evaluation against its target
    assert "78.0 %" in tiles and "&gt;= 80.0 %" in tiles
    assert "breached" in tiles and "change since 2026-09: -4.0 pp" in tiles
    work = _section(html, "my-work")
    assert ("Audits to plan" in work) == (role in ("admin", "auditor"))  # never audited


def test_the_vendor_sees_only_its_engagement_and_no_portfolio_work(client: TestClient) -> None:
    sign_in(client, "vendor@telco.example")
    landing = client.get("/")  # a vendor's home is its to-do list (issue 24, item 6)
    html = landing.text
    assert landing.url.path == "/portal"
    assert "overdue since 2026-10-31" in _section(html, "todo")
    assert "Audits to plan" not in html and "Contests to answer" not in html


def test_an_analyst_assigns_a_finding_and_the_owner_is_mailed(
    client: TestClient, home_ws: Workspace, mailbox: Mailbox
) -> None:
    fid = _finding_id(home_ws, "sla:telco-mnl:soon")
    csrf = sign_in(client, "analyst@telco.example")
    page = client.get(f"/portal/findings/{fid}").text
    assert '<option value="admin@telco.example">' in page
    assert 'value="executive@telco.example"' not in page  # only roles that act on findings
    done = client.post(f"/portal/findings/{fid}/assign",
                       data={"to": "admin@telco.example", "csrf_token": csrf})  # fmt: skip
    assert done.status_code == 200 and "has been told by e-mail" in done.text
    assert re.search(r'id="finding-owner">admin@telco.example<', done.text)
    mail = next(m for m in mailbox.wait_for(1) if m["To"] == "admin@telco.example")
    assert f"https://fs.example/portal/findings/{fid}" in body(mail)
    csrf = sign_in(client, "admin@telco.example")
    assert "Findings you own (1)" in _section(client.get("/").text, "my-work")


def test_an_owner_of_another_organisation_is_refused_with_a_message(
    client: TestClient, home_ws: Workspace
) -> None:
    fid = _finding_id(home_ws, "sla:telco-mnl:late")
    csrf = sign_in(client, "analyst@telco.example")
    refused = client.post(f"/portal/findings/{fid}/assign",
                          data={"to": "analyst@other.example", "csrf_token": csrf})  # fmt: skip
    assert refused.status_code == 409
    assert "no user &#39;analyst@other.example&#39; in this organisation" in refused.text
    assert governance.get_finding(home_ws, fid)[0].assignee is None


@pytest.mark.parametrize("role", ["auditor", "executive", "vendor"])
def test_roles_that_may_not_edit_findings_may_not_assign(
    client: TestClient, home_ws: Workspace, role: str
) -> None:
    fid = _finding_id(home_ws, "sla:telco-mnl:late")
    csrf = sign_in(client, f"{role}@telco.example")
    page = client.post(f"/portal/findings/{fid}/assign",
                       data={"to": "analyst@telco.example", "csrf_token": csrf})  # fmt: skip
    assert page.status_code == 403
    assert governance.get_finding(home_ws, fid)[0].assignee is None


def test_another_organisation_cannot_assign_or_see_the_finding(
    client: TestClient, home_ws: Workspace
) -> None:
    fid = _finding_id(home_ws, "sla:telco-mnl:late")
    csrf = sign_in(client, "analyst@other.example")
    page = client.post(f"/portal/findings/{fid}/assign",
                       data={"to": "analyst@other.example", "csrf_token": csrf})  # fmt: skip
    assert page.status_code == 404
    assert governance.get_finding(home_ws, fid)[0].assignee is None


def test_the_api_assigns_with_a_token_scoped_to_update_findings(
    client: TestClient, home_ws: Workspace
) -> None:
    fid = _finding_id(home_ws, "sla:telco-mnl:late")
    analyst = next(u for u in accounts.list_users(home_ws) if u.role == "analyst")
    executive = next(u for u in accounts.list_users(home_ws) if u.role == "executive")
    _, token = accounts.create_api_token(home_ws, analyst, name="t", scopes=["update_finding"])
    _, reader = accounts.create_api_token(home_ws, executive, name="r", scopes=["read"])
    client.cookies.clear()
    url = f"/api/v1/findings/{fid}/assignee"
    denied = client.post(url, json={"to": "analyst@telco.example"},
                         headers={"authorization": f"Bearer {reader}"})  # fmt: skip
    assert denied.status_code == 403
    done = client.post(url, json={"to": "analyst@telco.example"},
                       headers={"authorization": f"Bearer {token}"})  # fmt: skip
    assert done.status_code == 200 and done.json()["assignee"] == "analyst@telco.example"
    unknown = client.post(url, json={"to": "analyst@other.example"},
                          headers={"authorization": f"Bearer {token}"})  # fmt: skip
    assert unknown.status_code == 422 and "no user" in unknown.text
    bad = client.post(url, json={"to": "executive@telco.example"},
                      headers={"authorization": f"Bearer {token}"})  # fmt: skip
    assert bad.status_code == 422 and "admin or analyst" in bad.text


def test_the_owner_is_mailed_when_the_vendor_responds(
    client: TestClient, home_ws: Workspace, mailbox: Mailbox
) -> None:
    fid = _finding_id(home_ws, "sla:telco-mnl:soon")
    assign_finding(home_ws, fid, to="admin@telco.example", actor="admin@telco.example")
    csrf = sign_in(client, "vendor@telco.example")
    sent = client.post(
        f"/portal/findings/{fid}/respond",
        data={"response": "Two agents start Monday.", "csrf_token": csrf},
    )
    assert sent.status_code == 200
    subject = f"[Fairshore] The vendor responded to finding {fid}"
    mail = next(m for m in mailbox.wait_for(2) if m["Subject"] == subject)
    assert mail["To"] == "admin@telco.example"
    assert "vendor@telco.example responded" in body(mail)


def test_contest_answerers_are_mailed_when_a_vendor_contests(
    client: TestClient, mailbox: Mailbox
) -> None:
    before = len(mailbox.messages)
    csrf = sign_in(client, "vendor@telco.example")
    done = client.post("/portal/vendors/northwind/contests",
                       data={"question_id": "lab.attrition", "reason": "HR data says 20 %",
                             "csrf_token": csrf}, follow_redirects=False)  # fmt: skip
    assert done.status_code == 303
    mails = mailbox.wait_for(before + 2)[before:]
    assert sorted(m["To"] for m in mails) == ["admin@telco.example", "analyst@telco.example"]
    assert all(m["Subject"] == "[Fairshore] northwind contests lab.attrition" for m in mails)
    assert "https://fs.example/scorecards/northwind#contests" in body(mails[0])


def test_the_server_sends_the_weekly_digest_once(home_ws: Workspace, mailbox: Mailbox) -> None:
    from fairshore.attention.services import outbox
    from fairshore.entrypoints.web.scheduler import SyncScheduler

    clock = lambda: datetime(2026, 11, 20, 6, 0, tzinfo=UTC)  # noqa: E731 (a fixed "now")
    scheduler = SyncScheduler.start(home_ws, interval_s=0.05, clock=clock)
    assert scheduler is not None
    try:
        for _ in range(300):
            if any(e.kind == "digest" for e in outbox(home_ws)):
                break
            time.sleep(0.1)
        time.sleep(0.3)  # a few more rounds: nothing is sent twice
    finally:
        scheduler.stop()
    digests = [e for e in outbox(home_ws) if e.kind == "digest"]
    assert digests and all(e.status == "sent" for e in digests)
    assert len({e.to for e in digests}) == len(digests)  # once per user and week
    subjects = [m["Subject"] for m in mailbox.messages]
    assert any(s.startswith("[Fairshore] Your week 2026-W47: ") for s in subjects)
