"""Tables of the privacy feature: breach incidents and sharing policies."""

from __future__ import annotations

import sqlalchemy as sa

from fairshore.adapters.db.tables import metadata

TS = sa.DateTime(timezone=True)

privacy_incidents = sa.Table(
    "privacy_incidents",
    metadata,
    sa.Column("id", sa.String(40), primary_key=True),
    sa.Column("organisation_id", sa.ForeignKey("organisations.id"), nullable=False, index=True),
    sa.Column("engagement_id", sa.ForeignKey("engagements.id"), nullable=False, index=True),
    sa.Column("external_ref", sa.String(200), nullable=True),
    sa.Column("detected_at", TS, nullable=True),
    sa.Column("vendor_aware_at", TS, nullable=True),
    sa.Column("client_notified_at", TS, nullable=True),
    sa.Column("authority_notified_at", TS, nullable=True),
    sa.Column("authority_notification", sa.String(20), nullable=True),
    sa.Column("subjects_notified_at", TS, nullable=True),
    sa.Column("records_affected", sa.BigInteger, nullable=True),
    sa.Column("categories", sa.JSON, nullable=False),
    sa.Column("affected_by_region", sa.JSON, nullable=True),
    sa.Column("notices", sa.JSON, nullable=True),
    sa.Column("severity", sa.String(20), nullable=False),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("description", sa.Text, nullable=False),
    sa.Column("root_cause", sa.Text, nullable=False),
    sa.Column("corrective_action", sa.Text, nullable=False),
    sa.Column("created_at", TS, nullable=False),
    sa.Column("updated_at", TS, nullable=False),
    sa.UniqueConstraint("engagement_id", "external_ref", name="uq_privacy_incidents_external"),
)

privacy_policies = sa.Table(
    "privacy_policies",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("organisation_id", sa.ForeignKey("organisations.id"), nullable=False, index=True),
    sa.Column("engagement_id", sa.ForeignKey("engagements.id"), nullable=False, index=True),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("body", sa.JSON, nullable=False),
    sa.Column("created_at", TS, nullable=False),
    sa.UniqueConstraint("engagement_id", "sha256", name="uq_privacy_policies_sha"),
)
