"""Sign-in, sessions, headers and the audit log, as a compliance officer would check them."""

from __future__ import annotations

import sqlalchemy as sa
from fastapi.testclient import TestClient

from fairshore.accounts import services as accounts
from fairshore.bootstrap import Workspace
from tests.e2e.web.conftest import PASSWORD, sign_in


def test_passwords_are_stored_as_argon2id(web_ws: Workspace) -> None:
    with web_ws.db.begin() as conn:
        hashes = [r[0] for r in conn.execute(sa.text("SELECT password_hash FROM users"))]
    assert hashes and all(h.startswith("$argon2id$") for h in hashes)
    assert not any(PASSWORD in h for h in hashes)


def test_session_cookie_flags_and_security_headers(app_client: TestClient) -> None:
    app_client.cookies.clear()
    app_client.get("/login")
    csrf = app_client.cookies.get("fairshore_login_csrf")
    response = app_client.post(
        "/login",
        data={"email": "analyst@telco.example", "password": PASSWORD, "csrf_token": csrf},
        follow_redirects=False,
    )
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "secure" in cookie and "samesite=lax" in cookie
    page = app_client.get("/")
    csp = page.headers["content-security-policy"]
    assert "script-src 'self';" in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert page.headers["x-content-type-options"] == "nosniff"
    assert page.headers["x-frame-options"] == "DENY"


def test_login_without_its_csrf_cookie_is_refused(app_client: TestClient) -> None:
    app_client.cookies.clear()
    response = app_client.post(
        "/login",
        data={"email": "analyst@telco.example", "password": PASSWORD, "csrf_token": "forged"},
        follow_redirects=False,
    )
    assert response.status_code == 200 and "expired" in response.text
    assert "fairshore_session" not in app_client.cookies


def test_five_wrong_passwords_lock_the_account(app_client: TestClient, web_ws: Workspace) -> None:
    accounts.add_user(web_ws, email="target@telco.example", password=PASSWORD, role="analyst")
    for _ in range(5):
        app_client.cookies.clear()
        app_client.get("/login")
        csrf = app_client.cookies.get("fairshore_login_csrf")
        form = {"email": "target@telco.example", "password": "wrong password!", "csrf_token": csrf}
        bad = app_client.post("/login", data=form)
        assert bad.status_code == 401
    app_client.cookies.clear()
    app_client.get("/login")
    csrf = app_client.cookies.get("fairshore_login_csrf")
    locked = app_client.post(
        "/login", data={"email": "target@telco.example", "password": PASSWORD, "csrf_token": csrf}
    )
    assert locked.status_code == 401
    assert "locked" in locked.text


def test_unknown_and_wrong_password_get_the_same_answer(app_client: TestClient) -> None:
    answers = []
    for email in ("nobody@telco.example", "auditor@telco.example"):
        app_client.cookies.clear()
        app_client.get("/login")
        csrf = app_client.cookies.get("fairshore_login_csrf")
        r = app_client.post(
            "/login", data={"email": email, "password": "not the password", "csrf_token": csrf}
        )
        answers.append((r.status_code, r.text.replace(email, "").replace(csrf or "", "")))
    assert answers[0] == answers[1]


def test_audit_log_detects_tampering(app_client: TestClient, web_ws: Workspace) -> None:
    csrf = sign_in(app_client, "admin@telco.example")
    app_client.post(
        "/api/v1/tokens", json={"name": "t", "scopes": ["read"]}, headers={"x-csrf-token": csrf}
    )
    assert app_client.get("/api/v1/audit-log/verify").json()["ok"] is True
    with web_ws.db.begin() as conn:
        actor = conn.execute(sa.text("SELECT actor FROM audit_log WHERE id = 2")).scalar_one()
        conn.execute(sa.text("UPDATE audit_log SET actor = 'someone-else' WHERE id = 2"))
    check = app_client.get("/api/v1/audit-log/verify").json()
    assert check["ok"] is False and check["first_bad_id"] == 2
    with web_ws.db.begin() as conn:
        conn.execute(sa.text("UPDATE audit_log SET actor = :a WHERE id = 2"), {"a": actor})
    assert app_client.get("/api/v1/audit-log/verify").json()["ok"] is True
