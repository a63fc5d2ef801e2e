"""Reading and writing ingest batches (table ``ingest_batches``)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa

from fairshore.adapters.db import tables as t
from fairshore.adapters.db.repositories import now_utc

batches = t.ingest_batches


def get_batch(
    conn: sa.Connection, batch_id: str, *, organisation_id: str | None = None
) -> dict[str, Any] | None:
    """One batch row as a dictionary, or None (also when another organisation's)."""
    query = sa.select(batches).where(batches.c.id == batch_id)
    if organisation_id is not None:
        query = query.join(t.engagements, t.engagements.c.id == batches.c.engagement_id).where(
            t.engagements.c.organisation_id == organisation_id
        )
    row = conn.execute(query).mappings().first()
    return None if row is None else dict(row)


def list_batches(
    conn: sa.Connection, organisation_id: str, engagement_id: str | None = None
) -> list[dict[str, Any]]:
    """Batches of the organisation's engagements, newest first."""
    query = (
        sa.select(batches)
        .join(t.engagements, t.engagements.c.id == batches.c.engagement_id)
        .where(t.engagements.c.organisation_id == organisation_id)
        .order_by(batches.c.created_at.desc(), batches.c.id)
    )
    if engagement_id is not None:
        query = query.where(batches.c.engagement_id == engagement_id)
    return [dict(r) for r in conn.execute(query).mappings()]


def batches_with_status(conn: sa.Connection, status: str) -> list[str]:
    """Ids of the batches in one status (``publishing`` after a crash ...)."""
    query = sa.select(batches.c.id).where(batches.c.status == status).order_by(batches.c.id)
    return [str(r) for r in conn.execute(query).scalars()]


def start_batch(
    conn: sa.Connection,
    *,
    batch_id: str,
    engagement_id: str,
    table_name: str,
    format: str,
    source_name: str,
    sha256: str,
) -> None:
    """Record a batch as running (replacing an earlier unfinished or rejected attempt)."""
    conn.execute(batches.delete().where(batches.c.id == batch_id))
    conn.execute(
        batches.insert().values(
            id=batch_id,
            engagement_id=engagement_id,
            table_name=table_name,
            format=format,
            source_name=source_name[:500],
            sha256=sha256,
            status="running",
            rows_read=0,
            rows_accepted=0,
            rows_quarantined=0,
            reasons={},
            warnings={},
            error=None,
            created_at=now_utc(),
        )
    )


def save_counts(
    conn: sa.Connection,
    batch_id: str,
    *,
    status: str,
    rows_read: int,
    rows_accepted: int,
    rows_quarantined: int,
    reasons: dict[str, int],
    warnings: dict[str, int],
    time_min: datetime | None,
    time_max: datetime | None,
    error: str | None = None,
    outcomes: dict[str, int] | None = None,
) -> None:
    """Store a batch's counts and status (``publishing``, ``rejected`` ...) and what its
    accepted rows do to the lake (``rows_<outcome>``)."""
    conn.execute(
        batches.update()
        .where(batches.c.id == batch_id)
        .values(
            status=status,
            rows_read=rows_read,
            rows_accepted=rows_accepted,
            rows_quarantined=rows_quarantined,
            reasons=reasons,
            warnings=warnings,
            time_min=time_min,
            time_max=time_max,
            error=error,
            **{f"rows_{name}": n for name, n in (outcomes or {}).items()},
        )
    )


def mark_published(
    conn: sa.Connection,
    batch_id: str,
    *,
    table_version: int | None = None,
) -> None:
    """The batch is visible in the lake, at ``table_version`` of its table."""
    values: dict[str, Any] = {"status": "accepted", "published_at": now_utc()}
    if table_version is not None:
        values["table_version"] = table_version
    conn.execute(batches.update().where(batches.c.id == batch_id).values(**values))
