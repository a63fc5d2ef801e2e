"""SQL for the connectors' sources."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from fairshore.adapters.db import sources_tables as t
from fairshore.sources.model import SeenObject, Source


def _source(row: sa.RowMapping) -> Source:
    data = {k: v for k, v in dict(row).items() if k != "organisation_id"}
    for key in ("added_at", "last_attempt_at", "last_success_at"):
        value = data.get(key)
        if isinstance(value, datetime) and value.tzinfo is None:
            data[key] = value.replace(tzinfo=UTC)  # SQLite keeps no offset
    data["options"] = data.get("options") or {}
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


def read_objects(
    conn: sa.Connection, organisation_id: str, source_id: str
) -> dict[str, SeenObject]:
    """The objects a file source has read, by key."""
    table = t.source_objects
    rows = conn.execute(
        sa.select(table.c.key, table.c.stamp, table.c.digest).where(
            table.c.organisation_id == organisation_id, table.c.source_id == source_id
        )
    )
    return {r.key: SeenObject(r.key, r.stamp, r.digest) for r in rows}


def remember_objects(
    conn: sa.Connection,
    organisation_id: str,
    source_id: str,
    objects: list[SeenObject],
    *,
    batch_id: str | None,
    now: datetime,
) -> None:
    """Record ``objects`` as read (replacing what was known of the same keys)."""
    table = t.source_objects
    keys = [o.key for o in objects]
    for start in range(0, len(keys), 500):
        conn.execute(
            table.delete().where(
                table.c.organisation_id == organisation_id,
                table.c.source_id == source_id,
                table.c.key.in_(keys[start : start + 500]),
            )
        )
    if objects:
        conn.execute(
            table.insert(),
            [
                {"organisation_id": organisation_id, "source_id": source_id, "key": o.key,
                 "stamp": o.stamp, "digest": o.digest, "batch_id": batch_id, "read_at": now}
                for o in objects
            ],
        )  # fmt: skip
