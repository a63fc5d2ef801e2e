"""Accounts on SQLite and PostgreSQL: users, sign-in lockout, sessions, API tokens, audit log."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
import time_machine

from fairshore.accounts import services as accounts
from fairshore.accounts.services import SignInError
from fairshore.bootstrap import Workspace
from fairshore.engagements import services as entities
from fairshore.errors import ConflictError, NotFoundError

PASSWORD = "correct horse battery staple"
NOW = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def ws(db_workspace: Workspace) -> Iterator[Workspace]:
    """A workspace with vendor ``northwind``; sessions expire by the clock, so it is frozen."""
    entities.add_vendor(db_workspace, id="northwind", name="Northwind")
    with time_machine.travel(NOW, tick=False):
        yield db_workspace


def test_users_are_stored_once_per_email(ws: Workspace) -> None:
    accounts.add_user(ws, email="Ana@Telco.example", password=PASSWORD, role="admin")
    accounts.add_user(
        ws, email="v@northwind.example", password=PASSWORD, role="vendor", vendor_id="northwind"
    )
    users = {u.email: u for u in accounts.list_users(ws)}
    assert set(users) == {"ana@telco.example", "v@northwind.example"}
    assert users["v@northwind.example"].vendor_id == "northwind"
    with pytest.raises(ConflictError):
        accounts.add_user(ws, email="ana@telco.example", password=PASSWORD, role="analyst")
    with pytest.raises(NotFoundError):
        accounts.add_user(
            ws, email="x@ghost.example", password=PASSWORD, role="vendor", vendor_id="ghost"
        )


def test_five_failures_lock_the_account_for_fifteen_minutes(ws: Workspace) -> None:
    accounts.add_user(ws, email="ana@telco.example", password=PASSWORD, role="admin")
    for _ in range(5):
        with pytest.raises(SignInError):
            accounts.sign_in(ws, email="ana@telco.example", password="wrong", now=NOW)
    with pytest.raises(SignInError):  # the right password, but locked
        accounts.sign_in(ws, email="ana@telco.example", password=PASSWORD, now=NOW)
    later = NOW + timedelta(minutes=16)
    session = accounts.sign_in(ws, email="ana@telco.example", password=PASSWORD, now=later)
    assert session.expires_at == later + timedelta(hours=8)


def test_a_session_lives_until_signed_out(ws: Workspace) -> None:
    accounts.add_user(ws, email="ana@telco.example", password=PASSWORD, role="admin")
    session = accounts.sign_in(ws, email="ana@telco.example", password=PASSWORD)
    found = accounts.session_principal(ws, session.token)
    assert found is not None
    principal, csrf = found
    assert principal.email == "ana@telco.example" and csrf == session.csrf_token
    accounts.sign_out(ws, session.token)
    assert accounts.session_principal(ws, session.token) is None


def test_api_tokens_carry_their_scopes_until_revoked(ws: Workspace) -> None:
    admin = accounts.add_user(ws, email="ana@telco.example", password=PASSWORD, role="admin")
    token_id, token = accounts.create_api_token(ws, admin, name="ci", scopes=["upload", "read"])
    holder = accounts.token_principal(ws, token)
    assert holder is not None and holder.user_id == admin.user_id
    assert holder.scopes == frozenset({"read", "upload"})
    accounts.revoke_api_token(ws, admin, token_id)
    assert accounts.token_principal(ws, token) is None
    with pytest.raises(NotFoundError):
        accounts.revoke_api_token(ws, admin, token_id + 1)


def test_the_audit_log_chain_survives_the_database_round_trip(ws: Workspace) -> None:
    """Hashes are recomputed from what the database gives back (timestamps, JSON)."""
    admin = accounts.add_user(ws, email="ana@telco.example", password=PASSWORD, role="admin")
    accounts.create_api_token(ws, admin, name="ci", scopes=["read"])
    accounts.log_event(
        ws, actor=admin.email, action="export", target="findings", details={"rows": 3, "x": "é"}
    )
    check = accounts.verify_audit_log(ws)
    assert (check.ok, check.entries) == (True, 3)
    with ws.db.begin() as conn:
        conn.execute(sa.text("UPDATE audit_log SET target = 'findings.xlsx' WHERE id = 3"))
    check = accounts.verify_audit_log(ws)
    assert (check.ok, check.first_bad_id) == (False, 3)
