"""A web app over a workspace with two organisations and a user per role in each.

Organisation ``default``: vendors Northwind (telco-mnl) and Indigo (telco-blr), users
``<role>@telco.example``. Organisation ``other``: vendor Acme (other-e), users
``<role>@other.example``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from fairshore.accounts import services as accounts
from fairshore.adapters.db.repositories import ensure_organisation
from fairshore.bootstrap import Workspace, init_workspace
from fairshore.config import load_settings
from fairshore.engagements import services as entities
from fairshore.entrypoints.web.app import create_app
from fairshore.governance import services as governance
from fairshore.governance.model import Finding
from fairshore.sources import services as sources
from tests.quick_passwords import quick_password_hashes

PASSWORD = "correct horse battery staple"
ROLES = ("admin", "analyst", "auditor", "executive", "vendor")


def _engagement(ws: Workspace, engagement_id: str, vendor_id: str) -> None:
    entities.add_engagement(
        ws,
        id=engagement_id,
        vendor_id=vendor_id,
        name=engagement_id.upper(),
        timezone="UTC",
        channels=["voice"],
        languages=["en"],
    )
    governance.record_findings(
        ws,
        [
            Finding(
                key=f"sla:{engagement_id}",
                source="sla",
                engagement_id=engagement_id,
                severity="major",
                title=f"Service level breached at {engagement_id}",
            )
        ],
    )


@pytest.fixture(scope="module")
def web_ws(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    home: Path = tmp_path_factory.mktemp("web") / "ws"
    ws = init_workspace(load_settings(home=home))
    entities.add_vendor(ws, id="northwind", name="Northwind")
    entities.add_vendor(ws, id="indigo", name="Indigo")
    _engagement(ws, "telco-mnl", "northwind")
    _engagement(ws, "telco-blr", "indigo")
    sources.add_source(
        ws,
        kind="zendesk",
        engagement_id="telco-mnl",
        email="api@telco.example",
        token_env="TELCO_ZENDESK_TOKEN",
        subdomain="telco",
        source_id="mnl-zendesk",
        now=datetime(2026, 11, 1, tzinfo=UTC),
    )  # fmt: skip (never synced here: the matrix only checks who may see and start it)
    with ws.db.begin() as conn:
        ensure_organisation(conn, "other", "Other Corp")
    other = dataclasses.replace(ws, organisation_id="other")
    entities.add_vendor(other, id="acme", name="Acme")
    _engagement(other, "other-e", "acme")
    # every role in both tenants (the second's vendor user at Acme): the modules sign
    # these users in hundreds of times
    add_role_users(ws, "telco.example", vendor_id="northwind")
    add_role_users(other, "other.example", vendor_id="acme")
    yield ws
    ws.close()


# Session scope: the analytics pages and the charts modules share one build, even when
# xdist runs other modules on the worker between them.
@pytest.fixture(scope="session")
def analytics_ws(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    """The analytics pages' small demo (``tests/e2e/web/analytics_demo.py``)."""
    from tests.e2e.web import analytics_demo

    ws = analytics_demo.build(tmp_path_factory.mktemp("web-analytics") / "ws")
    yield ws
    ws.close()


@pytest.fixture(scope="module")
def app_client(web_ws: Workspace) -> Iterator[TestClient]:
    app = create_app(web_ws.settings, workspace=web_ws)
    with TestClient(app, base_url="https://testserver") as client:
        yield client


def add_role_users(ws: Workspace, domain: str, *, vendor_id: str) -> None:
    """A user ``ROLE@domain`` per role, the vendor's at ``vendor_id``, each with
    ``PASSWORD`` stored at argon2id's lowest cost (``quick_passwords``)."""
    with quick_password_hashes():
        for role in ROLES:
            vendor = vendor_id if role == "vendor" else None
            accounts.add_user(
                ws, email=f"{role}@{domain}", password=PASSWORD, role=role, vendor_id=vendor
            )


def sign_in(client: TestClient, email: str, password: str = PASSWORD) -> str:
    """Sign in through the form; return the session's CSRF token."""
    client.cookies.clear()
    client.get("/login")
    csrf = client.cookies.get("fairshore_login_csrf")
    response = client.post(
        "/login",
        data={"email": email, "password": password, "csrf_token": csrf},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    page = client.get("/")
    marker = 'name="csrf_token" value="'
    return page.text.split(marker, 1)[1].split('"', 1)[0]
