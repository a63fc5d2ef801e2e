"""The relational tables (SQLAlchemy Core). Migrations in ``migrations/`` create them.

Every table that holds a client's data carries ``organisation_id`` so that one
deployment can serve several client organisations without mixing them.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

organisations = sa.Table(
    "organisations",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

vendors = sa.Table(
    "vendors",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("organisation_id", sa.ForeignKey("organisations.id"), nullable=False, index=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("country_iso2", sa.String(2), nullable=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

sites = sa.Table(
    "sites",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("vendor_id", sa.ForeignKey("vendors.id"), nullable=False, index=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("location", sa.String(200), nullable=False),
    sa.Column("country_iso2", sa.String(2), nullable=False),
    sa.Column("timezone", sa.String(64), nullable=False),
    sa.Column("currency", sa.String(3), nullable=False),
)

engagements = sa.Table(
    "engagements",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("organisation_id", sa.ForeignKey("organisations.id"), nullable=False, index=True),
    sa.Column("vendor_id", sa.ForeignKey("vendors.id"), nullable=False, index=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("timezone", sa.String(64), nullable=False),
    sa.Column("channels", sa.JSON, nullable=False),
    sa.Column("languages", sa.JSON, nullable=False),
    sa.Column("segment_columns", sa.JSON, nullable=False),
    sa.Column("business_hours", sa.JSON, nullable=False),
    sa.Column("holidays", sa.JSON, nullable=False),
    sa.Column("site_ids", sa.JSON, nullable=False),
    sa.Column("regimes", sa.JSON, nullable=False, server_default=sa.text("'[]'")),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

touchpoints = sa.Table(
    "touchpoints",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("organisation_id", sa.ForeignKey("organisations.id"), nullable=False, index=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("channel", sa.String(32), nullable=False),
    sa.Column("intent", sa.String(200), nullable=False),
    sa.Column("attributes", sa.JSON, nullable=False),
)

ingest_batches = sa.Table(
    "ingest_batches",
    metadata,
    sa.Column("id", sa.String(40), primary_key=True),
    sa.Column("engagement_id", sa.ForeignKey("engagements.id"), nullable=False, index=True),
    sa.Column("table_name", sa.String(40), nullable=False),
    sa.Column("format", sa.String(40), nullable=False),
    sa.Column("source_name", sa.String(500), nullable=False),
    sa.Column("sha256", sa.String(64), nullable=False, index=True),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("rows_read", sa.BigInteger, nullable=False, default=0),
    sa.Column("rows_accepted", sa.BigInteger, nullable=False, default=0),
    sa.Column("rows_quarantined", sa.BigInteger, nullable=False, default=0),
    sa.Column("rows_inserted", sa.BigInteger, nullable=False, default=0, server_default="0"),
    sa.Column("rows_updated", sa.BigInteger, nullable=False, default=0, server_default="0"),
    sa.Column("rows_unchanged", sa.BigInteger, nullable=False, default=0, server_default="0"),
    sa.Column("rows_stale", sa.BigInteger, nullable=False, default=0, server_default="0"),
    sa.Column("rows_retracted", sa.BigInteger, nullable=False, default=0, server_default="0"),
    sa.Column("table_version", sa.BigInteger, nullable=True),
    sa.Column("reasons", sa.JSON, nullable=False),
    sa.Column("warnings", sa.JSON, nullable=False),
    sa.Column("error", sa.Text, nullable=True),
    sa.Column("time_min", sa.DateTime(timezone=True), nullable=True),
    sa.Column("time_max", sa.DateTime(timezone=True), nullable=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
)
