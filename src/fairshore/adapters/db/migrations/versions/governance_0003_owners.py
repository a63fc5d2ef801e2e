"""Governance: finding owners (assignees), engagements' default owners, the mail outbox.

Revision ID: governance_0003_owners
Revises: governance_0003_audit_requests
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "governance_0003_owners"
down_revision: str | Sequence[str] | None = "governance_0003_audit_requests"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.add_column("findings", sa.Column("assignee", sa.String(320), nullable=True))
    op.create_index("ix_findings_assignee", "findings", ["assignee"])
    op.create_table(
        "engagement_owners",
        sa.Column("organisation_id", sa.String(64), primary_key=True),
        sa.Column("engagement_id", sa.String(64), primary_key=True),
        sa.Column("owner", sa.String(320), nullable=False),
        sa.Column("set_by", sa.String(320), nullable=False),
        sa.Column("set_at", TS, nullable=False),
    )
    op.create_table(
        "notification_outbox",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("organisation_id", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("ref", sa.String(300), nullable=False),
        sa.Column("recipient", sa.String(320), nullable=False),
        sa.Column("subject", sa.String(300), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("error", sa.Text, nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("sent_at", TS, nullable=True),
    )
    op.create_index(
        "ix_notification_outbox_organisation_id", "notification_outbox", ["organisation_id"]
    )


def downgrade() -> None:
    op.drop_table("notification_outbox")
    op.drop_table("engagement_owners")
    with op.batch_alter_table("findings") as batch:  # SQLite rebuilds the table
        batch.drop_index("ix_findings_assignee")
        batch.drop_column("assignee")
