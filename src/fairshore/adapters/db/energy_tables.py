"""Tables of metered energy: one reading per vendor site and month."""

from __future__ import annotations

import sqlalchemy as sa

from fairshore.adapters.db.tables import metadata

site_energy = sa.Table(
    "site_energy",
    metadata,
    sa.Column("organisation_id", sa.ForeignKey("organisations.id"), primary_key=True),
    sa.Column("site_id", sa.ForeignKey("sites.id"), primary_key=True),
    sa.Column("month", sa.String(7), primary_key=True),
    sa.Column("kwh", sa.Float, nullable=False),
    sa.Column("renewable_kwh", sa.Float, nullable=True),
    sa.Column("source", sa.String(20), nullable=False),
    sa.Column("loaded_at", sa.DateTime(timezone=True), nullable=False),
)
