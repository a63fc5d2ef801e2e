"""What the ASVS level 2 probe of issue 23 found (items 8 and 9), each as the probe asked.

Private answers must not be cached; the Host header must not reach a page; the API docs
need a sign-in and no CDN; an error never shows a server path; an upload has a row cap;
a token is revoked once; a user can end every session; sign-ins are throttled per
client and written to the audit log.
"""

from __future__ import annotations

import dataclasses
import io
import json
import re
from collections.abc import Iterator

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from fairshore.accounts import services as accounts
from fairshore.bootstrap import Workspace
from fairshore.entrypoints.web.app import create_app
from fairshore.entrypoints.web.sign_in_throttle import SignInThrottle, ThrottledError
from tests.e2e.web.conftest import PASSWORD, sign_in
from tests.e2e.web.test_authorization_matrix import MATRIX
from tests.entry_point import fairshore
from tests.quick_passwords import quick_password_hashes


def _audit(ws: Workspace, action: str) -> list[dict[str, object]]:
    with ws.db.begin() as conn:
        rows = conn.execute(
            sa.text("SELECT actor, target, details FROM audit_log WHERE action = :a ORDER BY id"),
            {"a": action},
        ).mappings()
        return [
            {
                **r,
                "details": r["details"]
                if isinstance(r["details"], dict)
                else json.loads(r["details"]),
            }
            for r in rows
        ]


# -- item 8: nothing private is cacheable ------------------------------------------------


@pytest.mark.parametrize("role", ["analyst", "vendor", None])
def test_every_private_answer_is_no_store(app_client: TestClient, role: str | None) -> None:
    if role is None:
        app_client.cookies.clear()
    else:
        sign_in(app_client, f"{role}@telco.example")
    for cases in MATRIX.values():
        for path, _, _ in cases:
            got = app_client.get(path, follow_redirects=False)
            assert got.headers.get("cache-control") == "no-store", f"{role} GET {path}"
    static = app_client.get("/static/app.css")
    assert static.status_code == 200 and static.headers["cache-control"] == "public, max-age=86400"


def test_the_favicon_is_served_from_the_package_and_cached(app_client: TestClient) -> None:
    app_client.cookies.clear()
    page = app_client.get("/login").text
    assert '<link rel="icon" type="image/svg+xml" href="/static/favicon.svg">' in page
    asked = app_client.get("/favicon.ico", follow_redirects=False)  # what browsers ask for
    assert (asked.status_code, asked.headers["location"]) == (301, "/static/favicon.svg")
    icon = app_client.get("/favicon.ico")
    assert icon.status_code == 200 and icon.headers["content-type"] == "image/svg+xml"
    assert icon.text.startswith("<svg") and "http" not in icon.text.replace(
        "http://www.w3.org/2000/svg", ""
    )  # nothing fetched from elsewhere
    assert icon.headers["cache-control"] == "public, max-age=86400"


def test_the_qbr_pdf_is_no_store(app_client: TestClient) -> None:
    sign_in(app_client, "analyst@telco.example")
    pdf = app_client.get("/reports/qbr/telco-mnl/2026-Q3/pdf")
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.headers["cache-control"] == "no-store"


# -- item 9 ------------------------------------------------------------------------------


def test_the_host_header_never_reaches_a_page(app_client: TestClient) -> None:
    app_client.cookies.clear()
    page = app_client.get("/login", headers={"host": "evil.example"})
    assert page.status_code == 200 and "evil.example" not in page.text
    assert 'href="/static/app.css"' in page.text
    sign_in(app_client, "analyst@telco.example")
    assert "evil.example" not in app_client.get("/", headers={"host": "evil.example"}).text


def test_the_api_docs_need_a_sign_in_and_load_nothing_from_elsewhere(
    app_client: TestClient,
) -> None:
    app_client.cookies.clear()
    assert app_client.get("/api/docs").status_code == 401
    assert app_client.get("/api/docs/swagger-ui-bundle.js").status_code == 401
    sign_in(app_client, "vendor@telco.example")
    page = app_client.get("/api/docs")
    sources = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert sources and all(s.startswith("/") and not s.startswith("//") for s in sources)
    assert "cdn" not in page.text.lower() and "<script>" not in page.text  # no inline script
    bundle = app_client.get("/api/docs/swagger-ui-bundle.js")
    assert bundle.status_code == 200 and "SwaggerUIBundle" in bundle.text[:5000]
    assert app_client.get("/api/docs/swagger-ui.css").headers["content-type"].startswith("text/css")


def _upload(client: TestClient, csrf: str, files: list[tuple[str, tuple[str, bytes, str]]],
            **form: str) -> str:  # fmt: skip
    data = {"csrf_token": csrf, "engagement_id": "telco-mnl", "table": "agents"} | form
    return client.post("/uploads", data=data, files=files).text


