"""The public worker-voice form: anonymous, cookie-free, not forgeable cross-site, limited."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from fairshore.bootstrap import Workspace
from fairshore.entrypoints.web import pages_voice
from fairshore.people import services as people
from tests.e2e.web.conftest import sign_in


@pytest.fixture(scope="module")
def code(web_ws: Workspace) -> str:
    return people.open_voice_channel(web_ws, "telco-mnl").code


def _form(client: TestClient, code: str) -> str:
    client.cookies.clear()
    page = client.get(f"/voice?code={code.lower().replace('-', ' ')}")
    assert page.status_code == 200 and "TELCO-MNL" in page.text
    assert "set-cookie" not in page.headers
    return page.text.split('name="form_token" value="', 1)[1].split('"', 1)[0]


def _submit(client: TestClient, code: str, token: str, **extra: Any) -> Any:
    data = {"form_token": token, "code": code, "category": "pay", "body": "Paid late again."}
    return client.post("/voice", data=data | extra)


def test_a_worker_reports_and_follows_the_case(
    app_client: TestClient, web_ws: Workspace, code: str
) -> None:
    token = _form(app_client, code)
    sent = _submit(app_client, code, token)
    assert sent.status_code == 200
    assert "set-cookie" not in sent.headers and not app_client.cookies
    receipt = re.findall(r'id="receipt-code">([^<]+)<', sent.text)[0]
    assert re.fullmatch(r"([A-Z2-7]{4}-){7}[A-Z2-7]{4}", receipt)
    # The reporter's view, by receipt code sent in the body (never in a URL).
    seen = app_client.post("/voice/receipt", data={"form_token": token, "receipt": receipt})
    assert re.findall(r'id="case-status">([^<]+)<', seen.text) == ["received"]
    assert "set-cookie" not in seen.headers
    # The vendor acknowledges and replies; the reporter reads it.
    csrf = sign_in(app_client, "vendor@telco.example")
    staff = app_client.get("/portal/voice").text
    case_id = re.findall(r'action="/portal/voice/cases/([0-9a-f]+)"', staff)[0]
    app_client.post(
        f"/portal/voice/cases/{case_id}",
        data={"csrf_token": csrf, "status": "acknowledged", "reply": "Payroll is checking."},
    )
    app_client.cookies.clear()
    seen = app_client.post("/voice/receipt", data={"form_token": token, "receipt": receipt})
    assert re.findall(r'id="case-status">([^<]+)<', seen.text) == ["acknowledged"]
    assert "Payroll is checking." in seen.text
    wrong = app_client.post("/voice/receipt", data={"form_token": token, "receipt": "AAAA-BBBB"})
    assert wrong.status_code == 404


def test_the_submission_leaves_no_identity_anywhere(
    app_client: TestClient, web_ws: Workspace, code: str
) -> None:
    with web_ws.db.begin() as conn:
        before = conn.execute(sa.text("SELECT count(*) FROM audit_log")).scalar_one()
    token = _form(app_client, code)
    sent = _submit(
        app_client,
        code,
        token,
        body="Supervisor shouts at us.",
        category="harassment",
    )
    assert sent.status_code == 200
    with web_ws.db.begin() as conn:
        after = conn.execute(sa.text("SELECT count(*) FROM audit_log")).scalar_one()
        columns = {c["name"] for c in sa.inspect(conn).get_columns("grievances")}
    assert after == before  # an anonymous submission is not an audited action: no timestamp
    assert not columns & {"ip", "ip_address", "user_agent", "user_id", "email", "created_at"}
    # Referrer only to Fairshore itself ("no-referrer" would also blank the Origin the
    # anti-forgery check reads).
    assert sent.headers["referrer-policy"] == "same-origin"
    assert sent.headers["cache-control"] == "no-store"


def test_forged_or_cross_site_submissions_are_refused(
    app_client: TestClient, web_ws: Workspace, code: str
) -> None:
    token = _form(app_client, code)
    assert _submit(app_client, code, "1.forged").status_code == 422
    stale = pages_voice.sign_form(web_ws, hour=1)
    assert "expired" in _submit(app_client, code, stale).text
    cross = app_client.post(
        "/voice",
        data={"form_token": token, "code": code, "category": "pay", "body": "x"},
        headers={"origin": "https://evil.example", "sec-fetch-site": "cross-site"},
    )
    assert cross.status_code == 422 and "own page" in cross.text
    assert _submit(app_client, "NOPE-NOPE", token).status_code == 404
    too_long = _submit(app_client, code, token, body="x" * 5001)
    assert too_long.status_code == 422


def test_a_closed_channel_takes_no_reports(app_client: TestClient, web_ws: Workspace) -> None:
    channel = people.open_voice_channel(web_ws, "telco-blr")
    people.close_voice_channel(web_ws, "telco-blr")
    assert app_client.get(f"/voice?code={channel.code}").status_code == 404


def test_submissions_are_rate_limited_per_channel(
    app_client: TestClient, web_ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = dataclasses.replace(web_ws, organisation_id="other")
    code = people.open_voice_channel(other, "other-e").code
    monkeypatch.setattr(pages_voice, "LIMITER", pages_voice._Limiter())
    monkeypatch.setattr(pages_voice, "RATE_PER_CHANNEL", 2)
    token = _form_any(app_client, code)
    assert [_submit(app_client, code, token).status_code for _ in range(3)] == [200, 200, 422]
    # The case landed in the channel's organisation, not the deployment's default one.
    assert len(people.list_grievances(other, "other-e")) == 2


def _form_any(client: TestClient, code: str) -> str:
    client.cookies.clear()
    page = client.get(f"/voice?code={code}")
    return page.text.split('name="form_token" value="', 1)[1].split('"', 1)[0]


SERVER = """
import sys, uvicorn
from fairshore.config import load_settings
from fairshore.entrypoints.web.app import create_app
uvicorn.run(create_app(load_settings(home=sys.argv[1])), host="127.0.0.1",
            port=int(sys.argv[2]), log_level="info")
