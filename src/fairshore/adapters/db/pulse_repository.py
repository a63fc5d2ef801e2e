"""SQL for the worker pulse's anonymous responses."""

from __future__ import annotations

import sqlalchemy as sa

from fairshore.adapters.db import pulse_tables as t
from fairshore.people.pulse import PulseResponse


def insert_response(conn: sa.Connection, organisation_id: str, response: PulseResponse) -> None:
    conn.execute(
        t.pulse_responses.insert().values(organisation_id=organisation_id, **response.model_dump())
    )


def list_responses(
    conn: sa.Connection, organisation_id: str, engagement_id: str
) -> list[PulseResponse]:
    """An engagement's responses (in no meaningful order: ids are random)."""
    table = t.pulse_responses
    query = (
        sa.select(
            table.c.id, table.c.engagement_id, table.c.site_id, table.c.quarter, table.c.score
        )
        .where(table.c.organisation_id == organisation_id, table.c.engagement_id == engagement_id)
        .order_by(table.c.quarter, table.c.id)
    )
    return [PulseResponse.model_validate(dict(r)) for r in conn.execute(query).mappings()]
