"""Governance: the audit register keeps the client's audit requests and the vendor's answers.

Each request: when notice was given, from when the client asked to audit, whether the
vendor granted or refused access and on which day (the ``audit_rights`` clause).

Revision ID: governance_0003_audit_requests
Revises: governance_0002_occurrences
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "governance_0003_audit_requests"
down_revision: str | Sequence[str] | None = "governance_0002_occurrences"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "audit_requests",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "organisation_id",
            sa.String(64),
            sa.ForeignKey("organisations.id"),
            nullable=False,
            index=True,
        ),
        sa.Column("engagement_id", sa.String(64), nullable=False, index=True),
        sa.Column("requested_on", sa.Date, nullable=False),
        sa.Column("audit_from", sa.Date, nullable=True),
        sa.Column("access", sa.String(10), nullable=False),
        sa.Column("decided_on", sa.Date, nullable=True),
        sa.Column("scope", sa.Text, nullable=False),
        sa.Column("note", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("audit_requests")
