"""Worker pulse: anonymous eNPS responses by quarter.

Revision ID: pulse_0001
Revises: 0001_baseline
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "pulse_0001"
down_revision: str | Sequence[str] | None = "0001_baseline"
branch_labels: str | Sequence[str] | None = ("pulse",)
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "pulse_responses",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column(
            "organisation_id",
            sa.String(64),
            sa.ForeignKey("organisations.id"),
            nullable=False,
            index=True,
        ),
        sa.Column("engagement_id", sa.String(64), nullable=False, index=True),
        sa.Column("site_id", sa.String(64), nullable=True),
        sa.Column("quarter", sa.String(7), nullable=False),
        sa.Column("score", sa.Integer, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("pulse_responses")
