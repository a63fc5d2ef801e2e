"""Two tenants: nothing of organisation A reaches a user or token of organisation B.

The authorisation matrix says what A's users get on B's data (the rows naming
``other-e``, ``acme`` or finding 3). Tenancy is symmetric, so the same rows, with B's
ids swapped for each of A's, say what B's users and B's API tokens must get on A's
data: 404, the same answer as an id that does not exist (or 403 where the role may not
do the thing at all, which tells nothing either). Routes that take no id are lists:
B gets them, and none of A's rows (engagements, vendors, findings, batches, audits,
voice channels, contests, evidence) appear in them. Writes: every portal write aimed
at A's engagements, vendors, findings, contests and voice cases answers 404 and logs
nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from fairshore.accounts.model import PERMISSIONS
from fairshore.bootstrap import Workspace
from tests.e2e.web import test_portal_writes as writes
from tests.e2e.web.conftest import ROLES, sign_in
from tests.e2e.web.test_authorization_matrix import MATRIX

# B's ids in the matrix, each with the ids of A standing in the same place.
SWAPS = {
    r"(?<=[/=])other-e\b": ("telco-mnl", "telco-blr"),
    r"(?<=/)acme\b": ("northwind", "indigo"),
    r"(?<=/portal/findings/)3\b": ("1", "2"),
}
A_IDS = re.compile(r"telco-mnl|telco-blr|northwind|indigo|/portal/findings/[12]\b")
MISSING_BATCH = "b-nope"  # a batch that does not exist: A's must answer the same
# What of A must never show on B's pages (its ids, names and the rows seeded below).
A_MARKERS = ("telco-mnl", "telco-blr", "TELCO-", "Northwind", "Indigo", "Fire exit blocked")
TOKEN_SCOPES = ("read", "upload", "respond_finding", "update_finding", "export")

Case = tuple[str, dict[str, int]]


def _foreign_cases(a_batches: list[str]) -> list[Case]:
    """Every id-bearing read with A's ids where the matrix names B's (or a missing batch)."""
    cases: list[Case] = []
    for rows in MATRIX.values():
        for path, expected, _ in rows:
            if MISSING_BATCH in path:
                cases += [(path.replace(MISSING_BATCH, b), expected) for b in a_batches]
            for pattern, a_ids in SWAPS.items():
                if re.search(pattern, path):
                    cases += [(re.sub(pattern, a_id, path), expected) for a_id in a_ids]
    return cases


def _lists() -> list[Case]:
    """Reads that take no id: the same answer for B's users as for A's."""
    return [
        (path, expected)
        for rows in MATRIX.values()
        for path, expected, _ in rows
        if not A_IDS.search(path)
        and not any(re.search(p, path) for p in SWAPS)
        and MISSING_BATCH not in path
        and not path.startswith("/voice")  # public worker pages, no tenant
    ]


@pytest.fixture(scope="module")
def a_batches(app_client: TestClient, web_ws: Workspace) -> Iterator[list[str]]:
    """Seed organisation A with a row of every kind a list could show; its batch ids."""
    batches = []
    csrf = sign_in(app_client, "analyst@telco.example")
    for target in ("own", "other_vendor"):
        sent = writes._upload(app_client, web_ws, csrf, "seed", target)
        assert sent.status_code == 303, sent.text
        batches.append(sent.headers["location"].rsplit("/", 1)[1])
    assert writes._open(app_client, web_ws, csrf, "seed", "own").status_code == 303
    assert writes._case(app_client, web_ws, csrf, "seed", "own").status_code == 303
    csrf = sign_in(app_client, "auditor@telco.example")
    assert writes._audit(app_client, web_ws, csrf, "seed", "own").status_code == 303
    csrf = sign_in(app_client, "vendor@telco.example")
    assert writes._contest(app_client, web_ws, csrf, "seed", "own").status_code == 303
    assert writes._evidence(app_client, web_ws, csrf, "seed", "own").status_code == 303
    yield batches


def _token(client: TestClient, role: str) -> dict[str, str]:
    csrf = sign_in(client, f"{role}@other.example")
    scopes = [s for s in TOKEN_SCOPES if s in PERMISSIONS[role]]  # type: ignore[index]
    created = client.post(
        "/api/v1/tokens", json={"name": "b", "scopes": scopes}, headers={"x-csrf-token": csrf}
    )
    assert created.status_code == 201, created.text
    client.cookies.clear()
    return {"authorization": f"Bearer {created.json()['token']}"}


def _leaks(body: str, path: str = "") -> list[str]:
    """A's markers in ``body``, except the id the request itself named."""
    return [m for m in A_MARKERS if m in body and m not in path]


