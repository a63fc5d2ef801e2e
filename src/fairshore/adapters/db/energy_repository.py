"""SQL for metered energy readings (a newer reading of a site and month replaces the older)."""

from __future__ import annotations

import sqlalchemy as sa

from fairshore.adapters.db.energy_tables import site_energy as t
from fairshore.adapters.db.repositories import now_utc
from fairshore.vetting.energy import EnergyReading


def save_readings(conn: sa.Connection, organisation_id: str, readings: list[EnergyReading]) -> None:
    for r in readings:
        conn.execute(
            t.delete().where(
                t.c.organisation_id == organisation_id,
                t.c.site_id == r.site_id,
                t.c.month == r.month,
            )
        )
        conn.execute(
            t.insert().values(
                organisation_id=organisation_id,
                site_id=r.site_id,
                month=r.month,
                kwh=r.kwh,
                renewable_kwh=r.renewable_kwh,
                source=r.source,
                loaded_at=now_utc(),
            )
        )


def list_readings(
    conn: sa.Connection, organisation_id: str, site_ids: list[str] | None = None
) -> list[EnergyReading]:
    query = (
        sa.select(t).where(t.c.organisation_id == organisation_id).order_by(t.c.site_id, t.c.month)
    )
    if site_ids is not None:
        query = query.where(t.c.site_id.in_(site_ids))
    return [
        EnergyReading(r["site_id"], r["month"], r["kwh"], r["renewable_kwh"], r["source"])
        for r in conn.execute(query).mappings()
    ]
