"""SQL for trial (pilot) decision records."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from fairshore.adapters.db.governance_trials_tables import trial_decisions


def insert_decision(conn: sa.Connection, organisation_id: str, values: dict[str, Any]) -> int:
    """Store one decision record; return its id."""
    result = conn.execute(
        trial_decisions.insert().values(organisation_id=organisation_id, **values)
    )
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def list_decisions(
    conn: sa.Connection, organisation_id: str, engagement_id: str | None = None
) -> list[dict[str, Any]]:
    """Decision records, newest first."""
    query = sa.select(trial_decisions).where(trial_decisions.c.organisation_id == organisation_id)
    if engagement_id is not None:
        query = query.where(trial_decisions.c.engagement_id == engagement_id)
    rows = conn.execute(
        query.order_by(trial_decisions.c.decided_at.desc(), trial_decisions.c.id.desc())
    ).mappings()
    return [dict(r) for r in rows]
