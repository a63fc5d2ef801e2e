"""SQL for users, sessions, API tokens and the audit log."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import partial
from typing import Any, TypeAlias

import sqlalchemy as sa

from fairshore.adapters.db.accounts_tables import api_tokens, audit_log, sessions, users
from fairshore.adapters.db.database import after_commit, audit_chain
from fairshore.governance.audit_log import GENESIS, AuditEntry, entry_hash

Connection: TypeAlias = sa.Connection  # what the accounts services hand back to this module


def insert_user(conn: sa.Connection, **values: Any) -> int:
    result = conn.execute(users.insert().values(failed_logins=0, **values))
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def user_by_email(conn: sa.Connection, email: str) -> dict[str, Any] | None:
    row = conn.execute(sa.select(users).where(users.c.email == email)).mappings().first()
    return None if row is None else dict(row)


def user_by_id(conn: sa.Connection, user_id: int) -> dict[str, Any] | None:
    row = conn.execute(sa.select(users).where(users.c.id == user_id)).mappings().first()
    return None if row is None else dict(row)


def list_users(conn: sa.Connection, organisation_id: str) -> list[dict[str, Any]]:
    query = sa.select(users).where(users.c.organisation_id == organisation_id).order_by(users.c.id)
    return [dict(r) for r in conn.execute(query).mappings()]


def set_login_state(
    conn: sa.Connection, user_id: int, *, failed: int, locked_until: datetime | None
) -> None:
    conn.execute(
        users.update()
        .where(users.c.id == user_id)
        .values(failed_logins=failed, locked_until=locked_until)
    )


def insert_session(conn: sa.Connection, **values: Any) -> None:
    conn.execute(sessions.insert().values(**values))


def session_user(conn: sa.Connection, token_hash: str, now: datetime) -> dict[str, Any] | None:
    row = (
        conn.execute(
            sa.select(sessions.c.csrf_token, users)
            .join(users, users.c.id == sessions.c.user_id)
            .where(sessions.c.token_hash == token_hash, sessions.c.expires_at > now)
        )
        .mappings()
        .first()
    )
    return None if row is None else dict(row)


def delete_session(conn: sa.Connection, token_hash: str) -> None:
    conn.execute(sessions.delete().where(sessions.c.token_hash == token_hash))


def delete_user_sessions(conn: sa.Connection, user_id: int) -> int:
    """End every session of a user; returns how many there were."""
    return int(conn.execute(sessions.delete().where(sessions.c.user_id == user_id)).rowcount)


def set_password_hash(conn: sa.Connection, user_id: int, password_hash: str) -> None:
    conn.execute(
        users.update()
        .where(users.c.id == user_id)
        .values(password_hash=password_hash, failed_logins=0, locked_until=None)
    )


def insert_api_token(conn: sa.Connection, **values: Any) -> int:
    result = conn.execute(api_tokens.insert().values(**values))
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def token_user(conn: sa.Connection, token_hash: str) -> dict[str, Any] | None:
    row = (
        conn.execute(
            sa.select(api_tokens.c.scopes, users)
            .join(users, users.c.id == api_tokens.c.user_id)
            .where(api_tokens.c.token_hash == token_hash, api_tokens.c.revoked_at.is_(None))
        )
        .mappings()
        .first()
    )
    return None if row is None else dict(row)


def revoke_api_token(
    conn: sa.Connection, token_id: int, organisation_id: str, *, user_id: int | None
) -> bool:
    """Revoke a live token of this organisation (only ``user_id``'s own when given);
    False when there is none (a revoked token stays as it was revoked)."""
    owned = sa.select(users.c.id).where(users.c.organisation_id == organisation_id)
    if user_id is not None:
        owned = owned.where(users.c.id == user_id)
    result = conn.execute(
        api_tokens.update()
        .where(
            api_tokens.c.id == token_id,
            api_tokens.c.user_id.in_(owned),
            api_tokens.c.revoked_at.is_(None),
        )
        .values(revoked_at=datetime.now(UTC))
    )
    return bool(result.rowcount)


def append_audit(
    conn: sa.Connection,
    *,
    at: datetime,
    organisation_id: str,
    actor: str,
    action: str,
    target: str,
    details: dict[str, Any],
) -> None:
    """Append one entry, chained to the newest one (the only write the log allows).

    The hash is keyed with the database's audit key; once the transaction commits, the
    new head is handed to the workspace's checkpoint (``AuditChain.after_append``).
    """
    chain = audit_chain(conn)
    last = conn.execute(
        sa.select(audit_log.c.hash).order_by(audit_log.c.id.desc()).limit(1).with_for_update()
    ).first()
    prev = last[0] if last else GENESIS
    digest = entry_hash(
        prev,
        key=chain.key,
        at=at,
        organisation_id=organisation_id,
        actor=actor,
        action=action,
        target=target,
        details=details,
    )
    conn.execute(
        audit_log.insert().values(
            at=at,
            organisation_id=organisation_id,
            actor=actor,
            action=action,
            target=target,
            details=details,
            prev_hash=prev,
            hash=digest,
        )
    )
    count = conn.execute(sa.select(sa.func.count()).select_from(audit_log)).scalar_one()
    after_commit(conn, partial(chain.after_append, int(count), digest))


def audit_entries(conn: sa.Connection) -> list[AuditEntry]:
    rows = conn.execute(sa.select(audit_log).order_by(audit_log.c.id)).mappings()
    return [_entry(r) for r in rows]


def first_audit_entry(conn: sa.Connection) -> AuditEntry | None:
    """The oldest entry (to tell a keyed chain from an unkeyed one), or None."""
    row = conn.execute(sa.select(audit_log).order_by(audit_log.c.id).limit(1)).mappings().first()
    return None if row is None else _entry(row)


def _entry(r: sa.RowMapping) -> AuditEntry:
    return AuditEntry(
        id=r["id"],
        at=_utc(r["at"]),
        organisation_id=r["organisation_id"],
        actor=r["actor"],
        action=r["action"],
        target=r["target"],
        details=r["details"],
        prev_hash=r["prev_hash"],
        hash=r["hash"],
    )


def rewrite_audit_hashes(conn: sa.Connection, hashes: list[tuple[int, str, str]]) -> None:
    """Set (id, prev_hash, hash) of existing entries: only the one-time re-keying does this."""
    for entry_id, prev, digest in hashes:
        conn.execute(
            audit_log.update().where(audit_log.c.id == entry_id).values(prev_hash=prev, hash=digest)
        )


def _utc(value: datetime) -> datetime:
    # SQLite returns naive datetimes for timezone-aware columns; they were stored as UTC.
    return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)
