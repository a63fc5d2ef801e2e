"""Every portal write x every role x own / other vendor / other tenant, with CSRF.

Each write is allowed to the roles holding its action; a role that may not gets 403;
what a principal may not see (another vendor's for a vendor user, another tenant's
for everyone) answers 404. Every allowed write appends to the audit log.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from fairshore.accounts import services as accounts
from fairshore.bootstrap import Workspace
from fairshore.governance import responses
from fairshore.people import services as people
from fairshore.vetting import services as vetting
from tests.e2e.web.conftest import ROLES, sign_in

TARGETS = ("own", "other_vendor", "other_tenant")
ENGAGEMENT = {"own": "telco-mnl", "other_vendor": "telco-blr", "other_tenant": "other-e"}
VENDOR = {"own": "northwind", "other_vendor": "indigo", "other_tenant": "acme"}
FINDING = {"own": 1, "other_vendor": 2, "other_tenant": 3}
ORG = {"own": "default", "other_vendor": "default", "other_tenant": "other"}


def expected(role: str, target: str, *, allowed: tuple[str, ...], ok: int) -> int:
    if role not in allowed:
        return 403
    if target == "other_tenant" or (target == "other_vendor" and role == "vendor"):
        return 404
    return ok


def _view(ws: Workspace, target: str) -> Workspace:
    return dataclasses.replace(ws, organisation_id=ORG[target])


def _agents_csv(tag: str) -> bytes:
    return (
        "agent_ref,engagement_id,employment_type,hired_on,left_on\n"
        f"{tag}-1,ENG,employee,2025-01-01,\n"
        f"{tag}-2,ENG,employee,2025-05-01,2025-01-01\n"
    ).encode()


Call = Callable[[TestClient, Workspace, str, str, str], httpx.Response]


def _upload(c: TestClient, ws: Workspace, csrf: str, role: str, target: str) -> httpx.Response:
    eid = ENGAGEMENT[target]
    body = _agents_csv(f"{role}-{target}").replace(b"ENG", eid.encode())
    return c.post(
        "/uploads",
        data={"csrf_token": csrf, "engagement_id": eid, "table": "agents", "format": "csv"},
        files=[("files", ("agents.csv", body, "text/csv"))],
        follow_redirects=False,
    )


def _api_upload(c: TestClient, ws: Workspace, csrf: str, role: str, target: str) -> httpx.Response:
    eid = ENGAGEMENT[target]
    body = _agents_csv(f"api-{role}-{target}").replace(b"ENG", eid.encode())
    return c.post(
        "/api/v1/uploads",
        data={"engagement_id": eid, "table": "agents"},
        files=[("files", ("agents.csv", body, "text/csv"))],
        headers={"x-csrf-token": csrf},
    )


def _answer(c: TestClient, ws: Workspace, csrf: str, role: str, target: str) -> httpx.Response:
    return c.post(
        f"/portal/vendors/{VENDOR[target]}/questionnaire",
        data={"csrf_token": csrf, "q.lab.attrition": "32"},
        follow_redirects=False,
    )


def _evidence(c: TestClient, ws: Workspace, csrf: str, role: str, target: str) -> httpx.Response:
    return c.post(
        f"/portal/vendors/{VENDOR[target]}/evidence",
        data={"csrf_token": csrf, "type": "iso27001", "issuer": "BSI"},
        files={"file": ("cert.pdf", f"%PDF-1.4 {role}".encode(), "application/pdf")},
        follow_redirects=False,
    )


def _contest(c: TestClient, ws: Workspace, csrf: str, role: str, target: str) -> httpx.Response:
    return c.post(
        f"/portal/vendors/{VENDOR[target]}/contests",
        data={"csrf_token": csrf, "question_id": "lab.attrition", "reason": "HR data says 20 %"},
        follow_redirects=False,
    )


def _contest_measurement(
    c: TestClient, ws: Workspace, csrf: str, role: str, target: str
) -> httpx.Response:
    # A measurement is contested through the same form as an answer.
    return c.post(
        f"/portal/vendors/{VENDOR[target]}/contests",
        data={
            "csrf_token": csrf,
            "question_id": "measured:in_house_share",
            "reason": "The roster counts trainees on agency contracts",
        },
        follow_redirects=False,
    )


def _resolve(c: TestClient, ws: Workspace, csrf: str, role: str, target: str) -> httpx.Response:
    contest = vetting.contest_item(_view(ws, target), VENDOR[target], "lab.attrition", "why")
    return c.post(
        f"/portal/contests/{contest.id}",
        data={"csrf_token": csrf, "status": "rejected", "resolution": "no evidence sent"},
        follow_redirects=False,
    )


def _respond(c: TestClient, ws: Workspace, csrf: str, role: str, target: str) -> httpx.Response:
    return c.post(
        f"/portal/findings/{FINDING[target]}/respond",
        data={"csrf_token": csrf, "response": "Two more agents start Monday."},
        follow_redirects=False,
    )


def _respond_attached(
    c: TestClient, ws: Workspace, csrf: str, role: str, target: str
) -> httpx.Response:
    return c.post(
        f"/portal/findings/{FINDING[target]}/respond",
        data={"csrf_token": csrf, "response": "Rota attached.", "plan_due_on": "2099-01-01"},
        files={"attachment": ("rota.pdf", f"%PDF-1.4 {role}".encode(), "application/pdf")},
        follow_redirects=False,
    )


_PROPOSALS = itertools.count(1)


def _accept_date(c: TestClient, ws: Workspace, csrf: str, role: str, target: str) -> httpx.Response:
    # A fresh proposal each time, so that every accepted one moves the due date.
    proposed = date(2030, 1, 1) + timedelta(days=next(_PROPOSALS))
    responses.respond_to_finding(
        _view(ws, target), FINDING[target], actor="v", response="Later.", plan_due_on=proposed
    )
    return c.post(
        f"/portal/findings/{FINDING[target]}/accept-date",
        data={"csrf_token": csrf},
        follow_redirects=False,
    )


def _api_respond(c: TestClient, ws: Workspace, csrf: str, role: str, target: str) -> httpx.Response:
    return c.post(
        f"/api/v1/findings/{FINDING[target]}/responses",
        json={"response": f"Looking into it ({role})."},
        headers={"x-csrf-token": csrf},
    )


def _update(c: TestClient, ws: Workspace, csrf: str, role: str, target: str) -> httpx.Response:
    return c.post(
        f"/portal/findings/{FINDING[target]}/update",
        data={"csrf_token": csrf, "note": f"checked by {role}"},
        follow_redirects=False,
    )


def _assign(c: TestClient, ws: Workspace, csrf: str, role: str, target: str) -> httpx.Response:
    # To the acting user: a role that may assign may own, and each role makes a change.
    return c.post(
        f"/portal/findings/{FINDING[target]}/assign",
        data={"csrf_token": csrf, "to": f"{role}@telco.example"},
        follow_redirects=False,
    )


def _api_assign(c: TestClient, ws: Workspace, csrf: str, role: str, target: str) -> httpx.Response:
    return c.post(
        f"/api/v1/findings/{FINDING[target]}/assignee",
        json={"to": None},  # back to nobody: a change after the form's assignment
        headers={"x-csrf-token": csrf},
    )


def _audit(c: TestClient, ws: Workspace, csrf: str, role: str, target: str) -> httpx.Response:
    return c.post(
        "/portal/audits",
        data={
            "csrf_token": csrf,
            "engagement_id": ENGAGEMENT[target],
            "audited_on": "2026-10-15",
            "scope": "site visit",
            "nc_grade_1": "minor",
            "nc_title_1": f"Fire exit blocked ({role})",
        },
        follow_redirects=False,
    )


def _open(c: TestClient, ws: Workspace, csrf: str, role: str, target: str) -> httpx.Response:
    return c.post(
        "/portal/voice/channels",
        data={"csrf_token": csrf, "engagement_id": ENGAGEMENT[target]},
        follow_redirects=False,
    )


def _close(c: TestClient, ws: Workspace, csrf: str, role: str, target: str) -> httpx.Response:
    people.open_voice_channel(_view(ws, target), ENGAGEMENT[target])
    return c.post(
        f"/portal/voice/channels/{ENGAGEMENT[target]}/close",
        data={"csrf_token": csrf},
        follow_redirects=False,
    )


def _case(c: TestClient, ws: Workspace, csrf: str, role: str, target: str) -> httpx.Response:
    case, _ = people.submit_grievance(
        _view(ws, target), ENGAGEMENT[target], category="pay", body="Paid late again."
    )
    return c.post(
        f"/portal/voice/cases/{case.id}",
        data={"csrf_token": csrf, "status": "acknowledged", "reply": "We are on it."},
        follow_redirects=False,
    )


# name -> (request, roles allowed, success status, audit action)
WRITES: dict[str, tuple[Call, tuple[str, ...], int, str]] = {
    "upload": (_upload, ("admin", "analyst", "vendor"), 303, "upload.ingest"),
    "api_upload": (_api_upload, ("admin", "analyst", "vendor"), 201, "upload.ingest"),
    "answer": (_answer, ("admin", "vendor"), 303, "questionnaire.answer"),
    "evidence": (_evidence, ("admin", "vendor"), 303, "evidence.add"),
    "contest": (_contest, ("admin", "vendor"), 303, "contest.add"),
    "contest_measurement": (_contest_measurement, ("admin", "vendor"), 303, "contest.add"),
    "resolve": (_resolve, ("admin", "analyst"), 303, "contest.resolve"),
    "respond": (_respond, ("admin", "analyst", "vendor"), 303, "finding.respond"),
    "respond_attached": (_respond_attached, ("admin", "analyst", "vendor"), 303, "finding.respond"),
    "accept_date": (_accept_date, ("admin", "analyst"), 303, "finding.accept_date"),
    "api_respond": (_api_respond, ("admin", "analyst", "vendor"), 201, "finding.respond"),
    "update": (_update, ("admin", "analyst"), 303, "finding.update"),
    "assign": (_assign, ("admin", "analyst"), 303, "finding.assign"),
    "api_assign": (_api_assign, ("admin", "analyst"), 200, "finding.assign"),
    "audit": (_audit, ("admin", "auditor"), 303, "audit.record"),
    "open_channel": (_open, ("admin", "analyst"), 303, "voice.channel.open"),
    "close_channel": (_close, ("admin", "analyst"), 303, "voice.channel.close"),
    "case": (_case, ("admin", "analyst", "vendor"), 303, "voice.case.update"),
}


def _last_audit(ws: Workspace) -> tuple[str, str] | None:
    with ws.db.begin() as conn:
        row = conn.execute(
            sa.text("SELECT actor, action FROM audit_log ORDER BY id DESC LIMIT 1")
        ).first()
    return None if row is None else (row[0], row[1])


@pytest.mark.parametrize("role", ROLES)
def test_writes_by_role_and_target(app_client: TestClient, web_ws: Workspace, role: str) -> None:
    csrf = sign_in(app_client, f"{role}@telco.example")
    problems: list[str] = []
    for name, (call, allowed, ok, action) in WRITES.items():
        for target in TARGETS:
            want = expected(role, target, allowed=allowed, ok=ok)
            got = call(app_client, web_ws, csrf, role, target)
            if got.status_code != want:
                problems.append(f"{name} {target}: {got.status_code}, expected {want}")
            elif want == ok and _last_audit(web_ws) != (f"{role}@telco.example", action):
                problems.append(f"{name} {target}: not in the audit log ({_last_audit(web_ws)})")
    assert not problems, f"{role}: " + "; ".join(problems)
    assert accounts.verify_audit_log(web_ws).ok


@pytest.mark.parametrize("name", list(WRITES))
def test_writes_without_csrf_are_refused(
    app_client: TestClient, web_ws: Workspace, name: str
) -> None:
    sign_in(app_client, "admin@telco.example")
    call, _, _, _ = WRITES[name]
    before = _last_audit(web_ws)
    assert call(app_client, web_ws, "forged", "admin", "own").status_code == 403
    assert _last_audit(web_ws) == before


def test_a_vendor_contests_a_measurement_and_an_analyst_upholds_it(
    app_client: TestClient, web_ws: Workspace
) -> None:
    csrf = sign_in(app_client, "vendor@telco.example")
    page = app_client.get("/scorecards/northwind")
    assert page.status_code == 200
    sent = _contest_measurement(app_client, web_ws, csrf, "vendor", "own")
    assert sent.status_code == 303
    contest = max(vetting.list_contests(web_ws, "northwind"), key=lambda c: c.id)
    assert (contest.measured_claim, contest.status) == ("in_house_share", "open")
    assert app_client.post(
        "/portal/vendors/northwind/contests",
        data={"csrf_token": csrf, "question_id": "measured:nope", "reason": "x"},
    ).status_code in (404, 422)
    app_client.cookies.clear()
    csrf = sign_in(app_client, "analyst@telco.example")
    done = app_client.post(
        f"/portal/contests/{contest.id}",
        data={"csrf_token": csrf, "status": "upheld", "resolution": "Trainees excluded"},
        follow_redirects=False,
    )
    assert done.status_code == 303
    assert vetting.upheld_measurement_contests(web_ws, "northwind") == {"in_house_share"}
    assert "measured:in_house_share" in app_client.get("/scorecards/northwind").text


def test_an_upload_token_uploads_and_reads_its_batch(
    app_client: TestClient, web_ws: Workspace
) -> None:
    csrf = sign_in(app_client, "vendor@telco.example")
    created = app_client.post(
        "/api/v1/tokens",
        json={"name": "nightly", "scopes": ["upload", "read"]},
        headers={"x-csrf-token": csrf},
    ).json()
    app_client.cookies.clear()
    bearer = {"authorization": f"Bearer {created['token']}"}
    body = _agents_csv("token").replace(b"ENG", b"telco-mnl")
    sent = app_client.post(
        "/api/v1/uploads",
        data={"engagement_id": "telco-mnl", "table": "agents", "format": "csv"},
        files=[("files", ("agents.csv", body, "text/csv"))],
        headers=bearer,
    )
    assert sent.status_code == 201, sent.text
    report: dict[str, Any] = sent.json()
    assert (report["rows_read"], report["rows_accepted"], report["rows_quarantined"]) == (2, 1, 1)
    assert report["reasons"] == {"left_before_hired": 1}
    assert report["quarantine"][0]["reason"] == "left_before_hired"
    again = app_client.get(f"/api/v1/uploads/{report['batch_id']}", headers=bearer)
    assert again.json()["batch_id"] == report["batch_id"]
    other = app_client.post(
        "/api/v1/uploads",
        data={"engagement_id": "telco-blr", "table": "agents"},
        files=[("files", ("agents.csv", body, "text/csv"))],
        headers=bearer,
    )
    assert other.status_code == 404
    archive = app_client.post(
        "/api/v1/uploads",
        data={"engagement_id": "telco-mnl", "table": "agents"},
        files=[("files", ("agents.csv", b"PK\x03\x04zip", "text/csv"))],
        headers=bearer,
    )
    assert archive.status_code == 422 and "zip archive" in archive.json()["detail"]
    # Without the respond_finding scope the token cannot answer findings.
    refused = app_client.post(
        "/api/v1/findings/1/responses", json={"response": "x"}, headers=bearer
    )
    assert refused.status_code == 403


def test_a_respond_token_answers_a_finding_with_a_plan(app_client: TestClient) -> None:
    csrf = sign_in(app_client, "vendor@telco.example")
    token = app_client.post(
        "/api/v1/tokens",
        json={"name": "tickets", "scopes": ["respond_finding"]},
        headers={"x-csrf-token": csrf},
    ).json()["token"]
    app_client.cookies.clear()
    bearer = {"authorization": f"Bearer {token}"}
    late = app_client.post(
        "/api/v1/findings/1/responses",
        json={"response": "Plan attached.", "plan_due_on": "2099-01-01"},
        headers=bearer,
    )  # a later date is the vendor's proposal; the due date stays the client's
    assert late.status_code == 201 and late.json()["proposed_due"] == "2099-01-01"
    assert late.json()["due_on"] != "2099-01-01"
    sent = app_client.post(
        "/api/v1/findings/1/responses",
        json={"response": "Plan attached.", "corrective_action": "Hire 4", "owner": "Ops"},
        headers=bearer,
    )
    assert sent.status_code == 201 and sent.json()["owner"] == "Ops"
    assert sent.json()["status"] in ("action_planned", "overdue")
    other = app_client.post(
        "/api/v1/findings/2/responses", json={"response": "Not ours."}, headers=bearer
    )
    assert other.status_code == 404


def test_a_read_only_token_cannot_upload(app_client: TestClient) -> None:
    csrf = sign_in(app_client, "analyst@telco.example")
    token = app_client.post(
        "/api/v1/tokens", json={"name": "ro", "scopes": ["read"]}, headers={"x-csrf-token": csrf}
    ).json()["token"]
    app_client.cookies.clear()
    refused = app_client.post(
        "/api/v1/uploads",
        data={"engagement_id": "telco-mnl", "table": "agents"},
        files=[("files", ("agents.csv", b"a,b\n1,2\n", "text/csv"))],
        headers={"authorization": f"Bearer {token}"},
    )
    assert refused.status_code == 403


def test_batch_pages_follow_the_engagement(app_client: TestClient, web_ws: Workspace) -> None:
    csrf = sign_in(app_client, "analyst@telco.example")
    batches = {}
    for target in ("own", "other_vendor"):
        response = _upload(app_client, web_ws, csrf, "batchpages", target)
        batches[target] = response.headers["location"]
    page = app_client.get(batches["own"])
    assert page.status_code == 200 and "left before hired" in page.text
    csv_export = app_client.get(batches["own"] + "/quarantine.csv")
    assert csv_export.status_code == 200
    assert csv_export.text.splitlines()[0].startswith("row,reason,detail")
    assert "left_before_hired" in csv_export.text
    assert _last_audit(web_ws) == ("analyst@telco.example", "export")
    sign_in(app_client, "vendor@telco.example")
    assert app_client.get(batches["own"]).status_code == 200
    assert app_client.get(batches["other_vendor"]).status_code == 404
    assert app_client.get(batches["own"] + "/quarantine.csv").status_code == 403
    sign_in(app_client, "admin@other.example")
    assert app_client.get(batches["own"]).status_code == 404


def test_out_of_range_ids_are_refused_not_crashed(app_client: TestClient) -> None:
    csrf = sign_in(app_client, "admin@telco.example")
    huge = 10**20
    assert app_client.get(f"/portal/findings/{huge}").status_code == 422
    assert app_client.get("/portal/findings/0").status_code == 422
    sent = app_client.post(
        f"/portal/contests/{huge}", data={"csrf_token": csrf, "status": "upheld", "resolution": "x"}
    )
    assert sent.status_code == 422
    assert app_client.get("/uploads/batches/b-nope?page=99999999999999999999").status_code == 404
