"""Connectors: the sources a workspace pulls from (never their secrets), with cursors.

Revision ID: sources_0001
Revises: 0001_baseline
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "sources_0001"
down_revision: str | Sequence[str] | None = "0001_baseline"
branch_labels: str | Sequence[str] | None = ("sources",)
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "sources",
        sa.Column(
            "organisation_id", sa.String(64), sa.ForeignKey("organisations.id"), primary_key=True
        ),
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
    )


def downgrade() -> None:
    op.drop_table("sources")
