"""Schemathesis fuzzes every operation of the published OpenAPI spec: no server errors.

The operations come from ``/api/v1/openapi.json`` itself, so an operation added later is
covered without touching this file. Each generated request goes in-process (ASGI) three
times, as an analyst's API token, a vendor's API token and an admin's signed-in session
(cookie + CSRF header, the only way to create tokens), over a workspace with engagements,
findings and a month of interactions in the lake; a path or query parameter whose name
we know (``engagement_id`` ...) is also sent with a real value so the request gets past the
404 into the code that reads data.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from fairshore.accounts import services as accounts
from fairshore.bootstrap import Workspace
from fairshore.config import load_settings
from fairshore.entrypoints.web.app import create_app
from fairshore.entrypoints.web.deps import SESSION_COOKIE
from fairshore.governance import services as governance
from tests.e2e.web.conftest import PASSWORD
from tests.integration.parity.parity_synthetic import interactions, write_lake

SPEC = "/api/v1/openapi.json"
CHECKS = [not_a_server_error, response_schema_conformance]
# Schemathesis gives up on an answer after 10 s; an analytics operation's first (cold)
# answer can take longer on a loaded test machine. Slowness is the benchmarks' business
# (benchmarks/), not a server error: wait long enough to see the answer's status.
TIMEOUT_S = 120


@dataclass(frozen=True)
class Caller:
    """Who sends a request: headers that authenticate it."""

    name: str
    headers: dict[str, str]


def _session(ws: Workspace, email: str) -> tuple[str, str]:
    session = accounts.sign_in(ws, email=email, password=PASSWORD)
    found = accounts.session_principal(ws, session.token)
    assert found is not None
    return session.token, found[1]


def _token(ws: Workspace, email: str, scopes: list[str]) -> tuple[int, str]:
    token, _ = _session(ws, email)
    found = accounts.session_principal(ws, token)
    assert found is not None
    return accounts.create_api_token(ws, found[0], name="schemathesis", scopes=scopes)


@pytest.fixture(scope="module")
def tokens(web_ws: Workspace) -> dict[str, tuple[int, str]]:
    """The callers' API tokens, and a spare one that DELETE /tokens/{id} may revoke."""
    return {
        "analyst": _token(web_ws, "analyst@telco.example", ["read"]),
        "vendor": _token(web_ws, "vendor@telco.example", ["read", "upload", "respond_finding"]),
        "spare": _token(web_ws, "analyst@telco.example", ["read"]),
    }


@pytest.fixture(scope="module")
def callers(web_ws: Workspace, tokens: dict[str, tuple[int, str]]) -> list[Caller]:
    session, csrf = _session(web_ws, "admin@telco.example")
    return [
        Caller("analyst token", {"authorization": "Bearer " + tokens["analyst"][1]}),
        Caller("vendor token", {"authorization": "Bearer " + tokens["vendor"][1]}),
        Caller("admin session", {"cookie": f"{SESSION_COOKIE}={session}", "x-csrf-token": csrf}),
    ]


@pytest.fixture(scope="module")
def known_values(web_ws: Workspace, tokens: dict[str, tuple[int, str]]) -> dict[str, Any]:
    """Real values for parameters by name, so requests also reach existing records."""
    finding = governance.list_findings(web_ws, engagement_id="telco-mnl")[0]
    return {
        "engagement_id": "telco-mnl",
        "vendor_id": "northwind",
        "finding_id": finding.id,
        "status": "active",
        "token_id": tokens["spare"][0],
    }


@pytest.fixture(scope="module")
def web_app(web_ws: Workspace) -> Iterator[FastAPI]:
    # A month of interactions in the lake for both engagements, for operations that read it.
    for seed, engagement_id in enumerate(("telco-mnl", "telco-blr")):
        df = interactions(300, seed=seed, languages=("en",), engagement_id=engagement_id)
        write_lake(web_ws.lake, df, engagement_id=engagement_id)
    yield create_app(web_ws.settings, workspace=web_ws)


def _spec() -> schemathesis.BaseSchema:
    """The spec the app serves at SPEC (collected before any workspace exists)."""
    client = TestClient(create_app(load_settings()))
    schema = schemathesis.openapi.from_dict(client.get(SPEC).json())
    schema.config.generation.update(deterministic=True)
    return schema


# schemathesis.pytest.from_fixture breaks on pytest 9.2 (it sets Function._nodeid), so the
# schema is loaded at collection and each request goes to the fixture's app (``app=``).
schema = _spec()


def _spare_callers_tokens(case: schemathesis.Case, tokens: dict[str, tuple[int, str]]) -> None:
    """A generated token id that is a caller's own would revoke it mid-test: use the spare."""
    params = case.path_parameters or {}
    if params.get("token_id") in {tokens["analyst"][0], tokens["vendor"][0]}:
        params["token_id"] = tokens["spare"][0]


def _with_known(case: schemathesis.Case, known: dict[str, Any]) -> bool:
    """Swap in real values for known parameter names; False when there were none."""
    changed = False
    for params in (case.path_parameters, case.query):
        if not params:
            continue
        for name in params:
            if name in known and params[name] != known[name]:
                params[name] = known[name]
                changed = True
    return changed


@schema.parametrize()
@settings(
    max_examples=12,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_no_operation_gives_a_server_error(
    case: schemathesis.Case,
    callers: list[Caller],
    known_values: dict[str, Any],
    tokens: dict[str, tuple[int, str]],
    web_app: FastAPI,
) -> None:
    _spare_callers_tokens(case, tokens)
    for caller in callers:
        case.call_and_validate(
            headers=caller.headers, checks=CHECKS, app=web_app, timeout=TIMEOUT_S
        )
    if _with_known(case, known_values):
        for caller in callers:
            case.call_and_validate(
                headers=caller.headers, checks=CHECKS, app=web_app, timeout=TIMEOUT_S
            )


def test_a_nul_byte_in_the_url_is_refused_before_it_reaches_the_database(
    web_app: FastAPI, callers: list[Caller]
) -> None:
    client = TestClient(web_app, base_url="https://testserver")
    for url in ("/api/v1/engagements/a%00b", "/api/v1/findings?engagement_id=%00"):
        response = client.get(url, headers=callers[0].headers)
        assert response.status_code == 400, url
        assert "NUL" in response.json()["detail"]


def _api_routes(routes: list[Any], prefix: str = "") -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for route in routes:
        context = getattr(route, "include_context", None)
        if context is not None:  # FastAPI keeps an included router as one node
            found |= _api_routes(context.included_router.routes, prefix + context.prefix)
        elif (prefix + getattr(route, "path", "")).startswith("/api/v1/") and getattr(
            route, "include_in_schema", False
        ):
            found |= {(m, prefix + route.path) for m in route.methods if m != "HEAD"}
    return found


def test_every_api_route_is_an_operation_schemathesis_fuzzes(web_app: FastAPI) -> None:
    """Nothing under /api/v1 hides from the fuzzer (``include_in_schema=False``)."""
    paths = schema.raw_schema["paths"]
    operations = {(m.upper(), p) for p, item in paths.items() for m in item if m != "parameters"}
    assert _api_routes(web_app.routes) == operations
    assert len(operations) >= 20
