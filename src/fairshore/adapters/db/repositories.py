"""Reading and writing the entity tables; the only place that speaks SQL for them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from fairshore.adapters.db import tables as t
from fairshore.engagements.model import Engagement, Site, Vendor


def now_utc() -> datetime:
    """The current time, UTC, to the microsecond."""
    return datetime.now(UTC)


def ensure_organisation(conn: sa.Connection, organisation_id: str, name: str) -> None:
    """Create the organisation if it does not exist yet."""
    exists = conn.execute(
        sa.select(t.organisations.c.id).where(t.organisations.c.id == organisation_id)
    ).first()
    if exists is None:
        conn.execute(
            t.organisations.insert().values(id=organisation_id, name=name, created_at=now_utc())
        )


def vendor_exists(conn: sa.Connection, vendor_id: str) -> bool:
    return (
        conn.execute(sa.select(t.vendors.c.id).where(t.vendors.c.id == vendor_id)).first()
        is not None
    )


def get_vendor(conn: sa.Connection, organisation_id: str, vendor_id: str) -> Vendor | None:
    row = (
        conn.execute(
            sa.select(t.vendors).where(
                t.vendors.c.id == vendor_id, t.vendors.c.organisation_id == organisation_id
            )
        )
        .mappings()
        .first()
    )
    return (
        None
        if row is None
        else Vendor(id=row["id"], name=row["name"], country_iso2=row["country_iso2"])
    )


def insert_vendor(conn: sa.Connection, organisation_id: str, vendor: Vendor) -> None:
    conn.execute(
        t.vendors.insert().values(
            organisation_id=organisation_id, created_at=now_utc(), **vendor.model_dump()
        )
    )


def list_vendors(conn: sa.Connection, organisation_id: str) -> list[Vendor]:
    rows = conn.execute(
        sa.select(t.vendors)
        .where(t.vendors.c.organisation_id == organisation_id)
        .order_by(t.vendors.c.id)
    ).mappings()
    return [Vendor(id=r["id"], name=r["name"], country_iso2=r["country_iso2"]) for r in rows]


def site_exists(conn: sa.Connection, site_id: str) -> bool:
    return conn.execute(sa.select(t.sites.c.id).where(t.sites.c.id == site_id)).first() is not None


def insert_site(conn: sa.Connection, site: Site) -> None:
    conn.execute(t.sites.insert().values(**site.model_dump()))


def list_sites(
    conn: sa.Connection, organisation_id: str, vendor_id: str | None = None
) -> list[Site]:
    query = (
        sa.select(t.sites)
        .join(t.vendors, t.vendors.c.id == t.sites.c.vendor_id)
        .where(t.vendors.c.organisation_id == organisation_id)
        .order_by(t.sites.c.id)
    )
    if vendor_id is not None:
        query = query.where(t.sites.c.vendor_id == vendor_id)
    return [Site.model_validate(dict(r)) for r in conn.execute(query).mappings()]


def engagement_exists(conn: sa.Connection, engagement_id: str) -> bool:
    query = sa.select(t.engagements.c.id).where(t.engagements.c.id == engagement_id)
    return conn.execute(query).first() is not None


def insert_engagement(conn: sa.Connection, organisation_id: str, engagement: Engagement) -> None:
    data = engagement.model_dump(mode="json")
    conn.execute(
        t.engagements.insert().values(organisation_id=organisation_id, created_at=now_utc(), **data)
    )


def _engagement(row: Any) -> Engagement:
    fields = {k: row[k] for k in Engagement.model_fields}
    fields["regimes"] = fields["regimes"] or []
    return Engagement.model_validate(fields)


def set_engagement_regimes(
    conn: sa.Connection, organisation_id: str, engagement_id: str, regimes: Sequence[str]
) -> None:
    conn.execute(
        t.engagements.update()
        .where(
            t.engagements.c.id == engagement_id,
            t.engagements.c.organisation_id == organisation_id,
        )
        .values(regimes=list(regimes))
    )


def get_engagement(
    conn: sa.Connection, organisation_id: str, engagement_id: str
) -> Engagement | None:
    row = (
        conn.execute(
            sa.select(t.engagements).where(
                t.engagements.c.id == engagement_id,
                t.engagements.c.organisation_id == organisation_id,
            )
        )
        .mappings()
        .first()
    )
    return None if row is None else _engagement(row)


def list_engagements(
    conn: sa.Connection, organisation_id: str, vendor_id: str | None = None
) -> list[Engagement]:
    query = (
        sa.select(t.engagements)
        .where(t.engagements.c.organisation_id == organisation_id)
        .order_by(t.engagements.c.id)
    )
    if vendor_id is not None:
        query = query.where(t.engagements.c.vendor_id == vendor_id)
    return [_engagement(r) for r in conn.execute(query).mappings()]
