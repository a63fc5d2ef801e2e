"""Every route x every role x own / other vendor / other tenant: allowed or refused.

The matrix must name every route the app has: a new route without a row fails the test.
Each area of the app may keep its rows in a module ``tests/e2e/web/matrix_<area>.py``
defining ``MATRIX`` and ``WRITES`` like the ones below; they are merged in here.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from starlette.routing import Mount

import tests.e2e.web
from fairshore.accounts import services as accounts
from fairshore.bootstrap import Workspace, init_workspace
from fairshore.config import load_settings
from fairshore.engagements import services as entities
from fairshore.entrypoints.web import pages
from fairshore.entrypoints.web.app import create_app
from fairshore.governance import services as governance
from fairshore.governance.model import Finding
from fairshore.interactions import services as ingest
from fairshore.people import services as people
from tests.e2e.web.conftest import PASSWORD, ROLES, sign_in
from tests.system_packages import need_weasyprint

OWN, OTHER_VENDOR, OTHER_TENANT = "telco-mnl", "telco-blr", "other-e"
ALL = {r: 200 for r in ROLES}


def _vendor_blind(ok: int = 200) -> dict[str, int]:
    return {r: (404 if r == "vendor" else ok) for r in ROLES}


# (method, path) -> list of (concrete path, expected status per role, anonymous status)
MATRIX: dict[tuple[str, str], list[tuple[str, dict[str, int], int]]] = {
    ("GET", "/"): [("/", {**ALL, "vendor": 303}, 303)],  # a vendor lands on its to-do list
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
    ("GET", "/favicon.ico"): [("/favicon.ico", {r: 301 for r in ROLES}, 301)],
    ("GET", "/api/v1/openapi.json"): [("/api/v1/openapi.json", ALL, 200)],
}
# Out of scope and missing answer alike: (who, method, hidden, missing, form).
PAIRS: list[tuple[str, str, str, str, dict[str, str]]] = [
    ("vendor@telco.example", "GET", f"/engagements/{OTHER_VENDOR}", "/engagements/nope", {}),
    ("admin@other.example", "GET", f"/engagements/{OWN}", "/engagements/nope", {}),
    (
        "vendor@telco.example",
        "GET",
        f"/api/v1/engagements/{OTHER_VENDOR}",
        "/api/v1/engagements/nope",
        {},
    ),
    ("admin@other.example", "GET", f"/api/v1/engagements/{OWN}", "/api/v1/engagements/nope", {}),
    (
        "vendor@telco.example",
        "GET",
        f"/findings?engagement={OTHER_VENDOR}",
        "/findings?engagement=nope",
        {},
    ),
    (
        "admin@other.example",
        "GET",
        f"/api/v1/findings?engagement_id={OWN}",
        "/api/v1/findings?engagement_id=nope",
        {},
    ),
]
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
        PAIRS += getattr(_module, "PAIRS", [])


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
    assert chart["data"]["values"] == [  # each bar opens the register filtered to it
        {"engagement": e, "severity": "major", "findings": 1,
         "href": f"/findings?engagement={e}&severity=major"} for e in ("telco-blr", "telco-mnl")
    ]  # fmt: skip
    assert chart["encoding"]["href"] == {"field": "href"}
    assert "other-e" not in page


def test_the_findings_api_pages_and_refuses_an_unknown_status(app_client: TestClient) -> None:
    sign_in(app_client, "analyst@telco.example")
    assert app_client.get("/api/v1/findings?status=closed").json()["total"] == 0
    everything = app_client.get("/api/v1/findings?status=active").json()
    assert everything["count"] == everything["total"] == 2
    # each finding lists its occurrences, without the evidence the register keeps
    assert everything["data"][0]["occurrences"] == [
        {"period": None, "source": "sla", "observed_on": None, "value": None, "credit": None}
    ]
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


@pytest.fixture(scope="module")
def records(
    web_ws: Workspace, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, str]]:
    """Records of the default tenant named by id: a batch of each vendor, a voice case."""
    folder = tmp_path_factory.mktemp("pairs")
    found = {}
    for key, engagement in (("blr_batch", OTHER_VENDOR), ("mnl_batch", OWN)):
        path = folder / f"{engagement}.csv"
        path.write_text(
            "agent_ref,engagement_id,employment_type,hired_on,left_on\n"
            f"a-1,{engagement},employee,2025-05-01,2025-01-01\n"
        )
        report = ingest.ingest_files(web_ws, table="agents", paths=[path], engagement_id=engagement)
        found[key] = report.batch_id
    people.open_voice_channel(web_ws, OWN)
    case, _ = people.submit_grievance(web_ws, OWN, category="pay", body="Unpaid overtime.")
    found["mnl_case"] = case.id
    yield found


def _said(response: Any) -> str:
    """The refusal's words: the JSON ``detail`` or the page's alert."""
    if response.headers["content-type"].startswith("application/json"):
        return str(response.json()["detail"])
    return re.findall(r'role="alert">([^<]*)<', response.text)[0]


def _ids(hidden: str, missing: str) -> tuple[str, str]:
    """The path segment (or query value) in which the two addresses differ."""
    pairs = zip(re.split(r"[/?=&]", hidden), re.split(r"[/?=&]", missing), strict=True)
    ((a, b),) = [(a, b) for a, b in pairs if a != b]
    return a, b


def _template(path: str) -> re.Pattern[str]:
    return re.compile(re.sub(r"\\\{[^}]*\\\}", "[^/?]+", re.escape(path)) + r"(\?.*)?")


# Ids that name no tenant's record (a quarter), or whose routes no pair can reach: API
# tokens (per user; tested below), the finding responses and assignee APIs and contests
# (they load through the same ``visible_finding`` / ``visible_contest`` as the pages
# paired here).
NO_PAIR = {
    ("GET", "/reports/board/{quarter}"),
    ("GET", "/reports/board/{quarter}/html"),
    ("GET", "/reports/board/{quarter}/pdf"),
    ("DELETE", "/api/v1/tokens/{token_id}"),
    ("POST", "/api/v1/findings/{finding_id}/responses"),
    ("POST", "/api/v1/findings/{finding_id}/assignee"),
    ("POST", "/portal/contests/{contest_id}"),
}


def test_every_route_with_an_id_has_an_existence_pair() -> None:
    routes = {(m, p) for m, p in set(MATRIX) | WRITES if "{" in p} - NO_PAIR
    unpaired = {
        (m, p)
        for m, p in routes
        if not any(m == pm and _template(p).fullmatch(hidden) for _, pm, hidden, _, _ in PAIRS)
    }
    assert unpaired == set()


@pytest.mark.parametrize("pair", PAIRS, ids=[f"{p[0].split('@')[0]} {p[1]} {p[2]}" for p in PAIRS])
def test_out_of_scope_and_missing_answer_alike(
    app_client: TestClient, records: dict[str, str], pair: tuple[str, str, str, str, dict[str, str]]
) -> None:
    who, method, hidden, missing, form = pair
    hidden = hidden.format(**records)
    csrf = sign_in(app_client, who)
    answers = []
    for path in (hidden, missing):
        if method == "GET":
            answers.append(app_client.get(path, follow_redirects=False))
        else:
            data = {"csrf_token": csrf, **form}
            files = (
                [("file", ("e.pdf", b"%PDF-1.4 x", "application/pdf"))] if "type" in form else []
            )
            answers.append(
                app_client.post(path, data=data, files=files or None, follow_redirects=False)
            )
    seen, absent = answers
    assert seen.status_code == absent.status_code == 404, (seen.text[:300], absent.text[:300])
    hidden_id, missing_id = _ids(hidden, missing)
    said_seen, said_absent = _said(seen), _said(absent)
    assert said_seen.replace(hidden_id, "ID") == said_absent.replace(missing_id, "ID")
    assert seen.text.replace(said_seen, "") == absent.text.replace(said_absent, "")
    owners = {"telco-blr", "TELCO-BLR", "indigo", "Indigo"} if "vendor" in who else {
        "telco-mnl", "TELCO-MNL", "northwind", "Northwind"}  # fmt: skip
    shown = seen.text.replace(said_seen, said_seen.replace(hidden_id, "ID"))
    assert not [name for name in owners if name in shown]


def test_the_api_token_answer_for_another_users_token_is_the_missing_one(
    app_client: TestClient,
) -> None:
    csrf = sign_in(app_client, "vendor@telco.example")
    made = app_client.post(
        "/api/v1/tokens", json={"name": "x", "scopes": ["read"]}, headers={"x-csrf-token": csrf}
    ).json()["id"]
    csrf = sign_in(app_client, "analyst@telco.example")
    theirs = app_client.delete(f"/api/v1/tokens/{made}", headers={"x-csrf-token": csrf})
    nobodys = app_client.delete("/api/v1/tokens/999999", headers={"x-csrf-token": csrf})
    assert theirs.status_code == nobodys.status_code == 404
    assert theirs.json()["detail"].replace(str(made), "ID") == nobodys.json()["detail"].replace(
        "999999", "ID"
    )


def _downloads(client: TestClient, headers: dict[str, str]) -> list[str]:
    """The matrix's read paths that answered a file download (an export)."""
    got = []
    for cases in MATRIX.values():
        for path, _, _ in cases:
            answer = client.get(path, headers=headers, follow_redirects=False)
            if "attachment" in answer.headers.get("content-disposition", ""):
                got.append(f"{answer.status_code} {path}")
    return got


def test_every_download_needs_the_export_right(app_client: TestClient) -> None:
    """Issue 23 item 4: a vendor and a read-only token got questionnaire.xlsx (200)."""
    csrf = sign_in(app_client, "analyst@telco.example")
    assert _downloads(app_client, {})  # the analyst (export right) gets some: not vacuous
    token = app_client.post(
        "/api/v1/tokens", json={"name": "ro", "scopes": ["read"]}, headers={"x-csrf-token": csrf}
    ).json()["token"]
    app_client.cookies.clear()
    assert _downloads(app_client, {"authorization": f"Bearer {token}"}) == []
    sign_in(app_client, "vendor@telco.example")
    assert _downloads(app_client, {}) == []
