"""SQL for the privacy feature: incidents and sharing policies."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from fairshore.adapters.db.privacy_tables import privacy_incidents, privacy_policies
from fairshore.adapters.db.repositories import now_utc
from fairshore.privacy.model import Incident

_TIMES = (
    "detected_at",
    "vendor_aware_at",
    "client_notified_at",
    "authority_notified_at",
    "subjects_notified_at",
)


def _utc(value: datetime | None) -> datetime | None:
    # SQLite returns naive datetimes; every stored time is UTC.
    if value is None:
        return None
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _incident(row: Any) -> Incident:
    data = {k: row[k] for k in Incident.model_fields if k in row}
    for key in _TIMES:
        data[key] = _utc(row[key])
    data["affected_by_region"] = data.get("affected_by_region") or {}
    data["notices"] = data.get("notices") or {}
    return Incident.model_validate(data)


def _values(incident: Incident, **exclude: bool) -> dict[str, Any]:
    values = incident.model_dump(exclude=set(exclude))
    # A JSON column holds text: the times of ``notices`` go in as ISO strings.
    values["notices"] = incident.model_dump(mode="json", include={"notices"})["notices"]
    return values


def insert_incident(conn: sa.Connection, organisation_id: str, incident: Incident) -> None:
    now = now_utc()
    conn.execute(
        privacy_incidents.insert().values(
            organisation_id=organisation_id,
            created_at=now,
            updated_at=now,
            **_values(incident),
        )
    )


def update_incident(conn: sa.Connection, incident: Incident) -> None:
    values = _values(incident, id=True, engagement_id=True)
    conn.execute(
        privacy_incidents.update()
        .where(privacy_incidents.c.id == incident.id)
        .values(updated_at=now_utc(), **values)
    )


def get_incident(conn: sa.Connection, organisation_id: str, incident_id: str) -> Incident | None:
    row = (
        conn.execute(
            sa.select(privacy_incidents).where(
                privacy_incidents.c.id == incident_id,
                privacy_incidents.c.organisation_id == organisation_id,
            )
        )
        .mappings()
        .first()
    )
    return None if row is None else _incident(row)


def find_incident_by_ref(
    conn: sa.Connection, engagement_id: str, external_ref: str
) -> Incident | None:
    row = (
        conn.execute(
            sa.select(privacy_incidents).where(
                privacy_incidents.c.engagement_id == engagement_id,
                privacy_incidents.c.external_ref == external_ref,
            )
        )
        .mappings()
        .first()
    )
    return None if row is None else _incident(row)


def list_incidents(
    conn: sa.Connection, organisation_id: str, engagement_id: str | None = None
) -> list[Incident]:
    query = (
        sa.select(privacy_incidents)
        .where(privacy_incidents.c.organisation_id == organisation_id)
        .order_by(privacy_incidents.c.vendor_aware_at, privacy_incidents.c.id)
    )
    if engagement_id is not None:
        query = query.where(privacy_incidents.c.engagement_id == engagement_id)
    return [_incident(r) for r in conn.execute(query).mappings()]


def save_policy(
    conn: sa.Connection,
    organisation_id: str,
    *,
    engagement_id: str,
    version: int,
    sha256: str,
    body: dict[str, Any],
) -> bool:
    """Store a policy unless the same content is stored already; True when stored."""
    exists = conn.execute(
        sa.select(privacy_policies.c.id).where(
            privacy_policies.c.engagement_id == engagement_id,
            privacy_policies.c.sha256 == sha256,
        )
    ).first()
    if exists is not None:
        return False
    conn.execute(
        privacy_policies.insert().values(
            organisation_id=organisation_id,
            engagement_id=engagement_id,
            version=version,
            sha256=sha256,
            body=body,
            created_at=now_utc(),
        )
    )
    return True


def latest_policy(conn: sa.Connection, engagement_id: str) -> dict[str, Any] | None:
    row = conn.execute(
        sa.select(privacy_policies.c.body)
        .where(privacy_policies.c.engagement_id == engagement_id)
        .order_by(privacy_policies.c.id.desc())
        .limit(1)
    ).first()
    return None if row is None else dict(row[0])
