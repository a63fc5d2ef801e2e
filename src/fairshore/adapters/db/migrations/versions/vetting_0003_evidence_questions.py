"""Vetting: an evidence document names the questions it supports.

Revision ID: vetting_0003_evidence_questions
Revises: vetting_0002_crit_overrides
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "vetting_0003_evidence_questions"
down_revision: str | Sequence[str] | None = "vetting_0002_crit_overrides"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "vetting_evidence",
        sa.Column("questions", sa.JSON, nullable=False, server_default=sa.text("'[]'")),
    )


def downgrade() -> None:
    with op.batch_alter_table("vetting_evidence") as batch:  # SQLite rebuilds the table
        batch.drop_column("questions")
