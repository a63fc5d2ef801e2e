"""The vendor portal as a work queue: the to-do landing page, confirmations after each
action, evidence linked to its questions, attachments on responses (and who may fetch
them), the vendor's proposed date beside the client's due date, questionnaire progress.

Web fixture: finding 1 is Northwind's (telco-mnl), 2 Indigo's, 3 another organisation's.
"""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

from fastapi.testclient import TestClient

from fairshore.accounts import services as accounts
from fairshore.bootstrap import Workspace
from fairshore.governance import responses
from fairshore.governance import services as governance
from fairshore.vetting import services as vetting
from tests.e2e.web.conftest import PASSWORD, sign_in

VENDOR = "vendor@telco.example"


def _status_text(html: str) -> str:
    found = re.search(r'role="status"[^>]*>([^<]+)<', html)
    return found.group(1).strip() if found else ""


def test_a_vendor_lands_on_its_to_do_list(
    app_client: TestClient, web_ws: Workspace, tmp_path: Path
) -> None:
    today = web_ws.today()
    certificate = tmp_path / "pci.pdf"
    certificate.write_bytes(b"%PDF-1.4 pci")
    for vendor in ("northwind", "indigo"):
        vetting.add_evidence(
            web_ws, vendor, certificate, type="pci_dss", issuer=f"QSA of {vendor}", scope=("*",),
            valid_from=None, valid_until=today + timedelta(days=10),
        )  # fmt: skip
    vetting.resolve_contest(
        web_ws,
        vetting.contest_item(web_ws, "northwind", "lab.attrition", "HR says 20 %").id,
        status="rejected",
        resolution="Payroll shows 41 %",
    )
    vetting.contest_item(web_ws, "indigo", "lab.attrition", "not Northwind's")
    sign_in(app_client, VENDOR)
    page = app_client.get("/")
    assert page.url.path == "/portal"
    html = page.text
    todo = html.split('id="todo"', 1)[1].split("Everything else", 1)[0]
    assert "Findings awaiting your response" in todo
    assert 'href="/portal/findings/1"' in todo and "/portal/findings/2" not in todo
    assert 'href="/portal/vendors/northwind/questionnaire#q-lab.attrition"' in todo
    assert "was rejected: Payroll shows 41 %" in todo and "not Northwind" not in todo
    expiring = todo.split('id="todo-evidence"', 1)[1].split("</ul>", 1)[0]
    assert "QSA of northwind" in expiring and "QSA of indigo" not in expiring
    assert 'href="/portal/vendors/northwind/questionnaire#evidence"' in expiring
    assert f"due {today + timedelta(days=10)}" in expiring
    # Answering a question takes it off the list, with a confirmation.
    csrf = sign_in(app_client, VENDOR)
    saved = app_client.post(
        "/portal/vendors/northwind/questionnaire",
        data={"csrf_token": csrf, "q.lab.attrition": "32"},
    )
    assert "1 answers saved." in _status_text(saved.text)
    again = app_client.get("/portal").text.split("Everything else", 1)[0]
    assert "#q-lab.attrition" not in again


def test_the_client_keeps_its_portfolio_home(app_client: TestClient) -> None:
    sign_in(app_client, "analyst@telco.example")
    page = app_client.get("/")
    assert page.url.path == "/" and 'id="todo"' not in app_client.get("/portal").text


def test_evidence_names_its_questions_and_both_sides_show_it(app_client: TestClient) -> None:
    csrf = sign_in(app_client, VENDOR)
    saved = app_client.post(
        "/portal/vendors/northwind/evidence",
        data={
            "csrf_token": csrf,
            "type": "iso27001",
            "issuer": "BSI",
            "questions": ["lab.attrition", "sec.iso27001"],
        },
        files={"file": ("iso.pdf", b"%PDF-1.4 iso", "application/pdf")},
    )
    assert saved.status_code == 200 and "done=evidence" in str(saved.url)
    assert _status_text(saved.text) == "Your evidence is saved."
    row = saved.text.split('<tr id="ev-', 1)[1].split("</tr>", 1)[0]
    assert 'href="#q-lab.attrition"' in row and 'href="#q-sec.iso27001"' in row
    question = saved.text.split('id="q-lab.attrition"', 1)[1].split('class="question"', 1)[0]
    assert "Supported by:" in question and "iso.pdf" in question
    unknown = app_client.post(
        "/portal/vendors/northwind/evidence",
        data={"csrf_token": csrf, "type": "iso27001", "issuer": "BSI", "questions": ["nope.q"]},
        files={"file": ("other.pdf", b"%PDF-1.4 other", "application/pdf")},
    )
    assert unknown.status_code == 422 and "no question nope.q" in unknown.text


