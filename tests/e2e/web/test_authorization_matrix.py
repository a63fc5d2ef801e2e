"""Every route x every role x own / other vendor / other tenant: allowed or refused.

The matrix must name every route the app has: a new route without a row fails the test.
Each area of the app may keep its rows in a module ``tests/e2e/web/matrix_<area>.py``
defining ``MATRIX`` and ``WRITES`` like the ones below; they are merged in here.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from starlette.routing import Mount

import tests.e2e.web
from fairshore.accounts import services as accounts
from fairshore.bootstrap import init_workspace
from fairshore.config import load_settings
from fairshore.engagements import services as entities
from fairshore.entrypoints.web import pages
from fairshore.entrypoints.web.app import create_app
from fairshore.governance import services as governance
from fairshore.governance.model import Finding
from tests.e2e.web.conftest import PASSWORD, ROLES, sign_in
from tests.system_packages import need_weasyprint

OWN, OTHER_VENDOR, OTHER_TENANT = "telco-mnl", "telco-blr", "other-e"
ALL = {r: 200 for r in ROLES}


def _vendor_blind(ok: int = 200) -> dict[str, int]:
    return {r: (404 if r == "vendor" else ok) for r in ROLES}


# (method, path) -> list of (concrete path, expected status per role, anonymous status)
MATRIX: dict[tuple[str, str], list[tuple[str, dict[str, int], int]]] = {
    ("GET", "/"): [("/", ALL, 303)],
    ("GET", "/login"): [("/login", ALL, 200)],
    ("GET", "/findings"): [
        ("/findings", ALL, 303),
        (f"/findings?engagement={OWN}", ALL, 303),
        (f"/findings?engagement={OTHER_VENDOR}", _vendor_blind(), 303),
        (f"/findings?engagement={OTHER_TENANT}", {r: 404 for r in ROLES}, 303),
    ],
    ("GET", "/engagements/{engagement_id}"): [
        (f"/engagements/{OWN}", ALL, 303),
        (f"/engagements/{OTHER_VENDOR}", _vendor_blind(), 303),
        (f"/engagements/{OTHER_TENANT}", {r: 404 for r in ROLES}, 303),
    ],
    ("GET", "/api/v1/engagements"): [("/api/v1/engagements", ALL, 401)],
    ("GET", "/api/v1/engagements/{engagement_id}"): [
        (f"/api/v1/engagements/{OWN}", ALL, 401),
        (f"/api/v1/engagements/{OTHER_VENDOR}", _vendor_blind(), 401),
        (f"/api/v1/engagements/{OTHER_TENANT}", {r: 404 for r in ROLES}, 401),
    ],
    ("GET", "/api/v1/findings"): [
        ("/api/v1/findings", ALL, 401),
        (f"/api/v1/findings?engagement_id={OTHER_VENDOR}", _vendor_blind(), 401),
        (f"/api/v1/findings?engagement_id={OTHER_TENANT}", {r: 404 for r in ROLES}, 401),
    ],
    ("GET", "/api/v1/audit-log/verify"): [
        ("/api/v1/audit-log/verify", {r: (200 if r == "admin" else 403) for r in ROLES}, 401)
    ],
    ("GET", "/healthz"): [("/healthz", ALL, 200)],
    ("GET", "/api/v1/openapi.json"): [("/api/v1/openapi.json", ALL, 200)],
    ("GET", "/api/docs"): [("/api/docs", ALL, 200)],
    ("GET", "/api/docs/oauth2-redirect"): [("/api/docs/oauth2-redirect", ALL, 200)],
}
# Writes are tested below with their CSRF tokens and bodies.
WRITES = {
    ("POST", "/login"),
    ("POST", "/logout"),
    ("POST", "/api/v1/tokens"),
    ("DELETE", "/api/v1/tokens/{token_id}"),
}
for _area in pkgutil.iter_modules(tests.e2e.web.__path__):
    if _area.name.startswith("matrix_"):
        _module = importlib.import_module(f"tests.e2e.web.{_area.name}")
        MATRIX |= _module.MATRIX
        WRITES |= _module.WRITES


def _routes(routes: list[Any], prefix: str = "") -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for route in routes:
        context = getattr(route, "include_context", None)
        if context is not None:  # FastAPI keeps included routers as one node
            found |= _routes(context.included_router.routes, prefix + context.prefix)
        elif isinstance(route, Mount):
            assert route.path == "/static", f"unexpected mount {route.path}"
        else:
            found |= {(m, prefix + route.path) for m in route.methods or () if m != "HEAD"}
    return found


def test_every_route_is_in_the_matrix(app_client: TestClient) -> None:
    assert _routes(app_client.app.routes) == set(MATRIX) | WRITES  # type: ignore[attr-defined]


def _check_reads(client: TestClient, role: str | None, *, pdf: bool) -> None:
    """Every GET of the matrix (only the PDF renderings, or all but them) as ``role``."""
    if role is None:
        client.cookies.clear()
    else:
        sign_in(client, f"{role}@telco.example")
    for (_, route), cases in MATRIX.items():
        if route.endswith("/pdf") != pdf:
            continue
        for path, expected, anonymous in cases:
            want = anonymous if role is None else expected[role]
            got = client.get(path, follow_redirects=False).status_code
            assert got == want, f"{role or 'anonymous'} GET {path}: {got}, expected {want}"


@pytest.mark.parametrize("role", [*ROLES, None])
def test_reads(app_client: TestClient, role: str | None) -> None:
    _check_reads(app_client, role, pdf=False)


@pytest.mark.parametrize("role", [*ROLES, None])
def test_pdf_reads(app_client: TestClient, role: str | None) -> None:
    need_weasyprint()  # the PDF routes render with WeasyPrint
    _check_reads(app_client, role, pdf=True)


def test_vendor_pages_show_only_its_own_engagements(app_client: TestClient) -> None:
    sign_in(app_client, "vendor@telco.example")
    body = app_client.get("/").text + app_client.get("/findings").text
    assert "TELCO-MNL" in body and "telco-mnl" in body
    assert "telco-blr" not in body and "TELCO-BLR" not in body and "other-e" not in body
    api = app_client.get("/api/v1/findings").json()
    assert {f["engagement_id"] for f in api["data"]} == {"telco-mnl"}


def test_the_overview_counts_each_engagements_open_findings(app_client: TestClient) -> None:
    sign_in(app_client, "analyst@telco.example")
    page = app_client.get("/").text
    for engagement in ("telco-mnl", "telco-blr"):  # one major finding each, not overdue yet
        card = page[page.index(f'id="e-{engagement}"') :]
        assert 'Open findings: <strong class="warn">1</strong>' in card[: card.index("</section>")]
    spec = page[page.index('id="chart-findings">') + 20 :]
    chart = json.loads(spec[: spec.index("</script>")])
    assert chart["data"]["values"] == [
        {"engagement": e, "severity": "major", "findings": 1} for e in ("telco-blr", "telco-mnl")
    ]
    assert "other-e" not in page


def test_the_findings_api_pages_and_refuses_an_unknown_status(app_client: TestClient) -> None:
    sign_in(app_client, "analyst@telco.example")
    assert app_client.get("/api/v1/findings?status=closed").json()["total"] == 0
    everything = app_client.get("/api/v1/findings?status=active").json()
    assert everything["count"] == everything["total"] == 2
    pages = [app_client.get(f"/api/v1/findings?limit=1&offset={o}").json() for o in (0, 1, 2)]
    assert [(p["count"], p["total"], p["offset"]) for p in pages] == [
        (1, 2, 0),
        (1, 2, 1),
        (0, 2, 2),
    ]
    assert [f for p in pages for f in p["data"]] == everything["data"]
    for bad in ("status=bogus", "limit=0", "limit=501", "offset=-1"):
        assert app_client.get(f"/api/v1/findings?{bad}").status_code == 422, bad


def test_the_findings_board_pages(app_client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pages, "FINDINGS_PER_PAGE", 1)
    sign_in(app_client, "analyst@telco.example")
    first = app_client.get("/findings").text
    assert "Findings 1–1 of 2." in first and 'href="/findings?status=active&amp;page=2"' in first
    second = app_client.get("/findings?page=2").text
    assert "Findings 2–2 of 2." in second and 'rel="prev"' in second and 'rel="next"' not in second
    ids = {e for e in ("telco-mnl", "telco-blr") if f'href="/engagements/{e}"' in first}
    assert len(ids) == 1 and f'href="/engagements/{ids.pop()}"' not in second
    past = app_client.get("/findings?status=active&page=9", follow_redirects=False)
    assert past.status_code == 303 and past.headers["location"].endswith("page=2")
    one = app_client.get("/findings?engagement=telco-blr").text  # one engagement's
    assert "of telco-blr" in one and 'href="/engagements/telco-blr"' in one
    assert 'href="/engagements/telco-mnl"' not in one and "Findings 1–1" not in one
    page = app_client.get("/engagements/telco-blr").text  # all of them fit on its page
    assert "soonest due of" not in page and "Service level breached at telco-blr" in page
    sign_in(app_client, "vendor@telco.example")  # one finding visible: no pager
    assert "Findings 1–1" not in app_client.get("/findings").text


def test_an_engagement_page_links_to_all_its_findings_when_they_do_not_fit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = init_workspace(load_settings(home=tmp_path / "ws"))
    entities.add_vendor(ws, id="v", name="V")
    entities.add_engagement(ws, id="e", vendor_id="v", name="E", timezone="UTC",
                            channels=["voice"], languages=["en"])  # fmt: skip
    governance.record_findings(ws, [
        Finding(key=f"k{i}", source="sla", engagement_id="e", severity="minor", title=f"F{i}")
        for i in range(3)
    ])  # fmt: skip
    accounts.add_user(ws, email="reader@e.example", password=PASSWORD, role="analyst")
    monkeypatch.setattr(pages, "FINDINGS_PER_PAGE", 2)
    with TestClient(create_app(ws.settings, workspace=ws), base_url="https://testserver") as c:
        sign_in(c, "reader@e.example")
        page = c.get("/engagements/e").text
        assert "The 2 soonest due of 3" in page and 'href="/findings?engagement=e"' in page
        board = c.get("/findings?engagement=e").text
        assert "Findings 1–2 of 3." in board
        assert 'href="/findings?status=active&amp;engagement=e&amp;page=2"' in board
    ws.close()


def test_other_tenant_admin_sees_only_its_own(app_client: TestClient) -> None:
    sign_in(app_client, "admin@other.example")
    data = app_client.get("/api/v1/engagements").json()["data"]
    assert [e["id"] for e in data] == ["other-e"]
    assert app_client.get(f"/api/v1/engagements/{OWN}").status_code == 404


def test_writes_without_csrf_are_refused(app_client: TestClient) -> None:
    csrf = sign_in(app_client, "analyst@telco.example")
    assert (
        app_client.post("/api/v1/tokens", json={"name": "x", "scopes": ["read"]}).status_code == 403
    )
    ok = app_client.post(
        "/api/v1/tokens", json={"name": "x", "scopes": ["read"]}, headers={"x-csrf-token": csrf}
    )
    assert ok.status_code == 201
    assert app_client.post("/logout", data={}, follow_redirects=False).status_code == 403
    out = app_client.post("/logout", data={"csrf_token": csrf}, follow_redirects=False)
    assert out.status_code == 303
    assert app_client.get("/", follow_redirects=False).status_code == 303


@pytest.mark.parametrize(
    ("role", "scopes", "status"),
    [
        ("vendor", ["upload"], 201),
        ("executive", ["upload"], 403),
        ("executive", ["read"], 201),
        ("auditor", ["launch_missiles"], 422),
    ],
)
def test_token_scopes_follow_the_role(
    app_client: TestClient, role: str, scopes: list[str], status: int
) -> None:
    csrf = sign_in(app_client, f"{role}@telco.example")
    response = app_client.post(
        "/api/v1/tokens", json={"name": "bot", "scopes": scopes}, headers={"x-csrf-token": csrf}
    )
    assert response.status_code == status


def test_api_tokens_are_scoped_and_revocable(app_client: TestClient) -> None:
    csrf = sign_in(app_client, "vendor@telco.example")
    created = app_client.post(
        "/api/v1/tokens",
        json={"name": "uploader", "scopes": ["read"]},
        headers={"x-csrf-token": csrf},
    ).json()
    app_client.cookies.clear()
    bearer = {"authorization": f"Bearer {created['token']}"}
    assert app_client.get("/api/v1/engagements", headers=bearer).json()["count"] == 1
    assert app_client.get("/api/v1/audit-log/verify", headers=bearer).status_code == 403
    assert (
        app_client.post(
            "/api/v1/tokens", json={"name": "y", "scopes": ["read"]}, headers=bearer
        ).status_code
        == 403
    )
    csrf = sign_in(app_client, "analyst@telco.example")
    other = app_client.delete(f"/api/v1/tokens/{created['id']}", headers={"x-csrf-token": csrf})
    assert other.status_code == 404  # not the analyst's token
    csrf = sign_in(app_client, "vendor@telco.example")
    mine = app_client.delete(f"/api/v1/tokens/{created['id']}", headers={"x-csrf-token": csrf})
    assert mine.status_code == 204
    app_client.cookies.clear()
    assert app_client.get("/api/v1/engagements", headers=bearer).status_code == 401
