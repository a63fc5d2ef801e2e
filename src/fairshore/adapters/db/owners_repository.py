"""SQL for finding owners (assignees), engagements' default owners and the mail outbox."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa

from fairshore.adapters.db.governance_tables import findings
from fairshore.adapters.db.notify_tables import engagement_owners, notification_outbox

Connection = sa.Connection


def default_owner(conn: sa.Connection, organisation_id: str, engagement_id: str) -> str | None:
    """The owner new findings of this engagement get, if one is set."""
    row = conn.execute(
        sa.select(engagement_owners.c.owner).where(
            engagement_owners.c.organisation_id == organisation_id,
            engagement_owners.c.engagement_id == engagement_id,
        )
    ).first()
    return None if row is None else str(row[0])


def set_default_owner(
    conn: sa.Connection,
    organisation_id: str,
    engagement_id: str,
    *,
    owner: str | None,
    actor: str,
    now: datetime,
) -> None:
    """Set (or, with ``owner=None``, clear) an engagement's default owner."""
    where = (
        engagement_owners.c.organisation_id == organisation_id,
        engagement_owners.c.engagement_id == engagement_id,
    )
    conn.execute(engagement_owners.delete().where(*where))
    if owner is not None:
        conn.execute(
            engagement_owners.insert().values(
                organisation_id=organisation_id,
                engagement_id=engagement_id,
                owner=owner,
                set_by=actor,
                set_at=now,
            )
        )


def set_assignee(conn: sa.Connection, finding_id: int, assignee: str | None) -> None:
    conn.execute(findings.update().where(findings.c.id == finding_id).values(assignee=assignee))


def add_outbox(conn: sa.Connection, **values: Any) -> int:
    result = conn.execute(notification_outbox.insert().values(**values))
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def finish_outbox(
    conn: sa.Connection, outbox_id: int, *, status: str, error: str | None, at: datetime | None
) -> None:
    conn.execute(
        notification_outbox.update()
        .where(notification_outbox.c.id == outbox_id)
        .values(status=status, error=error, sent_at=at)
    )


def outbox_rows(
    conn: sa.Connection, organisation_id: str, *, status: str | None = None, limit: int = 100
) -> list[dict[str, Any]]:
    """The newest outbox entries of an organisation (``status`` only, when given)."""
    query = sa.select(notification_outbox).where(
        notification_outbox.c.organisation_id == organisation_id
    )
    if status is not None:
        query = query.where(notification_outbox.c.status == status)
    query = query.order_by(notification_outbox.c.id.desc()).limit(limit)
    return [dict(r) for r in conn.execute(query).mappings()]


def outbox_status(
    conn: sa.Connection, organisation_id: str, *, kind: str, ref: str, recipient: str
) -> tuple[int, str] | None:
    """The newest outbox row of this notice to this person (id, status), if any."""
    row = conn.execute(
        sa.select(notification_outbox.c.id, notification_outbox.c.status)
        .where(
            notification_outbox.c.organisation_id == organisation_id,
            notification_outbox.c.kind == kind,
            notification_outbox.c.ref == ref,
            notification_outbox.c.recipient == recipient,
        )
        .order_by(notification_outbox.c.id.desc())
    ).first()
    return None if row is None else (int(row.id), str(row.status))
