"""Governance: a vendor's proposed due date beside the client's; attachments on responses.

Revision ID: governance_0004_portal
Revises: governance_0003_owners
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "governance_0004_portal"
down_revision: str | Sequence[str] | None = "governance_0003_owners"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("findings", sa.Column("proposed_due", sa.Date, nullable=True))
    op.create_table(
        "finding_attachments",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("organisation_id", sa.String(64), nullable=False, index=True),
        sa.Column(
            "finding_id", sa.Integer, sa.ForeignKey("findings.id"), nullable=False, index=True
        ),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("filename", sa.String(300), nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("added_by", sa.String(320), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("finding_attachments")
    with op.batch_alter_table("findings") as batch:  # SQLite rebuilds the table
        batch.drop_column("proposed_due")
