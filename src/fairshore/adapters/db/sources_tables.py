"""Tables of the connectors: each source the workspace pulls from, with its cursor.

No secret is stored: ``token_env`` names the environment variable holding the token.
"""

from __future__ import annotations

import sqlalchemy as sa

from fairshore.adapters.db.tables import metadata

sources = sa.Table(
    "sources",
    metadata,
    sa.Column("organisation_id", sa.ForeignKey("organisations.id"), primary_key=True),
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("kind", sa.String(32), nullable=False),
    sa.Column("engagement_id", sa.String(64), nullable=False, index=True),
    sa.Column("base_url", sa.String(500), nullable=False),
    sa.Column("email", sa.String(320), nullable=False),
    sa.Column("token_env", sa.String(100), nullable=False),
    sa.Column("cadence_hours", sa.Integer, nullable=False),
    sa.Column("cursor", sa.Text, nullable=True),
    sa.Column("start_time", sa.BigInteger, nullable=False),
    sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("last_attempt_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("last_success_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("last_error", sa.Text, nullable=True),
    sa.Column("rows_total", sa.BigInteger, nullable=False),
    sa.Column("options", sa.JSON, nullable=True),  # file sources: table, pattern, format ...
)

# The objects (files) a file source has read: an object whose stamp (size and time, or
# ETag) is unchanged is not fetched again; one whose digest is unchanged not ingested again.
source_objects = sa.Table(
    "source_objects",
    metadata,
    sa.Column("organisation_id", sa.String(64), primary_key=True),
    sa.Column("source_id", sa.String(64), primary_key=True),
    sa.Column("key", sa.String(1024), primary_key=True),
    sa.Column("stamp", sa.String(200), nullable=False),
    sa.Column("digest", sa.String(64), nullable=False),
    sa.Column("batch_id", sa.String(64), nullable=True),
    sa.Column("read_at", sa.DateTime(timezone=True), nullable=False),
)
