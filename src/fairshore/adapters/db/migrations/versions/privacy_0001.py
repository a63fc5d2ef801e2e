"""Privacy: breach incidents and sharing policies.

Revision ID: privacy_0001
Revises: 0001_baseline
Create Date: 2026-11-23
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "privacy_0001"
down_revision: str | Sequence[str] | None = "0001_baseline"
branch_labels: str | Sequence[str] | None = ("privacy",)
depends_on: str | Sequence[str] | None = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "privacy_incidents",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column(
            "organisation_id",
            sa.String(64),
            sa.ForeignKey("organisations.id"),
            nullable=False,
            index=True,
        ),
        sa.Column(
            "engagement_id",
            sa.String(64),
            sa.ForeignKey("engagements.id"),
            nullable=False,
            index=True,
        ),
        sa.Column("external_ref", sa.String(200), nullable=True),
        sa.Column("detected_at", TS, nullable=True),
        sa.Column("vendor_aware_at", TS, nullable=True),
        sa.Column("client_notified_at", TS, nullable=True),
        sa.Column("authority_notified_at", TS, nullable=True),
        sa.Column("subjects_notified_at", TS, nullable=True),
        sa.Column("records_affected", sa.BigInteger, nullable=True),
        sa.Column("categories", sa.JSON, nullable=False),
        sa.Column("severity", sa.String(20), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("root_cause", sa.Text, nullable=False),
        sa.Column("corrective_action", sa.Text, nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.UniqueConstraint("engagement_id", "external_ref", name="uq_privacy_incidents_external"),
    )
    op.create_table(
        "privacy_policies",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "organisation_id",
            sa.String(64),
            sa.ForeignKey("organisations.id"),
            nullable=False,
            index=True,
        ),
        sa.Column(
            "engagement_id",
            sa.String(64),
            sa.ForeignKey("engagements.id"),
            nullable=False,
            index=True,
        ),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("body", sa.JSON, nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.UniqueConstraint("engagement_id", "sha256", name="uq_privacy_policies_sha"),
    )


def downgrade() -> None:
    op.drop_table("privacy_policies")
    op.drop_table("privacy_incidents")
