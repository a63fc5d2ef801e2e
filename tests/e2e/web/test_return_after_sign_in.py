"""A deep link opened without a session comes back after signing in, and only on this site.

Open-redirect cases follow OWASP's Unvalidated Redirects and Forwards Cheat Sheet
(protocol-relative ``//host``, backslash ``/\\host``, absolute URLs, header splitting).
"""

from __future__ import annotations

from urllib.parse import parse_qs, quote, urlsplit

import pytest
from fastapi.testclient import TestClient

from fairshore.entrypoints.web.return_to import login_url, safe_next
from tests.e2e.web.conftest import PASSWORD


def _login_page_next(client: TestClient, location: str) -> str | None:
    page = client.get(location).text
    marker = 'name="next" value="'
    return page.split(marker, 1)[1].split('"', 1)[0] if marker in page else None


def _sign_in(client: TestClient, email: str, back_to: str | None) -> str:
    client.get("/login")
    csrf = client.cookies.get("fairshore_login_csrf")
    form = {"email": email, "password": PASSWORD, "csrf_token": csrf}
    if back_to is not None:
        form["next"] = back_to
    answer = client.post("/login", data=form, follow_redirects=False)
    assert answer.status_code == 303, answer.text
    return answer.headers["location"]


def test_a_deep_link_survives_sign_in(app_client: TestClient) -> None:
    app_client.cookies.clear()
    deep = "/findings?status=active&severity=major"
    first = app_client.get(deep, follow_redirects=False)
    assert first.status_code == 303
    location = first.headers["location"]
    assert parse_qs(urlsplit(location).query)["next"] == [deep]
    carried = _login_page_next(app_client, location)
    assert carried is not None
    assert _sign_in(app_client, "analyst@telco.example", carried.replace("&amp;", "&")) == deep
    assert app_client.get(deep).status_code == 200  # and the page is there, signed in


def test_the_portal_deep_link_brings_the_vendor_back_to_its_finding(
    app_client: TestClient,
) -> None:
    app_client.cookies.clear()
    first = app_client.get("/portal/findings/1", follow_redirects=False)
    assert first.headers["location"] == "/login?next=%2Fportal%2Ffindings%2F1"
    assert _sign_in(app_client, "vendor@telco.example", "/portal/findings/1") == (
        "/portal/findings/1"
    )


@pytest.mark.parametrize(
    "hostile",
    [
        "//evil.example/",
        "/\\evil.example",
        "https://evil.example/",
        "javascript:alert(1)",
        "evil.example",
        "/findings\r\nSet-Cookie: x=1",
        "/login",
        "/logout",
        "/" + "a" * 3000,
    ],
)
def test_a_next_to_anywhere_else_goes_home(app_client: TestClient, hostile: str) -> None:
    app_client.cookies.clear()
    assert safe_next(hostile) == "/"
    if len(hostile) <= 2000:
        assert _sign_in(app_client, "analyst@telco.example", hostile) == "/"
    assert _login_page_next(app_client, "/login?next=" + quote(hostile, safe="")) is None


def test_home_and_writes_need_no_return_address() -> None:
    assert login_url("/") == "/login"
    assert login_url("/login", "next=/x") == "/login"
    assert login_url("/findings", "page=2") == "/login?next=%2Ffindings%3Fpage%3D2"
