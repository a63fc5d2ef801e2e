"""Sourcing: a register of the client's own staff affected by outsourcing.

Revision ID: sourcing_0001_transitions
Revises: 0001_baseline
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "sourcing_0001_transitions"
down_revision: str | Sequence[str] | None = "0001_baseline"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "staff_transitions",
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
        sa.Column("team", sa.String(200), nullable=False),
        sa.Column("recorded_on", sa.Date, nullable=False),
        sa.Column("affected", sa.Integer, nullable=False),
        sa.Column("redeployed", sa.Integer, nullable=False),
        sa.Column("retrained", sa.Integer, nullable=False),
        sa.Column("left", sa.Integer, nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("staff_transitions")
