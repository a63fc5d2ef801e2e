"""SQL for the connectors' sources."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from fairshore.adapters.db import sources_tables as t
from fairshore.sources.model import Source


def _source(row: sa.RowMapping) -> Source:
    data = {k: v for k, v in dict(row).items() if k != "organisation_id"}
    for key in ("added_at", "last_attempt_at", "last_success_at"):
        value = data.get(key)
        if isinstance(value, datetime) and value.tzinfo is None:
            data[key] = value.replace(tzinfo=UTC)  # SQLite keeps no offset
    return Source.model_validate(data)


def insert_source(conn: sa.Connection, organisation_id: str, source: Source) -> None:
    conn.execute(t.sources.insert().values(organisation_id=organisation_id, **source.model_dump()))


def get_source(conn: sa.Connection, organisation_id: str, source_id: str) -> Source | None:
    table = t.sources
    row = (
        conn.execute(
            sa.select(table).where(
                table.c.organisation_id == organisation_id, table.c.id == source_id
            )
        )
        .mappings()
        .first()
    )
    return None if row is None else _source(row)


def list_sources(conn: sa.Connection, organisation_id: str) -> list[Source]:
    table = t.sources
    rows = conn.execute(
        sa.select(table).where(table.c.organisation_id == organisation_id).order_by(table.c.id)
    ).mappings()
    return [_source(r) for r in rows]


def update_source(conn: sa.Connection, organisation_id: str, source_id: str, **values: Any) -> None:
    table = t.sources
    conn.execute(
        table.update()
        .where(table.c.organisation_id == organisation_id, table.c.id == source_id)
        .values(**values)
    )
