"""Use cases of accounts: users, sign-in with throttling, sessions, API tokens, audit log."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from fairshore.accounts.audit import verify_audit_log as verify_audit_log
from fairshore.accounts.model import ROLES, Action, Principal, Role
from fairshore.accounts.passwords import check_policy, hash_password, verify_password
from fairshore.adapters.db import accounts_repository as repo
from fairshore.adapters.db import repositories as entities_repo
from fairshore.bootstrap import Workspace
from fairshore.errors import ConflictError, InputError, NotFoundError

SESSION_HOURS = 8
MAX_FAILED_LOGINS = 5
LOCKOUT = timedelta(minutes=15)


class SignInError(InputError):
    """Wrong email or password, or the account is locked (one message for both cases)."""


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _principal(row: dict[str, Any], scopes: frozenset[Action] | None = None) -> Principal:
    return Principal(
        user_id=row["id"],
        email=row["email"],
        organisation_id=row["organisation_id"],
        role=row["role"],
        vendor_id=row["vendor_id"],
        scopes=scopes,
    )


def add_user(
    ws: Workspace,
    *,
    email: str,
    password: str,
    role: str,
    vendor_id: str | None = None,
    organisation_id: str | None = None,
    actor: str = "cli",
) -> Principal:
    """Create a user; vendor users must name their vendor, others must not."""
    email = email.strip().lower()
    if "@" not in email or len(email) > 320:
        raise InputError(f"{email!r} is not an email address")
    if role not in ROLES:
        raise InputError(f"unknown role {role!r}: use one of {', '.join(ROLES)}")
    if (role == "vendor") != (vendor_id is not None):
        raise InputError("a vendor user needs --vendor, and only vendor users have one")
    check_policy(password, email=email)
    org = organisation_id or ws.organisation_id
    now = datetime.now(UTC)
    with ws.db.begin() as conn:
        if vendor_id is not None and entities_repo.get_vendor(conn, org, vendor_id) is None:
            raise NotFoundError(f"unknown vendor {vendor_id!r}")
        if repo.user_by_email(conn, email) is not None:
            raise ConflictError(f"a user {email} already exists")
        user_id = repo.insert_user(
            conn,
            organisation_id=org,
            email=email,
            password_hash=hash_password(password),
            role=role,
            vendor_id=vendor_id,
            created_at=now,
        )
        repo.append_audit(
            conn,
            at=now,
            organisation_id=org,
            actor=actor,
            action="user.create",
            target=f"user:{user_id}",
            details={"email": email, "role": role},
        )
    return Principal(
        user_id=user_id, email=email, organisation_id=org, role=role, vendor_id=vendor_id
    )


@dataclass(frozen=True)
class Session:
    """A signed-in browser session: the cookie token and its CSRF token."""

    token: str
    csrf_token: str
    principal: Principal
    expires_at: datetime


def sign_in(
    ws: Workspace,
    *,
    email: str,
    password: str,
    client: str | None = None,
    now: datetime | None = None,
) -> Session:
    """Check the password; five failures lock the account for 15 minutes.

    Every attempt goes to the audit log (``user.sign_in``, ``user.sign_in_failed`` with
    its reason, ``user.lock``) with the client address when given, never the password.
    """
    now = now or datetime.now(UTC)
    email = email.strip().lower()
    session: Session | None = None
    with ws.db.begin() as conn:
        row = repo.user_by_email(conn, email)
        locked = (
            row is not None
            and row["locked_until"] is not None
            and (_aware(row["locked_until"]) > now)
        )
        ok = verify_password(password, None if row is None else row["password_hash"])
        if row is None:
            _log_attempt(conn, None, ws.organisation_id, now, client, reason="unknown account")
        elif locked:
            _log_attempt(conn, row, row["organisation_id"], now, client, reason="locked")
        elif not ok:
            _count_failure(conn, row, now, client)
        else:
            session = _open_session(conn, row, now)
            _log_attempt(conn, row, row["organisation_id"], now, client, reason=None)
    # Raised after the commit, so that the failure count and the log entry are kept.
    if session is None:
        raise SignInError("wrong email or password, or the account is locked for a while")
    return session


def _count_failure(
    conn: repo.Connection, row: dict[str, Any], now: datetime, client: str | None
) -> None:
    failed = row["failed_logins"] + 1
    until = now + LOCKOUT if failed >= MAX_FAILED_LOGINS else None
    repo.set_login_state(conn, row["id"], failed=0 if until else failed, locked_until=until)
    org = row["organisation_id"]
    _log_attempt(conn, row, org, now, client, reason="wrong password", failed=failed)
    if until is not None:
        _log_attempt(conn, row, org, now, client, action="user.lock", until=until.isoformat())


def _open_session(conn: repo.Connection, row: dict[str, Any], now: datetime) -> Session:
    repo.set_login_state(conn, row["id"], failed=0, locked_until=None)
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    expires = now + timedelta(hours=SESSION_HOURS)
    repo.insert_session(
        conn,
        token_hash=_digest(token),
        user_id=row["id"],
        csrf_token=csrf,
        created_at=now,
        expires_at=expires,
    )
    return Session(token=token, csrf_token=csrf, principal=_principal(row), expires_at=expires)


def _log_attempt(
    conn: repo.Connection,
    row: dict[str, Any] | None,
    organisation_id: str,
    now: datetime,
    client: str | None,
    *,
    action: str | None = None,
    **details: Any,
) -> None:
    """One sign-in event in the audit log; an unknown account is logged without the
    email typed (it may be a password typed in the wrong field)."""
    if action is None:
        action = "user.sign_in" if details.get("reason") is None else "user.sign_in_failed"
    repo.append_audit(
        conn,
        at=now,
        organisation_id=organisation_id,
        actor="anonymous" if row is None else row["email"],
        action=action,
        target="user:unknown" if row is None else f"user:{row['id']}",
        details={k: v for k, v in (details | {"client": client}).items() if v is not None},
    )


def _aware(value: datetime) -> datetime:
    return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)


def session_principal(ws: Workspace, token: str) -> tuple[Principal, str] | None:
    """The principal and CSRF token of a live session, or None."""
    with ws.db.begin() as conn:
        row = repo.session_user(conn, _digest(token), datetime.now(UTC))
    return None if row is None else (_principal(row), row["csrf_token"])


def sign_out(ws: Workspace, token: str) -> None:
    with ws.db.begin() as conn:
        repo.delete_session(conn, _digest(token))


def sign_out_everywhere(ws: Workspace, principal: Principal) -> int:
    """End every session of the principal's user (every browser); returns how many."""
    now = datetime.now(UTC)
    with ws.db.begin() as conn:
        ended = repo.delete_user_sessions(conn, principal.user_id)
        repo.append_audit(
            conn,
            at=now,
            organisation_id=principal.organisation_id,
            actor=principal.email,
            action="user.sign_out_everywhere",
            target=f"user:{principal.user_id}",
            details={"sessions": ended},
        )
    return ended


