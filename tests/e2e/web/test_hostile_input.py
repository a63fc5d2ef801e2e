"""The probe's hostile requests (issue 23, item 6): each answers 4xx with the usual headers.

Before the fix each of these was a ``text/plain`` 500 without security headers: a lone
surrogate or ``NaN`` in a JSON body, a quarter in full-width or Arabic-Indic digits on
the report PDFs (which also logged an export it never sent), deeply nested JSON in an
upload (three batches left ``running``), and any unexpected exception.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from fairshore.bootstrap import Workspace
from fairshore.entrypoints.web import pages
from fairshore.entrypoints.web.app import SECURITY_HEADERS, create_app
from fairshore.governance import services as governance
from fairshore.interactions import services as ingest
from tests.e2e.web.conftest import sign_in

DEEP = "[" * 10_000 + "]" * 10_000


@pytest.fixture(scope="module")
def lenient(web_ws: Workspace) -> Iterator[TestClient]:
    """A client that gets the 500 answer a browser would, instead of the exception."""
    app = create_app(web_ws.settings, workspace=web_ws)
    with TestClient(app, base_url="https://testserver", raise_server_exceptions=False) as c:
        yield c


def assert_secured(response: httpx.Response) -> None:
    for name, value in SECURITY_HEADERS.items():
        assert response.headers.get(name) == value, name
    assert not response.headers["content-type"].startswith("text/plain")


def _post_json(client: TestClient, url: str, body: str, csrf: str) -> httpx.Response:
    headers = {"content-type": "application/json", "x-csrf-token": csrf}
    return client.post(url, content=body.encode(), headers=headers)


def _tokens(ws: Workspace) -> int:
    with ws.db.begin() as conn:
        return int(conn.execute(sa.text("SELECT count(*) FROM api_tokens")).scalar_one())


@pytest.mark.parametrize(
    ("url", "body", "reason"),
    [
        ("/api/v1/tokens", '{"name": "\\ud800", "scopes": ["read"]}', "surrogate"),
        ("/api/v1/tokens", '{"name": "ok", "scopes": ["\\udfff"]}', "surrogate"),
        ("/api/v1/tokens", '{"name": NaN, "scopes": ["read"]}', "NaN is not a JSON number"),
        ("/api/v1/tokens", '{"name": "x", "scopes": [Infinity]}', "Infinity is not"),
        ("/api/v1/tokens", '{"\\ud800": 1, "name": "x", "scopes": []}', "surrogate"),
        ("/api/v1/findings/1/responses", '{"response": "fixed \\udc00"}', "surrogate"),
        ("/api/v1/findings/1/responses", '{"response": "x", "owner": -Infinity}', "Infinity"),
        ("/api/v1/tokens", "[" * 100 + "]" * 100, "nests deeper than 64"),
        ("/api/v1/tokens", '{"name": "a\\u0000b", "scopes": ["read"]}', "NUL"),
    ],
)
def test_json_that_no_database_can_store_is_refused(
    lenient: TestClient, web_ws: Workspace, url: str, body: str, reason: str
) -> None:
    csrf = sign_in(lenient, "admin@telco.example")
    before = _tokens(web_ws)
    response = _post_json(lenient, url, body, csrf)
    assert response.status_code == 422, response.text
    assert reason in response.json()["detail"]
    assert_secured(response)
    assert _tokens(web_ws) == before


@pytest.mark.parametrize("body", [DEEP, '{"name": ' + "9" * 5000 + "}"])
def test_json_python_cannot_parse_is_a_400(lenient: TestClient, body: str) -> None:
    csrf = sign_in(lenient, "admin@telco.example")
    response = _post_json(lenient, "/api/v1/tokens", body, csrf)
    assert response.status_code == 400
    assert_secured(response)


def _exports(ws: Workspace) -> int:
    query = "SELECT count(*) FROM audit_log WHERE action = 'report.export'"
    with ws.db.begin() as conn:
        return int(conn.execute(sa.text(query)).scalar_one())


@pytest.mark.parametrize("quarter", ["２０２６-Q1", "٢٠٢٦-Q1", "۲۰۲۶-Q3", "2026-Q١"])
@pytest.mark.parametrize(
    "url",
    ["/reports/qbr/telco-mnl/{q}/pdf", "/reports/qbr/telco-mnl/{q}", "/reports/board/{q}/pdf"],
)
def test_a_quarter_in_other_digits_is_refused_and_logs_no_export(
    lenient: TestClient, web_ws: Workspace, url: str, quarter: str
) -> None:
    sign_in(lenient, "analyst@telco.example")
    before = _exports(web_ws)
    response = lenient.get(url.format(q=quarter))
    assert response.status_code == 422
    assert "cannot read the period" in response.text
    assert_secured(response)
    assert _exports(web_ws) == before


def test_deeply_nested_uploads_leave_no_batch_running(
    lenient: TestClient, web_ws: Workspace
) -> None:
    csrf = sign_in(lenient, "vendor@telco.example")
    sent = [
        ("zendesk", "tickets.json", '{"tickets": ' + DEEP + "}"),
        ("freshdesk", "tickets.json", DEEP),
        ("jsonl", "rows.jsonl", '{"a": ' + DEEP + "}\n"),
    ]
    for fmt, name, text in sent:
        form = {"engagement_id": "telco-mnl", "table": "interactions", "format": fmt}
        response = lenient.post(
            "/api/v1/uploads",
            data=form,
            files=[("files", (name, text.encode(), "application/json"))],
            headers={"x-csrf-token": csrf},
        )
        assert response.status_code == 201, response.text
        assert response.json()["status"] == "rejected"
        assert "nests JSON" in response.json()["error"]
        assert_secured(response)
    statuses = [b.status for b in ingest.list_batches(web_ws, engagement_id="telco-mnl")]
    assert "running" not in statuses and statuses.count("rejected") >= 3


@pytest.mark.parametrize(
    ("url", "kind"), [("/findings", "text/html"), ("/api/v1/findings", "application/json")]
)
def test_an_unexpected_error_is_a_500_with_the_headers_and_no_detail(
    lenient: TestClient, monkeypatch: pytest.MonkeyPatch, url: str, kind: str
) -> None:
    def broken(*args: object, **kwargs: object) -> None:  # stands for any bug in a service
        raise RuntimeError("secret internal detail")

    sign_in(lenient, "analyst@telco.example")  # the home page lists findings too
    monkeypatch.setattr(pages.governance, "page_findings", broken)
    response = lenient.get(url)
    assert response.status_code == 500
    assert response.headers["content-type"].startswith(kind)
    assert response.headers["cache-control"] == "no-store"
    assert_secured(response)
    assert "secret internal detail" not in response.text and "Traceback" not in response.text


def test_a_nul_character_in_a_form_is_refused(lenient: TestClient, web_ws: Workspace) -> None:
    """PostgreSQL's text cannot hold NUL (a 500 there); refused on every backend."""
    csrf = sign_in(lenient, "vendor@telco.example")
    response = lenient.post(
        "/portal/findings/1/respond",
        data={"csrf_token": csrf, "response": "fixed\x00 by Monday"},
        follow_redirects=False,
    )
    assert response.status_code == 422 and "NUL" in response.text
    assert_secured(response)
    _, history = governance.get_finding(web_ws, 1)
    assert not any("Monday" in str(h) for h in history)
