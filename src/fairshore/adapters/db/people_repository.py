"""SQL for the people feature: benchmark overrides, grievances, replies."""

from __future__ import annotations

from datetime import date
from typing import Any

import sqlalchemy as sa

from fairshore.adapters.db import people_tables as t
from fairshore.people.voice import Grievance, Reply

_CASE_COLUMNS = (
    "id",
    "engagement_id",
    "site_id",
    "category",
    "body",
    "status",
    "submitted_on",
    "ack_due_on",
    "resolve_due_on",
    "acknowledged_on",
    "investigating_on",
    "resolved_on",
    "escalated_on",
)


def insert_benchmark_rows(
    conn: sa.Connection, organisation_id: str, rows: list[dict[str, Any]], *, added_on: date
) -> int:
    """Store user benchmark rows (CSV columns as strings); return how many."""
    for row in rows:
        conn.execute(
            t.people_benchmarks.insert().values(
                organisation_id=organisation_id, added_on=added_on, **row
            )
        )
    return len(rows)


def list_benchmark_rows(conn: sa.Connection, organisation_id: str) -> list[dict[str, Any]]:
    """The user's benchmark rows, oldest first."""
    query = (
        sa.select(t.people_benchmarks)
        .where(t.people_benchmarks.c.organisation_id == organisation_id)
        .order_by(t.people_benchmarks.c.id)
    )
    return [dict(r) for r in conn.execute(query).mappings()]


def insert_grievance(
    conn: sa.Connection, organisation_id: str, case: Grievance, *, receipt_digest: str
) -> None:
    values = case.model_dump(include=set(_CASE_COLUMNS))
    conn.execute(
        t.grievances.insert().values(
            organisation_id=organisation_id, receipt_digest=receipt_digest, **values
        )
    )


def update_grievance(conn: sa.Connection, case: Grievance) -> None:
    values = case.model_dump(include=set(_CASE_COLUMNS) - {"id"})
    conn.execute(t.grievances.update().where(t.grievances.c.id == case.id).values(**values))


def add_reply(conn: sa.Connection, case_id: str, reply: Reply, *, reply_id: str) -> None:
    seq = conn.execute(
        sa.select(sa.func.count()).where(t.grievance_replies.c.grievance_id == case_id)
    ).scalar_one()
    conn.execute(
        t.grievance_replies.insert().values(
            id=reply_id, grievance_id=case_id, seq=seq + 1, **reply.model_dump()
        )
    )


def _case(conn: sa.Connection, row: Any) -> Grievance:
    replies = conn.execute(
        sa.select(t.grievance_replies)
        .where(t.grievance_replies.c.grievance_id == row["id"])
        .order_by(t.grievance_replies.c.seq)
    ).mappings()
    data = {k: row[k] for k in _CASE_COLUMNS}
    data["replies"] = [
        Reply(author=r["author"], body=r["body"], written_on=r["written_on"]) for r in replies
    ]
    return Grievance.model_validate(data)


def get_grievance(conn: sa.Connection, organisation_id: str, case_id: str) -> Grievance | None:
    row = (
        conn.execute(
            sa.select(t.grievances).where(
                t.grievances.c.id == case_id, t.grievances.c.organisation_id == organisation_id
            )
        )
        .mappings()
        .first()
    )
    return None if row is None else _case(conn, row)


def find_by_receipt(conn: sa.Connection, digest: str) -> Grievance | None:
    row = (
        conn.execute(sa.select(t.grievances).where(t.grievances.c.receipt_digest == digest))
        .mappings()
        .first()
    )
    return None if row is None else _case(conn, row)


def list_grievances(
    conn: sa.Connection, organisation_id: str, engagement_id: str | None = None
) -> list[Grievance]:
    query = sa.select(t.grievances).where(t.grievances.c.organisation_id == organisation_id)
    if engagement_id is not None:
        query = query.where(t.grievances.c.engagement_id == engagement_id)
    query = query.order_by(t.grievances.c.submitted_on, t.grievances.c.id)
    return [_case(conn, r) for r in conn.execute(query).mappings().all()]
