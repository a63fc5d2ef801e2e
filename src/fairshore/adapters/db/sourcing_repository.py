"""SQL for the sourcing feature's register of staff transitions."""

from __future__ import annotations

import sqlalchemy as sa

from fairshore.adapters.db.repositories import now_utc
from fairshore.adapters.db.sourcing_tables import staff_transitions as t
from fairshore.sourcing.redeployment import Transition, TransitionCreate


def insert_transition(conn: sa.Connection, organisation_id: str, data: TransitionCreate) -> int:
    result = conn.execute(
        t.insert().values(
            organisation_id=organisation_id, created_at=now_utc(), **data.model_dump()
        )
    )
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def list_transitions(
    conn: sa.Connection, organisation_id: str, engagement_id: str | None = None
) -> list[Transition]:
    query = (
        sa.select(t).where(t.c.organisation_id == organisation_id).order_by(t.c.recorded_on, t.c.id)
    )
    if engagement_id is not None:
        query = query.where(t.c.engagement_id == engagement_id)
    return [
        Transition.model_validate({k: row[k] for k in Transition.model_fields})
        for row in conn.execute(query).mappings()
    ]