def test_a_bad_mapping_or_parquet_file_names_no_server_path(
    app_client: TestClient, web_ws: Workspace
) -> None:
    csrf = sign_in(app_client, "analyst@telco.example")
    calls = b"vru+line,call_id\nAA0101,1\n"
    bad_yaml = ("mapping_file", ("bank.yaml", b"columns: [unclosed\n", "application/yaml"))
    text = _upload(app_client, csrf, [("files", ("calls.txt", calls, "text/plain")), bad_yaml],
                   table="interactions", format="acd")  # fmt: skip
    assert "bank.yaml is not valid YAML" in text
    broken = b"PAR1" + b"\x00" * 64 + b"PAR1"
    text += _upload(app_client, csrf, [("files", ("rota.parquet", broken, "application/x"))])
    assert "rota.parquet" in text
    for leak in (str(web_ws.home), str(web_ws.home.resolve()), "/upload-", "/tmp/"):
        assert leak not in text


@pytest.fixture
def capped(web_ws: Workspace) -> Iterator[TestClient]:
    settings = web_ws.settings.model_copy(update={"upload_max_rows": 1_000})
    ws = dataclasses.replace(web_ws, settings=settings)
    with TestClient(create_app(settings, workspace=ws), base_url="https://testserver") as client:
        yield client


def _rota(rows: int, prefix: str) -> pa.Table:
    return pa.table({
        "agent_ref": [f"{prefix}-{i}" for i in range(rows)],
        "engagement_id": ["telco-mnl"] * rows,
        "employment_type": ["employee"] * rows,
        "hired_on": ["2025-01-01"] * rows,
    })  # fmt: skip


def test_an_upload_past_the_row_cap_is_rejected_whole(
    capped: TestClient, web_ws: Workspace
) -> None:
    csrf = sign_in(capped, "analyst@telco.example")
    sink = io.BytesIO()
    pq.write_table(_rota(1_001, "pq"), sink)  # a few KB of Parquet
    text = _upload(capped, csrf, [("files", ("rota.parquet", sink.getvalue(), "application/x"))])
    assert "more than 1,000 rows in one upload" in text and "FAIRSHORE_UPLOAD_MAX_ROWS" in text
    assert re.findall(r'id="rows-read">(\d+)<', text) == ["0"]  # refused before reading
    csv = "agent_ref,engagement_id,employment_type,hired_on\n" + "".join(
        f"c-{i},telco-mnl,employee,2025-01-01\n" for i in range(1_001)
    )
    text = _upload(capped, csrf, [("files", ("rota.csv", csv.encode(), "text/csv"))])
    assert "more than 1,000 rows in one upload" in text
    assert not list((web_ws.lake).rglob("*c-1000*"))
    sink = io.BytesIO()
    pq.write_table(_rota(1_000, "ok"), sink)  # at the cap: accepted
    text = _upload(capped, csrf, [("files", ("fine.parquet", sink.getvalue(), "application/x"))])
    assert re.findall(r'id="rows-accepted">(\d+)<', text) == ["1000"]


def test_revoking_a_token_twice_logs_once(app_client: TestClient, web_ws: Workspace) -> None:
    csrf = sign_in(app_client, "analyst@telco.example")
    headers = {"x-csrf-token": csrf}
    made = app_client.post(
        "/api/v1/tokens", json={"name": "t", "scopes": ["read"]}, headers=headers
    )
    token_id = made.json()["id"]
    assert app_client.delete(f"/api/v1/tokens/{token_id}", headers=headers).status_code == 204
    assert app_client.delete(f"/api/v1/tokens/{token_id}", headers=headers).status_code == 404
    assert [e["target"] for e in _audit(web_ws, "token.revoke")].count(f"token:{token_id}") == 1


def test_sign_out_everywhere_ends_every_session(app_client: TestClient, web_ws: Workspace) -> None:
    other = accounts.sign_in(web_ws, email="auditor@telco.example", password=PASSWORD)
    csrf = sign_in(app_client, "auditor@telco.example")
    assert 'action="/logout/everywhere"' in app_client.get("/").text
    assert app_client.post("/logout/everywhere", follow_redirects=False).status_code == 403  # CSRF
    out = app_client.post("/logout/everywhere", data={"csrf_token": csrf}, follow_redirects=False)
    assert out.status_code == 303 and out.headers["location"] == "/login"
    assert accounts.session_principal(web_ws, other.token) is None  # the other browser too
    assert app_client.get("/", follow_redirects=False).status_code == 303
    assert _audit(web_ws, "user.sign_out_everywhere")[-1]["details"] == {"sessions": 2}


