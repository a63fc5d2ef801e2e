"""Governance: trial (pilot) decision records.

Revision ID: governance_trials_0001
Revises: 0001_baseline
Create Date: 2026-11-23
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "governance_trials_0001"
down_revision: str | Sequence[str] | None = "0001_baseline"
branch_labels: str | Sequence[str] | None = ("governance_trials",)
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "trial_decisions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "organisation_id",
            sa.String(64),
            sa.ForeignKey("organisations.id"),
            nullable=False,
            index=True,
        ),
        sa.Column("engagement_id", sa.String(64), nullable=False, index=True),
        sa.Column("pilot_id", sa.String(64), nullable=False, index=True),
        sa.Column("pilot_start", sa.Date, nullable=False),
        sa.Column("pilot_end", sa.Date, nullable=False),
        sa.Column("pilot_sha256", sa.String(64), nullable=False),
        sa.Column("outcome", sa.String(30), nullable=False),
        sa.Column("decision", sa.String(20), nullable=False),
        sa.Column("decided_by", sa.String(200), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("figures", sa.JSON, nullable=False),
        sa.Column("note", sa.Text, nullable=True),
    )


def downgrade() -> None:
    op.drop_table("trial_decisions")
