"""Governance: findings register with history, audits.

Revision ID: governance_0001
Revises: 0001_baseline
Create Date: 2026-11-23
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "governance_0001"
down_revision: str | Sequence[str] | None = "0001_baseline"
branch_labels: str | Sequence[str] | None = ("governance",)
depends_on: str | Sequence[str] | None = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "findings",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "organisation_id",
            sa.String(64),
            sa.ForeignKey("organisations.id"),
            nullable=False,
            index=True,
        ),
        sa.Column("key", sa.String(300), nullable=False, index=True),
        sa.Column("source", sa.String(40), nullable=False),
        sa.Column("engagement_id", sa.String(64), nullable=True, index=True),
        sa.Column("severity", sa.String(20), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
        sa.Column("evidence", sa.JSON, nullable=False),
        sa.Column("period", sa.String(20), nullable=True),
        sa.Column("owner", sa.String(200), nullable=True),
        sa.Column("due_on", sa.Date, nullable=False),
        sa.Column("corrective_action", sa.Text, nullable=True),
        sa.Column("verification_method", sa.String(20), nullable=True),
        sa.Column("status", sa.String(30), nullable=False),
        sa.Column("times_seen", sa.Integer, nullable=False),
        sa.Column("opened_at", TS, nullable=False),
        sa.Column("last_seen_at", TS, nullable=False),
        sa.Column("closed_at", TS, nullable=True),
    )
    op.create_table(
        "finding_history",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "finding_id", sa.Integer, sa.ForeignKey("findings.id"), nullable=False, index=True
        ),
        sa.Column("at", TS, nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("event", sa.String(40), nullable=False),
        sa.Column("changes", sa.JSON, nullable=False),
        sa.Column("note", sa.Text, nullable=True),
    )
    op.create_table(
        "audits",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "organisation_id",
            sa.String(64),
            sa.ForeignKey("organisations.id"),
            nullable=False,
            index=True,
        ),
        sa.Column("engagement_id", sa.String(64), nullable=False, index=True),
        sa.Column("auditor", sa.String(200), nullable=False),
        sa.Column("audited_on", sa.Date, nullable=False),
        sa.Column("scope", sa.Text, nullable=False),
        sa.Column("pillars", sa.JSON, nullable=False),
        sa.Column("method", sa.String(20), nullable=False),
        sa.Column("nonconformities", sa.JSON, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("audits")
    op.drop_table("finding_history")
    op.drop_table("findings")
