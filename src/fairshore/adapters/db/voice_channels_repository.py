"""SQL for the public worker-voice channels."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from fairshore.adapters.db import voice_channels_tables as t
from fairshore.people.voice import VoiceChannel


def _channel(row: sa.RowMapping) -> VoiceChannel:
    return VoiceChannel.model_validate(dict(row))


def open_channel(
    conn: sa.Connection, organisation_id: str, engagement_id: str
) -> VoiceChannel | None:
    """The engagement's open channel, if any."""
    table = t.voice_channels
    row = (
        conn.execute(
            sa.select(table).where(
                table.c.organisation_id == organisation_id,
                table.c.engagement_id == engagement_id,
                table.c.closed_on.is_(None),
            )
        )
        .mappings()
        .first()
    )
    return None if row is None else _channel(row)


def insert_channel(conn: sa.Connection, channel: VoiceChannel) -> None:
    conn.execute(t.voice_channels.insert().values(**channel.model_dump()))


def close_channel(conn: sa.Connection, code: str, closed_on: date) -> None:
    table = t.voice_channels
    conn.execute(table.update().where(table.c.code == code).values(closed_on=closed_on))


def channel_by_code(conn: sa.Connection, code: str) -> VoiceChannel | None:
    """A channel by its public code, in any organisation (the public form has no tenant)."""
    table = t.voice_channels
    row = conn.execute(sa.select(table).where(table.c.code == code)).mappings().first()
    return None if row is None else _channel(row)


def list_channels(conn: sa.Connection, organisation_id: str) -> list[VoiceChannel]:
    table = t.voice_channels
    query = (
        sa.select(table)
        .where(table.c.organisation_id == organisation_id)
        .order_by(table.c.engagement_id, table.c.opened_on)
    )
    return [_channel(r) for r in conn.execute(query).mappings()]