def test_a_password_change_ends_every_session(web_ws: Workspace) -> None:
    with quick_password_hashes():
        accounts.add_user(web_ws, email="changer@telco.example", password=PASSWORD, role="analyst")
    first = accounts.sign_in(web_ws, email="changer@telco.example", password=PASSWORD)
    new = "a different long passphrase"
    # the console script's entry point, in this process
    args = ["user", "set-password", "changer@telco.example", "--password-env", "NEW_PASSWORD"]
    done = fairshore("--home", str(web_ws.home), *args, "--json", env={"NEW_PASSWORD": new})
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"email": "changer@telco.example", "sessions_ended": 1}
    assert accounts.session_principal(web_ws, first.token) is None
    with pytest.raises(accounts.SignInError):
        accounts.sign_in(web_ws, email="changer@telco.example", password=PASSWORD)
    assert accounts.sign_in(web_ws, email="changer@telco.example", password=new).token


def _post_login(client: TestClient, email: str, password: str) -> tuple[int, dict[str, str]]:
    client.cookies.clear()
    client.get("/login")
    csrf = client.cookies.get("fairshore_login_csrf") or ""
    form = {"email": email, "password": password, "csrf_token": csrf}
    r = client.post("/login", data=form, follow_redirects=False)
    return r.status_code, dict(r.headers)


def test_failed_sign_ins_from_one_client_are_throttled(web_ws: Workspace) -> None:
    settings = web_ws.settings.model_copy(update={"sign_in_failures_per_client": 3})
    with TestClient(create_app(settings, workspace=web_ws), base_url="https://testserver") as c:
        emails = ("executive@telco.example", "admin@telco.example", "nobody@telco.example")
        assert [_post_login(c, e, "wrong password!")[0] for e in emails] == [401, 401, 401]
        status, headers = _post_login(c, "analyst@telco.example", PASSWORD)
        assert status == 429 and 0 < int(headers["retry-after"]) <= 900
        assert headers["x-frame-options"] == "DENY" and headers["cache-control"] == "no-store"


def test_the_throttle_counts_per_client_and_forgets_after_its_window() -> None:
    now = [0.0]
    throttle = SignInThrottle(failures_per_client=2, at_once=2, clock=lambda: now[0])
    for _ in range(2):
        with throttle.attempt("10.0.0.1") as attempt:
            attempt.failed()
    with pytest.raises(ThrottledError) as refused, throttle.attempt("10.0.0.1"):
        pass
    assert refused.value.retry_after == 900
    # another client is not held back; two checks at once from one address, but not three
    with (
        throttle.attempt("10.0.0.2"),
        throttle.attempt("10.0.0.2"),
        pytest.raises(ThrottledError),
        throttle.attempt("10.0.0.2"),
    ):
        pass
    now[0] = 900.0
    with throttle.attempt("10.0.0.1"):
        pass


def test_sign_ins_and_lockouts_are_in_the_audit_log(
    app_client: TestClient, web_ws: Workspace
) -> None:
    with quick_password_hashes():  # signed in eight times
        accounts.add_user(web_ws, email="logged@telco.example", password=PASSWORD, role="analyst")
    first = accounts.sign_in(web_ws, email="logged@telco.example", password=PASSWORD)
    user = f"user:{first.principal.user_id}"
    assert _post_login(app_client, "logged@telco.example", PASSWORD)[0] == 303
    for _ in range(5):
        assert _post_login(app_client, "logged@telco.example", "guess number one")[0] == 401
    assert _post_login(app_client, "logged@telco.example", PASSWORD)[0] == 401  # locked
    assert _post_login(app_client, "ghost@telco.example", "guess number two")[0] == 401
    ok = [e for e in _audit(web_ws, "user.sign_in") if e["target"] == user]
    assert len(ok) == 2 and ok[-1]["details"] == {"client": "testclient"}
    failed = _audit(web_ws, "user.sign_in_failed")
    reasons = [e["details"]["reason"] for e in failed if e["target"] == user]  # type: ignore[index]
    assert reasons == ["wrong password"] * 5 + ["locked"]
    assert failed[-1]["target"] == "user:unknown" and failed[-1]["actor"] == "anonymous"
    locks = [e for e in _audit(web_ws, "user.lock") if e["target"] == user]
    assert len(locks) == 1 and "until" in locks[0]["details"]  # type: ignore[operator]
    with web_ws.db.begin() as conn:
        logged = " ".join(str(r) for r in conn.execute(sa.text("SELECT * FROM audit_log")))
    assert "guess number" not in logged and PASSWORD not in logged and "ghost@" not in logged