"""


def test_a_real_server_logs_no_client_address(web_ws: Workspace, code: str) -> None:
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-c", SERVER, str(web_ws.home), str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120  # a loaded shared machine starts slowly
        while True:
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=2)
                break
            except OSError:
                assert server.poll() is None, "the server stopped"
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.3)
        page = urllib.request.urlopen(f"{base}/voice?code={code}", timeout=10)
        assert page.status == 200
    finally:
        server.terminate()
        output = server.communicate(timeout=20)[0].decode()
    assert "Application startup complete" in output  # the log level really is info
    assert "GET /voice" not in output and "GET /healthz" not in output
    assert not re.search(r"127\.0\.0\.1:\d+ - ", output)  # uvicorn's access-line shape


def test_without_a_secret_key_the_form_key_lives_in_the_workspace(web_ws: Workspace) -> None:
    assert web_ws.settings.secret_key is None
    token = pages_voice.sign_form(web_ws)
    key = web_ws.home / "secrets" / "voice-form.key"
    assert key.stat().st_mode & 0o777 == 0o600 and len(key.read_bytes()) == 32
    assert pages_voice.sign_form(web_ws) == token  # another worker process signs alike


def test_names_and_contacts_are_redacted_before_the_grievance_is_stored(
    app_client: TestClient, web_ws: Workspace, code: str
) -> None:
    # Issue 23, item 11: a grievance naming a supervisor (es, pl) and giving the
    # worker's own phone and e-mail was stored as typed.
    typed = (
        "Mi supervisora María Fernández nos grita. Kierownik Piotr Nowak też. "
        "Llámenme al +57 311 482 9067 o escriban a yesenia.munoz87@gmail.com."
    )
    token = _form(app_client, code)
    assert "never saved" in app_client.get(f"/voice?code={code}").text  # the worker is told
    sent = _submit(app_client, code, token, body=typed, category="harassment")
    assert sent.status_code == 200
    with web_ws.db.begin() as conn:
        stored = conn.execute(sa.text("SELECT body FROM grievances")).scalars().all()
    everything = " ".join(stored)
    for secret in ("María", "Fernández", "Piotr", "Nowak", "311 482", "yesenia", "gmail"):
        assert secret not in everything and secret not in sent.text
    assert "Mi supervisora <PERSON> nos grita. Kierownik <PERSON> też." in everything
    assert "<PHONE_NUMBER>" in everything and "<EMAIL_ADDRESS>" in everything
    assert "&lt;PERSON&gt;" in sent.text  # the worker sees what was kept (HTML-escaped)


def test_a_grievance_with_no_personal_data_is_stored_unchanged(
    app_client: TestClient, web_ws: Workspace, code: str
) -> None:
    typed = (
        "Since January the night shift at the Bogotá site gets no paid break, and "
        "Payroll says the Premium Support queue must be covered until 6 am."
    )
    token = _form(app_client, code)
    assert _submit(app_client, code, token, body=typed, category="hours").status_code == 200
    with web_ws.db.begin() as conn:
        stored = conn.execute(sa.text("SELECT body FROM grievances")).scalars().all()
    assert typed in stored