def test_every_id_bearing_read_is_tried_with_as_ids(a_batches: list[str]) -> None:
    tried = {path for path, _ in _foreign_cases(a_batches)}
    for (_, template), rows in MATRIX.items():
        if re.search(r"\{(engagement|vendor|finding|batch)_id\}", template):
            assert any(
                A_IDS.search(p) or any(b in p for b in a_batches)
                for p in tried
                if p in {r[0] for r in rows} or _same_route(template, p)
            ), template


def _same_route(template: str, path: str) -> bool:
    pattern = re.sub(r"\\\{[a-z_]+\\\}", "[^/]+", re.escape(template))
    return re.fullmatch(pattern, path.split("?", 1)[0]) is not None


@pytest.mark.parametrize("credential", ["session", "token"])
@pytest.mark.parametrize("role", ROLES)
def test_b_gets_404_on_every_id_of_a(
    app_client: TestClient, a_batches: list[str], role: str, credential: str
) -> None:
    headers = _token(app_client, role) if credential == "token" else {}
    if credential == "session":
        sign_in(app_client, f"{role}@other.example")
    cases = _foreign_cases(a_batches)
    problems = []
    for path, expected in cases:
        got = app_client.get(path, headers=headers, follow_redirects=False)
        want = expected[role]
        if credential == "token" and not path.startswith("/api/"):
            want = got.status_code if got.status_code in (401, 403, want) else want
        if got.status_code != want or _leaks(got.text, path):
            problems.append(f"GET {path}: {got.status_code}, expected {want} {_leaks(got.text)}")
    assert not problems, f"{role}@other.example ({credential}): " + "; ".join(problems)


@pytest.mark.parametrize("credential", ["session", "token"])
@pytest.mark.parametrize("role", ROLES)
def test_b_lists_show_none_of_a(
    app_client: TestClient, a_batches: list[str], role: str, credential: str
) -> None:
    headers = _token(app_client, role) if credential == "token" else {}
    if credential == "session":
        sign_in(app_client, f"{role}@other.example")
    problems = []
    for path, expected in _lists():
        got = app_client.get(path, headers=headers, follow_redirects=False)
        if credential == "session" and got.status_code != expected[role]:
            problems.append(f"GET {path}: {got.status_code}, expected {expected[role]}")
        if leaked := _leaks(got.text) + [b for b in a_batches if b in got.text]:
            problems.append(f"GET {path} shows {leaked}")
    assert not problems, f"{role}@other.example ({credential}): " + "; ".join(problems)


def test_b_sees_its_own_rows(app_client: TestClient, a_batches: list[str]) -> None:
    """The checks above would pass on empty pages: B's own data must show."""
    sign_in(app_client, "analyst@other.example")
    assert "other-e" in app_client.get("/").text
    assert "OTHER-E" in app_client.get("/engagements/other-e").text
    assert app_client.get("/api/v1/findings").json()["total"] == 1
    assert "Acme" in app_client.get("/scorecards").text or "acme" in app_client.get("/portal").text
    sign_in(app_client, "vendor@other.example")
    assert app_client.get("/portal/findings/3").status_code == 200
    assert [e["id"] for e in app_client.get("/api/v1/engagements").json()["data"]] == ["other-e"]


@pytest.mark.parametrize("role", ROLES)
def test_b_cannot_write_to_a(
    app_client: TestClient, web_ws: Workspace, a_batches: list[str], role: str
) -> None:
    csrf = sign_in(app_client, f"{role}@other.example")
    problems = []
    for name, (call, allowed, _, _) in writes.WRITES.items():
        for target in ("own", "other_vendor"):  # A's two vendors
            want = 404 if role in allowed else 403
            before = writes._last_audit(web_ws)
            got = call(app_client, web_ws, csrf, role, target)
            if got.status_code != want or writes._last_audit(web_ws) != before:
                problems.append(f"{name} {target}: {got.status_code}, expected {want}")
    assert not problems, f"{role}@other.example: " + "; ".join(problems)


def test_b_cannot_revoke_a_token_of_a(app_client: TestClient) -> None:
    csrf = sign_in(app_client, "admin@telco.example")
    made = app_client.post(
        "/api/v1/tokens", json={"name": "a", "scopes": ["read"]}, headers={"x-csrf-token": csrf}
    ).json()
    csrf = sign_in(app_client, "admin@other.example")
    gone = app_client.delete(f"/api/v1/tokens/{made['id']}", headers={"x-csrf-token": csrf})
    assert gone.status_code == 404
    app_client.cookies.clear()
    bearer = {"authorization": f"Bearer {made['token']}"}
    assert app_client.get("/api/v1/engagements", headers=bearer).json()["count"] == 2
