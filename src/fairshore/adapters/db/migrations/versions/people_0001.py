"""People: living-wage benchmark overrides, anonymous grievances and replies.

Revision ID: people_0001
Revises: 0001_baseline
Create Date: 2026-11-23
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "people_0001"
down_revision: str | Sequence[str] | None = "0001_baseline"
branch_labels: str | Sequence[str] | None = ("people",)
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "people_benchmarks",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "organisation_id",
            sa.String(64),
            sa.ForeignKey("organisations.id"),
            nullable=False,
            index=True,
        ),
        sa.Column("location", sa.String(200), nullable=False),
        sa.Column("country_iso2", sa.String(2), nullable=False),
        sa.Column("metric", sa.String(40), nullable=False),
        sa.Column("amount", sa.String(60), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("period", sa.String(10), nullable=False),
        sa.Column("year", sa.Integer, nullable=True),
        sa.Column("scope", sa.String(40), nullable=False),
        sa.Column("source", sa.String(500), nullable=False),
        sa.Column("verified", sa.Boolean, nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("added_on", sa.Date, nullable=False),
    )
    op.create_table(
        "grievances",
        sa.Column("id", sa.String(32), primary_key=True),
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
        sa.Column("site_id", sa.String(64), nullable=True),
        sa.Column("category", sa.String(40), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("submitted_on", sa.Date, nullable=False),
        sa.Column("ack_due_on", sa.Date, nullable=False),
        sa.Column("resolve_due_on", sa.Date, nullable=False),
        sa.Column("acknowledged_on", sa.Date, nullable=True),
        sa.Column("investigating_on", sa.Date, nullable=True),
        sa.Column("resolved_on", sa.Date, nullable=True),
        sa.Column("escalated_on", sa.Date, nullable=True),
        sa.Column("receipt_digest", sa.String(64), nullable=False, unique=True),
    )
    op.create_table(
        "grievance_replies",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column(
            "grievance_id",
            sa.String(32),
            sa.ForeignKey("grievances.id"),
            nullable=False,
            index=True,
        ),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("author", sa.String(20), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("written_on", sa.Date, nullable=False),
    )


def downgrade() -> None:
    for name in ("grievance_replies", "grievances", "people_benchmarks"):
        op.drop_table(name)