def set_password(ws: Workspace, *, email: str, password: str, actor: str = "cli") -> int:
    """Give a user a new password and end all their sessions; returns the sessions ended.

    The lock and failure count are cleared; API tokens stay (revoke them on their own).
    """
    email = email.strip().lower()
    check_policy(password, email=email)
    password_hash = hash_password(password)
    with ws.db.begin() as conn:
        row = repo.user_by_email(conn, email)
        if row is None or row["organisation_id"] != ws.organisation_id:
            raise NotFoundError(f"no user {email}")
        repo.set_password_hash(conn, row["id"], password_hash)
        ended = repo.delete_user_sessions(conn, row["id"])
        repo.append_audit(
            conn,
            at=datetime.now(UTC),
            organisation_id=row["organisation_id"],
            actor=actor,
            action="user.password_change",
            target=f"user:{row['id']}",
            details={"sessions_ended": ended},
        )
    return ended


TOKEN_SCOPES = ("read", "upload", "respond_finding", "update_finding", "export")


def create_api_token(
    ws: Workspace, principal: Principal, *, name: str, scopes: list[str]
) -> tuple[int, str]:
    """A new API token (shown once; only its hash is stored), scoped to ``scopes``."""
    unknown = [s for s in scopes if s not in TOKEN_SCOPES]
    if unknown:
        raise InputError(f"unknown token scopes: {', '.join(unknown)}")
    token = "fs_" + secrets.token_urlsafe(32)
    now = datetime.now(UTC)
    with ws.db.begin() as conn:
        token_id = repo.insert_api_token(
            conn,
            user_id=principal.user_id,
            name=name,
            token_hash=_digest(token),
            scopes=sorted(scopes),
            created_at=now,
        )
        repo.append_audit(
            conn,
            at=now,
            organisation_id=principal.organisation_id,
            actor=principal.email,
            action="token.create",
            target=f"token:{token_id}",
            details={"scopes": sorted(scopes)},
        )
    return token_id, token


def token_principal(ws: Workspace, token: str) -> Principal | None:
    """The principal of a live API token, narrowed to the token's scopes."""
    with ws.db.begin() as conn:
        row = repo.token_user(conn, _digest(token))
    return None if row is None else _principal(row, frozenset(row["scopes"]))


def revoke_api_token(ws: Workspace, principal: Principal, token_id: int) -> None:
    with ws.db.begin() as conn:
        only = None if principal.role == "admin" else principal.user_id
        if not repo.revoke_api_token(conn, token_id, principal.organisation_id, user_id=only):
            raise NotFoundError(f"no API token {token_id}")
        repo.append_audit(
            conn,
            at=datetime.now(UTC),
            organisation_id=principal.organisation_id,
            actor=principal.email,
            action="token.revoke",
            target=f"token:{token_id}",
            details={},
        )


def log_event(
    ws: Workspace,
    *,
    actor: str,
    action: str,
    target: str,
    details: dict[str, Any] | None = None,
    organisation_id: str | None = None,
) -> None:
    """Append an event (a change or an export) to the audit log."""
    with ws.db.begin() as conn:
        repo.append_audit(
            conn,
            at=datetime.now(UTC),
            organisation_id=organisation_id or ws.organisation_id,
            actor=actor,
            action=action,
            target=target,
            details=details or {},
        )


def list_users(ws: Workspace) -> list[Principal]:
    with ws.db.begin() as conn:
        return [_principal(r) for r in repo.list_users(conn, ws.organisation_id)]


def role_of(value: str) -> Role:
    """Validate a role name."""
    if value not in ROLES:
        raise InputError(f"unknown role {value!r}: use one of {', '.join(ROLES)}")
    return value