def test_a_contest_is_confirmed(app_client: TestClient) -> None:
    csrf = sign_in(app_client, VENDOR)
    sent = app_client.post(
        "/portal/vendors/northwind/contests",
        data={"csrf_token": csrf, "question_id": "lab.attrition", "reason": "Seasonal staff"},
    )
    assert sent.url.path == "/scorecards/northwind"
    assert _status_text(sent.text) == "Your contest is sent; the client will answer it here."


def test_the_questionnaire_shows_progress_and_sections(
    app_client: TestClient, web_ws: Workspace
) -> None:
    vetting.answer_question(web_ws, "northwind", "lab.in-house-share", "100")  # one answered
    sign_in(app_client, VENDOR)
    html = app_client.get("/portal/vendors/northwind/questionnaire").text
    progress = re.search(r'<progress id="q-progress" max="(\d+)" value="(\d+)"', html)
    assert progress is not None and int(progress.group(2)) >= 1
    assert int(progress.group(1)) > int(progress.group(2))
    sections = html.split('aria-label="Questionnaire sections"', 1)[1].split("</nav>", 1)[0]
    for anchor in re.findall(r'href="#(pillar-[^"]+)"', sections):
        assert f'id="{anchor}"' in html


def test_a_response_with_an_attachment_and_who_may_fetch_it(
    app_client: TestClient, web_ws: Workspace
) -> None:
    accounts.add_user(
        web_ws, email="vendor@indigo.example", password=PASSWORD, role="vendor",
        vendor_id="indigo",
    )  # fmt: skip
    csrf = sign_in(app_client, VENDOR)
    history = len(governance.get_finding(web_ws, 1)[1])
    refused = app_client.post(
        "/portal/findings/1/respond",
        data={"csrf_token": csrf, "response": "See the file."},
        files={"attachment": ("tool.exe", b"MZ...", "application/octet-stream")},
    )
    assert refused.status_code == 409 and "are not accepted here" in refused.text
    assert len(governance.get_finding(web_ws, 1)[1]) == history  # nothing half-written
    sent = app_client.post(
        "/portal/findings/1/respond",
        data={"csrf_token": csrf, "response": "Rota attached.", "plan_due_on": "2099-03-01"},
        files={"attachment": ("rota.pdf", b"%PDF-1.4 rota", "application/pdf")},
    )
    assert _status_text(sent.text) == "Your response is sent; the client has been told."
    [attached] = responses.list_attachments(web_ws, 1)
    href = f"/portal/findings/1/attachments/{attached.id}"
    assert f'href="{href}"' in sent.text
    assert app_client.get(href).content == b"%PDF-1.4 rota"
    for email, status in (
        ("analyst@telco.example", 200),
        ("auditor@telco.example", 200),
        ("vendor@indigo.example", 404),
        ("admin@other.example", 404),
    ):
        sign_in(app_client, email)
        assert app_client.get(href).status_code == status, email
    sign_in(app_client, "analyst@telco.example")
    # An attachment is reached only through its own finding.
    assert app_client.get(f"/portal/findings/2/attachments/{attached.id}").status_code == 404


def test_the_proposed_date_sits_beside_the_due_date_until_accepted(
    app_client: TestClient, web_ws: Workspace
) -> None:
    due = governance.get_finding(web_ws, 1)[0].due_on
    csrf = sign_in(app_client, VENDOR)
    proposed = app_client.post(  # the vendor's plan, done by a date of its own
        "/portal/findings/1/respond",
        data={"csrf_token": csrf, "response": "Rota planned.", "plan_due_on": "2099-03-01"},
    )
    assert _status_text(proposed.text) == "Your response is sent; the client has been told."
    record, _ = governance.get_finding(web_ws, 1)
    assert record.proposed_due is not None and record.proposed_due.isoformat() == "2099-03-01"
    assert record.due_on == due  # a proposal never moves the client's due date
    html = app_client.get("/portal/findings/1").text
    cell = html.split('id="finding-due"', 1)[1].split("</td>", 1)[0]
    assert str(due) in cell and "the vendor proposes 2099-03-01" in cell
    assert "accept-date" not in cell  # only the client accepts
    csrf = sign_in(app_client, "analyst@telco.example")
    accepted = app_client.post("/portal/findings/1/accept-date", data={"csrf_token": csrf})
    assert _status_text(accepted.text).startswith("The proposed date is accepted")
    after = accepted.text.split('id="finding-due"', 1)[1].split("</td>", 1)[0]
    assert "2099-03-01" in after and "proposes" not in after
    assert "accepted the vendor&#39;s proposed date 2099-03-01" in accepted.text
